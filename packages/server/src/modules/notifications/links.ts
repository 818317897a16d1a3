// Signed links in messages (unsubscribe, answer a survey): the payload and an HMAC-SHA256 of it with the
// tenant's own secret, so a link works without signing in and cannot be made up or changed.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../../db/db.ts";

export type LinkPayload =
  | { kind: "unsubscribe"; contactId: string; category: string }
  | { kind: "survey"; requestId: string };

/** The tenant's signing secret, made on first use. */
export async function linkSecret(q: Queryable, tenantId: string): Promise<string> {
  await q.query(
    "INSERT INTO notification_secrets (tenant_id, secret) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING",
    [tenantId, randomBytes(32).toString("base64url")],
  );
  const r = await q.query<{ secret: string }>(
    "SELECT secret FROM notification_secrets WHERE tenant_id = $1",
    [tenantId],
  );
  const secret = r.rows[0]?.secret;
  if (!secret) throw new Error(`no link secret for ${tenantId}`);
  return secret;
}

/** Reads the secret without making one (a link of a tenant that never sent one is not valid). */
async function existingSecret(q: Queryable, tenantId: string): Promise<string | null> {
  const r = await q.query<{ secret: string }>(
    "SELECT secret FROM notification_secrets WHERE tenant_id = $1",
    [tenantId],
  );
  return r.rows[0]?.secret ?? null;
}

const mac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64url");

export function signLink(secret: string, payload: LinkPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(secret, body)}`;
}

/** The payload of a token the tenant signed; null for anything else. */
export async function verifyLink(q: Queryable, tenantId: string, token: string): Promise<LinkPayload | null> {
  const [body, sig, ...rest] = token.split(".");
  if (!body || !sig || rest.length > 0) return null;
  const secret = await existingSecret(q, tenantId);
  if (secret === null) return null;
  const want = Buffer.from(mac(secret, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as LinkPayload;
    if (p.kind === "unsubscribe" && typeof p.contactId === "string" && typeof p.category === "string")
      return p;
    if (p.kind === "survey" && typeof p.requestId === "string") return p;
    return null;
  } catch {
    return null;
  }
}
