// Companies: the members of the program as a CRM sees them (name, tax id, holding and branches, segment,
// region, sales rep, attributes), created by hand or by their first order, searched and paged.
// Errors: not_found (a company outside the tenant or the caller's scope), validation_failed (an unknown parent,
// a cycle or too deep a hierarchy, an unknown sales rep, a new company without a name), forbidden (a sales
// manager giving a client to another rep).
import { notACursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { balanceOf } from "../ledger/service.ts";
import { pendingAccount, walletAccount } from "../members/service.ts";
import { type CompanyScope, MAX_HIERARCHY_DEPTH } from "./scope.ts";

export { MAX_HIERARCHY_DEPTH };

/** The most rows one page of companies or contacts holds. */
export const MAX_PAGE = 200;

/** The most direct subsidiaries a company's detail lists (`childCount` tells how many there are). */
export const MAX_CHILDREN_SHOWN = 100;

/** The most distinct segments `listSegments` answers. */
export const MAX_SEGMENTS = 1000;

export type Attributes = Record<string, string | number | boolean | null>;

export interface Company {
  id: string;
  name: string | null;
  taxId: string | null;
  parentId: string | null;
  segment: string | null;
  region: string | null;
  joinedOn: string | null;
  enrolledOn: string | null;
  salesRepId: string | null;
  attributes: Attributes;
  tier: string | null;
  tierSince: string | null;
  orderCount: number;
  lastOrderOn: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface CompanyDetail extends Company {
  children: { id: string; name: string | null }[];
  childCount: number;
  /** The day of its first order (cancelled ones included); null before one. */
  firstOrderOn: string | null;
  wallet: { available: number; pending: number; nextExpiry: { on: string; points: number } | null };
}

/** The fields a person sets; absent fields are left as they are, null clears one. */
export interface CompanyFields {
  name?: string | null | undefined;
  taxId?: string | null | undefined;
  parentId?: string | null | undefined;
  segment?: string | null | undefined;
  region?: string | null | undefined;
  joinedOn?: string | null | undefined;
  enrolledOn?: string | null | undefined;
  salesRepId?: string | null | undefined;
  attributes?: Attributes | undefined;
}

const COLUMNS: Record<keyof CompanyFields, string> = {
  name: "name",
  taxId: "tax_id",
  parentId: "parent_id",
  segment: "segment",
  region: "region",
  joinedOn: "joined_on",
  enrolledOn: "enrolled_on",
  salesRepId: "sales_rep_id",
  attributes: "attributes",
};

const SELECT = `SELECT id, name, tax_id, parent_id, segment, region, joined_on::text, enrolled_on::text,
  sales_rep_id, attributes, tier, tier_since::text, order_count, last_order_on::text, created_at, updated_at
  FROM members`;

/**
 * Creates the company, or changes the one with this id (one made by its first order included). Answers
 * whether it was created.
 */
export async function upsertCompany(
  tx: Queryable,
  scope: CompanyScope,
  id: string | null,
  fields: CompanyFields,
  change: Change,
): Promise<{ company: Company; created: boolean }> {
  const tenantId = scope.tenantId;
  if (fields.parentId != null) await lockHierarchy(tx, tenantId);
  if (id !== null && (await lockCompany(tx, tenantId, id))) {
    return { company: await updateCompany(tx, scope, id, fields, change), created: false };
  }
  if (fields.name == null) throw new ApiError("validation_failed", "a new company needs a name", "name");
  const newIdValue = id ?? newId("cmp", change.at.getTime());
  const own = assignableRep(scope, fields.salesRepId);
  const wanted: CompanyFields = { ...fields, ...(own === undefined ? {} : { salesRepId: own }) };
  await checkFields(tx, scope, newIdValue, wanted);
  const inserted = await tx.query(
    `INSERT INTO members (tenant_id, id, created_at, updated_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT DO NOTHING RETURNING id`,
    [tenantId, newIdValue, change.at],
  );
  if (inserted.rows.length === 0) {
    // Made meanwhile by its first order: a change of that company, then.
    await lockCompany(tx, tenantId, newIdValue);
    return { company: await updateCompany(tx, scope, newIdValue, fields, change), created: false };
  }
  await writeFields(tx, tenantId, newIdValue, wanted, change.at);
  const company = await mustFind(tx, tenantId, newIdValue);
  await recordAudit(tx, tenantId, change, {
    action: "company.create",
    target: newIdValue,
    before: null,
    after: { ...company },
  });
  return { company, created: true };
}

/** Changes the fields given of a company the scope includes; with no actual change, writes nothing. */
export async function updateCompany(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  fields: CompanyFields,
  change: Change,
): Promise<Company> {
  const tenantId = scope.tenantId;
  if (fields.parentId != null) await lockHierarchy(tx, tenantId);
  if (!(await lockCompany(tx, tenantId, id)) || !(await scope.includes(tx, id))) throw noCompany(id);
  const before = await mustFind(tx, tenantId, id);
  assignableRep(scope, fields.salesRepId);
  const changed = changedFields(before, fields);
  if (Object.keys(changed).length === 0) return before;
  await checkFields(tx, scope, id, changed);
  await writeFields(tx, tenantId, id, changed, change.at);
  const after = await mustFind(tx, tenantId, id);
  await recordAudit(tx, tenantId, change, {
    action: "company.update",
    target: id,
    before: pick(before, changed),
    after: pick(after, changed),
  });
  return after;
}

export async function getCompany(q: Queryable, scope: CompanyScope, id: string): Promise<CompanyDetail> {
  const params: Param[] = [scope.tenantId, id];
  const r = await q.query<CompanyRow>(
    `${SELECT} WHERE tenant_id = $1 AND id = $2 AND ${scope.where("id", params)}`,
    params,
  );
  const row = r.rows[0];
  if (!row) throw noCompany(id);
  const children = await q.query<{ id: string; name: string | null; total: number }>(
    `SELECT id, name, count(*) OVER ()::int AS total FROM members WHERE tenant_id = $1 AND parent_id = $2
     ORDER BY id LIMIT ${MAX_CHILDREN_SHOWN}`,
    [scope.tenantId, id],
  );
  const first = await q.query<{ day: string | null }>(
    "SELECT min(day)::text AS day FROM orders WHERE tenant_id = $1 AND member_id = $2",
    [scope.tenantId, id],
  );
  return {
    ...toCompany(row),
    children: children.rows.map((c) => ({ id: c.id, name: c.name })),
    childCount: children.rows[0]?.total ?? 0,
    firstOrderOn: first.rows[0]?.day ?? null,
    wallet: await walletSummary(q, scope.tenantId, id),
  };
}

async function walletSummary(q: Queryable, tenantId: string, id: string): Promise<CompanyDetail["wallet"]> {
  const available = (await balanceOf(q, tenantId, walletAccount(id))) ?? 0n;
  const pending = (await balanceOf(q, tenantId, pendingAccount(id))) ?? 0n;
  const expiry = await q.query<{ on: string; points: string }>(
    `SELECT expires_on::text AS on, sum(remaining)::text AS points FROM lots
     WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 AND expires_on IS NOT NULL
     GROUP BY expires_on ORDER BY expires_on LIMIT 1`,
    [tenantId, walletAccount(id)],
  );
  const next = expiry.rows[0];
  return {
    available: Number(available),
    pending: Number(pending),
    nextExpiry: next ? { on: next.on, points: Number(next.points) } : null,
  };
}

export interface CompanyFilter {
  /** A prefix of the name, id or tax id, in any case. */
  q?: string | undefined;
  segment?: string | undefined;
  region?: string | undefined;
  tier?: string | undefined;
  parentId?: string | undefined;
  salesRepId?: string | undefined;
  /** The id of the last company of the previous page. */
  cursor?: string | undefined;
  limit: number;
}

/** Companies in id order, filtered, one page at a time. */
export async function listCompanies(
  q: Queryable,
  scope: CompanyScope,
  filter: CompanyFilter,
): Promise<{ data: Company[]; nextCursor: string | null }> {
  // Company ids may be chosen by the client: a cursor is one only if it names a company the caller sees.
  if (filter.cursor !== undefined && !(await scope.includes(q, filter.cursor))) throw notACursor();
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit)), MAX_PAGE);
  const params: Param[] = [scope.tenantId];
  const where = ["tenant_id = $1"];
  const add = (sql: string, value: Param) => {
    params.push(value);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (filter.q !== undefined) {
    add(
      "(lower(name) LIKE ? OR lower(id) LIKE ? OR lower(tax_id) LIKE ?)",
      `${escapeLike(filter.q.toLowerCase())}%`,
    );
  }
  if (filter.segment !== undefined) add("segment = ?", filter.segment);
  if (filter.region !== undefined) add("region = ?", filter.region);
  if (filter.tier !== undefined) add("tier = ?", filter.tier);
  if (filter.parentId !== undefined) add("parent_id = ?", filter.parentId);
  if (filter.salesRepId !== undefined) add("sales_rep_id = ?", filter.salesRepId);
  if (filter.cursor !== undefined) add("id > ?", filter.cursor);
  where.push(scope.where("id", params));
  params.push(limit + 1); // one more than the page, to know whether another follows
  const r = await q.query<CompanyRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY id LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toCompany);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

/** The distinct segments of the companies in scope, with how many companies each has. */
export async function listSegments(
  q: Queryable,
  scope: CompanyScope,
): Promise<{ segment: string; companies: number }[]> {
  const params: Param[] = [scope.tenantId];
  const r = await q.query<{ segment: string; companies: number }>(
    `SELECT segment, count(*)::int AS companies FROM members
     WHERE tenant_id = $1 AND segment IS NOT NULL AND ${scope.where("id", params)}
     GROUP BY segment ORDER BY segment LIMIT ${MAX_SEGMENTS}`,
    params,
  );
  return r.rows.map((s) => ({ segment: s.segment, companies: Number(s.companies) }));
}

export function noCompany(id: string): ApiError {
  return new ApiError("not_found", `there is no company ${id}`, "id");
}

/**
 * Changes of a tenant's hierarchy take turns, so two of them cannot close a cycle together. Taken before any
 * row lock, so that a transaction holding it never waits for a row held by one waiting for it.
 */
export async function lockHierarchy(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`patron.hierarchy:${tenantId}`]);
}

/**
 * Locks the company's row for the rest of the transaction; false when there is none. NO KEY UPDATE leaves
 * the key share that a subsidiary's foreign key check takes free.
 */
async function lockCompany(tx: Queryable, tenantId: string, id: string): Promise<boolean> {
  const r = await tx.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE", [
    tenantId,
    id,
  ]);
  return r.rows.length > 0;
}

/**
 * The sales rep a new company gets: a sales manager's clients are their own unless they say otherwise, and
 * they may not give a client to someone else. Undefined: leave it as given.
 */
function assignableRep(scope: CompanyScope, salesRepId: string | null | undefined): string | undefined {
  if (scope.salesRepId === null) return undefined;
  if (scope.salesRepId === "") {
    throw new ApiError(
      "forbidden",
      "a sales manager's key must act for a user (create it with userId) to manage clients",
    );
  }
  if (salesRepId !== undefined && salesRepId !== scope.salesRepId) {
    throw new ApiError("forbidden", "a sales manager may make only themselves a client's rep", "salesRepId");
  }
  return scope.salesRepId;
}

/** Checks what the fields point to: the parent (in scope, no cycle, depth bounded) and the sales rep. */
async function checkFields(tx: Queryable, scope: CompanyScope, id: string, f: CompanyFields): Promise<void> {
  if (f.parentId != null) await checkParent(tx, scope, id, f.parentId);
  if (f.salesRepId != null) {
    const r = await tx.query("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2", [
      scope.tenantId,
      f.salesRepId,
    ]);
    if (r.rows.length === 0)
      throw new ApiError("validation_failed", `there is no user ${f.salesRepId}`, "salesRepId");
  }
}

async function checkParent(tx: Queryable, scope: CompanyScope, id: string, parentId: string): Promise<void> {
  if (parentId === id)
    throw new ApiError("validation_failed", "a company cannot be its own parent", "parentId");
  if (!(await scope.includes(tx, parentId))) {
    throw new ApiError("validation_failed", `there is no company ${parentId} to be the parent`, "parentId");
  }
  const ancestors = await tx.query<{ id: string; depth: number }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 1 FROM members WHERE tenant_id = $1 AND id = $2
       UNION ALL SELECT m.id, m.parent_id, up.depth + 1 FROM members m JOIN up ON m.tenant_id = $1 AND m.id = up.parent_id
       WHERE up.depth <= $3)
     SELECT id, depth FROM up`,
    [scope.tenantId, parentId, MAX_HIERARCHY_DEPTH],
  );
  if (ancestors.rows.some((a) => a.id === id)) {
    throw new ApiError(
      "validation_failed",
      `${parentId} is a subsidiary of ${id}: making it the parent would close a cycle`,
      "parentId",
    );
  }
  const below = await tx.query<{ height: number | null }>(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 0 FROM members WHERE tenant_id = $1 AND id = $2
       UNION ALL SELECT c.id, down.depth + 1 FROM members c JOIN down ON c.tenant_id = $1 AND c.parent_id = down.id
       WHERE down.depth <= $3)
     SELECT max(depth)::int AS height FROM down`,
    [scope.tenantId, id, MAX_HIERARCHY_DEPTH],
  );
  const levels = ancestors.rows.length + 1 + (below.rows[0]?.height ?? 0);
  if (levels > MAX_HIERARCHY_DEPTH) {
    throw new ApiError(
      "validation_failed",
      `under ${parentId} the hierarchy would have ${levels} levels; at most ${MAX_HIERARCHY_DEPTH} are allowed`,
      "parentId",
    );
  }
}

async function writeFields(
  tx: Queryable,
  tenantId: string,
  id: string,
  f: CompanyFields,
  at: Date,
): Promise<void> {
  const params: Param[] = [tenantId, id, at];
  const sets = ["updated_at = $3"];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof CompanyFields, string][]) {
    const value = f[key];
    if (value === undefined) continue;
    params.push(key === "attributes" ? JSON.stringify(value) : (value as string | null));
    sets.push(`${column} = $${params.length}${key === "attributes" ? "::jsonb" : ""}`);
  }
  await tx.query(`UPDATE members SET ${sets.join(", ")} WHERE tenant_id = $1 AND id = $2`, params);
}

/** The fields whose new value differs from the company's current one. */
function changedFields(before: Company, f: CompanyFields): CompanyFields {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(COLUMNS) as (keyof CompanyFields)[]) {
    const value = f[key];
    if (value === undefined) continue;
    const same =
      key === "attributes" ? sameJson(before.attributes, value) : (before[key] ?? null) === (value ?? null);
    if (!same) out[key] = value;
  }
  return out as CompanyFields;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => [k, sortKeys(x)]),
  );
}

function pick(c: Company, fields: CompanyFields): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, c[k as keyof Company]]));
}

async function mustFind(q: Queryable, tenantId: string, id: string): Promise<Company> {
  const r = await q.query<CompanyRow>(`${SELECT} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  const row = r.rows[0];
  if (!row) throw new Error(`company ${id} vanished inside its transaction`);
  return toCompany(row);
}

/** `a_b%` as a LIKE pattern that matches itself literally. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

interface CompanyRow {
  id: string;
  name: string | null;
  tax_id: string | null;
  parent_id: string | null;
  segment: string | null;
  region: string | null;
  joined_on: string | null;
  enrolled_on: string | null;
  sales_rep_id: string | null;
  attributes: Attributes;
  tier: string | null;
  tier_since: string | null;
  order_count: number;
  last_order_on: string | null;
  created_at: Date | string;
  updated_at: Date | string | null;
}

function toCompany(r: CompanyRow): Company {
  return {
    id: r.id,
    name: r.name,
    taxId: r.tax_id,
    parentId: r.parent_id,
    segment: r.segment,
    region: r.region,
    joinedOn: r.joined_on,
    enrolledOn: r.enrolled_on,
    salesRepId: r.sales_rep_id,
    attributes: r.attributes,
    tier: r.tier,
    tierSince: r.tier_since,
    orderCount: Number(r.order_count),
    lastOrderOn: r.last_order_on,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: r.updated_at === null ? null : new Date(r.updated_at).toISOString(),
  };
}
