// The client portal's people: invitations that let a contact set a password, portal sign-in, and the session a
// contact's cookie carries. A contact's session has kind 'contact' and is resolved only here: the console's
// authenticate never admits it. Invitation links and cookies carry random secrets; only their SHA-256 is kept.
// Errors: unauthorized (a wrong sign-in, one message for all; an invitation unknown, used or expired),
// rate_limited (too many failed sign-ins), not_found (a contact outside the caller's reach), forbidden (a
// buyer managing users), conflict (an inactive or erased contact invited).
import { randomBytes } from "node:crypto";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { ContactRole } from "../companies/contacts.ts";
import type { CompanyScope } from "../companies/scope.ts";
import {
  assertNotLimited,
  openSession,
  parseSessionToken,
  recordFailure,
  sha256,
  WRONG_SIGN_IN,
} from "../sessions/service.ts";
import { hashPassword, verifyPassword } from "../tenants/secrets.ts";

/** How long an invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const TOKEN_BYTES = 32;
const TOKEN_CHARS = 43;

/** The most contacts the portal lists for one company. */
export const MAX_PORTAL_USERS = 500;

/** Who a portal request acts as: a contact of one client company. */
export interface ContactPrincipal {
  kind: "contact";
  tenantId: string;
  contactId: string;
  companyId: string;
  role: ContactRole;
  name: string;
  email: string;
  sessionId: string;
  expiresAt: Date;
}

/** A scope of exactly one company: the portal's reach, in the shape the companies module takes. */
export function ownCompany(tenantId: string, companyId: string): CompanyScope {
  return {
    tenantId,
    salesRepId: null,
    where(idExpr, params) {
      params.push(companyId);
      return `${idExpr} = $${params.length}`;
    },
    async includes(q, id) {
      if (id !== companyId) return false;
      const r = await q.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
      return r.rows.length > 0;
    },
  };
}

export interface Invitation {
  id: string;
  contactId: string;
  expiresAt: Date;
  /** The secret of the link; never stored. */
  token: string;
}

/**
 * Invites a contact to the portal: a new one-time token that ends the contact's earlier invitations. The
 * caller has checked that the contact is within its reach.
 */
export async function inviteContact(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  change: Change,
): Promise<Invitation> {
  const r = await tx.query<{ deactivated_at: Date | null; erased_at: Date | null }>(
    "SELECT deactivated_at, erased_at FROM contacts WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, contactId],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `there is no contact ${contactId}`, "id");
  if (row.deactivated_at !== null || row.erased_at !== null) {
    throw new ApiError("conflict", `contact ${contactId} is not active and cannot be invited`, "id");
  }
  const now = change.at;
  await tx.query(
    "UPDATE contact_invitations SET used_at = $3 WHERE tenant_id = $1 AND contact_id = $2 AND used_at IS NULL",
    [tenantId, contactId, now],
  );
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const id = newId("inv", now.getTime());
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await tx.query(
    `INSERT INTO contact_invitations (tenant_id, id, contact_id, token_hash, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, id, contactId, sha256(token), change.actor, now, expiresAt],
  );
  await recordAudit(tx, tenantId, change, {
    action: "contact.invite",
    target: contactId,
    before: null,
    after: { invitation: id, expiresAt: expiresAt.toISOString() },
  });
  return { id, contactId, expiresAt, token };
}

export const INVALID_INVITATION = "the invitation link is not valid, was already used or has expired";

/** Sets the contact's password from an invitation's token, uses the invitation up and ends other sessions. */
export async function acceptInvitation(
  tx: Queryable,
  tenantId: string,
  token: string,
  password: string,
  now: Date,
  requestId: string,
): Promise<{ contactId: string }> {
  if (token.length !== TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) {
    throw new ApiError("unauthorized", INVALID_INVITATION, "token");
  }
  const r = await tx.query<{ id: string; contact_id: string }>(
    `SELECT i.id, i.contact_id FROM contact_invitations i
     JOIN contacts c ON c.tenant_id = i.tenant_id AND c.id = i.contact_id
     WHERE i.tenant_id = $1 AND i.token_hash = $2 AND i.used_at IS NULL AND i.expires_at > $3
       AND c.deactivated_at IS NULL AND c.erased_at IS NULL
     FOR UPDATE OF i`,
    [tenantId, sha256(token), now],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("unauthorized", INVALID_INVITATION, "token");
  const passwordHash = await hashPassword(password);
  await tx.query("UPDATE contact_invitations SET used_at = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    row.id,
    now,
  ]);
  const before = await tx.query<{ set: boolean }>(
    `SELECT password_hash IS NOT NULL AS set FROM contacts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, row.contact_id],
  );
  await tx.query("UPDATE contacts SET password_hash = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    row.contact_id,
    passwordHash,
  ]);
  await tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND kind = 'contact' AND subject_id = $2", [
    tenantId,
    row.contact_id,
  ]);
  await recordAudit(
    tx,
    tenantId,
    { actor: row.contact_id, at: now, comment: null, requestId },
    {
      action: "contact.password",
      target: row.contact_id,
      before: { passwordSet: before.rows[0]?.set ?? false },
      after: { passwordSet: true, invitation: row.id },
    },
  );
  return { contactId: row.contact_id };
}

interface ContactAuthRow {
  id: string;
  company_id: string;
  role: ContactRole;
  name: string;
  email: string;
  password_hash: string | null;
}

let decoyHash: Promise<string> | null = null;

/** Checks a contact's password and opens a portal session; failures count as the console's do. */
export async function signInContact(
  db: Queryable,
  input: { tenantId: string; email: string; password: string; ip: string },
  now: Date,
): Promise<{ token: string; principal: ContactPrincipal }> {
  const email = input.email.toLowerCase();
  await assertNotLimited(db, input.tenantId, email, input.ip, now);
  const r = await db.query<ContactAuthRow>(
    `SELECT id, company_id, role, name, email, password_hash FROM contacts
     WHERE tenant_id = $1 AND lower(email) = $2 AND deactivated_at IS NULL AND erased_at IS NULL`,
    [input.tenantId, email],
  );
  const row = r.rows[0];
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash));
  if (!row || row.password_hash === null || !ok) {
    await recordFailure(db, input.tenantId, email, input.ip, now);
    throw new ApiError("unauthorized", WRONG_SIGN_IN);
  }
  await db.query("DELETE FROM login_failures WHERE tenant_id = $1 AND email = $2", [input.tenantId, email]);
  const opened = await openSession(db, input.tenantId, "contact", row.id, now);
  return {
    token: opened.token,
    principal: principalOf(input.tenantId, row, opened.sessionId, opened.expiresAt),
  };
}

/** Opens a portal session for a contact that just set its password. */
export async function openContactSession(
  db: Queryable,
  tenantId: string,
  contactId: string,
  now: Date,
): Promise<{ token: string; principal: ContactPrincipal }> {
  const r = await db.query<ContactAuthRow>(
    "SELECT id, company_id, role, name, email, password_hash FROM contacts WHERE tenant_id = $1 AND id = $2",
    [tenantId, contactId],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`contact ${contactId} vanished after accepting an invitation`);
  const opened = await openSession(db, tenantId, "contact", row.id, now);
  return { token: opened.token, principal: principalOf(tenantId, row, opened.sessionId, opened.expiresAt) };
}

/** The live portal session a cookie carries; null when unknown, ended, expired or the contact is inactive. */
export async function contactSessionForToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<ContactPrincipal | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const r = await db.query<ContactAuthRow & { session_id: string; expires_at: Date | string }>(
    `SELECT s.id AS session_id, s.expires_at, c.id, c.company_id, c.role, c.name, c.email, c.password_hash
     FROM sessions s JOIN contacts c ON c.tenant_id = s.tenant_id AND c.id = s.subject_id
     WHERE s.tenant_id = $1 AND s.secret_hash = $2 AND s.kind = 'contact' AND s.expires_at > $3
       AND c.deactivated_at IS NULL AND c.erased_at IS NULL`,
    [parsed.tenantId, parsed.secretHash, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  return principalOf(parsed.tenantId, row, row.session_id, new Date(row.expires_at));
}

function principalOf(
  tenantId: string,
  row: ContactAuthRow,
  sessionId: string,
  expiresAt: Date,
): ContactPrincipal {
  return {
    kind: "contact",
    tenantId,
    contactId: row.id,
    companyId: row.company_id,
    role: row.role,
    name: row.name,
    email: row.email,
    sessionId,
    expiresAt,
  };
}

export interface PortalUser {
  id: string;
  name: string;
  email: string;
  role: ContactRole;
  /** Whether the contact has set a password and can sign in. */
  passwordSet: boolean;
  /** When the last open invitation ends; null when none is open. */
  invitationExpiresAt: string | null;
}

/** The active contacts of one company, by name. */
export async function portalUsers(
  q: Queryable,
  tenantId: string,
  companyId: string,
  now: Date,
): Promise<PortalUser[]> {
  const params: Param[] = [tenantId, companyId, now, MAX_PORTAL_USERS];
  const r = await q.query<{
    id: string;
    name: string;
    email: string;
    role: ContactRole;
    password_set: boolean;
    invitation_expires_at: Date | string | null;
  }>(
    `SELECT c.id, c.name, c.email, c.role, c.password_hash IS NOT NULL AS password_set,
       (SELECT max(i.expires_at) FROM contact_invitations i
        WHERE i.tenant_id = c.tenant_id AND i.contact_id = c.id AND i.used_at IS NULL AND i.expires_at > $3)
         AS invitation_expires_at
     FROM contacts c
     WHERE c.tenant_id = $1 AND c.company_id = $2 AND c.deactivated_at IS NULL AND c.erased_at IS NULL
     ORDER BY c.name, c.id LIMIT $4`,
    params,
  );
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    email: x.email,
    role: x.role,
    passwordSet: x.password_set,
    invitationExpiresAt:
      x.invitation_expires_at === null ? null : new Date(x.invitation_expires_at).toISOString(),
  }));
}

/** The company's id and name, for the portal's header. */
export async function companyOf(
  q: Queryable,
  tenantId: string,
  companyId: string,
): Promise<{ id: string; name: string }> {
  const r = await q.query<{ name: string | null }>(
    "SELECT name FROM members WHERE tenant_id = $1 AND id = $2",
    [tenantId, companyId],
  );
  return { id: companyId, name: r.rows[0]?.name ?? companyId };
}
