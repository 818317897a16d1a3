// The program's metrics over a period for participants and the hold-out group side by side, and the lift of
// participants over the hold-out with a 95% confidence interval (Welch). Definitions: docs/metrics.md.
import { type Day, formatDay, formatMinor } from "@patron/engine";
import type { Db } from "../../db/db.ts";
import { heldOutSql, holdoutShare } from "./holdout.ts";
import { refreshRollups } from "./rollups.ts";
import { AnalyticsError, defined, type Period, periodOf, programContext } from "./service.ts";

export interface MetricsQuery {
  from?: string;
  to?: string;
  segment?: string;
  tier?: string;
  region?: string;
  /** A published version: the period is cut to the days it was in force. */
  version?: number;
}

export type Group = "participants" | "holdout";

export interface Metric {
  key: string;
  unit: "count" | "ratio" | "money" | "points";
  /** Per group; null where the figure is undefined (nothing to divide by, or no hold-out). */
  values: Record<Group, string | number | null>;
  definition: string;
}

export interface Lift {
  key: "rpr" | "frequency" | "aov" | "margin";
  /** (participants − hold-out) / hold-out, and its 95% interval; null without enough members in a group. */
  value: number | null;
  low: number | null;
  high: number | null;
  definition: string;
}

export interface Metrics {
  from: string;
  to: string;
  currency: string;
  holdoutShare: number;
  metrics: Metric[];
  lift: Lift[];
}

interface GroupSums {
  members: number;
  active: number;
  repeat: number;
  prior: number;
  retained: number;
  orders: bigint;
  revenue: bigint;
  margin: bigint;
  costed: bigint;
  discount: bigint;
  issued: bigint;
  spent: bigint;
  expired: bigint;
  reversed: bigint;
  owed: bigint;
}

/** Rounded to 4 decimals; null when dividing by zero. */
export const ratio = (a: bigint | number, b: bigint | number): number | null =>
  Number(b) === 0 ? null : Math.round((Number(a) / Number(b)) * 10_000) / 10_000;

/** a / b in minor units, half away from zero; null when b is zero. */
export function divMinor(a: bigint, b: bigint | number): bigint | null {
  const d = BigInt(b);
  if (d === 0n) return null;
  const q = a / d;
  const r = a % d;
  return 2n * (r < 0n ? -r : r) >= d ? q + (a < 0n ? -1n : 1n) : q;
}

/** The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher; within 0.01 from df 3). */
export function t975(df: number): number {
  const z = 1.959964;
  if (!Number.isFinite(df) || df > 1e6) return z;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

function meanVar(xs: readonly number[]): { n: number; mean: number; variance: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/**
 * Relative lift of the participants' mean over the hold-out's, (mp − mh) / mh, with Welch's interval of the
 * difference divided by the hold-out mean (its own uncertainty left out). Null with fewer than two members in
 * a group or a hold-out mean of zero.
 */
export function welchLift(
  participants: readonly number[],
  holdout: readonly number[],
): { value: number; low: number; high: number } | null {
  if (participants.length < 2 || holdout.length < 2) return null;
  const p = meanVar(participants);
  const h = meanVar(holdout);
  if (h.mean === 0) return null;
  const a = p.variance / p.n;
  const b = h.variance / h.n;
  const se = Math.sqrt(a + b);
  const df = se === 0 ? Number.POSITIVE_INFINITY : (a + b) ** 2 / (a ** 2 / (p.n - 1) + b ** 2 / (h.n - 1));
  const diff = p.mean - h.mean;
  const half = t975(df) * se;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    value: round(diff / h.mean),
    low: round((diff - half) / Math.abs(h.mean)),
    high: round((diff + half) / Math.abs(h.mean)),
  };
}

/** The period a version was in force, within the one asked for. */
function versionPeriod(
  period: Period,
  versions: readonly { version: number; effectiveFrom: number }[],
  version: number,
): Period {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  const k = sorted.findIndex((v) => v.version === version);
  const v = sorted[k];
  if (!v) throw new AnalyticsError("bad_period", "version", `no published version ${version}`);
  const next = sorted[k + 1];
  const from = Math.max(period.from, v.effectiveFrom) as Day;
  const to = Math.min(period.to, next ? next.effectiveFrom - 1 : period.to) as Day;
  if (from > to)
    throw new AnalyticsError("bad_period", "version", `version ${version} was not in force then`);
  return { from, to };
}

export async function metrics(db: Db, tenantId: string, now: Date, q: MetricsQuery): Promise<Metrics> {
  const { p, versions, today } = await programContext(db, tenantId, now);
  let period = periodOf(q.from, q.to, today);
  if (q.version !== undefined) period = versionPeriod(period, versions, q.version);
  await refreshRollups(db, tenantId);
  const shareBp = await holdoutShare(db, tenantId);
  const days = period.to - period.from + 1;
  const filters: string[] = [];
  const params: (string | number)[] = [
    tenantId,
    formatDay(period.from),
    formatDay(period.to),
    formatDay((period.from - days) as Day),
    formatDay((period.from - 1) as Day),
    shareBp,
  ];
  for (const [column, value] of [
    ["segment", q.segment],
    ["tier", q.tier],
    ["region", q.region],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    filters.push(`AND ${column} = $${params.length}`);
  }
  const perMember = await db.query<Record<string, string | boolean | null>>(
    `WITH m AS (
       SELECT id, ${heldOutSql("$1", "id", "$6")} AS held FROM members
       WHERE tenant_id = $1 AND (joined_on IS NULL OR joined_on <= $3) ${filters.join(" ")}
     ), cur AS (
       SELECT member_id, sum(orders) AS orders, sum(net_minor - returned_minor) AS revenue,
         sum(costed_net_minor - cost_minor) AS margin, sum(costed_net_minor) AS costed, sum(discount_minor) AS discount,
         sum(points_earned) AS issued, sum(points_redeemed - points_refunded) AS spent, sum(points_expired) AS expired,
         sum(points_reversed) AS reversed
       FROM analytics_member_days WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 GROUP BY member_id
     ), prev AS (
       SELECT DISTINCT member_id FROM analytics_member_days
       WHERE tenant_id = $1 AND day BETWEEN $4 AND $5 AND orders > 0
     ), owed AS (
       SELECT member_id, sum(points_earned - points_redeemed + points_refunded - points_reversed - points_expired
         + points_adjusted) AS owed
       FROM analytics_member_days WHERE tenant_id = $1 AND day <= $3 GROUP BY member_id
     )
     SELECT m.held, COALESCE(cur.orders, 0)::text AS orders, COALESCE(cur.revenue, 0)::text AS revenue,
       COALESCE(cur.margin, 0)::text AS margin, COALESCE(cur.costed, 0)::text AS costed,
       COALESCE(cur.discount, 0)::text AS discount, COALESCE(cur.issued, 0)::text AS issued,
       COALESCE(cur.spent, 0)::text AS spent, COALESCE(cur.expired, 0)::text AS expired,
       COALESCE(cur.reversed, 0)::text AS reversed, COALESCE(owed.owed, 0)::text AS owed,
       prev.member_id IS NOT NULL AS prior
     FROM m LEFT JOIN cur ON cur.member_id = m.id LEFT JOIN prev ON prev.member_id = m.id
       LEFT JOIN owed ON owed.member_id = m.id`,
    params,
  );
  const empty = (): GroupSums => ({
    members: 0,
    active: 0,
    repeat: 0,
    prior: 0,
    retained: 0,
    orders: 0n,
    revenue: 0n,
    margin: 0n,
    costed: 0n,
    discount: 0n,
    issued: 0n,
    spent: 0n,
    expired: 0n,
    reversed: 0n,
    owed: 0n,
  });
  const sums: Record<Group, GroupSums> = { participants: empty(), holdout: empty() };
  const samples: Record<Group, Record<Lift["key"], number[]>> = {
    participants: { rpr: [], frequency: [], aov: [], margin: [] },
    holdout: { rpr: [], frequency: [], aov: [], margin: [] },
  };
  for (const r of perMember.rows) {
    const g: Group = r.held ? "holdout" : "participants";
    const s = sums[g];
    const orders = BigInt(r.orders as string);
    s.members++;
    if (orders > 0n) s.active++;
    if (orders >= 2n) s.repeat++;
    if (r.prior) s.prior++;
    if (r.prior && orders > 0n) s.retained++;
    s.orders += orders;
    for (const k of [
      "revenue",
      "margin",
      "costed",
      "discount",
      "issued",
      "spent",
      "expired",
      "reversed",
      "owed",
    ] as const)
      s[k] += BigInt(r[k] as string);
    if (orders > 0n) {
      const x = samples[g];
      x.rpr.push(orders >= 2n ? 1 : 0);
      x.frequency.push(Number(orders));
      x.aov.push(Number(r.revenue) / Number(orders));
      x.margin.push(Number(r.margin));
    }
  }
  const money = (minor: bigint | null) => (minor === null ? null : formatMinor(minor, p.digits));
  const pv = BigInt(p.pointValueMinor);
  const cost = (s: GroupSums) => s.discount + (s.issued - s.reversed - s.expired) * pv;
  const marginPerActive = (s: GroupSums) => divMinor(s.margin, s.active);
  const hasHoldout = sums.holdout.members > 0;
  const churn = (s: GroupSums) => ratio(s.prior - s.retained, s.prior);
  const roi = (s: GroupSums, g: Group): number | null => {
    if (g === "holdout" || !hasHoldout) return null;
    const mp = marginPerActive(s);
    const mh = marginPerActive(sums.holdout);
    if (mp === null || mh === null) return null;
    const incremental = (mp - mh) * BigInt(s.active);
    return ratio(incremental - cost(s), cost(s));
  };
  const metric = (
    key: string,
    unit: Metric["unit"],
    f: (s: GroupSums, g: Group) => string | number | null,
  ) => ({
    key,
    unit,
    values: {
      participants: f(sums.participants, "participants"),
      holdout: hasHoldout ? f(sums.holdout, "holdout") : null,
    },
    definition: defined(key),
  });
  const list: Metric[] = [
    metric("members", "count", (s) => s.members),
    metric("active-members", "count", (s) => s.active),
    metric("crr", "ratio", (s) => ratio(s.retained, s.prior)),
    metric("churn", "ratio", churn),
    metric("rpr", "ratio", (s) => ratio(s.repeat, s.active)),
    metric("purchase-frequency", "ratio", (s) => ratio(s.orders, s.active)),
    metric("aov", "money", (s) => money(divMinor(s.revenue, s.orders))),
    metric("revenue", "money", (s) => money(s.revenue)),
    metric("revenue-per-member", "money", (s) => money(divMinor(s.revenue, s.active))),
    metric("gross-margin-per-member", "money", (s) => money(marginPerActive(s))),
    metric("ltv", "money", (s) => {
      const c = churn(s);
      const m = marginPerActive(s);
      if (c === null || c === 0 || m === null) return null;
      // Margin per active member per period over the period's churn: s.prior / (s.prior − s.retained) periods.
      return money(divMinor(m * BigInt(s.prior), s.prior - s.retained));
    }),
    metric("redemption-rate", "ratio", (s) => ratio(s.spent, s.issued)),
    metric("breakage", "ratio", (s) => ratio(s.expired, s.issued)),
    metric("points-issued", "points", (s) => Number(s.issued)),
    metric("points-spent", "points", (s) => Number(s.spent)),
    metric("points-expired", "points", (s) => Number(s.expired)),
    metric("outstanding-liability", "money", (s) => money(s.owed * pv)),
    metric("program-cost", "money", (s) => money(cost(s))),
    metric("roi", "ratio", roi),
  ];
  const lift: Lift[] = (["rpr", "frequency", "aov", "margin"] as const).map((key) => {
    const l = welchLift(samples.participants[key], samples.holdout[key]);
    return {
      key,
      value: l?.value ?? null,
      low: l?.low ?? null,
      high: l?.high ?? null,
      definition: defined("lift"),
    };
  });
  return {
    from: formatDay(period.from),
    to: formatDay(period.to),
    currency: p.currency,
    holdoutShare: shareBp / 10_000,
    metrics: list,
    lift,
  };
}
