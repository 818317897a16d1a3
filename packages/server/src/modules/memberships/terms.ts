// The terms a member holds outside the program (paid memberships, approved individual grants), read for the
// engine before it prices an order, what they gave on each order, written after, and what a return or a
// cancellation of the order gives back of it.
import {
  type Day,
  formatDay,
  type MemberTerm,
  type OrderOutcome,
  parseDay,
  type ReturnProgress,
  type TermUse,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";

/** A member may hold many memberships over the years; only those reaching the order's day are read. */
const MAX_TERMS = 100;

/** A term's row as `termsSelect` gives it (through JSON too: the numbers may come as numbers or as text). */
export interface TermColumns {
  kind: "membership" | "individual";
  id: string;
  label: string;
  discount_ppm: number | string;
  extra_earn_ppm: number | string;
  free_delivery: boolean;
  priority_service: boolean;
  valid_from: string;
  valid_to: string;
}

/**
 * The statement that reads a member's memberships and active grants valid on a day or later; `member` and `day`
 * are SQL (parameters), the tenant is `$1`. Quote sends it inside the member's own read.
 */
export const termsSelect = (member: string, day: string) =>
  `SELECT 'membership' AS kind, m.id, p.name AS label, p.discount_ppm, p.extra_earn_ppm, p.free_delivery,
     p.priority_service, m.starts_on::text AS valid_from, m.ends_on::text AS valid_to
   FROM memberships m JOIN membership_plans p ON p.tenant_id = m.tenant_id AND p.id = m.plan_id
   WHERE m.tenant_id = $1 AND m.company_id = ${member} AND m.ends_on >= ${day} AND m.ends_on >= m.starts_on
   UNION ALL
   SELECT 'individual', id, reason, discount_ppm, extra_earn_ppm, false, false, valid_from::text, valid_to::text
   FROM discount_grants WHERE tenant_id = $1 AND company_id = ${member} AND status = 'active' AND valid_to >= ${day}
   LIMIT ${MAX_TERMS}`;

/** The member's memberships and active grants that are valid on `day` or later. */
export async function termsFor(
  q: Queryable,
  tenantId: string,
  memberId: string,
  day: Day,
): Promise<MemberTerm[]> {
  const r = await q.query<TermColumns>(termsSelect("$2", "$3::date"), [tenantId, memberId, formatDay(day)]);
  return r.rows.map(termOf);
}

export function termOf(row: TermColumns): MemberTerm {
  return {
    kind: row.kind,
    id: row.id,
    label: row.label,
    discountPpm: Number(row.discount_ppm),
    extraEarnPpm: Number(row.extra_earn_ppm),
    benefits: [
      ...(row.free_delivery ? ["freeDelivery"] : []),
      ...(row.priority_service ? ["priorityService"] : []),
    ],
    validFrom: parseDay(row.valid_from) as Day,
    validTo: parseDay(row.valid_to) as Day,
  };
}

/** Records what each term gave on an order (for the economics of memberships and the cost of grants). */
export async function recordTermUses(
  tx: Queryable,
  tenantId: string,
  orderId: string,
  companyId: string,
  day: Day,
  uses: readonly TermUse[],
): Promise<void> {
  for (const u of uses) {
    await tx.query(
      `INSERT INTO term_uses (tenant_id, term_id, kind, order_id, company_id, day, discount_minor, extra_points)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [tenantId, u.id, u.kind, orderId, companyId, formatDay(day), u.discountMinor, u.extraPoints],
    );
  }
}

/**
 * Gives back what an order's terms gave, in the share of the order no longer kept: after a return, the returned
 * share of the order's value (its net plus what points paid), rounded down; all of it once every unit is back
 * or when `progress` is null (a cancellation: the order never happened). Each call sets the total given back,
 * so partial returns add up to the whole use and a repeated call changes nothing.
 */
export async function giveBackTermUses(
  tx: Queryable,
  tenantId: string,
  orderId: string,
  order: OrderOutcome,
  progress: ReturnProgress | null,
): Promise<void> {
  if (order.terms.length === 0) return;
  const full =
    progress === null || order.lines.every((l, i) => (progress.returnedMilli[i] ?? 0) >= l.quantityMilli);
  let value = order.netMinor;
  for (const l of order.lines) value += l.pointsMoneyMinor;
  const returned = progress === null ? 0 : progress.returnedNetMinor + progress.pointsMoneyReturnedMinor;
  // An order of no value keeps its whole use until every unit is back.
  const [num, den] = value > 0 ? [Math.min(returned, value), value] : [0, 1];
  await tx.query(
    `UPDATE term_uses SET
       returned_discount_minor = CASE WHEN $3 THEN discount_minor
         ELSE floor(discount_minor::numeric * $4::numeric / $5::numeric)::bigint END,
       returned_extra_points = CASE WHEN $3 THEN extra_points
         ELSE floor(extra_points::numeric * $4::numeric / $5::numeric)::bigint END
     WHERE tenant_id = $1 AND order_id = $2`,
    [tenantId, orderId, full, String(num), String(den)],
  );
}
