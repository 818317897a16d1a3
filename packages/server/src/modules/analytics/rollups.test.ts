// Rollups after random histories (orders, returns, payments, cancellations, holds, adjustments, the days'
// jobs), refreshed at random moments along the way, equal the rollups rebuilt from the raw tables; and the
// points they add up to are what the ledger's wallets, pending and hold accounts hold.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseProgram } from "@patron/engine";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { allOps, coveringAllOps, type History, type Runner, runHistory } from "../events/histories.ts";
import { type FinanceRow, financeReport } from "./finance.ts";
import { FINANCE_MEASURES, MEASURES, rebuildRollups, refreshRollups } from "./rollups.ts";

const TOKEN = "bootstrap-token-for-tests";
const RUNS = Number(process.env.FC_RUNS ?? 6);

const definition = `${readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/04-progressive-discount.yaml", import.meta.url)),
  "utf8",
).replace("allowDebt: true", "allowDebt: false")}
earning: { baseRate: "3%" }
pending: { untilPaid: true, returnWindowDays: 7 }
expiry: { policy: afterDays, days: 30 }
redemption: { capShare: "80%" }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
const clock = { now: new Date("2026-01-05T06:00:00Z") };
let tenants = 0;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock.now, webDir: null });
});
afterAll(async () => {
  await t.drop();
});

async function freshTenant(refreshEvery: number): Promise<Runner> {
  tenants++;
  const tenantId = `rollup-${tenants}`;
  const { ownerKey } = await bootstrap(app, tenantId, TOKEN);
  const r = await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  const parsed = parseProgram(definition);
  if (!parsed.ok) throw new Error("the program does not parse");
  // The app as the history sees it, refreshing the tenant's rollups before every few requests.
  let calls = 0;
  const refreshing = new Proxy(app, {
    get(target, prop, receiver) {
      if (prop !== "request") return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<typeof app.request>) => {
        calls++;
        if (calls % refreshEvery === 0) await refreshRollups(t.db, tenantId);
        return target.request(...args);
      };
    },
  });
  return {
    app: refreshing,
    db: t.db,
    tenantId,
    key: ownerKey,
    clock,
    allowDebt: parsed.compiled.wallet.allowDebt,
  };
}

async function snapshot(
  tenantId: string,
): Promise<{ members: unknown[]; tenant: unknown[]; finance: unknown[]; months: unknown[] }> {
  const cols = MEASURES.join(", ");
  const members = await t.db.query(
    `SELECT member_id, day::text, ${cols} FROM analytics_member_days WHERE tenant_id = $1
     AND (${MEASURES.map((m) => `${m} <> 0`).join(" OR ")}) ORDER BY day, member_id`,
    [tenantId],
  );
  const tenant = await t.db.query(
    `SELECT day::text, active_members, ${cols} FROM analytics_tenant_days WHERE tenant_id = $1
     AND (active_members <> 0 OR ${MEASURES.map((m) => `${m} <> 0`).join(" OR ")}) ORDER BY day`,
    [tenantId],
  );
  const finance = await t.db.query(
    `SELECT member_id, day::text, ${FINANCE_MEASURES.join(", ")} FROM analytics_finance_days WHERE tenant_id = $1
     AND (${FINANCE_MEASURES.map((m) => `${m} <> 0`).join(" OR ")}) ORDER BY day, member_id`,
    [tenantId],
  );
  const months = await t.db.query(
    `SELECT member_id, month::text, closing::text FROM analytics_finance_months WHERE tenant_id = $1
     ORDER BY member_id, month`,
    [tenantId],
  );
  return { members: members.rows, tenant: tenant.rows, finance: finance.rows, months: months.rows };
}

describe("analytics rollups", () => {
  it("refreshed along random histories, they equal a rebuild from the raw tables and the ledger's points, and the finance report read from them is the one summed from every posting", async () => {
    const seen = {
      orders: 0,
      returns: 0,
      expired: 0,
      adjusted: 0,
      cancelled: 0,
      financeMoved: 0,
      financeOpened: 0,
    };
    await fc.assert(
      fc.asyncProperty(allOps, fc.integer({ min: 1, max: 7 }), async (ops: History, every: number) => {
        const r = await freshTenant(every);
        await runHistory(r, ops);
        // The finance report read from the rollup (refreshed along the way) is the one summed from every posting,
        // over the whole history and over a period cut inside it.
        // Periods that start mid-month, on a month's first day, and follow each other (the closing of one is
        // the opening of the next), whatever the last refresh left behind.
        const today = clock.now.toISOString().slice(0, 10);
        const periods = [
          { from: "2026-01-01", to: today },
          { from: "2026-01-10", to: "2026-02-03" },
          { from: "2026-02-04", to: "2026-02-28" },
          { from: "2026-03-01", to: "2026-03-17" },
          {},
        ];
        const reports = [];
        for (const q of periods) {
          const fromRollup = await financeReport(t.db, r.tenantId, clock.now, q);
          const fromLedger = await financeReport(t.db, r.tenantId, clock.now, q, { from: "ledger" });
          expect(fromRollup).toEqual(fromLedger);
          expect(fromRollup.ledger.agrees).toBe(true);
          for (const x of [fromRollup.total, ...fromRollup.byTier, ...fromRollup.byVersion])
            expect(
              x.openingPoints + x.issuedPoints - x.spentPoints - x.expiredPoints - x.reversedPoints,
            ).toBe(x.closingPoints);
          const sum = (k: "openingPoints" | "closingPoints") =>
            fromRollup.byTier.reduce((n, x) => n + x[k], 0);
          expect([sum("openingPoints"), sum("closingPoints")]).toEqual([
            fromRollup.total.openingPoints,
            fromRollup.total.closingPoints,
          ]);
          reports.push(fromRollup);
          seen.financeMoved +=
            Math.abs(fromRollup.total.issuedPoints) + Math.abs(fromRollup.total.spentPoints);
          seen.financeOpened += Math.abs(fromRollup.total.openingPoints);
        }
        expect(reports[2]?.total.openingPoints).toBe(reports[1]?.total.closingPoints);
        const byTier = (rows: FinanceRow[] | undefined, k: "openingPoints" | "closingPoints") =>
          Object.fromEntries((rows ?? []).filter((x) => x[k] !== 0).map((x) => [String(x.key), x[k]]));
        expect(byTier(reports[2]?.byTier, "openingPoints")).toEqual(
          byTier(reports[1]?.byTier, "closingPoints"),
        );
        await refreshRollups(t.db, r.tenantId);
        const incremental = await snapshot(r.tenantId);
        await rebuildRollups(t.db, r.tenantId);
        const rebuilt = await snapshot(r.tenantId);
        expect(incremental).toEqual(rebuilt);
        // What the rollups say is owed is what the members' accounts hold.
        const owed = await t.db.query<{ rollups: string; ledger: string }>(
          `SELECT (SELECT COALESCE(sum(points_earned - points_redeemed + points_refunded - points_reversed
                     - points_expired + points_adjusted), 0) FROM analytics_tenant_days WHERE tenant_id = $1)::text AS rollups,
                  (SELECT COALESCE(sum(a.balance), 0) FROM accounts a
                     WHERE a.tenant_id = $1 AND a.kind IN ('wallet', 'pending', 'hold'))::text AS ledger`,
          [r.tenantId],
        );
        expect(owed.rows[0]?.rollups).toBe(owed.rows[0]?.ledger);
        for (const row of rebuilt.tenant as Record<string, number | string>[]) {
          seen.orders += Number(row.orders);
          seen.returns += Number(row.returns);
          seen.expired += Number(row.points_expired);
          seen.adjusted += Math.abs(Number(row.points_adjusted));
        }
        seen.cancelled += ops.ops.filter((o) => o.kind === "cancel").length;
      }),
      // The example counts as one of the runs.
      { numRuns: RUNS + 1, examples: [[coveringAllOps, 3]] },
    );
    // The histories exercised what the rollups add up (expiry needs a month of waiting, so either it or an
    // adjustment moved points outside an event).
    for (const k of ["orders", "returns", "cancelled", "financeMoved", "financeOpened"] as const)
      expect(seen[k], k).toBeGreaterThan(0);
    expect(seen.expired + seen.adjusted).toBeGreaterThan(0);
  }, 300_000);
});
