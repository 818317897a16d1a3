// The finance report: the points liability of a period in points and in currency (opening, issued, spent,
// expired, reversed, closing) in total, per program version and per tier, read from the finance rollups (the
// ledger's postings summed per company and day, and each company's closing at the end of the months it moved
// in, for the opening) and checked against the ledger's balances.
// Definitions: docs/metrics.md#finance-report.
import { type CompiledProgram, type Day, formatDay, formatMinor, parseDay } from "@patron/engine";
import type { Db } from "../../db/db.ts";
import { programAt } from "../programs/service.ts";
import { financeFlows, refreshRollups } from "./rollups.ts";
import { defined, periodOf, programContext } from "./service.ts";

/**
 * Flows bucketed against the period ($2 to $3): `opening` before it, `period` per day of it, `total` (with no
 * holder) everything ever, net; each by the tier the holder is in now.
 */
const bucketed = (src: string) => `
  SELECT CASE WHEN day < $2::date THEN 'opening' WHEN day > $3::date THEN 'after' ELSE 'period' END AS part,
    day, member_id, issued, spent, expired, reversed, issued - spent - expired - reversed AS net FROM ${src}
  UNION ALL
  SELECT 'total', NULL, NULL, 0, 0, 0, 0, issued - spent - expired - reversed FROM ${src}`;

const SUMMED = `
SELECT part, CASE WHEN part = 'period' THEN day::text END AS day, m.tier, sum(f.issued)::text AS issued,
  sum(f.spent)::text AS spent, sum(f.expired)::text AS expired, sum(f.reversed)::text AS reversed,
  sum(f.net)::text AS net
FROM flows f LEFT JOIN members m ON m.tenant_id = $1 AND m.id = f.member_id
WHERE part <> 'after' GROUP BY 1, 2, 3`;

/** The same figures from the ledger's postings alone: the source of truth the rollups are checked against. */
const FROM_LEDGER = `
WITH all_flows AS (${financeFlows("NULL::timestamptz", "NULL::timestamptz")}
), flows AS (${bucketed("all_flows")})
${SUMMED}`;

/**
 * The figures from the rollups up to the tenant's watermark, and the ledger's postings since it (the few a
 * refresh has not added yet). A holder's opening is its latest month closing before the period's month plus
 * the days of that month before the period; its total is its latest month closing. The holders are walked one
 * index step each (the months of one holder are skipped over), so the opening reads a row or two per holder
 * and the days of the period's month, however long the history.
 */
const FROM_ROLLUPS = `
WITH RECURSIVE w AS (
  SELECT upto FROM analytics_watermarks WHERE tenant_id = $1 AND upto > '-infinity'
), tail AS (${financeFlows("(SELECT upto FROM w)", "NULL::timestamptz")}
), holders (member_id) AS (
  SELECT min(member_id) FROM analytics_finance_months WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM w)
  UNION ALL
  SELECT (SELECT min(c.member_id) FROM analytics_finance_months c WHERE c.tenant_id = $1 AND c.member_id > h.member_id)
  FROM holders h WHERE h.member_id IS NOT NULL
), closings AS (
  SELECT h.member_id,
    (SELECT c.closing FROM analytics_finance_months c WHERE c.tenant_id = $1 AND c.member_id = h.member_id
       AND c.month < date_trunc('month', $2::date) ORDER BY c.month DESC LIMIT 1) AS opening,
    (SELECT c.closing FROM analytics_finance_months c WHERE c.tenant_id = $1 AND c.member_id = h.member_id
       ORDER BY c.month DESC LIMIT 1) AS total
  FROM holders h WHERE h.member_id IS NOT NULL
), days AS (
  SELECT day, member_id, issued, spent, expired, reversed FROM analytics_finance_days
  WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM w) AND day >= date_trunc('month', $2::date) AND day <= $3::date
), flows AS (
  SELECT 'opening' AS part, NULL::date AS day, member_id, 0 AS issued, 0 AS spent, 0 AS expired, 0 AS reversed,
    opening AS net FROM closings WHERE opening IS NOT NULL
  UNION ALL
  SELECT 'total', NULL, NULL, 0, 0, 0, 0, total FROM closings
  UNION ALL
  SELECT CASE WHEN day < $2::date THEN 'opening' ELSE 'period' END, day, member_id, issued, spent, expired, reversed,
    issued - spent - expired - reversed FROM days
  UNION ALL ${bucketed("tail")}
)
${SUMMED}`;

export interface FinanceRow {
  /** The program version, the tier (null: none yet), or null for the total. */
  key: string | null;
  /** The days the row covers: the period, or the part of it a version was in force. */
  from: string;
  to: string;
  openingPoints: number;
  issuedPoints: number;
  spentPoints: number;
  expiredPoints: number;
  reversedPoints: number;
  closingPoints: number;
  /** The point value the row is valued at, in the currency. */
  pointValue: string;
  opening: string;
  issued: string;
  spent: string;
  expired: string;
  reversed: string;
  closing: string;
}

export interface FinanceReport {
  from: string;
  to: string;
  currency: string;
  total: FinanceRow;
  byVersion: FinanceRow[];
  byTier: FinanceRow[];
  /** All movements ever, summed, against the balances of the accounts owed to members now. */
  ledger: { movementsPoints: number; balancesPoints: number; agrees: boolean };
  definitions: Record<string, string>;
}

interface Flows {
  issued: bigint;
  spent: bigint;
  expired: bigint;
  reversed: bigint;
}

const zero = (): Flows => ({ issued: 0n, spent: 0n, expired: 0n, reversed: 0n });
const net = (f: Flows) => f.issued - f.spent - f.expired - f.reversed;
function add(a: Flows, b: Flows): void {
  a.issued += b.issued;
  a.spent += b.spent;
  a.expired += b.expired;
  a.reversed += b.reversed;
}

function row(
  key: string | null,
  from: Day,
  to: Day,
  opening: bigint,
  f: Flows,
  p: CompiledProgram,
): FinanceRow {
  const closing = opening + net(f);
  // Asserted, not assumed: a report that does not add up must not be handed to accounting.
  if (closing - opening !== f.issued - f.spent - f.expired - f.reversed)
    throw new Error("finance row does not reconcile");
  const pv = BigInt(p.pointValueMinor);
  const money = (points: bigint) => formatMinor(points * pv, p.digits);
  return {
    key,
    from: formatDay(from),
    to: formatDay(to),
    openingPoints: Number(opening),
    issuedPoints: Number(f.issued),
    spentPoints: Number(f.spent),
    expiredPoints: Number(f.expired),
    reversedPoints: Number(f.reversed),
    closingPoints: Number(closing),
    pointValue: formatMinor(pv, p.digits),
    opening: money(opening),
    issued: money(f.issued),
    spent: money(f.spent),
    expired: money(f.expired),
    reversed: money(f.reversed),
    closing: money(closing),
  };
}

/** The report; `from: "ledger"` sums every posting instead of reading the rollup (a check of the rollup). */
export async function financeReport(
  db: Db,
  tenantId: string,
  now: Date,
  q: { from?: string; to?: string },
  opts: { from: "rollup" | "ledger" } = { from: "rollup" },
): Promise<FinanceReport> {
  const { versions, today } = await programContext(db, tenantId, now);
  // A month by default: the report accounting asks for.
  const toDay = q.to === undefined ? today : (parseDay(q.to) as Day);
  const defaultFrom = formatDay(toDay).slice(0, 8).concat("01");
  const period = periodOf(q.from ?? defaultFrom, q.to ?? formatDay(toDay), today);
  const from = formatDay(period.from);
  const to = formatDay(period.to);
  const ledger = opts.from === "ledger";
  if (!ledger) await refreshRollups(db, tenantId);
  // The flows and the balances they are checked against, read in one snapshot.
  const { r, balances } = await db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const r = await tx.query<{
      part: "opening" | "period" | "total";
      day: string | null;
      tier: string | null;
      issued: string;
      spent: string;
      expired: string;
      reversed: string;
      net: string;
    }>(ledger ? FROM_LEDGER : FROM_ROLLUPS, [tenantId, from, to]);
    const balances = await tx.query<{ n: string | null }>(
      `SELECT sum(balance)::text AS n FROM accounts WHERE tenant_id = $1 AND kind IN ('wallet', 'pending', 'hold')`,
      [tenantId],
    );
    return { r, balances };
  });
  const openingByTier = new Map<string | null, bigint>();
  const periodByTier = new Map<string | null, Flows>();
  const byDay = new Map<string, Flows>();
  let opening = 0n;
  let movements = 0n;
  for (const x of r.rows) {
    if (x.part === "total") {
      movements += BigInt(x.net);
      continue;
    }
    if (x.part === "opening") {
      opening += BigInt(x.net);
      openingByTier.set(x.tier, (openingByTier.get(x.tier) ?? 0n) + BigInt(x.net));
      continue;
    }
    const f: Flows = {
      issued: BigInt(x.issued),
      spent: BigInt(x.spent),
      expired: BigInt(x.expired),
      reversed: BigInt(x.reversed),
    };
    const d = byDay.get(x.day as string) ?? zero();
    add(d, f);
    byDay.set(x.day as string, d);
    const t = periodByTier.get(x.tier) ?? zero();
    add(t, f);
    periodByTier.set(x.tier, t);
    if (!openingByTier.has(x.tier)) openingByTier.set(x.tier, 0n);
  }
  const pEnd = programAt(versions, period.to) ?? (versions[0] as CompiledProgram);
  const totalFlows = zero();
  for (const f of byDay.values()) add(totalFlows, f);
  const total = row(null, period.from, period.to, opening, totalFlows, pEnd);

  // The period cut where versions take effect: each part valued at its own version's point value.
  const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  const byVersion: FinanceRow[] = [];
  let carried = opening;
  for (let k = 0; k < sorted.length; k++) {
    const v = sorted[k] as CompiledProgram;
    const next = sorted[k + 1];
    const start = Math.max(period.from, v.effectiveFrom) as Day;
    const end = Math.min(period.to, next ? next.effectiveFrom - 1 : period.to) as Day;
    if (start > end) continue;
    const f = zero();
    for (const [d, x] of byDay) {
      const day = parseDay(d) as Day;
      if (day >= start && day <= end) add(f, x);
    }
    byVersion.push(row(String(v.version), start, end, carried, f, v));
    carried += net(f);
  }
  const byTier = [...openingByTier.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([tier, o]) => row(tier, period.from, period.to, o, periodByTier.get(tier) ?? zero(), pEnd));
  const held = BigInt(balances.rows[0]?.n ?? "0");
  return {
    from,
    to,
    currency: pEnd.currency,
    total,
    byVersion,
    byTier,
    ledger: { movementsPoints: Number(movements), balancesPoints: Number(held), agrees: movements === held },
    definitions: {
      report: defined("finance-report"),
      opening: defined("finance-opening"),
      issued: defined("finance-issued"),
      spent: defined("finance-spent"),
      expired: defined("finance-expired"),
      reversed: defined("finance-reversed"),
      closing: defined("finance-closing"),
    },
  };
}
