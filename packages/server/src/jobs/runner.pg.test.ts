// On PostgreSQL, several processes' schedulers racing over one database still do each (tenant, job, day) once.

import { formatDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServer } from "../db/db.ts";
import { verify } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { JOBS } from "./registry.ts";
import { runJobs } from "./runner.ts";
import { day, dayRuns, ledgerOf, tenantWithOrders } from "./testing.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

describe("job runner on PostgreSQL", () => {
  it("four schedulers racing on six tenants do each (tenant, job, day) once, as one runner alone would", async () => {
    const tenants = ["r1", "r2", "r3", "r4", "r5", "r6"];
    for (const id of [...tenants, "solo"]) await tenantWithOrders(t.db, id);
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
      expect(all).toHaveLength(tenants.length * days * JOBS.filter((j) => j.every === "day").length);
      expect(new Set(all.map((r) => `${r.tenantId} ${r.job} ${r.day}`)).size).toBe(all.length);
      expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1);
      const attempts = await t.db.query<{ n: string; max: number }>(
        "SELECT count(*)::text AS n, max(attempts) AS max FROM job_runs WHERE tenant_id LIKE 'r%' AND job NOT IN ('holds', 'analytics', 'notifications')",
      );
      expect(attempts.rows[0]).toEqual({
        n: String(tenants.length * days * JOBS.filter((j) => j.every === "day").length),
        max: 1,
      });
      const solo = await ledgerOf(t.db, "solo");
      for (const id of tenants) {
        expect(await ledgerOf(t.db, id), id).toEqual(solo);
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
