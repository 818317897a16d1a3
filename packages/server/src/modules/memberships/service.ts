// Paid memberships: plans (a fee, a period, benefits), memberships bought by staff or a company's admin,
// renewed (the new period starts the day after the current one ends) and cancelled (the benefit ends the day
// before; a pro-rata plan gives back the unused days' share of the fee, rounded down). A fee in money is a
// money event (membership_payments); a fee in points is a ledger transaction. The engine applies the benefit
// while a membership is valid (see terms.ts).
// Errors: not_found (plan, membership, company), conflict (plan inactive, already cancelled, no program for a
// fee in points), insufficient_points (a fee in points beyond the wallet), validation_failed.
import {
  type CompiledProgram,
  type Day,
  formatDay,
  formatMinor,
  formatPercent,
  localDay,
  parseDay,
} from "@patron/engine";
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "../companies/scope.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { creditPoints, debitPoints } from "./points.ts";

export const MAX_PLANS = 200;
export const MAX_MEMBERSHIP_PAGE = 200;

export interface PlanInput {
  name: string;
  feeMinor: number;
  feePoints: number | null;
  periodDays: number;
  discountPpm: number;
  extraEarnPpm: number;
  freeDelivery: boolean;
  priorityService: boolean;
  refund: "none" | "prorata";
  active: boolean;
}

export interface Plan {
  id: string;
  name: string;
  fee: string;
  feePoints: number | null;
  periodDays: number;
  discountRate: string;
  extraEarnRate: string;
  freeDelivery: boolean;
  priorityService: boolean;
  refund: "none" | "prorata";
  active: boolean;
  createdAt: string;
}

export interface Membership {
  id: string;
  planId: string;
  planName: string;
  companyId: string;
  startsOn: string;
  endsOn: string;
  status: "active" | "cancelled";
  fee: string;
  feePoints: number | null;
  boughtBy: string;
  cancelledOn: string | null;
  refund: string;
  refundPoints: number;
  createdAt: string;
}

/** The program on a moment's local day, its digits and that day; a tenant without one counts in UTC. */
export async function programNow(
  q: Queryable,
  tenantId: string,
  now: Date,
): Promise<{ p: CompiledProgram | null; today: Day; digits: number }> {
  const versions = await publishedPrograms(q, tenantId);
  const first = versions[0];
  const today = localDay(now.toISOString(), first?.timeZone ?? "UTC") as Day;
  const p = first ? programAt(versions, today) : null;
  return { p, today, digits: p?.digits ?? first?.digits ?? 2 };
}

// ---- Plans ------------------------------------------------------------------------------------------------

export async function createPlan(
  tx: Queryable,
  tenantId: string,
  input: PlanInput,
  change: Change,
): Promise<Plan> {
  const id = newId("plan", change.at.getTime());
  await tx.query(
    `INSERT INTO membership_plans (tenant_id, id, name, fee_minor, fee_points, period_days, discount_ppm,
       extra_earn_ppm, free_delivery, priority_service, refund, active, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      tenantId,
      id,
      input.name,
      input.feeMinor,
      input.feePoints,
      input.periodDays,
      input.discountPpm,
      input.extraEarnPpm,
      input.freeDelivery,
      input.priorityService,
      input.refund,
      input.active,
      change.at,
    ],
  );
  const digits = (await programNow(tx, tenantId, change.at)).digits;
  const plan = (await findPlan(tx, tenantId, id, digits)) as Plan;
  await recordAudit(tx, tenantId, change, {
    action: "membership_plan.create",
    target: id,
    before: null,
    after: { ...plan },
  });
  return plan;
}

export async function updatePlan(
  tx: Queryable,
  tenantId: string,
  id: string,
  input: Partial<PlanInput>,
  change: Change,
): Promise<Plan> {
  const digits = (await programNow(tx, tenantId, change.at)).digits;
  const before = await findPlan(tx, tenantId, id, digits, true);
  if (!before) throw new ApiError("not_found", `no membership plan ${id}`, "id");
  const cols: Record<keyof PlanInput, string> = {
    name: "name",
    feeMinor: "fee_minor",
    feePoints: "fee_points",
    periodDays: "period_days",
    discountPpm: "discount_ppm",
    extraEarnPpm: "extra_earn_ppm",
    freeDelivery: "free_delivery",
    priorityService: "priority_service",
    refund: "refund",
    active: "active",
  };
  const params: Param[] = [tenantId, id];
  const sets: string[] = [];
  for (const [k, col] of Object.entries(cols) as [keyof PlanInput, string][]) {
    const v = input[k];
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  if (sets.length > 0) {
    await tx.query(`UPDATE membership_plans SET ${sets.join(", ")} WHERE tenant_id = $1 AND id = $2`, params);
  }
  const after = (await findPlan(tx, tenantId, id, digits)) as Plan;
  await recordAudit(tx, tenantId, change, {
    action: "membership_plan.update",
    target: id,
    before: { ...before },
    after: { ...after },
  });
  return after;
}

export async function listPlans(
  q: Queryable,
  tenantId: string,
  now: Date,
  activeOnly = false,
): Promise<Plan[]> {
  const digits = (await programNow(q, tenantId, now)).digits;
  const r = await q.query<PlanRow>(
    `${PLAN_SELECT} WHERE tenant_id = $1${activeOnly ? " AND active" : ""} ORDER BY id LIMIT ${MAX_PLANS}`,
    [tenantId],
  );
  return r.rows.map((row) => toPlan(row, digits));
}

// ---- Memberships ------------------------------------------------------------------------------------------

/**
 * Buys a plan for a company. While the company holds a membership of the same plan that has not ended, the
 * new one is a renewal: it starts the day after that one ends. The fee is taken now.
 */
export async function buyMembership(
  tx: Queryable,
  scope: CompanyScope,
  companyId: string,
  planId: string,
  boughtBy: string,
  change: Change,
): Promise<Membership> {
  const tenantId = scope.tenantId;
  if (!(await scope.includes(tx, companyId)))
    throw new ApiError("not_found", `no company ${companyId}`, "companyId");
  // One purchase per company at a time, so that two renewals never start on the same day.
  await tx.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [tenantId, companyId]);
  const { p, today, digits } = await programNow(tx, tenantId, change.at);
  const plan = await planRow(tx, tenantId, planId);
  if (!plan) throw new ApiError("not_found", `no membership plan ${planId}`, "planId");
  if (!plan.active) throw new ApiError("conflict", `membership plan ${planId} is no longer sold`, "planId");
  const last = await tx.query<{ ends_on: string }>(
    `SELECT max(ends_on)::text AS ends_on FROM memberships
     WHERE tenant_id = $1 AND company_id = $2 AND plan_id = $3 AND status = 'active' AND ends_on >= $4`,
    [tenantId, companyId, planId, formatDay(today)],
  );
  const lastEnd = last.rows[0]?.ends_on ? (parseDay(last.rows[0].ends_on) as Day) : null;
  const starts = lastEnd === null ? today : ((lastEnd + 1) as Day);
  const ends = (starts + Number(plan.period_days) - 1) as Day;
  const id = newId("mbr", change.at.getTime());
  const feePoints = plan.fee_points === null ? null : Number(plan.fee_points);
  await tx.query(
    `INSERT INTO memberships (tenant_id, id, plan_id, company_id, starts_on, ends_on, status, fee_minor, fee_points,
       bought_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, $10)`,
    [
      tenantId,
      id,
      planId,
      companyId,
      formatDay(starts),
      formatDay(ends),
      feePoints === null ? plan.fee_minor : 0,
      feePoints,
      boughtBy,
      change.at,
    ],
  );
  if (feePoints !== null) {
    if (!p) throw new ApiError("conflict", "a fee in points needs a published program", "planId");
    await debitPoints(tx, tenantId, companyId, feePoints, { code: "membership.fee", cause: id });
  }
  await pay(
    tx,
    tenantId,
    id,
    "fee",
    feePoints === null ? Number(plan.fee_minor) : 0,
    feePoints ?? 0,
    today,
    change.at,
  );
  const m = (await findMembership(tx, tenantId, id, digits)) as Membership;
  await recordAudit(tx, tenantId, change, {
    action: lastEnd === null ? "membership.buy" : "membership.renew",
    target: id,
    before: null,
    after: { ...m },
  });
  return m;
}

/** Renews a membership: buys its plan again for its company, the new period following the last one. */
export async function renewMembership(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  boughtBy: string,
  change: Change,
): Promise<Membership> {
  const digits = (await programNow(tx, scope.tenantId, change.at)).digits;
  const m = await findMembership(tx, scope.tenantId, id, digits);
  if (!m || !(await scope.includes(tx, m.companyId)))
    throw new ApiError("not_found", `no membership ${id}`, "id");
  if (m.status !== "active") throw new ApiError("conflict", `membership ${id} was cancelled`, "id");
  return buyMembership(tx, scope, m.companyId, m.planId, boughtBy, change);
}

/**
 * Cancels a membership today: the benefit ends yesterday (or never starts, for a renewal not begun). A pro-rata
 * plan gives back fee × unused days ÷ period days, rounded down; a fee in points comes back to the wallet.
 */
export async function cancelMembership(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  change: Change,
): Promise<Membership> {
  const tenantId = scope.tenantId;
  const { p, today, digits } = await programNow(tx, tenantId, change.at);
  const before = await findMembership(tx, tenantId, id, digits, true);
  if (!before || !(await scope.includes(tx, before.companyId))) {
    throw new ApiError("not_found", `no membership ${id}`, "id");
  }
  if (before.status === "cancelled")
    throw new ApiError("conflict", `membership ${id} is already cancelled`, "id");
  const plan = (await planRow(tx, tenantId, before.planId)) as PlanRow;
  const starts = parseDay(before.startsOn) as Day;
  const ends = parseDay(before.endsOn) as Day;
  const period = ends - starts + 1;
  const unused = Math.max(0, Math.min(period, ends - Math.max(today, starts) + 1));
  const share = (amount: number) => (plan.refund === "prorata" ? Math.floor((amount * unused) / period) : 0);
  const r = await tx.query<{ fee_minor: string; fee_points: string | null }>(
    "SELECT fee_minor::text, fee_points::text FROM memberships WHERE tenant_id = $1 AND id = $2",
    [tenantId, id],
  );
  const row = r.rows[0] as { fee_minor: string; fee_points: string | null };
  const refundMinor = share(Number(row.fee_minor));
  const refundPoints = row.fee_points === null ? 0 : share(Number(row.fee_points));
  const newEnd = Math.min(ends, Math.max(today, starts) - 1);
  await tx.query(
    `UPDATE memberships SET status = 'cancelled', cancelled_on = $3, ends_on = $4, refund_minor = $5,
       refund_points = $6 WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, formatDay(today), formatDay(newEnd as Day), refundMinor, refundPoints],
  );
  if (refundPoints > 0) {
    if (!p) throw new ApiError("conflict", "a refund in points needs a published program", "id");
    await creditPoints(tx, tenantId, p, before.companyId, refundPoints, {
      code: "membership.refund",
      cause: id,
      from: "redeemed",
      today,
      source: `membership:${id}`,
    });
  }
  if (refundMinor > 0 || refundPoints > 0) {
    await pay(tx, tenantId, id, "refund", refundMinor, refundPoints, today, change.at);
  }
  const after = (await findMembership(tx, tenantId, id, digits)) as Membership;
  await recordAudit(tx, tenantId, change, {
    action: "membership.cancel",
    target: id,
    before: { ...before },
    after: { ...after, unusedDays: unused, periodDays: period },
  });
  return after;
}

export async function listMemberships(
  q: Queryable,
  scope: CompanyScope,
  filter: {
    companyId?: string | undefined;
    planId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  now: Date,
): Promise<{ data: Membership[]; nextCursor: string | null }> {
  const company =
    filter.companyId === undefined ? null : { column: "company_id" as const, value: filter.companyId };
  await assertCursor(q, "memberships", scope.tenantId, filter.cursor, company);
  const digits = (await programNow(q, scope.tenantId, now)).digits;
  const params: Param[] = [scope.tenantId];
  const where = ["m.tenant_id = $1", scope.where("m.company_id", params)];
  if (filter.companyId !== undefined) {
    params.push(filter.companyId);
    where.push(`m.company_id = $${params.length}`);
  }
  if (filter.planId !== undefined) {
    params.push(filter.planId);
    where.push(`m.plan_id = $${params.length}`);
  }
  if (filter.cursor !== undefined) {
    params.push(filter.cursor);
    where.push(`m.id < $${params.length}`);
  }
  const limit = Math.min(Math.max(1, filter.limit), MAX_MEMBERSHIP_PAGE);
  params.push(limit + 1);
  const r = await q.query<MembershipRow>(
    `${MEMBERSHIP_SELECT} WHERE ${where.join(" AND ")} ORDER BY m.id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map((row) => toMembership(row, digits));
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

export interface PlanEconomics {
  planId: string;
  name: string;
  memberships: number;
  active: number;
  feesIn: string;
  refundsOut: string;
  feePointsIn: number;
  refundPointsOut: number;
  discountsGiven: string;
  extraPointsGiven: number;
  orders: number;
  /** Fees kept minus discounts given, in money (points not counted). */
  net: string;
}

/** Per plan, between two days (both included): fees in, refunds out, benefits given out on orders. */
export async function planEconomics(
  q: Queryable,
  tenantId: string,
  from: string,
  to: string,
  now: Date,
): Promise<PlanEconomics[]> {
  const digits = (await programNow(q, tenantId, now)).digits;
  const r = await q.query<{
    id: string;
    name: string;
    memberships: string;
    active: string;
    fees: string;
    refunds: string;
    fee_points: string;
    refund_points: string;
    discounts: string;
    extra_points: string;
    orders: string;
  }>(
    `SELECT p.id, p.name,
       (SELECT count(*) FROM memberships m WHERE m.tenant_id = p.tenant_id AND m.plan_id = p.id)::text AS memberships,
       (SELECT count(*) FROM memberships m WHERE m.tenant_id = p.tenant_id AND m.plan_id = p.id
          AND m.starts_on <= $3 AND m.ends_on >= $3)::text AS active,
       coalesce(pay.fees, 0)::text AS fees, coalesce(pay.refunds, 0)::text AS refunds,
       coalesce(pay.fee_points, 0)::text AS fee_points, coalesce(pay.refund_points, 0)::text AS refund_points,
       coalesce(u.discounts, 0)::text AS discounts, coalesce(u.extra_points, 0)::text AS extra_points,
       coalesce(u.orders, 0)::text AS orders
     FROM membership_plans p
     LEFT JOIN (
       SELECT m.plan_id,
         sum(y.amount_minor) FILTER (WHERE y.kind = 'fee') AS fees,
         sum(y.amount_minor) FILTER (WHERE y.kind = 'refund') AS refunds,
         sum(y.points) FILTER (WHERE y.kind = 'fee') AS fee_points,
         sum(y.points) FILTER (WHERE y.kind = 'refund') AS refund_points
       FROM membership_payments y JOIN memberships m ON m.tenant_id = y.tenant_id AND m.id = y.membership_id
       WHERE y.tenant_id = $1 AND y.day BETWEEN $2 AND $3 GROUP BY m.plan_id
     ) pay ON pay.plan_id = p.id
     LEFT JOIN (
       SELECT m.plan_id, sum(t.discount_minor - t.returned_discount_minor) AS discounts,
         sum(t.extra_points - t.returned_extra_points) AS extra_points,
         count(*) FILTER (WHERE t.discount_minor > t.returned_discount_minor
           OR t.extra_points > t.returned_extra_points) AS orders
       FROM term_uses t JOIN memberships m ON m.tenant_id = t.tenant_id AND m.id = t.term_id
       WHERE t.tenant_id = $1 AND t.kind = 'membership' AND t.day BETWEEN $2 AND $3 GROUP BY m.plan_id
     ) u ON u.plan_id = p.id
     WHERE p.tenant_id = $1 ORDER BY p.id LIMIT ${MAX_PLANS}`,
    [tenantId, from, to],
  );
  return r.rows.map((row) => ({
    planId: row.id,
    name: row.name,
    memberships: Number(row.memberships),
    active: Number(row.active),
    feesIn: formatMinor(BigInt(row.fees), digits),
    refundsOut: formatMinor(BigInt(row.refunds), digits),
    feePointsIn: Number(row.fee_points),
    refundPointsOut: Number(row.refund_points),
    discountsGiven: formatMinor(BigInt(row.discounts), digits),
    extraPointsGiven: Number(row.extra_points),
    orders: Number(row.orders),
    net: formatMinor(BigInt(row.fees) - BigInt(row.refunds) - BigInt(row.discounts), digits),
  }));
}

// ---- Rows -------------------------------------------------------------------------------------------------

async function pay(
  tx: Queryable,
  tenantId: string,
  membershipId: string,
  kind: "fee" | "refund",
  amountMinor: number,
  points: number,
  day: Day,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO membership_payments (tenant_id, id, membership_id, kind, amount_minor, points, day, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [tenantId, newId("mpay", at.getTime()), membershipId, kind, amountMinor, points, formatDay(day), at],
  );
}

interface PlanRow {
  id: string;
  name: string;
  fee_minor: string;
  fee_points: string | null;
  period_days: number;
  discount_ppm: number;
  extra_earn_ppm: number;
  free_delivery: boolean;
  priority_service: boolean;
  refund: "none" | "prorata";
  active: boolean;
  created_at: Date | string;
}

const PLAN_SELECT = `SELECT id, name, fee_minor::text, fee_points::text, period_days, discount_ppm, extra_earn_ppm,
  free_delivery, priority_service, refund, active, created_at FROM membership_plans`;

async function planRow(q: Queryable, tenantId: string, id: string, lock = false): Promise<PlanRow | null> {
  const r = await q.query<PlanRow>(
    `${PLAN_SELECT} WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  return r.rows[0] ?? null;
}

async function findPlan(q: Queryable, tenantId: string, id: string, digits: number, lock = false) {
  const row = await planRow(q, tenantId, id, lock);
  return row ? toPlan(row, digits) : null;
}

function toPlan(r: PlanRow, digits: number): Plan {
  return {
    id: r.id,
    name: r.name,
    fee: formatMinor(BigInt(r.fee_minor), digits),
    feePoints: r.fee_points === null ? null : Number(r.fee_points),
    periodDays: Number(r.period_days),
    discountRate: formatPercent(Number(r.discount_ppm)),
    extraEarnRate: formatPercent(Number(r.extra_earn_ppm)),
    freeDelivery: r.free_delivery,
    priorityService: r.priority_service,
    refund: r.refund,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

interface MembershipRow {
  id: string;
  plan_id: string;
  plan_name: string;
  company_id: string;
  starts_on: string;
  ends_on: string;
  status: "active" | "cancelled";
  fee_minor: string;
  fee_points: string | null;
  bought_by: string;
  cancelled_on: string | null;
  refund_minor: string;
  refund_points: string;
  created_at: Date | string;
}

const MEMBERSHIP_SELECT = `SELECT m.id, m.plan_id, p.name AS plan_name, m.company_id, m.starts_on::text,
  m.ends_on::text, m.status, m.fee_minor::text, m.fee_points::text, m.bought_by, m.cancelled_on::text,
  m.refund_minor::text, m.refund_points::text, m.created_at
  FROM memberships m JOIN membership_plans p ON p.tenant_id = m.tenant_id AND p.id = m.plan_id`;

async function findMembership(
  q: Queryable,
  tenantId: string,
  id: string,
  digits: number,
  lock = false,
): Promise<Membership | null> {
  const r = await q.query<MembershipRow>(
    `${MEMBERSHIP_SELECT} WHERE m.tenant_id = $1 AND m.id = $2${lock ? " FOR UPDATE OF m" : ""}`,
    [tenantId, id],
  );
  const row = r.rows[0];
  return row ? toMembership(row, digits) : null;
}

function toMembership(r: MembershipRow, digits: number): Membership {
  return {
    id: r.id,
    planId: r.plan_id,
    planName: r.plan_name,
    companyId: r.company_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    fee: formatMinor(BigInt(r.fee_minor), digits),
    feePoints: r.fee_points === null ? null : Number(r.fee_points),
    boughtBy: r.bought_by,
    cancelledOn: r.cancelled_on,
    refund: formatMinor(BigInt(r.refund_minor), digits),
    refundPoints: Number(r.refund_points),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
