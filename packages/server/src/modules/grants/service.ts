// Individual discounts: a person grants a client company a personal discount or extra earning rate for a
// period, with a reason; within the limit of their role (a tenant setting) it is active at once, above it it
// waits for another person's approval. The engine applies active grants on orders and quotes while valid.
// Errors: not_found (company, grant), conflict (already decided or revoked), forbidden (deciding one's own
// grant), validation_failed (dates).
import { type Day, formatDay, formatMinor, formatPercent, parseDay } from "@patron/engine";
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Person, samePerson } from "../adjustments/service.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "../companies/scope.ts";
import { programNow } from "../memberships/service.ts";
import { ROLES, type Role } from "../tenants/roles.ts";

export const MAX_GRANT_PAGE = 200;
/** A grant runs at most ten years. */
export const MAX_GRANT_DAYS = 3660;

export type GrantStatus = "pending_approval" | "active" | "rejected" | "revoked";

/** What each role may grant without approval until the tenant sets its own limits. */
export const DEFAULT_LIMITS: Record<Role, { discountPpm: number; earnPpm: number }> = {
  owner: { discountPpm: 1_000_000, earnPpm: 1_000_000 },
  admin: { discountPpm: 1_000_000, earnPpm: 1_000_000 },
  program_manager: { discountPpm: 100_000, earnPpm: 50_000 },
  sales_manager: { discountPpm: 50_000, earnPpm: 20_000 },
  finance: { discountPpm: 0, earnPpm: 0 },
  support: { discountPpm: 0, earnPpm: 0 },
};

export interface Limit {
  role: Role;
  maxDiscountRate: string;
  maxEarnRate: string;
}

export interface Grant {
  id: string;
  companyId: string;
  discountRate: string;
  extraEarnRate: string;
  reason: string;
  validFrom: string;
  validTo: string;
  ownerId: string;
  /** The owner's name when the owner is a console user (null for an API key). */
  ownerName: string | null;
  ownerRole: string;
  status: GrantStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  createdAt: string;
}

export interface GrantInput {
  companyId: string;
  discountPpm: number;
  extraEarnPpm: number;
  reason: string;
  validFrom: string | null;
  validTo: string;
}

// ---- Limits -----------------------------------------------------------------------------------------------

export async function limitsOf(
  q: Queryable,
  tenantId: string,
): Promise<Map<Role, { discountPpm: number; earnPpm: number }>> {
  const out = new Map<Role, { discountPpm: number; earnPpm: number }>();
  for (const r of ROLES) out.set(r, DEFAULT_LIMITS[r]);
  const rows = await q.query<{ role: Role; max_discount_ppm: number; max_earn_ppm: number }>(
    "SELECT role, max_discount_ppm, max_earn_ppm FROM discount_limits WHERE tenant_id = $1",
    [tenantId],
  );
  for (const row of rows.rows) {
    out.set(row.role, { discountPpm: Number(row.max_discount_ppm), earnPpm: Number(row.max_earn_ppm) });
  }
  return out;
}

export async function listLimits(q: Queryable, tenantId: string): Promise<Limit[]> {
  const m = await limitsOf(q, tenantId);
  return ROLES.map((role) => {
    const l = m.get(role) ?? DEFAULT_LIMITS[role];
    return { role, maxDiscountRate: formatPercent(l.discountPpm), maxEarnRate: formatPercent(l.earnPpm) };
  });
}

export async function putLimits(
  tx: Queryable,
  tenantId: string,
  limits: readonly { role: Role; discountPpm: number; earnPpm: number }[],
  change: Change,
): Promise<Limit[]> {
  const before = await listLimits(tx, tenantId);
  for (const l of limits) {
    await tx.query(
      `INSERT INTO discount_limits (tenant_id, role, max_discount_ppm, max_earn_ppm, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, role) DO UPDATE SET max_discount_ppm = EXCLUDED.max_discount_ppm,
         max_earn_ppm = EXCLUDED.max_earn_ppm, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [tenantId, l.role, l.discountPpm, l.earnPpm, change.at, change.actor],
    );
  }
  const after = await listLimits(tx, tenantId);
  await recordAudit(tx, tenantId, change, {
    action: "discount_limits.update",
    target: "discount_limits",
    before: { limits: before },
    after: { limits: after },
  });
  return after;
}

// ---- Grants -----------------------------------------------------------------------------------------------

/**
 * Grants a personal discount or earning rate to a company in the granter's scope. Active at once within the
 * limit of the granter's role, else pending approval.
 */
export async function requestGrant(
  tx: Queryable,
  scope: CompanyScope,
  input: GrantInput,
  granter: Person & { role: Role },
  change: Change,
): Promise<Grant> {
  const tenantId = scope.tenantId;
  if (!(await scope.includes(tx, input.companyId))) {
    throw new ApiError("not_found", `no company ${input.companyId}`, "companyId");
  }
  const { today } = await programNow(tx, tenantId, change.at);
  const from = input.validFrom === null ? today : dayOf(input.validFrom, "validFrom");
  const to = dayOf(input.validTo, "validTo");
  if (to < from) throw new ApiError("validation_failed", "validTo must not be before validFrom", "validTo");
  if (to < today)
    throw new ApiError(
      "validation_failed",
      `validTo must not be before today, ${formatDay(today)}`,
      "validTo",
    );
  if (to - from + 1 > MAX_GRANT_DAYS) {
    throw new ApiError("validation_failed", `a grant runs at most ${MAX_GRANT_DAYS} days`, "validTo");
  }
  if (input.discountPpm === 0 && input.extraEarnPpm === 0) {
    throw new ApiError(
      "validation_failed",
      "give a discount rate or an extra earning rate above 0%",
      "discountRate",
    );
  }
  const limit = (await limitsOf(tx, tenantId)).get(granter.role) ?? DEFAULT_LIMITS[granter.role];
  const needsApproval = input.discountPpm > limit.discountPpm || input.extraEarnPpm > limit.earnPpm;
  const id = newId("grt", change.at.getTime());
  const ownerId = granter.userId ?? granter.keyId ?? change.actor;
  await tx.query(
    `INSERT INTO discount_grants (tenant_id, id, company_id, discount_ppm, extra_earn_ppm, reason, valid_from, valid_to,
       owner_id, owner_role, requested_by, requested_by_user, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      tenantId,
      id,
      input.companyId,
      input.discountPpm,
      input.extraEarnPpm,
      input.reason,
      formatDay(from),
      formatDay(to),
      ownerId,
      granter.role,
      change.actor,
      granter.userId,
      needsApproval ? "pending_approval" : "active",
      change.at,
    ],
  );
  const grant = (await findGrant(tx, tenantId, id)) as GrantRow;
  await recordAudit(tx, tenantId, change, {
    action: "discount_grant.request",
    target: id,
    before: null,
    after: {
      ...toGrant(grant),
      limit: { discountRate: formatPercent(limit.discountPpm), earnRate: formatPercent(limit.earnPpm) },
    },
  });
  return toGrant(grant);
}

/** Approves or rejects a pending grant; never by the person who asked for it. */
export async function decideGrant(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  verdict: "approve" | "reject",
  decider: Person,
  change: Change,
): Promise<Grant> {
  const row = await findGrant(tx, scope.tenantId, id, true);
  if (!row || !(await scope.includes(tx, row.company_id)))
    throw new ApiError("not_found", `no grant ${id}`, "id");
  if (row.status !== "pending_approval") {
    throw new ApiError(
      "conflict",
      `grant ${id} is ${row.status.replace("_", " ")}, not waiting for approval`,
      "id",
    );
  }
  if (samePerson({ keyId: row.requested_by, userId: row.requested_by_user }, decider)) {
    throw new ApiError(
      "forbidden",
      `a grant cannot be decided by the person who asked for it: another person must ${verdict} it`,
    );
  }
  return setStatus(
    tx,
    scope.tenantId,
    row,
    verdict === "approve" ? "active" : "rejected",
    change,
    `discount_grant.${verdict}`,
  );
}

/** Ends a grant before its time (or withdraws a pending one): from now on the engine no longer applies it. */
export async function revokeGrant(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  change: Change,
): Promise<Grant> {
  const row = await findGrant(tx, scope.tenantId, id, true);
  if (!row || !(await scope.includes(tx, row.company_id)))
    throw new ApiError("not_found", `no grant ${id}`, "id");
  if (row.status === "revoked" || row.status === "rejected") {
    throw new ApiError("conflict", `grant ${id} is already ${row.status}`, "id");
  }
  return setStatus(tx, scope.tenantId, row, "revoked", change, "discount_grant.revoke");
}

async function setStatus(
  tx: Queryable,
  tenantId: string,
  row: GrantRow,
  status: GrantStatus,
  change: Change,
  action: string,
): Promise<Grant> {
  await tx.query(
    `UPDATE discount_grants SET status = $3, decided_by = $4, decided_at = $5, decision_comment = $6
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, row.id, status, change.actor, change.at, change.comment],
  );
  const after = toGrant((await findGrant(tx, tenantId, row.id)) as GrantRow);
  await recordAudit(tx, tenantId, change, {
    action,
    target: row.id,
    before: { status: row.status },
    after: { ...after },
  });
  return after;
}

export async function listGrants(
  q: Queryable,
  scope: CompanyScope,
  filter: {
    companyId?: string | undefined;
    status?: GrantStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ data: Grant[]; nextCursor: string | null }> {
  const company =
    filter.companyId === undefined ? null : { column: "company_id" as const, value: filter.companyId };
  await assertCursor(q, "discount_grants", scope.tenantId, filter.cursor, company);
  const params: Param[] = [scope.tenantId];
  const where = ["tenant_id = $1", scope.where("company_id", params)];
  for (const [col, v] of [
    ["company_id", filter.companyId],
    ["status", filter.status],
  ] as const) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  if (filter.cursor !== undefined) {
    params.push(filter.cursor);
    where.push(`id < $${params.length}`);
  }
  const limit = Math.min(Math.max(1, filter.limit), MAX_GRANT_PAGE);
  params.push(limit + 1);
  const r = await q.query<GrantRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toGrant);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

export interface ManagerCost {
  ownerId: string;
  grants: number;
  active: number;
  pending: number;
  orders: number;
  discountGiven: string;
  extraPointsGiven: number;
}

/** Per grant owner over a period (days included): grants made, and what they gave on orders. */
export async function costByManager(
  q: Queryable,
  scope: CompanyScope,
  from: string,
  to: string,
  now: Date,
): Promise<ManagerCost[]> {
  const { digits } = await programNow(q, scope.tenantId, now);
  const params: Param[] = [scope.tenantId, from, to];
  const inScope = scope.where("g.company_id", params);
  const r = await q.query<{
    owner_id: string;
    grants: string;
    active: string;
    pending: string;
    orders: string;
    discount: string;
    points: string;
  }>(
    `SELECT g.owner_id, count(*)::text AS grants,
       count(*) FILTER (WHERE g.status = 'active')::text AS active,
       count(*) FILTER (WHERE g.status = 'pending_approval')::text AS pending,
       coalesce(sum(u.orders), 0)::text AS orders, coalesce(sum(u.discount), 0)::text AS discount,
       coalesce(sum(u.points), 0)::text AS points
     FROM discount_grants g
     LEFT JOIN (
       SELECT term_id,
         count(*) FILTER (WHERE discount_minor > returned_discount_minor OR extra_points > returned_extra_points)
           AS orders,
         sum(discount_minor - returned_discount_minor) AS discount,
         sum(extra_points - returned_extra_points) AS points
       FROM term_uses WHERE tenant_id = $1 AND kind = 'individual' AND day BETWEEN $2 AND $3 GROUP BY term_id
     ) u ON u.term_id = g.id
     WHERE g.tenant_id = $1 AND ${inScope} AND g.valid_from <= $3 AND g.valid_to >= $2
     GROUP BY g.owner_id ORDER BY coalesce(sum(u.discount), 0) DESC, g.owner_id LIMIT ${MAX_GRANT_PAGE}`,
    params,
  );
  return r.rows.map((row) => ({
    ownerId: row.owner_id,
    grants: Number(row.grants),
    active: Number(row.active),
    pending: Number(row.pending),
    orders: Number(row.orders),
    discountGiven: formatMinor(BigInt(row.discount), digits),
    extraPointsGiven: Number(row.points),
  }));
}

// ---- Rows -------------------------------------------------------------------------------------------------

function dayOf(text: string, field: string): Day {
  const d = parseDay(text);
  if (d === null) throw new ApiError("validation_failed", "not a real date", field);
  return d;
}

interface GrantRow {
  id: string;
  company_id: string;
  discount_ppm: number;
  extra_earn_ppm: number;
  reason: string;
  valid_from: string;
  valid_to: string;
  owner_id: string;
  owner_name: string | null;
  owner_role: string;
  requested_by: string;
  requested_by_user: string | null;
  status: GrantStatus;
  decided_by: string | null;
  decided_at: Date | string | null;
  decision_comment: string | null;
  created_at: Date | string;
}

const SELECT = `SELECT id, company_id, discount_ppm, extra_earn_ppm, reason, valid_from::text, valid_to::text, owner_id,
  (SELECT u.name FROM users u WHERE u.tenant_id = discount_grants.tenant_id AND u.id = discount_grants.owner_id)
    AS owner_name,
  owner_role, requested_by, requested_by_user, status, decided_by, decided_at, decision_comment, created_at
  FROM discount_grants`;

async function findGrant(q: Queryable, tenantId: string, id: string, lock = false): Promise<GrantRow | null> {
  const r = await q.query<GrantRow>(
    `${SELECT} WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  return r.rows[0] ?? null;
}

function toGrant(r: GrantRow): Grant {
  return {
    id: r.id,
    companyId: r.company_id,
    discountRate: formatPercent(Number(r.discount_ppm)),
    extraEarnRate: formatPercent(Number(r.extra_earn_ppm)),
    reason: r.reason,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    ownerRole: r.owner_role,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    decisionComment: r.decision_comment,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
