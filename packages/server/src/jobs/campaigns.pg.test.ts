// On PostgreSQL, several processes' runners and a close by hand racing over the same ended campaigns close each
// once: one `campaign.ended`, one payment per prize, one closing notice per participant's contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServer } from "../db/db.ts";
import { createApp } from "../http/app.ts";
import { call } from "../http/testing.ts";
import { verify } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runJobs } from "./runner.ts";
import { CAMPAIGN_TOKEN, closesOf, day, tenantWithCampaign } from "./testing.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("the campaigns job on PostgreSQL", () => {
  it("four runners and a close by hand racing close each campaign once", async () => {
    let clock = new Date("2026-01-05T09:00:00Z");
    const app = createApp({ db: t.db, bootstrapToken: CAMPAIGN_TOKEN, now: () => clock });
    const tenants = ["jr1", "jr2", "jr3"];
    const made = [];
    for (const id of tenants) made.push(await tenantWithCampaign(app, id));
    clock = new Date("2026-01-11T09:00:00Z");
    const schema = (await t.db.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s as string;
    const pools = await Promise.all(
      [0, 1, 2, 3].map(() => openServer(process.env.DATABASE_URL as string, { schema, max: 2 })),
    );
    const until = day("2026-01-12");
    try {
      const [byHand, ...runs] = await Promise.all([
        call(app, "POST", `/v1/campaigns/${made[1]?.campaignId}/close`, { key: made[1]?.key as string }),
        ...pools.map((db, i) =>
          (async () => {
            const mine = [];
            for (let tick = 0; tick < 20; tick++) {
              const r = await runJobs(db, { jobs: ["campaigns"], until, worker: `w${i}`, wait: i === 3 });
              mine.push(...r);
              if (r.length === 0 && tick > 1) break;
            }
            return mine;
          })(),
        ),
      ]);
      // The close by hand either came first or found the campaign closed by a runner.
      expect([200, 409]).toContain(byHand?.status);
      const all = runs.flat().filter((r) => tenants.includes(r.tenantId));
      expect(all.filter((r) => r.status === "failed")).toEqual([]);
      expect(all).toHaveLength(tenants.length * 12);
      expect(new Set(all.map((r) => `${r.tenantId} ${r.day}`)).size).toBe(all.length);
      const closedByJobs = all.reduce((s, r) => s + (r.result?.closed ?? 0), 0);
      expect(closedByJobs).toBe(byHand?.status === 200 ? 2 : 3);
      for (const id of tenants) {
        expect(await closesOf(t.db, id), id).toEqual({
          ended: 1,
          prizeTransactions: 2,
          notices: 2,
          prizePoints: 150n,
        });
        expect((await verify(t.db, id)).differences).toEqual([]);
      }
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  }, 240_000);
});
