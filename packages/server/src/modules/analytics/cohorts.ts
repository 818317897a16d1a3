// Cohort retention from the rollups: companies grouped by the month they joined (or first ordered), and the
// share of each cohort that ordered in each month after; and the same per current tier. Definitions:
// docs/metrics.md#cohorts.
import { formatDay } from "@patron/engine";
import type { Db } from "../../db/db.ts";
import { refreshRollups } from "./rollups.ts";
import { AnalyticsError, defined, programContext } from "./service.ts";

/** The most cohort months one request reads (ten years). */
export const MAX_COHORT_MONTHS = 120;

export interface CohortRow {
  /** The cohort's month, as its first day. */
  cohort: string;
  size: number;
  /** Companies of the cohort that ordered in month k after the cohort's month (k = 0 is the month itself). */
  active: number[];
  /** active[k] / size, 4 decimals. */
  retention: number[];
}

export interface TierRetention {
  tier: string | null;
  size: number;
  /** Per month k after joining: companies that ordered then / companies whose month k has been reached. */
  active: number[];
  observed: number[];
  retention: (number | null)[];
}

export interface Cohorts {
  from: string;
  to: string;
  months: number;
  cohorts: CohortRow[];
  tiers: TierRetention[];
  definitions: Record<string, string>;
}

/** Months since year 0: a month's index, so that differences are month counts. */
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthStart = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
const share = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export async function cohorts(
  db: Db,
  tenantId: string,
  now: Date,
  q: { from?: string; to?: string },
): Promise<Cohorts> {
  const { today } = await programContext(db, tenantId, now);
  const to = q.to ?? formatDay(today);
  const last = monthIndex(to);
  const first = q.from === undefined ? last - 11 : monthIndex(q.from);
  if (first > last) throw new AnalyticsError("bad_period", "from", "the period starts after it ends");
  if (last - first + 1 > MAX_COHORT_MONTHS)
    throw new AnalyticsError("bad_period", "from", `cohorts span at most ${MAX_COHORT_MONTHS} months`);
  await refreshRollups(db, tenantId);
  const fromDay = monthStart(first);
  // Each company's cohort, and each month it ordered in up to `to`: both from the company-day rollup.
  const r = await db.query<{
    id: string;
    tier: string | null;
    cohort: string;
    months: string[] | string | null;
  }>(
    `WITH firsts AS (
       SELECT member_id, min(day) AS day FROM analytics_member_days
       WHERE tenant_id = $1 AND orders > 0 GROUP BY member_id
     ), c AS (
       SELECT m.id, m.tier, date_trunc('month', COALESCE(m.joined_on, f.day))::date AS cohort
       FROM members m LEFT JOIN firsts f ON f.member_id = m.id
       WHERE m.tenant_id = $1 AND COALESCE(m.joined_on, f.day) BETWEEN $2 AND $3
     )
     SELECT c.id, c.tier, c.cohort::text AS cohort,
       (SELECT array_agg(DISTINCT to_char(d.day, 'YYYY-MM'))
        FROM analytics_member_days d
        WHERE d.tenant_id = $1 AND d.member_id = c.id AND d.orders > 0 AND d.day BETWEEN c.cohort AND $3) AS months
     FROM c`,
    [tenantId, fromDay, to],
  );
  const rows = new Map<number, CohortRow>();
  for (let m = first; m <= last; m++)
    rows.set(m, { cohort: monthStart(m), size: 0, active: Array(last - m + 1).fill(0), retention: [] });
  const span = last - first + 1;
  const tiers = new Map<string | null, TierRetention>();
  for (const x of r.rows) {
    const c = monthIndex(x.cohort);
    const row = rows.get(c);
    if (!row) continue;
    row.size++;
    const t = tiers.get(x.tier) ?? {
      tier: x.tier,
      size: 0,
      active: Array(span).fill(0),
      observed: Array(span).fill(0),
      retention: [],
    };
    t.size++;
    for (let k = 0; k <= last - c; k++) t.observed[k] = (t.observed[k] ?? 0) + 1;
    const months = Array.isArray(x.months)
      ? x.months
      : (x.months ?? "")
          .replace(/^\{|\}$/g, "")
          .split(",")
          .filter(Boolean);
    for (const m of months) {
      const k = monthIndex(`${m}-01`) - c;
      if (k < 0 || k > last - c) continue;
      row.active[k] = (row.active[k] ?? 0) + 1;
      t.active[k] = (t.active[k] ?? 0) + 1;
    }
    tiers.set(x.tier, t);
  }
  for (const row of rows.values()) row.retention = row.active.map((a) => share(a, row.size) ?? 0);
  for (const t of tiers.values()) t.retention = t.active.map((a, k) => share(a, t.observed[k] ?? 0));
  return {
    from: fromDay,
    to,
    months: span,
    cohorts: [...rows.values()],
    tiers: [...tiers.values()].sort((a, b) =>
      a.tier === b.tier ? 0 : a.tier === null ? 1 : b.tier === null ? -1 : a.tier < b.tier ? -1 : 1,
    ),
    definitions: { cohorts: defined("cohorts"), tiers: defined("tier-retention") },
  };
}
