// Browser sessions: sign in with a password, the session a cookie carries, sign out, and setting passwords.
// The cookie holds `<tenant>.<secret>`; only the secret's SHA-256 is stored, so the table signs nobody in.
// Errors: unauthorized (a wrong tenant, email or password: one message for all), rate_limited (too many
// failed sign-ins for an email or from an address), forbidden (a password the actor may not set),
// not_found (an unknown user).
import { createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { ACCESS_MANAGERS, mayGrant, type Role } from "../tenants/roles.ts";
import { hashPassword, TENANT_ID_PATTERN, verifyPassword } from "../tenants/secrets.ts";
import type { Principal } from "../tenants/service.ts";

/** How long a session lasts from sign-in; then the person signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** The window failed sign-ins are counted over. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins for one email within the window before further tries are refused. */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failed sign-ins from one address within the window, across emails, before further tries are refused. */
export const MAX_FAILURES_PER_IP = 30;

const SECRET_BYTES = 32;
const SECRET_CHARS = 43;

/** The one answer to every wrong sign-in, so that it tells nobody which emails exist. */
export const WRONG_SIGN_IN = "the organisation, email or password is wrong";

// Checked against when the email is unknown, so that a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface SignedIn {
  /** The cookie's value; never stored. */
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
}

export interface SignInInput {
  tenantId: string;
  email: string;
  password: string;
  /** The address the request came from, for the rate limit. */
  ip: string;
}

/** Checks the password and opens a session; counts failures and refuses when there were too many. */
export async function signIn(db: Queryable, input: SignInInput, now: Date): Promise<SignedIn> {
  const email = input.email.toLowerCase();
  await assertNotLimited(db, input.tenantId, email, input.ip, now);
  const r = await db.query<SessionUser & { password_hash: string | null }>(
    "SELECT id, email, name, role, password_hash FROM users WHERE tenant_id = $1 AND lower(email) = $2",
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
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  const opened = await openSession(db, input.tenantId, "staff", user.id, now);
  return { ...opened, user };
}

export async function assertNotLimited(
  db: Queryable,
  tenantId: string,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const r = await db.query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE email = $2)::int AS by_email, count(*) FILTER (WHERE ip = $3)::int AS by_ip
     FROM login_failures WHERE tenant_id = $1 AND at > $4 AND (email = $2 OR ip = $3)`,
    [tenantId, email, ip, since],
  );
  const counts = r.rows[0] ?? { by_email: 0, by_ip: 0 };
  if (counts.by_email >= MAX_FAILURES_PER_EMAIL || counts.by_ip >= MAX_FAILURES_PER_IP) {
    throw new ApiError(
      "rate_limited",
      `too many failed sign-ins: try again in ${LOGIN_WINDOW_MS / 60_000} minutes`,
    );
  }
}

/** Written outside any transaction, so that the failure stays counted though the request fails. */
export async function recordFailure(
  db: Queryable,
  tenantId: string,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  await db.query("INSERT INTO login_failures (tenant_id, id, email, ip, at) VALUES ($1, $2, $3, $4, $5)", [
    tenantId,
    newId("lgf", now.getTime()),
    email,
    ip,
    now,
  ]);
  // Rows past the window count for nothing; each failure clears its tenant's, so the table stays small.
  await db.query("DELETE FROM login_failures WHERE tenant_id = $1 AND at <= $2", [
    tenantId,
    new Date(now.getTime() - LOGIN_WINDOW_MS),
  ]);
}

export async function openSession(
  db: Queryable,
  tenantId: string,
  kind: "staff" | "contact",
  subjectId: string,
  now: Date,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const sessionId = newId("ses", now.getTime());
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.query(
    `INSERT INTO sessions (tenant_id, id, secret_hash, kind, subject_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, sessionId, sha256(secret), kind, subjectId, now, expiresAt],
  );
  return { token: `${tenantId}.${secret}`, sessionId, expiresAt };
}

/** The tenant and secret hash of a cookie's value, or null when it is not shaped like one. */
export function parseSessionToken(token: string): { tenantId: string; secretHash: string } | null {
  const dot = token.indexOf(".");
  const tenantId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !TENANT_ID_PATTERN.test(tenantId)) return null;
  if (secret.length !== SECRET_CHARS || !/^[A-Za-z0-9_-]+$/.test(secret)) return null;
  return { tenantId, secretHash: sha256(secret) };
}

export interface CurrentSession {
  principal: Principal;
  user: SessionUser;
  expiresAt: Date;
}

/** The live session a cookie carries, with its user; null when unknown, ended or expired. */
export async function sessionForToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<CurrentSession | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  // Staff sessions only: a portal contact's session (kind 'contact') never resolves here, so it never passes
  // as staff; the portal resolves its own in modules/portal/service.ts.
  const r = await db.query<SessionUser & { session_id: string; expires_at: Date | string }>(
    `SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.name, u.role
     FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.subject_id
     WHERE s.tenant_id = $1 AND s.secret_hash = $2 AND s.kind = 'staff' AND s.expires_at > $3`,
    [parsed.tenantId, parsed.secretHash, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  return {
    principal: {
      tenantId: parsed.tenantId,
      keyId: user.id,
      role: user.role,
      kind: "staff",
      userId: user.id,
      sessionId: row.session_id,
    },
    user,
    expiresAt: new Date(row.expires_at),
  };
}

/** Whether a cookie carries a live portal contact's session: the console API answers it 403, not 401. */
export async function isContactSession(db: Queryable, token: string, now: Date): Promise<boolean> {
  const parsed = parseSessionToken(token);
  if (!parsed) return false;
  const r = await db.query(
    "SELECT 1 FROM sessions WHERE tenant_id = $1 AND secret_hash = $2 AND kind = 'contact' AND expires_at > $3",
    [parsed.tenantId, parsed.secretHash, now],
  );
  return r.rows.length > 0;
}

/** Ends the session a cookie carries; an unknown or ended one changes nothing. */
export async function endSession(db: Queryable, token: string): Promise<void> {
  const parsed = parseSessionToken(token);
  if (!parsed) return;
  await db.query("DELETE FROM sessions WHERE tenant_id = $1 AND secret_hash = $2", [
    parsed.tenantId,
    parsed.secretHash,
  ]);
}

export interface SetPasswordInput {
  userId: string;
  passwordHash: string;
  /** Needed when people change their own password and already have one. */
  currentPassword: string | undefined;
}

/**
 * Sets a user's password. People set their own (giving the current one, if they have one); owners and
 * admins set anyone's whose role they may grant, for a first password or a reset. Every other session of
 * that user ends.
 */
export async function setPassword(
  tx: Queryable,
  tenantId: string,
  input: SetPasswordInput,
  actor: Principal,
  change: Change,
): Promise<SessionUser> {
  const r = await tx.query<SessionUser & { password_hash: string | null }>(
    "SELECT id, email, name, role, password_hash FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, input.userId],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `there is no user ${input.userId}`, "id");
  const own = actor.userId === row.id;
  if (own && row.password_hash !== null) {
    const ok =
      input.currentPassword !== undefined && (await verifyPassword(input.currentPassword, row.password_hash));
    if (!ok) throw new ApiError("forbidden", "the current password is wrong", "currentPassword");
  }
  if (!own && !(ACCESS_MANAGERS.includes(actor.role) && mayGrant(actor.role, row.role))) {
    throw new ApiError("forbidden", `a ${actor.role} may not set the password of a ${row.role}`, "id");
  }
  await tx.query("UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    row.id,
    input.passwordHash,
  ]);
  await tx.query(
    "DELETE FROM sessions WHERE tenant_id = $1 AND kind = 'staff' AND subject_id = $2 AND id IS DISTINCT FROM $3",
    [tenantId, row.id, actor.sessionId ?? null],
  );
  await recordAudit(tx, tenantId, change, {
    action: "user.password",
    target: row.id,
    before: { passwordSet: row.password_hash !== null },
    after: { passwordSet: true },
  });
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
