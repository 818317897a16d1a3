// The job runner: each (tenant, job, day) once, missed days caught up in order, the tenant's local day as the
// default, and on PostgreSQL several racing schedulers still doing each day's job once.
import { formatDay, parseDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServer } from "../db/db.ts";
import { ingestOrder } from "../modules/events/service.ts";
import { createTenant, verify } from "../modules/ledger/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { recentRuns, runJobs } from "./runner.ts";

const PROGRAM = `
id: runner
name: Pending then expiring points
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: true }
earning: { baseRate: "2%" }
pending: { untilPaid: false, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const day = (text: string) => parseDay(text) as number;

/** A tenant with the program and a dozen orders in its first ten days. */
async function tenantWithOrders(id: string): Promise<void> {
  await createTenant(t.db, id, id);
  await t.db.transaction((tx) => publishProgram(tx, id, PROGRAM));
  for (let k = 0; k < 12; k++) {
    await ingestOrder(t.db, id, "erp", {
      type: "order",
      orderId: `O${k}`,
      day: day("2026-01-02") + (k % 10),
      companyId: `C${k % 3}`,
      contactId: null,
      lines: [
        {
          sku: "A",
          category: "goods",
          quantityMilli: 1000 * (1 + k),
          unitPriceMinor: 100_000,
          unitCostMinor: null,
        },
      ],
      pointsToRedeem: 0,
      code: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
    });
  }
}

async function ledgerOf(tenantId: string): Promise<Record<string, string>> {
  const r = await t.db.query<{ id: string; balance: string }>(
    "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id",
    [tenantId],
  );
  return Object.fromEntries(r.rows.map((a) => [a.id, a.balance]));
}

/** The day jobs' runs, without the sweeps that run on every tick (hold expiry). */
const dayRuns = <R extends { job: string }>(runs: R[]): R[] => runs.filter((r) => r.job !== "holds");

describe("job runner", () => {
  it("runs each day's jobs once from the program's start, in order, and catches up later days", async () => {
    await tenantWithOrders("cat");
    const first = dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-01-20") }));
    expect(first).toHaveLength(20 * 3);
    expect(first.slice(0, 4).map((r) => `${r.day} ${r.job}`)).toEqual([
      "2026-01-01 maturation",
      "2026-01-01 expiry",
      "2026-01-01 tiers",
      "2026-01-02 maturation",
    ]);
    expect(dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-01-20") }))).toEqual([]);
    const later = dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-03-31") }));
    expect(later[0]?.day).toBe("2026-01-21");
    expect(later).toHaveLength((day("2026-03-31") - day("2026-01-21") + 1) * 3);
    const matured = [...first, ...later].reduce((s, r) => s + (r.result?.matured ?? 0), 0);
    const expired = [...first, ...later].reduce((s, r) => s + (r.result?.expired ?? 0), 0);
    // 2% of 78 × 1,000.00 RUB = 1,560 points matured 14 days after each order, all expired 30 days later.
    expect(matured).toBe(1560);
    expect(expired).toBe(1560);
    const ledger = await ledgerOf("cat");
    expect(ledger["program:expired"]).toBe("1560");
    expect(await verify(t.db, "cat")).toEqual({ differences: [], total: 0n });
    const runs = dayRuns(await recentRuns(t.db, { tenantId: "cat", limit: 6 })).slice(0, 5);
    expect(runs.map((r) => `${r.day} ${r.job} ${r.status} ${r.attempts}`)).toEqual([
      "2026-03-31 tiers done 1",
      "2026-03-31 expiry done 1",
      "2026-03-31 maturation done 1",
      "2026-03-30 tiers done 1",
      "2026-03-30 expiry done 1",
    ]);
  });

  it("runs up to the tenant's local today by default, and only the jobs asked for", async () => {
    await createTenant(t.db, "tz", "tz");
    await t.db.transaction((tx) => publishProgram(tx, "tz", PROGRAM));
    // 22:30 UTC on 4 January is already 5 January in Moscow.
    const runs = await runJobs(t.db, {
      tenantId: "tz",
      jobs: ["expiry"],
      now: () => new Date("2026-01-04T22:30:00Z"),
    });
    expect(runs.map((r) => `${r.day} ${r.job}`)).toEqual([
      "2026-01-01 expiry",
      "2026-01-02 expiry",
      "2026-01-03 expiry",
      "2026-01-04 expiry",
      "2026-01-05 expiry",
    ]);
  });
});

describe.runIf(process.env.DATABASE_URL)("job runner on PostgreSQL", () => {
  it("four schedulers racing on six tenants do each (tenant, job, day) once, as one runner alone would", async () => {
    const tenants = ["r1", "r2", "r3", "r4", "r5", "r6"];
    for (const id of [...tenants, "solo"]) await tenantWithOrders(id);
    const schema = (await t.db.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s as string;
    const url = process.env.DATABASE_URL as string;
    const pools = await Promise.all([0, 1, 2, 3].map(() => openServer(url, { schema, max: 2 })));
    const until = day("2026-04-30");
    try {
      const results = await Promise.all(
        pools.map((db, i) =>
          (async () => {
            const mine = [];
            // Each scheduler ticks until nothing is left; the last one waits for busy tenants, as a run by hand does.
            for (let tick = 0; tick < 50; tick++) {
              const runs = await runJobs(db, { until, worker: `w${i}`, wait: i === 3 });
              mine.push(...runs.filter((r) => tenants.includes(r.tenantId)));
              if (runs.length === 0 && tick > 2) break;
            }
            return mine;
          })(),
        ),
      );
      await runJobs(t.db, { tenantId: "solo", until });
      const all = dayRuns(results.flat());
      const days = until - day("2026-01-01") + 1;
      expect(all).toHaveLength(tenants.length * days * 3);
      expect(new Set(all.map((r) => `${r.tenantId} ${r.job} ${r.day}`)).size).toBe(all.length);
      expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1);
      const attempts = await t.db.query<{ n: string; max: number }>(
        "SELECT count(*)::text AS n, max(attempts) AS max FROM job_runs WHERE tenant_id <> 'solo' AND tenant_id LIKE 'r%'",
      );
      expect(attempts.rows[0]).toEqual({ n: String(tenants.length * days * 3), max: 1 });
      const solo = await ledgerOf("solo");
      for (const id of tenants) {
        expect(await ledgerOf(id), id).toEqual(solo);
        expect(await verify(t.db, id)).toEqual({ differences: [], total: 0n });
      }
      const expiries = await t.db.query<{ tenant_id: string; n: string }>(
        "SELECT tenant_id, count(*)::text AS n FROM ledger_transactions WHERE code = 'expire' GROUP BY tenant_id ORDER BY tenant_id",
      );
      const counts = new Set(expiries.rows.map((r) => r.n));
      expect(counts.size).toBe(1);
      expect(formatDay(until)).toBe("2026-04-30");
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  }, 180_000);
});
