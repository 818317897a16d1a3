// Reads of the analytics rollups: the console's dashboard (totals and series over time) and the program's
// metrics for participants and the hold-out group side by side. Every figure is defined once in docs/metrics.md.
import { type CompiledProgram, type Day, formatDay, formatMinor, localDay, parseDay } from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { refreshRollups } from "./rollups.ts";

/** Where each figure is defined; the API gives it with each one. */
export const METRICS_DOC = "docs/metrics.md";
export const defined = (anchor: string) => `${METRICS_DOC}#${anchor}`;

/** The longest period one request may read, in days (about ten years). */
export const MAX_PERIOD_DAYS = 3700;

export type Interval = "day" | "week" | "month";

export class AnalyticsError extends Error {
  constructor(
    readonly code: "no_program" | "bad_period",
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The program in force on the period's last day (its currency, digits and point value), and today. */
export async function programContext(
  q: Queryable,
  tenantId: string,
  now: Date,
): Promise<{ p: CompiledProgram; versions: CompiledProgram[]; today: Day }> {
  const versions = await publishedPrograms(q, tenantId);
  const first = versions[0];
  if (!first) throw new AnalyticsError("no_program", "program", "the tenant has no published program yet");
  const today =
    localDay(now.toISOString(), first.timeZone) ?? (parseDay(now.toISOString().slice(0, 10)) as Day);
  return { p: programAt(versions, today) ?? first, versions, today };
}

export interface Period {
  from: Day;
  to: Day;
}

/** The period asked for, or the 90 days up to today; refuses one that ends before it starts or is too long. */
export function periodOf(from: string | undefined, to: string | undefined, today: Day): Period {
  const end = to === undefined ? today : (parseDay(to) as Day);
  const start = from === undefined ? ((end - 89) as Day) : (parseDay(from) as Day);
  if (start > end) throw new AnalyticsError("bad_period", "from", "the period starts after it ends");
  if (end - start + 1 > MAX_PERIOD_DAYS)
    throw new AnalyticsError("bad_period", "from", `a period is at most ${MAX_PERIOD_DAYS} days long`);
  return { from: start, to: end };
}

/** Days, weeks or months: about a hundred points at most on a chart. */
export function intervalFor(p: Period): Interval {
  const days = p.to - p.from + 1;
  return days <= 120 ? "day" : days <= 700 ? "week" : "month";
}

const sumFlows =
  "sum(points_earned - points_redeemed + points_refunded - points_reversed - points_expired + points_adjusted)";

export interface DashboardPoint {
  /** The first day of the day, ISO week or month. */
  start: string;
  members: number;
  activeMembers: number;
  orders: number;
  revenue: string;
  pointsIssued: number;
  pointsSpent: number;
  pointsExpired: number;
  liabilityPoints: number;
}

export interface Dashboard {
  from: string;
  to: string;
  interval: Interval;
  currency: string;
  /** Everything received before this instant is counted. */
  upto: string;
  totals: {
    members: number;
    activeMembers: number;
    orders: number;
    revenue: string;
    pointsIssued: number;
    pointsSpent: number;
    pointsExpired: number;
    liabilityPoints: number;
    liability: string;
  };
  series: DashboardPoint[];
  tiers: { tier: string | null; members: number }[];
  definitions: Record<string, string>;
}

/** The console's home page: totals of the period, the same per day, week or month, and today's tier mix. */
export async function dashboard(
  db: Db,
  tenantId: string,
  now: Date,
  q: { from?: string; to?: string; interval?: Interval },
): Promise<Dashboard> {
  // The reads are independent of each other: on a server they go out together, each on its own connection,
  // so the dashboard waits for the slowest rather than for the sum (it is a dozen small reads).
  const [{ p, today }, { upto }] = await Promise.all([
    programContext(db, tenantId, now),
    refreshRollups(db, tenantId),
  ]);
  const period = periodOf(q.from, q.to, today);
  const interval = q.interval ?? intervalFor(period);
  const args = [tenantId, formatDay(period.from), formatDay(period.to), interval];
  const [series, before, activeTotal, activeBy, tiers] = await Promise.all([
    db.query<Record<string, string>>(
      `WITH b AS (
       SELECT generate_series(date_trunc($4, $2::date), $3::date, ('1 ' || $4)::interval)::date AS start
     ), d AS (
       SELECT date_trunc($4, day)::date AS start, sum(orders) AS orders, sum(net_minor - returned_minor) AS revenue,
         sum(points_earned) AS issued, sum(points_redeemed - points_refunded) AS spent, sum(points_expired) AS expired,
         ${sumFlows} AS flow
       FROM analytics_tenant_days WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1
     ), j AS (
       SELECT date_trunc($4, joined_on)::date AS start, count(*) AS joined
       FROM members WHERE tenant_id = $1 AND joined_on BETWEEN $2 AND $3 GROUP BY 1
     )
     SELECT b.start::text AS start, COALESCE(d.orders, 0)::text AS orders, COALESCE(d.revenue, 0)::text AS revenue,
       COALESCE(d.issued, 0)::text AS issued, COALESCE(d.spent, 0)::text AS spent,
       COALESCE(d.expired, 0)::text AS expired, COALESCE(d.flow, 0)::text AS flow,
       COALESCE(j.joined, 0)::text AS joined
     FROM b LEFT JOIN d USING (start) LEFT JOIN j USING (start) ORDER BY b.start`,
      args,
    ),
    db.query<{ flow: string; members: string }>(
      `SELECT (SELECT COALESCE(${sumFlows}, 0) FROM analytics_tenant_days WHERE tenant_id = $1 AND day < $2)::text AS flow,
       (SELECT count(*) FROM members WHERE tenant_id = $1 AND (joined_on IS NULL OR joined_on < $2))::text AS members`,
      [tenantId, formatDay(period.from)],
    ),
    activeCompanies(db, tenantId, period.from, period.to),
    activeSeries(db, tenantId, period, interval),
    db.query<{ tier: string | null; n: string }>(
      "SELECT tier, count(*)::text AS n FROM members WHERE tenant_id = $1 GROUP BY tier ORDER BY count(*) DESC, tier",
      [tenantId],
    ),
  ]);
  let liability = BigInt(before.rows[0]?.flow ?? "0");
  let members = Number(before.rows[0]?.members ?? 0);
  const points: DashboardPoint[] = series.rows.map((r) => {
    liability += BigInt(r.flow as string);
    members += Number(r.joined);
    return {
      start: r.start as string,
      members,
      activeMembers: activeBy.get(r.start as string) ?? 0,
      orders: Number(r.orders),
      revenue: formatMinor(BigInt(r.revenue as string), p.digits),
      pointsIssued: Number(r.issued),
      pointsSpent: Number(r.spent),
      pointsExpired: Number(r.expired),
      liabilityPoints: Number(liability),
    };
  });
  const sum = (k: "orders" | "revenue" | "issued" | "spent" | "expired") =>
    series.rows.reduce((s, r) => s + BigInt(r[k] as string), 0n);
  return {
    from: formatDay(period.from),
    to: formatDay(period.to),
    interval,
    currency: p.currency,
    upto,
    totals: {
      members,
      activeMembers: activeTotal,
      orders: Number(sum("orders")),
      revenue: formatMinor(sum("revenue"), p.digits),
      pointsIssued: Number(sum("issued")),
      pointsSpent: Number(sum("spent")),
      pointsExpired: Number(sum("expired")),
      liabilityPoints: Number(liability),
      liability: formatMinor(liability * BigInt(p.pointValueMinor), p.digits),
    },
    series: points,
    tiers: tiers.rows.map((r) => ({ tier: r.tier, members: Number(r.n) })),
    definitions: {
      members: defined("members"),
      activeMembers: defined("active-members"),
      orders: defined("orders"),
      revenue: defined("revenue"),
      pointsIssued: defined("points-issued"),
      pointsSpent: defined("points-spent"),
      pointsExpired: defined("points-expired"),
      liability: defined("outstanding-liability"),
      tiers: defined("tier-distribution"),
    },
  };
}

/** The first day of the ISO week (Monday) or the month of `d`. */
export function periodStart(kind: "week" | "month", d: Day): Day {
  if (kind === "week") return (d - ((((d + 3) % 7) + 7) % 7)) as Day;
  return parseDay(`${formatDay(d).slice(0, 8)}01`) as Day;
}

/** The last day of the ISO week or month that starts on `start`. */
function periodEnd(kind: "week" | "month", start: Day): Day {
  if (kind === "week") return (start + 6) as Day;
  const [y, m] = formatDay(start).split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return ((parseDay(next) as Day) - 1) as Day;
}

/**
 * The active sets that cover [from, to] exactly: whole months, then whole weeks of what is left, then days.
 * A period of a few years is a few dozen sets.
 */
export function coverOf(from: Day, to: Day): Record<"month" | "week" | "day", string[]> {
  const cover: Record<"month" | "week" | "day", string[]> = { month: [], week: [], day: [] };
  const fill = (a: Day, b: Day, kinds: readonly ("month" | "week")[]): void => {
    if (a > b) return;
    const [kind, ...rest] = kinds;
    if (kind === undefined) {
      for (let d = a; d <= b; d++) cover.day.push(formatDay(d));
      return;
    }
    let first = periodStart(kind, a);
    if (first < a) first = (periodEnd(kind, first) + 1) as Day;
    let end = (first - 1) as Day;
    for (let s = first; periodEnd(kind, s) <= b; s = (periodEnd(kind, s) + 1) as Day) {
      cover[kind].push(formatDay(s));
      end = periodEnd(kind, s);
    }
    if (end < first) {
      fill(a, b, rest);
      return;
    }
    fill(a, (first - 1) as Day, rest);
    fill((end + 1) as Day, b, rest);
  };
  fill(from, to, ["month", "week"]);
  return cover;
}

/** How many companies ordered in [from, to]: the bits of the sets that cover it, OR-ed and counted. */
export async function activeCompanies(q: Queryable, tenantId: string, from: Day, to: Day): Promise<number> {
  const c = coverOf(from, to);
  const r = await q.query<{ n: string }>(
    `WITH s AS (
       SELECT bits FROM analytics_active_sets WHERE tenant_id = $1 AND (
         (kind = 'month' AND start = ANY($2::date[])) OR (kind = 'week' AND start = ANY($3::date[]))
         OR (kind = 'day' AND start = ANY($4::date[])))
     )
     SELECT COALESCE(bit_count(bit_or(bits || repeat('0', l - length(bits))::varbit)), 0)::text AS n
     FROM s, (SELECT max(length(bits)) AS l FROM s) m`,
    [tenantId, `{${c.month.join(",")}}`, `{${c.week.join(",")}}`, `{${c.day.join(",")}}`],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Companies active per day, week or month of the period (by bucket start); a bucket cut by the period is counted within it. */
export async function activeSeries(
  q: Queryable,
  tenantId: string,
  period: Period,
  interval: Interval,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const whole: string[] = [];
  const cut: [Day, Day][] = [];
  if (interval === "day") {
    for (let d = period.from; d <= period.to; d++) whole.push(formatDay(d));
  } else {
    for (
      let s = periodStart(interval, period.from);
      s <= period.to;
      s = (periodEnd(interval, s) + 1) as Day
    ) {
      const e = periodEnd(interval, s);
      if (s >= period.from && e <= period.to) whole.push(formatDay(s));
      else cut.push([s, e]);
    }
  }
  const r = await q.query<{ start: string; members: number }>(
    `SELECT start::text AS start, members FROM analytics_active_sets
     WHERE tenant_id = $1 AND kind = $2 AND start = ANY($3::date[])`,
    [tenantId, interval, `{${whole.join(",")}}`],
  );
  for (const row of r.rows) out.set(row.start, Number(row.members));
  for (const [s, e] of cut) {
    const a = (s < period.from ? period.from : s) as Day;
    const b = (e > period.to ? period.to : e) as Day;
    out.set(formatDay(s), await activeCompanies(q, tenantId, a, b));
  }
  return out;
}
