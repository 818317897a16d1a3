// Widget tokens: the seller's backend, holding an API key, mints a short-lived read-only token for the buyer
// signed in to its shop (one company, optionally one contact); the widget in the buyer's browser shows that
// company's points with it and nothing else. Only the SHA-256 of a token's secret is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { findMember } from "../members/service.ts";
import { TENANT_ID_PATTERN } from "../tenants/secrets.ts";

const PREFIX = "pwt";
const SECRET_BYTES = 32;
const SECRET_CHARS = 43;

export const DEFAULT_WIDGET_TOKEN_MINUTES = 15;
export const MAX_WIDGET_TOKEN_MINUTES = 24 * 60;

export interface WidgetPrincipal {
  tenantId: string;
  memberId: string;
  contactId: string | null;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function mintWidgetToken(
  tx: Queryable,
  tenantId: string,
  input: { memberId: string; contactId: string | null; expiresInMinutes: number },
  actor: string,
  now: Date,
): Promise<{ token: string; memberId: string; contactId: string | null; expiresAt: string }> {
  if ((await findMember(tx, tenantId, input.memberId)) === null)
    throw new ApiError("not_found", `no member ${input.memberId}`, "memberId");
  if (input.contactId !== null) {
    const c = await tx.query<{ company_id: string }>(
      "SELECT company_id FROM contacts WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL AND erased_at IS NULL",
      [tenantId, input.contactId],
    );
    if (c.rows[0]?.company_id !== input.memberId)
      throw new ApiError("not_found", `no contact ${input.contactId} of ${input.memberId}`, "contactId");
  }
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.expiresInMinutes * 60_000);
  await tx.query(
    `INSERT INTO widget_tokens (tenant_id, token_hash, member_id, contact_id, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, sha256(secret), input.memberId, input.contactId, actor, now, expiresAt],
  );
  return {
    token: `${PREFIX}_${tenantId}_${secret}`,
    memberId: input.memberId,
    contactId: input.contactId,
    expiresAt: expiresAt.toISOString(),
  };
}

/** The member a live widget token is for, or null. */
export async function widgetPrincipal(
  q: Queryable,
  token: string,
  now: Date,
): Promise<WidgetPrincipal | null> {
  const head = `${PREFIX}_`;
  if (!token.startsWith(head) || token.length < head.length + 3 + SECRET_CHARS) return null;
  const secret = token.slice(-SECRET_CHARS);
  const tenantId = token.slice(head.length, -SECRET_CHARS - 1);
  if (token.at(-SECRET_CHARS - 1) !== "_" || !TENANT_ID_PATTERN.test(tenantId)) return null;
  const r = await q.query<{ member_id: string; contact_id: string | null }>(
    "SELECT member_id, contact_id FROM widget_tokens WHERE tenant_id = $1 AND token_hash = $2 AND expires_at > $3",
    [tenantId, sha256(secret), now],
  );
  const row = r.rows[0];
  return row ? { tenantId, memberId: row.member_id, contactId: row.contact_id } : null;
}
