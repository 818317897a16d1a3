// The analytics section: order lines across companies loaded on PostgreSQL by set-based INSERT … SELECT
// generate_series (made inside the database: faster here than the same rows made by the client and sent by
// COPY, which the section also times on a slice, see copy.ts), the rollups rebuilt,
// the dashboard's figures read from the rollups against the same figures by a full scan of the raw orders in
// the same run, and the rollups' maintenance cost per event received after them.
import { randomBytes } from "node:crypto";
import { type Db, migrate, openServer, quoteIdent } from "../packages/server/src/index.ts";
import { rebuildRollups, refreshRollups } from "../packages/server/src/modules/analytics/rollups.ts";
import { dashboard } from "../packages/server/src/modules/analytics/service.ts";
import { createTenant } from "../packages/server/src/modules/ledger/service.ts";
import { publishProgram } from "../packages/server/src/modules/programs/service.ts";
import { compareOrderLoads } from "./copy.ts";

const TENANT = "bench";
/** Lines per order: 10 M lines at scale 1 are 2.5 M orders. */
const LINES_PER_ORDER = 4;
const PROGRAM = `
id: bench
name: Bench
currency: RUB
timeZone: UTC
startsOn: "2024-01-01"
earning: { baseRate: "1%" }
`;

export interface AnalyticsBench {
  scale: number;
  companies: number;
  orders: number;
  lines: number;
  loadSeconds: number;
  rebuildSeconds: number;
  queries: { period: string; rollupMs: number; scanMs: number; speedup: number; same: boolean }[];
  refresh: { events: number; ms: number; usPerEvent: number };
  /** The same orders loaded by client COPY and by INSERT ... SELECT (the fixtures use the faster). */
  loadWays: { orders: number; copySeconds: number; insertSelectSeconds: number };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

const line = (k: number) =>
  `{"sku":"S${k}","category":"goods","quantityMilli":1000,"unitPriceMinor":${2500 * k},"netMinor":${2500 * k},"unitCostMinor":${1500 * k}}`;
const LINES = [1, 2, 3, 4];
const OUTCOME = `{"lines":[${LINES.map(line).join(",")}],"referral":null}`;
/** What the outcome's lines add up to, kept in the order's own columns (line count, costed net, cost). */
const FIGURES = [
  LINES.length,
  LINES.reduce((s, k) => s + 2500 * k, 0),
  LINES.reduce((s, k) => s + 1500 * k, 0),
];

/** Orders i in [from, to): company, day and four priced lines each, with the events that brought them. */
async function loadOrders(
  db: Db,
  from: number,
  to: number,
  companies: number,
  received: string,
): Promise<void> {
  await db.query(
    `INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
       points_earned, outcome, progress, consumed, line_count, costed_net_minor, cost_minor)
     SELECT $1, 'O' || i, 'C' || (1 + (i * 7919) % $4), date '2025-01-01' + (i % 730)::int, 25000, 0, 25000, 0, 250,
       $5::json, NULL, '[]', $6, $7, $8
     FROM generate_series($2::bigint, $3::bigint - 1) i`,
    [TENANT, from, to, companies, OUTCOME, ...FIGURES],
  );
  await db.query(
    `INSERT INTO events (tenant_id, source, external_id, id, type, day, payload, result, received_at)
     SELECT $1, 'bench', 'O' || i, 'evt_' || i, 'order', date '2025-01-01' + (i % 730)::int, '{}',
       jsonb_build_object('orderId', 'O' || i), $4::timestamptz
     FROM generate_series($2::bigint, $3::bigint - 1) i`,
    [TENANT, from, to, received],
  );
}

/** The dashboard's totals by a full scan of the raw orders. */
async function scan(db: Db, from: string, to: string) {
  const r = await db.query<{
    orders: string;
    revenue: string;
    issued: string;
    active: string;
    lines: string;
  }>(
    `SELECT count(*)::text AS orders, COALESCE(sum(net_minor), 0)::text AS revenue,
       COALESCE(sum(points_earned), 0)::text AS issued, count(DISTINCT member_id)::text AS active,
       COALESCE(sum(line_count), 0)::text AS lines
     FROM orders WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 AND cancelled_on IS NULL`,
    [TENANT, from, to],
  );
  const days = await db.query(
    `SELECT day, count(*), sum(net_minor) FROM orders WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 GROUP BY day`,
    [TENANT, from, to],
  );
  const row = r.rows[0];
  if (!row) throw new Error("the scan read nothing");
  return { ...row, days: days.rows.length };
}

export async function runAnalyticsBench(opts: {
  scale: number;
  serverUrl: string;
  log: (m: string) => void;
}): Promise<AnalyticsBench> {
  const companies = Math.max(100, Math.round(100_000 * opts.scale));
  const lines = Math.round(10_000_000 * opts.scale);
  const orders = Math.ceil(lines / LINES_PER_ORDER);
  const schema = `bench_analytics_${randomBytes(4).toString("hex")}`;
  const admin = await openServer(opts.serverUrl);
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.close();
  const loadWays = await compareOrderLoads(
    opts.serverUrl,
    `${schema}_load`,
    Math.min(orders, 250_000),
    OUTCOME,
  );
  const db = await openServer(opts.serverUrl, { schema, max: 4 });
  try {
    await migrate(db);
    await createTenant(db, TENANT, "Bench");
    await db.transaction((tx) => publishProgram(tx, TENANT, PROGRAM));
    opts.log(
      `analytics: loading ${companies} companies, ${orders} orders (${orders * LINES_PER_ORDER} lines)`,
    );
    const load = await timed(async () => {
      await db.query(
        `INSERT INTO members (tenant_id, id, joined_on, tier)
         SELECT $1, 'C' || i, date '2024-06-01' + (i % 365), (ARRAY['base', 'silver', 'gold'])[1 + i % 3]
         FROM generate_series(1, $2::int) i`,
        [TENANT, companies],
      );
      const CHUNK = 250_000;
      for (let i = 0; i < orders; i += CHUNK)
        await loadOrders(db, i, Math.min(orders, i + CHUNK), companies, "2026-01-01T00:00:00Z");
      // What autovacuum does soon after a bulk load: statistics, and the BRIN ranges summarized.
      await db.query("VACUUM ANALYZE");
    });
    opts.log(`analytics: loaded in ${(load.ms / 1000).toFixed(1)} s; rebuilding the rollups`);
    const rebuild = await timed(() => rebuildRollups(db, TENANT));
    await db.query("ANALYZE");
    const queries: AnalyticsBench["queries"] = [];
    for (const [from, to] of [
      ["2026-10-03", "2026-12-31"],
      ["2026-01-01", "2026-12-31"],
      ["2025-01-01", "2026-12-31"],
    ] as const) {
      // Warm both once, then time the second run of each.
      await dashboard(db, TENANT, new Date("2027-01-01T00:00:00Z"), { from, to });
      const viaRollups = await timed(() =>
        dashboard(db, TENANT, new Date("2027-01-01T00:00:00Z"), { from, to }),
      );
      await scan(db, from, to);
      const viaScan = await timed(() => scan(db, from, to));
      const d = viaRollups.value;
      const s = viaScan.value;
      const same =
        String(d.totals.orders) === s.orders &&
        d.totals.revenue.replace(".", "") === s.revenue &&
        String(d.totals.pointsIssued) === s.issued &&
        String(d.totals.activeMembers) === s.active;
      queries.push({
        period: `${from}..${to}`,
        rollupMs: Math.round(viaRollups.ms),
        scanMs: Math.round(viaScan.ms),
        speedup: Math.round((viaScan.ms / viaRollups.ms) * 10) / 10,
        same,
      });
      opts.log(
        `analytics: ${from}..${to} rollups ${viaRollups.ms.toFixed(0)} ms, scan ${viaScan.ms.toFixed(0)} ms`,
      );
    }
    // Events after the watermark: what one refresh costs per event.
    const fresh = Math.max(1000, Math.round(20_000 * opts.scale));
    await loadOrders(db, orders, orders + fresh, companies, new Date().toISOString());
    const refreshed = await timed(() => refreshRollups(db, TENANT));
    return {
      scale: opts.scale,
      companies,
      orders,
      lines: orders * LINES_PER_ORDER,
      loadSeconds: Math.round(load.ms / 100) / 10,
      rebuildSeconds: Math.round(rebuild.ms / 100) / 10,
      queries,
      refresh: {
        events: fresh,
        ms: Math.round(refreshed.ms),
        usPerEvent: Math.round((refreshed.ms * 1000) / fresh),
      },
      loadWays,
    };
  } finally {
    await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => {});
    await db.close();
  }
}

export function formatAnalyticsReport(r: AnalyticsBench): string {
  const rows = r.queries.map(
    (q) =>
      `  ${q.period.padEnd(24)} rollups ${String(q.rollupMs).padStart(6)} ms   scan ${String(q.scanMs).padStart(7)} ms   ${String(q.speedup).padStart(6)}x   ${q.same ? "same figures" : "FIGURES DIFFER"}\n`,
  );
  return (
    `\n## Analytics (scale ${r.scale})\n` +
    `  ${r.companies} companies, ${r.orders} orders, ${r.lines} lines loaded in ${r.loadSeconds} s; rollups rebuilt in ${r.rebuildSeconds} s\n` +
    rows.join("") +
    `  refresh of ${r.refresh.events} new events: ${r.refresh.ms} ms (${r.refresh.usPerEvent} µs per event)\n` +
    `  loading ${r.loadWays.orders} orders: ${r.loadWays.insertSelectSeconds.toFixed(2)} s by INSERT … SELECT inside the database, ${r.loadWays.copySeconds.toFixed(2)} s made by the client and sent by COPY (the fixtures use INSERT … SELECT)\n`
  );
}
