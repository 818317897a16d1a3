// Analytics rollups: what each event and each expiry or adjustment adds to its company's day, summed per
// company and day and per tenant and day, and the finance report's flows of points per company and day. A
// refresh adds what arrived since the tenant's watermark; a rebuild adds everything again from nothing. Both run the same statement, so they cannot disagree.
import { CUSTOM_PLAN, type Db, type Queryable } from "../../db/db.ts";

/** The sums a rollup row keeps, in the order of the tables' columns. */
export const MEASURES = [
  "orders",
  "lines",
  "gross_minor",
  "discount_minor",
  "net_minor",
  "costed_net_minor",
  "cost_minor",
  "returns",
  "returned_minor",
  "points_earned",
  "points_redeemed",
  "points_refunded",
  "points_reversed",
  "points_expired",
  "points_adjusted",
] as const;

export type Measure = (typeof MEASURES)[number];

/**
 * One row per (company, day) of what arrived in [from, upto): null bounds are open. The rules, one per source:
 * - an order adds itself on its day (orders, lines, money, cost where lines carry a unit cost, points earned
 *   and redeemed); a referral it granted adds the referrer's points earned on that day;
 * - a cancellation takes its order away from the order's day and adds the points voided and given back;
 * - a return adds itself on its own day (refund, points reversed and given back);
 * - an expiry adds the points that left each wallet on the job's day (or the day of the return that gave back
 *   points already past their date); an adjustment adds its points on the UTC day it was posted.
 * Points of a contact's wallet count for the contact's company.
 */
const CONTRIBUTIONS = `${CUSTOM_PLAN}
WITH ev AS (
  SELECT id, type, day, result FROM events
  WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at < $3)
), lt AS (
  SELECT id, code, cause, created_at FROM ledger_transactions
  WHERE tenant_id = $1 AND code IN ('expire', 'adjust')
    AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
), priced AS (
  SELECT o.member_id, o.day, CASE WHEN ev.type = 'order' THEN 1 ELSE -1 END AS sign, o.referrer_id,
    o.referral_points, o.line_count AS lines, o.gross_minor, o.discount_minor, o.net_minor,
    o.points_earned, o.points_redeemed, ev.type, ev.result, o.costed_net_minor AS costed_net, o.cost_minor AS cost
  FROM ev JOIN orders o ON o.tenant_id = $1 AND o.id = ev.result->>'orderId'
  WHERE ev.type IN ('order', 'cancellation')
), owner AS (
  SELECT lt.id, lt.code, lt.created_at,
    CASE WHEN lt.cause LIKE 'job:expiry:%' THEN substr(lt.cause, 12)::date
         ELSE COALESCE(ev.day, (lt.created_at AT TIME ZONE 'UTC')::date) END AS day
  FROM lt LEFT JOIN ev ON ev.id = lt.cause
), moved AS (
  SELECT w.day, w.code, p.amount,
    CASE WHEN p.from_account LIKE 'wallet:%' THEN p.from_account ELSE p.to_account END AS account,
    CASE WHEN p.from_account LIKE 'wallet:%' THEN -1 ELSE 1 END AS sign
  FROM owner w JOIN postings p ON p.tenant_id = $1 AND p.transaction_id = w.id
), parts (member_id, day, orders, lines, gross_minor, discount_minor, net_minor, costed_net_minor, cost_minor,
          returns, returned_minor, points_earned, points_redeemed, points_refunded, points_reversed,
          points_expired, points_adjusted) AS (
  SELECT member_id, day, sign, sign * lines, sign * gross_minor, sign * discount_minor, sign * net_minor,
    sign * costed_net, sign * cost, 0, 0::bigint,
    CASE WHEN sign = 1 THEN points_earned ELSE 0 END, CASE WHEN sign = 1 THEN points_redeemed ELSE 0 END,
    CASE WHEN sign = 1 THEN 0 ELSE (result->>'pointsRefunded')::bigint END,
    CASE WHEN sign = 1 THEN 0 ELSE (result->>'pointsVoided')::bigint END, 0, 0
  FROM priced
  UNION ALL
  SELECT referrer_id, day, 0, 0, 0, 0, 0, 0, 0, 0, 0, referral_points, 0, 0, 0, 0, 0
  FROM priced WHERE sign = 1 AND referrer_id IS NOT NULL AND referral_points > 0
  UNION ALL
  SELECT result->>'companyId', day, 0, 0, 0, 0, 0, 0, 0, 1, replace(result->>'refund', '.', '')::bigint,
    0, 0, (result->>'pointsRefunded')::bigint, (result->>'pointsReversed')::bigint, 0, 0
  FROM ev WHERE type = 'return'
  UNION ALL
  SELECT CASE WHEN m.account LIKE 'wallet:contact:%'
              THEN COALESCE((SELECT c.company_id FROM contacts c WHERE c.tenant_id = $1 AND c.id = substr(m.account, 16)), m.account)
              ELSE substr(m.account, 8) END,
    m.day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    CASE WHEN m.code = 'expire' THEN m.amount ELSE 0 END,
    CASE WHEN m.code = 'adjust' THEN m.sign * m.amount ELSE 0 END
  FROM moved m WHERE m.account LIKE 'wallet:%'
)
SELECT member_id, day, ${MEASURES.map((m) => `sum(${m}) AS ${m}`).join(", ")}
FROM parts WHERE member_id IS NOT NULL GROUP BY member_id, day`;

const COLUMNS = MEASURES.join(", ");

/** Adds the contributions of [from, upto) to the company days; returns the days touched. */
async function addWindow(
  tx: Queryable,
  tenantId: string,
  from: string | null,
  upto: string | null,
): Promise<string[]> {
  const r = await tx.query<{ day: string }>(
    `WITH c AS (${CONTRIBUTIONS}), up AS (
       INSERT INTO analytics_member_days (tenant_id, member_id, day, ${COLUMNS})
       SELECT $1, member_id, day, ${COLUMNS} FROM c
       ON CONFLICT (tenant_id, day, member_id) DO UPDATE SET
         ${MEASURES.map((m) => `${m} = analytics_member_days.${m} + EXCLUDED.${m}`).join(", ")}
       RETURNING day
     )
     SELECT DISTINCT day::text AS day FROM up ORDER BY 1`,
    [tenantId, from, upto],
  );
  return r.rows.map((x) => x.day);
}

/** Accounts that hold points owed to members: a wallet (of a company or a contact), pending points, a hold. */
const OWED = "'^(wallet|pending|hold):'";

/**
 * The finance report's flows of the ledger transactions posted in [from, upto) (null bounds are open), per
 * company and day: what crossed between accounts owed to members and the program's own accounts. A
 * transaction's day is the one the rollups give it: its event's day, the expiry job's day, or else the UTC day
 * it was posted. Postings between two owed accounts (a hold, maturing pending points) move nothing in or out and
 * are left out. A contact's account counts for the contact's company (for the contact itself when it has none).
 * `from` and `upto` are SQL expressions of the window's bounds; $1 is the tenant.
 */
export const financeFlows = (from: string, upto: string) => `${CUSTOM_PLAN}
WITH t AS (
  SELECT lt.id, CASE WHEN lt.cause LIKE 'job:expiry:%' THEN substr(lt.cause, 12)::date
    ELSE COALESCE(ev.day, (lt.created_at AT TIME ZONE 'UTC')::date) END AS day
  FROM ledger_transactions lt LEFT JOIN events ev ON ev.tenant_id = $1 AND ev.id = lt.cause
  WHERE lt.tenant_id = $1 AND (${from} IS NULL OR lt.created_at >= ${from})
    AND (${upto} IS NULL OR lt.created_at < ${upto})
), moved AS (
  SELECT t.day, p.amount,
    CASE WHEN p.from_account ~ ${OWED} THEN p.from_account ELSE p.to_account END AS account,
    CASE WHEN p.from_account ~ ${OWED} THEN p.to_account ELSE p.from_account END AS other,
    CASE WHEN p.from_account ~ ${OWED} THEN -1 ELSE 1 END AS sign
  FROM t JOIN postings p ON p.tenant_id = $1 AND p.transaction_id = t.id
  WHERE (p.from_account ~ ${OWED}) <> (p.to_account ~ ${OWED})
), owner AS (
  SELECT moved.*, regexp_replace(account, ${OWED}, '') AS holder FROM moved
), classed AS (
  SELECT day,
    COALESCE(CASE WHEN holder LIKE 'contact:%'
      THEN (SELECT c.company_id FROM contacts c WHERE c.tenant_id = $1 AND c.id = substr(holder, 9)) END, holder) AS member_id,
    CASE WHEN other = 'program:issued' AND sign = 1 THEN amount
         WHEN other NOT IN ('program:issued', 'program:redeemed', 'program:expired') AND sign = 1 THEN amount
         ELSE 0 END AS issued,
    CASE WHEN other = 'program:redeemed' THEN -sign * amount
         WHEN other NOT IN ('program:issued', 'program:redeemed', 'program:expired') AND sign = -1 THEN amount
         ELSE 0 END AS spent,
    CASE WHEN other = 'program:expired' THEN -sign * amount ELSE 0 END AS expired,
    CASE WHEN other = 'program:issued' AND sign = -1 THEN amount ELSE 0 END AS reversed
  FROM owner
)
SELECT member_id, day, sum(issued) AS issued, sum(spent) AS spent, sum(expired) AS expired,
  sum(reversed) AS reversed
FROM classed GROUP BY member_id, day`;

/** The finance rollup's sums, in the order of its columns. */
export const FINANCE_MEASURES = ["issued", "spent", "expired", "reversed"] as const;

/**
 * Adds the finance flows of the ledger transactions posted in [from, upto) to the company days, and to the
 * month closings: every month the window moved a holder's points in gets a row (carried from the holder's
 * latest earlier month), and that row and the holder's later ones gain the window's net flows up to their month.
 * All reads of the months see them as they were before the statement, so each row is written once.
 */
async function addFinanceWindow(
  tx: Queryable,
  tenantId: string,
  from: string | null,
  upto: string | null,
): Promise<void> {
  const cols = FINANCE_MEASURES.join(", ");
  await tx.query(
    `WITH f AS (${financeFlows("$2::timestamptz", "$3::timestamptz")}
     ), days AS (
       INSERT INTO analytics_finance_days (tenant_id, member_id, day, ${cols})
       SELECT $1, member_id, day, ${cols} FROM f
       ON CONFLICT (tenant_id, day, member_id) DO UPDATE SET
         ${FINANCE_MEASURES.map((m) => `${m} = analytics_finance_days.${m} + EXCLUDED.${m}`).join(", ")}
     ), moved AS (
       SELECT member_id, date_trunc('month', day)::date AS month, sum(issued - spent - expired - reversed) AS n
       FROM f GROUP BY 1, 2
     ), targets AS (
       SELECT member_id, month FROM moved
       UNION
       SELECT c.member_id, c.month FROM analytics_finance_months c
       JOIN (SELECT member_id, min(month) AS month FROM moved GROUP BY 1) lo
         ON c.tenant_id = $1 AND c.member_id = lo.member_id AND c.month > lo.month
     ), gained AS (
       SELECT t.member_id, t.month,
         sum(COALESCE(m.n, 0)) OVER (PARTITION BY t.member_id ORDER BY t.month) AS n
       FROM targets t LEFT JOIN moved m ON m.member_id = t.member_id AND m.month = t.month
     )
     INSERT INTO analytics_finance_months (tenant_id, member_id, month, closing)
     SELECT $1, g.member_id, g.month, g.n + COALESCE((
       SELECT c.closing FROM analytics_finance_months c
       WHERE c.tenant_id = $1 AND c.member_id = g.member_id AND c.month <= g.month
       ORDER BY c.month DESC LIMIT 1), 0)
     FROM gained g
     ON CONFLICT (tenant_id, member_id, month) DO UPDATE SET closing = EXCLUDED.closing`,
    [tenantId, from, upto],
  );
}

/** Sums the company days of `days` (all of the tenant's when null) into the tenant days again. */
async function sumTenantDays(tx: Queryable, tenantId: string, days: string[] | null): Promise<void> {
  const only = days === null ? "" : "AND day = ANY($2::date[])";
  const params = days === null ? [tenantId] : [tenantId, `{${days.join(",")}}`];
  await tx.query(`DELETE FROM analytics_tenant_days WHERE tenant_id = $1 ${only}`, params);
  await tx.query(
    `INSERT INTO analytics_tenant_days (tenant_id, day, active_members, ${COLUMNS})
     SELECT $1, day, count(*) FILTER (WHERE orders > 0), ${MEASURES.map((m) => `sum(${m})`).join(", ")}
     FROM analytics_member_days WHERE tenant_id = $1 ${only} GROUP BY day`,
    params,
  );
}

/** The periods kept as active sets besides days: the dashboard's week and month buckets. */
export const ACTIVE_PERIODS = ["week", "month"] as const;
export type ActiveKind = "day" | (typeof ACTIVE_PERIODS)[number];
/** Day sets written per statement by a rebuild: about 1.5 MB of hex at 100,000 companies. */
const SETS_PER_STATEMENT = 60;

/** A bit string of the ordinals as hex, bit k from the left; empty for none. */
export function hexOf(ordinals: readonly number[]): string {
  let top = -1;
  for (const o of ordinals) if (o > top) top = o;
  const bytes = new Uint8Array(Math.ceil((top + 1) / 8));
  for (const o of ordinals) bytes[o >> 3] = (bytes[o >> 3] ?? 0) | (0x80 >> (o & 7));
  return Buffer.from(bytes).toString("hex");
}

/**
 * The active sets of `days` (all of the tenant's when null) written again from the company days, and the week
 * and month sets around them OR-ed again from their days. Companies get their bit on first appearance.
 */
async function writeActiveSets(tx: Queryable, tenantId: string, days: string[] | null): Promise<void> {
  const only = days === null ? "" : "AND d.day = ANY($2::date[])";
  const params = days === null ? [tenantId] : [tenantId, `{${days.join(",")}}`];
  await tx.query(
    `INSERT INTO analytics_member_ordinals (tenant_id, member_id, ordinal)
     SELECT $1, m.member_id,
       ((SELECT COALESCE(max(ordinal), -1) FROM analytics_member_ordinals WHERE tenant_id = $1)
        + row_number() OVER (ORDER BY m.member_id))::int
     FROM (SELECT DISTINCT d.member_id FROM analytics_member_days d
           WHERE d.tenant_id = $1 AND d.orders > 0 ${only}
             AND NOT EXISTS (SELECT 1 FROM analytics_member_ordinals o
                             WHERE o.tenant_id = $1 AND o.member_id = d.member_id)) m`,
    params,
  );
  const active = await tx.query<{ day: string; ordinals: string }>(
    `SELECT d.day::text AS day, string_agg(o.ordinal::text, ',') AS ordinals
     FROM analytics_member_days d JOIN analytics_member_ordinals o ON o.tenant_id = $1 AND o.member_id = d.member_id
     WHERE d.tenant_id = $1 AND d.orders > 0 ${only} GROUP BY d.day`,
    params,
  );
  await tx.query(
    `DELETE FROM analytics_active_sets WHERE tenant_id = $1 AND kind = 'day' ${only.replace("d.day", "start")}`,
    params,
  );
  for (let i = 0; i < active.rows.length; i += SETS_PER_STATEMENT) {
    const chunk = active.rows.slice(i, i + SETS_PER_STATEMENT).map((r) => {
      const ordinals = r.ordinals.split(",").map(Number);
      return { day: r.day, members: ordinals.length, hex: hexOf(ordinals) };
    });
    await tx.query(
      `INSERT INTO analytics_active_sets (tenant_id, kind, start, members, bits)
       SELECT $1, 'day', s.day, s.members, ('x' || s.hex)::varbit
       FROM unnest($2::date[], $3::int[], $4::text[]) AS s (day, members, hex)`,
      [
        tenantId,
        `{${chunk.map((c) => c.day).join(",")}}`,
        `{${chunk.map((c) => c.members).join(",")}}`,
        `{${chunk.map((c) => c.hex).join(",")}}`,
      ],
    );
  }
  for (const kind of ACTIVE_PERIODS) {
    const periods = `(SELECT date_trunc('${kind}', x)::date FROM unnest($2::date[]) x)`;
    await tx.query(
      `DELETE FROM analytics_active_sets WHERE tenant_id = $1 AND kind = '${kind}'
       ${days === null ? "" : `AND start IN ${periods}`}`,
      params,
    );
    const touched = days === null ? "" : `AND date_trunc('${kind}', start)::date IN ${periods}`;
    await tx.query(
      `INSERT INTO analytics_active_sets (tenant_id, kind, start, members, bits)
       SELECT $1, '${kind}', s, bit_count(b), b FROM (
         SELECT s, bit_or(bits || repeat('0', l - length(bits))::varbit) AS b FROM (
           SELECT date_trunc('${kind}', start)::date AS s, bits,
             max(length(bits)) OVER (PARTITION BY date_trunc('${kind}', start)) AS l
           FROM analytics_active_sets WHERE tenant_id = $1 AND kind = 'day' ${touched}) d
         GROUP BY s) x`,
      params,
    );
  }
}

/** Writers of these tables stamp their rows when they write them (received_at, created_at): see safeUpto. */
const STAMPED = ["events", "ledger_transactions"] as const;

/**
 * The instant before which every row of the stamped tables is committed (or gone) and none can still appear.
 * Rows are stamped with the clock when they are written, and a writer locks its table before it stamps a row.
 * So, with t0 read first: a writer that locks a stamped table after the look at the locks stamps after t0; one
 * that held the lock then stamps no earlier than its transaction began; one that held it before has ended.
 * The window ends at t0 or at the start of the oldest transaction holding a write lock on a stamped table,
 * whichever is earlier: a long transaction that writes neither table (a report, a dump, another database's
 * work) holds nothing back. A writer whose start this role may not read (another role's session, a prepared
 * transaction) holds the window where it is: '-infinity' then, so that nothing new is counted.
 */
async function safeUpto(tx: Queryable): Promise<string> {
  const t0 = await tx.query<{ t: string }>("SELECT clock_timestamp()::text AS t");
  const r = await tx.query<{ upto: string | null; unknown: boolean }>(
    `SELECT to_char(LEAST($1::timestamptz, min(a.xact_start)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS upto,
       COALESCE(bool_or(a.xact_start IS NULL), false) AS unknown
     FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'relation' AND l.granted
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.relation = ANY($2::regclass[])
       AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
       AND l.pid IS DISTINCT FROM pg_backend_pid()`,
    [t0.rows[0]?.t ?? null, `{${STAMPED.join(",")}}`],
  );
  const row = r.rows[0];
  if (!row?.upto) throw new Error("no instant to bound the window");
  return row.unknown ? "-infinity" : row.upto;
}

export interface RefreshResult {
  /** Days whose sums changed. */
  days: number;
  upto: string;
}

/**
 * True when nothing the rollups count arrived in [the watermark, upto): a read before every dashboard needs no
 * transaction then. `upto` must come from an earlier statement, so that this one's snapshot sees every
 * transaction that had ended by then. The watermark is read first and passed as a value: compared with a
 * column of another table, it left the planner no estimate and it scanned every event (half a second at
 * 2.5 million events), where the block-range indexes answer in well under a millisecond.
 */
async function nothingSince(db: Db, tenantId: string, upto: string): Promise<boolean> {
  const w = await db.query<{ upto: string }>(
    `SELECT to_char(upto AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS upto
     FROM analytics_watermarks WHERE tenant_id = $1 AND upto > '-infinity'`,
    [tenantId],
  );
  const from = w.rows[0]?.upto;
  if (from === undefined) return false;
  const r = await db.query<{ idle: boolean }>(
    `${CUSTOM_PLAN} SELECT NOT EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = $1 AND e.received_at >= $2 AND e.received_at < $3)
       AND NOT EXISTS (SELECT 1 FROM ledger_transactions l WHERE l.tenant_id = $1
                       AND l.created_at >= $2 AND l.created_at < $3) AS idle`,
    [tenantId, from, upto],
  );
  return r.rows[0]?.idle === true;
}

/** Adds what arrived since the tenant's watermark to its rollups, in one transaction with the new watermark. */
export async function refreshRollups(db: Db, tenantId: string): Promise<RefreshResult> {
  const upto = await safeUpto(db);
  if (await nothingSince(db, tenantId, upto)) return { days: 0, upto };
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO analytics_watermarks (tenant_id, upto, refreshed_at) VALUES ($1, '-infinity', now())
       ON CONFLICT DO NOTHING`,
      [tenantId],
    );
    const w = await tx.query<{ upto: string | null }>(
      `SELECT CASE WHEN upto = '-infinity' THEN NULL ELSE to_char(upto AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END AS upto
       FROM analytics_watermarks WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    const from = w.rows[0]?.upto ?? null;
    const upto = await safeUpto(tx);
    if (from !== null && from >= upto) return { days: 0, upto: from };
    const days = await addWindow(tx, tenantId, from, upto);
    await addFinanceWindow(tx, tenantId, from, upto);
    if (days.length > 0) {
      await sumTenantDays(tx, tenantId, days);
      await writeActiveSets(tx, tenantId, days);
    }
    await tx.query("UPDATE analytics_watermarks SET upto = $2, refreshed_at = now() WHERE tenant_id = $1", [
      tenantId,
      upto,
    ]);
    return { days: days.length, upto };
  });
}

/** Recomputes a tenant's rollups from the raw tables, in one transaction. */
export async function rebuildRollups(db: Db, tenantId: string): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO analytics_watermarks (tenant_id, upto, refreshed_at) VALUES ($1, '-infinity', now())
       ON CONFLICT DO NOTHING`,
      [tenantId],
    );
    await tx.query("SELECT 1 FROM analytics_watermarks WHERE tenant_id = $1 FOR UPDATE", [tenantId]);
    await tx.query("DELETE FROM analytics_member_days WHERE tenant_id = $1", [tenantId]);
    await tx.query("DELETE FROM analytics_active_sets WHERE tenant_id = $1", [tenantId]);
    await tx.query("DELETE FROM analytics_finance_days WHERE tenant_id = $1", [tenantId]);
    await tx.query("DELETE FROM analytics_finance_months WHERE tenant_id = $1", [tenantId]);
    const upto = await safeUpto(tx);
    const days = await addWindow(tx, tenantId, null, upto);
    await addFinanceWindow(tx, tenantId, null, upto);
    await sumTenantDays(tx, tenantId, null);
    await writeActiveSets(tx, tenantId, null);
    await tx.query("UPDATE analytics_watermarks SET upto = $2, refreshed_at = now() WHERE tenant_id = $1", [
      tenantId,
      upto,
    ]);
    return { days: days.length, upto };
  });
}
