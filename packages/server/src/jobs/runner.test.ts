// The job runner: each (tenant, job, day) once, missed days caught up in order, the tenant's local day as the
// default (several racing schedulers: runner.pg.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, verify } from "../modules/ledger/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { JOBS } from "./registry.ts";
import { recentRuns, runJobs } from "./runner.ts";
import { day, dayRuns, ledgerOf, PROGRAM, tenantWithOrders } from "./testing.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

/** The day jobs each day runs. */
const DAY_JOBS = JOBS.filter((j) => j.every === "day").length;

describe("job runner", () => {
  it("runs each day's jobs once from the program's start, in order, and catches up later days", async () => {
    await tenantWithOrders(t.db, "cat");
    const first = dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-01-20") }));
    expect(first).toHaveLength(20 * DAY_JOBS);
    expect(first.slice(0, DAY_JOBS + 1).map((r) => `${r.day} ${r.job}`)).toEqual([
      ...JOBS.filter((j) => j.every === "day").map((j) => `2026-01-01 ${j.name}`),
      "2026-01-02 maturation",
    ]);
    expect(dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-01-20") }))).toEqual([]);
    const later = dayRuns(await runJobs(t.db, { tenantId: "cat", until: day("2026-03-31") }));
    expect(later[0]?.day).toBe("2026-01-21");
    expect(later).toHaveLength((day("2026-03-31") - day("2026-01-21") + 1) * DAY_JOBS);
    const matured = [...first, ...later].reduce((s, r) => s + (r.result?.matured ?? 0), 0);
    const expired = [...first, ...later].reduce((s, r) => s + (r.result?.expired ?? 0), 0);
    // 2% of 78 × 1,000.00 RUB = 1,560 points matured 14 days after each order, all expired 30 days later.
    expect(matured).toBe(1560);
    expect(expired).toBe(1560);
    const ledger = await ledgerOf(t.db, "cat");
    expect(ledger["program:expired"]).toBe("1560");
    expect(await verify(t.db, "cat")).toEqual({ differences: [], total: 0n });
    const runs = dayRuns(await recentRuns(t.db, { tenantId: "cat", limit: 12 })).slice(0, 6);
    expect(runs.map((r) => `${r.day} ${r.job} ${r.status} ${r.attempts}`)).toEqual([
      "2026-03-31 campaigns done 1",
      "2026-03-31 tiers done 1",
      "2026-03-31 expiry done 1",
      "2026-03-31 credits done 1",
      "2026-03-31 maturation done 1",
      "2026-03-30 campaigns done 1",
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
