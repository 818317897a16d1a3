// Tenants, their console users and API keys: bootstrap, create, list, revoke, and the lookup of the key a
// request presents. Every change writes its audit row in the caller's transaction.
// Errors: conflict (a taken tenant id or email, the last owner key), forbidden (a role above the actor's),
// not_found (an unknown key id).
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { READ_CACHE_MS, ReadCache } from "../../db/read-cache.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { mayGrant, type Role } from "./roles.ts";
import { newKeySecret, parseKeyToken } from "./secrets.ts";

/** Who a request acts as, resolved from its API key or from a browser session. */
export interface Principal {
  tenantId: string;
  /** The API key; for a browser session, the signed-in user. Changes are recorded under this actor. */
  keyId: string;
  role: Role;
  /** Whose session it is: the tenant's own staff (absent means staff), or later a portal contact. */
  kind?: "staff" | "contact";
  /** The signed-in user of a browser session, or the console user an API key was made to act for. */
  userId?: string | null;
  /** The browser session the request comes with. */
  sessionId?: string;
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string | null;
  prefix: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  /** The console user the key acts for; null for an integration's key. */
  userId: string | null;
}

export interface Page<T> {
  data: T[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The most rows one page of keys or users holds. */
export const MAX_PAGE = 200;

/** Keys recently found, by the hash of their secret; a revoke in this process drops its tenant's at once. */
const principals = new ReadCache<Principal | null>(READ_CACHE_MS);

/**
 * The key behind a bearer token, if it exists and is not revoked. Kept for `READ_CACHE_MS`: a key revoked by
 * this process stops working at once, one revoked by another process sharing the database within that time.
 */
export async function principalForToken(db: Queryable, token: string): Promise<Principal | null> {
  const parsed = parseKeyToken(token);
  if (!parsed) return null;
  return principals.get(db, parsed.tenantId, parsed.secretHash, () => readPrincipal(db, parsed));
}

/** Drops the tenant's cached keys: called before a revoke's change and again once it is committed. */
export function forgetKeys(tenantId: string): void {
  principals.invalidate(tenantId);
}

async function readPrincipal(
  db: Queryable,
  parsed: { tenantId: string; secretHash: string },
): Promise<Principal | null> {
  const r = await db.query<{ id: string; role: Role; user_id: string | null }>(
    "SELECT id, role, user_id FROM api_keys WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL",
    [parsed.tenantId, parsed.secretHash],
  );
  const key = r.rows[0];
  return key ? { tenantId: parsed.tenantId, keyId: key.id, role: key.role, userId: key.user_id } : null;
}

export async function tenantCount(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tenants");
  return r.rows[0]?.n ?? 0;
}

export interface BootstrapInput {
  id: string;
  name: string;
  owner: { email: string; name: string; passwordHash: string | null };
}

/**
 * Creates a tenant, its owner and an owner API key. With `onlyIfFirst`, refuses when any tenant exists
 * (checked under a table lock, so two first bootstraps cannot both pass).
 */
export async function bootstrapTenant(
  tx: Queryable,
  input: BootstrapInput,
  change: Change,
  opts: { onlyIfFirst: boolean },
): Promise<{ tenant: Tenant; owner: User; apiKey: ApiKey; token: string }> {
  if (opts.onlyIfFirst) {
    await tx.query("LOCK TABLE tenants IN SHARE ROW EXCLUSIVE MODE");
    if ((await tenantCount(tx)) > 0) {
      throw new ApiError(
        "forbidden",
        "this deployment already has a tenant: start the server with a bootstrap token to create more",
      );
    }
  }
  const made = await tx.query<{ id: string }>(
    "INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id",
    [input.id, input.name, change.at],
  );
  if (made.rows.length === 0) throw new ApiError("conflict", `a tenant with id ${input.id} exists`, "id");
  const tenant = { id: input.id, name: input.name, createdAt: change.at.toISOString() };
  const owner = await insertUser(tx, input.id, { ...input.owner, role: "owner" }, change.at);
  const { key, token } = await insertKey(tx, input.id, { role: "owner", name: "owner" }, owner.id, change.at);
  await recordAudit(tx, input.id, change, {
    action: "tenant.bootstrap",
    target: input.id,
    before: null,
    after: { tenant, owner, apiKey: key },
  });
  return { tenant, owner, apiKey: key, token };
}

export async function createApiKey(
  tx: Queryable,
  tenantId: string,
  input: { role: Role; name: string | null; userId?: string | null },
  actor: Principal,
  change: Change,
): Promise<{ key: ApiKey; token: string }> {
  assertMayGrant(actor.role, input.role);
  if (input.userId != null) await assertActsForUser(tx, tenantId, input.userId, input.role);
  const made = await insertKey(tx, tenantId, input, change.actor, change.at);
  await recordAudit(tx, tenantId, change, {
    action: "api_key.create",
    target: made.key.id,
    before: null,
    after: { ...made.key },
  });
  return made;
}

/**
 * Revokes a key; revoking a revoked key changes nothing. An owner key can be revoked only by an owner, and
 * never the tenant's last one, which would lock everyone out.
 */
export async function revokeApiKey(
  tx: Queryable,
  tenantId: string,
  keyId: string,
  actor: Principal,
  change: Change,
): Promise<ApiKey> {
  const byId = () => selectKeys(tx, "tenant_id = $1 AND id = $2", [tenantId, keyId]);
  const key = (await byId())[0];
  if (!key) throw new ApiError("not_found", `there is no API key ${keyId}`, "id");
  if (key.revokedAt !== null) return key;
  if (key.role === "owner") {
    if (actor.role !== "owner")
      throw new ApiError("forbidden", "only an owner may revoke an owner key", "id");
    // Lock every active owner key, in id order so that concurrent revokes queue instead of deadlocking.
    const owners = await tx.query<{ id: string }>(
      "SELECT id FROM api_keys WHERE tenant_id = $1 AND role = 'owner' AND revoked_at IS NULL ORDER BY id FOR UPDATE",
      [tenantId],
    );
    const active = owners.rows.some((r) => r.id === keyId);
    if (active && owners.rows.length === 1)
      throw new ApiError(
        "conflict",
        "this is the tenant's last owner key: create another owner key first",
        "id",
      );
  }
  forgetKeys(tenantId);
  const r = await tx.query(
    "UPDATE api_keys SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL",
    [tenantId, keyId, change.at],
  );
  const after = (await byId())[0] ?? key;
  if (r.rowCount === 0) return after; // another request revoked it meanwhile: that one wrote the audit row
  await recordAudit(tx, tenantId, change, {
    action: "api_key.revoke",
    target: keyId,
    before: { revokedAt: null },
    after: { revokedAt: after.revokedAt },
  });
  return after;
}

export async function listApiKeys(
  db: Queryable,
  tenantId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<ApiKey>> {
  await assertCursor(db, "api_keys", tenantId, page.cursor);
  const limit = pageSize(page.limit);
  const rows = await selectKeys(
    db,
    page.cursor === undefined ? "tenant_id = $1" : "tenant_id = $1 AND id > $2",
    page.cursor === undefined ? [tenantId] : [tenantId, page.cursor],
    limit + 1,
  );
  return toPage(rows, limit);
}

export async function createUser(
  tx: Queryable,
  tenantId: string,
  input: { email: string; name: string; role: Role; passwordHash: string | null },
  actor: Principal,
  change: Change,
): Promise<User> {
  assertMayGrant(actor.role, input.role);
  const user = await insertUser(tx, tenantId, input, change.at);
  await recordAudit(tx, tenantId, change, {
    action: "user.create",
    target: user.id,
    before: null,
    after: { ...user },
  });
  return user;
}

export async function listUsers(
  db: Queryable,
  tenantId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<User>> {
  await assertCursor(db, "users", tenantId, page.cursor);
  const limit = pageSize(page.limit);
  const params: Param[] = page.cursor === undefined ? [tenantId] : [tenantId, page.cursor];
  params.push(limit + 1);
  const r = await db.query<UserRow>(
    `SELECT id, email, name, role, created_at FROM users
     WHERE tenant_id = $1 ${page.cursor === undefined ? "" : "AND id > $2"} ORDER BY id LIMIT $${params.length}`,
    params,
  );
  return toPage(r.rows.map(toUser), limit);
}

/** A key made for a user must name one of the tenant's users and carry that user's role. */
async function assertActsForUser(tx: Queryable, tenantId: string, userId: string, role: Role): Promise<void> {
  const r = await tx.query<{ role: Role }>("SELECT role FROM users WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    userId,
  ]);
  const user = r.rows[0];
  if (!user) throw new ApiError("validation_failed", `there is no user ${userId}`, "userId");
  if (user.role !== role)
    throw new ApiError(
      "validation_failed",
      `a key acting for user ${userId} must have the user's role, ${user.role}`,
      "role",
    );
}

function assertMayGrant(actor: Role, role: Role): void {
  if (!mayGrant(actor, role))
    throw new ApiError("forbidden", `a ${actor} may not grant the role ${role}`, "role");
}

async function insertUser(
  tx: Queryable,
  tenantId: string,
  input: { email: string; name: string; role: Role; passwordHash: string | null },
  at: Date,
): Promise<User> {
  const id = newId("usr", at.getTime());
  // Emails are unique per tenant whatever their case; ON CONFLICT makes a concurrent duplicate a clean 409.
  const r = await tx.query<UserRow>(
    `INSERT INTO users (tenant_id, id, email, name, role, password_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
     RETURNING id, email, name, role, created_at`,
    [tenantId, id, input.email, input.name, input.role, input.passwordHash, at],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("conflict", `a user with the email ${input.email} exists`, "email");
  return toUser(row);
}

async function insertKey(
  tx: Queryable,
  tenantId: string,
  input: { role: Role; name: string | null; userId?: string | null },
  createdBy: string,
  at: Date,
): Promise<{ key: ApiKey; token: string }> {
  const secret = newKeySecret(tenantId);
  const id = newId("key", at.getTime());
  const userId = input.userId ?? null;
  await tx.query(
    `INSERT INTO api_keys (tenant_id, id, name, prefix, secret_hash, role, created_by, created_at, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [tenantId, id, input.name, secret.prefix, secret.secretHash, input.role, createdBy, at, userId],
  );
  const key: ApiKey = {
    id,
    name: input.name,
    prefix: secret.prefix,
    role: input.role,
    createdBy,
    createdAt: at.toISOString(),
    revokedAt: null,
    userId,
  };
  return { key, token: secret.token };
}

async function selectKeys(
  db: Queryable,
  where: string,
  params: Param[],
  limit = MAX_PAGE + 1,
): Promise<ApiKey[]> {
  const r = await db.query<KeyRow>(
    `SELECT id, name, prefix, role, created_by, created_at, revoked_at, user_id FROM api_keys
     WHERE ${where} ORDER BY id LIMIT ${Math.trunc(limit)}`,
    params,
  );
  return r.rows.map(toKey);
}

function pageSize(limit: number): number {
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE);
}

function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? last.id : null };
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date | string;
}

interface KeyRow {
  id: string;
  name: string | null;
  prefix: string;
  role: Role;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  user_id: string | null;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function toKey(r: KeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
    userId: r.user_id,
  };
}
