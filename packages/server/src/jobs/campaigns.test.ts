// The campaigns job: a running campaign is closed on the day after its last day and settlement grace, once, as a close by hand
// would (prizes, `campaign.ended`, the closing notices); one closed by hand is left alone. Racing runners on
// PostgreSQL: campaigns.pg.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../http/app.ts";
import { call } from "../http/testing.ts";
import { verify } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runJobs } from "./runner.ts";
import { CAMPAIGN_TOKEN, closesOf, day, tenantWithCampaign } from "./testing.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let clock = new Date("2026-01-05T09:00:00Z");
beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: CAMPAIGN_TOKEN, now: () => clock });
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const status = async (key: string, id: string) =>
  (await call<{ status: string }>(app, "GET", `/v1/campaigns/${id}`, { key })).body.status;

describe("the campaigns job", () => {
  it("closes a campaign on the day after its last day, once, with its prizes, webhook and notices", async () => {
    const { key, campaignId } = await tenantWithCampaign(app, "jc1");
    const upToEnd = await runJobs(t.db, { tenantId: "jc1", jobs: ["campaigns"], until: day("2026-01-10") });
    expect(upToEnd).toHaveLength(10);
    expect(upToEnd.every((r) => r.result?.closed === 0)).toBe(true);
    expect(await status(key, campaignId)).toBe("running");

    const next = await runJobs(t.db, { tenantId: "jc1", jobs: ["campaigns"], until: day("2026-01-11") });
    // K1: first place (100) and 1,500.00 of 1,000.00 (50); C2: 400.00, nothing. K1 and C2's K2 are told.
    expect(next.map((r) => [r.day, r.result])).toEqual([
      ["2026-01-11", { closed: 1, prizes: 2, points: 150, emails: 2 }],
    ]);
    expect(await status(key, campaignId)).toBe("ended");
    expect(await closesOf(t.db, "jc1")).toEqual({
      ended: 1,
      prizeTransactions: 2,
      notices: 2,
      prizePoints: 150n,
    });
    const later = await runJobs(t.db, { tenantId: "jc1", jobs: ["campaigns"], until: day("2026-01-20") });
    expect(later.map((r) => r.result?.closed)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    clock = new Date("2026-01-12T09:00:00Z");
    expect((await call(app, "POST", `/v1/campaigns/${campaignId}/close`, { key })).status).toBe(409);
    expect(await closesOf(t.db, "jc1")).toMatchObject({ ended: 1, prizeTransactions: 2, notices: 2 });
    expect((await verify(t.db, "jc1")).differences).toEqual([]);
  });

  it("waits out the settlement grace: a late order of the period scores in it, one after the close is counted", async () => {
    clock = new Date("2026-01-05T09:00:00Z");
    const { key, campaignId } = await tenantWithCampaign(app, "jc3", 3);
    // The last day is 10 January and the grace 3 days: the 11th to the 13th close nothing.
    const inGrace = await runJobs(t.db, { tenantId: "jc3", jobs: ["campaigns"], until: day("2026-01-13") });
    expect(inGrace.every((r) => r.result?.closed === 0)).toBe(true);
    expect(await status(key, campaignId)).toBe("running");
    // Imported on the 13th, dated the 9th: C2's 400.00 + 700.00 = 1,100.00 reaches the 1,000.00 target.
    const sale = (orderId: string, companyId: string, date: string, price: string) =>
      call(app, "POST", "/v1/events", {
        key,
        body: {
          type: "order",
          orderId,
          companyId,
          date,
          lines: [{ sku: "A", quantity: 1, unitPrice: price }],
        },
      });
    expect((await sale("S3", "C2", "2026-01-09", "700.00")).status).toBe(201);
    const closing = await runJobs(t.db, { tenantId: "jc3", jobs: ["campaigns"], until: day("2026-01-14") });
    // K1: first place (100) and target (50); C2: target (50). K1 and C2's K2 are told.
    expect(closing.map((r) => [r.day, r.result])).toEqual([
      ["2026-01-14", { closed: 1, prizes: 3, points: 200, emails: 2 }],
    ]);
    expect(await status(key, campaignId)).toBe("ended");
    // After the close: a January order is left out of the result and counted in the report.
    expect((await sale("S4", "C2", "2026-01-08", "5000.00")).status).toBe(201);
    const report = await call<{ lateOrders: number; participants: { participant: string; score: string }[] }>(
      app,
      "GET",
      `/v1/campaigns/${campaignId}/report`,
      { key },
    );
    expect(report.body.participants.map((p) => [p.participant, p.score])).toEqual([
      ["contact:K1", "1500.00"],
      ["company:C2", "1100.00"],
    ]);
    expect(report.body.lateOrders).toBe(1);
    expect((await verify(t.db, "jc3")).differences).toEqual([]);
  });

  it("leaves a campaign closed by hand alone", async () => {
    clock = new Date("2026-01-05T09:00:00Z");
    const { key, campaignId } = await tenantWithCampaign(app, "jc2");
    clock = new Date("2026-01-11T09:00:00Z");
    expect((await call(app, "POST", `/v1/campaigns/${campaignId}/close`, { key })).status).toBe(200);
    const runs = await runJobs(t.db, { tenantId: "jc2", jobs: ["campaigns"], until: day("2026-01-12") });
    expect(runs.reduce((s, r) => s + (r.result?.closed ?? 0), 0)).toBe(0);
    // The close by hand told the participants as the job would have.
    expect(await closesOf(t.db, "jc2")).toEqual({
      ended: 1,
      prizeTransactions: 2,
      notices: 2,
      prizePoints: 150n,
    });
  });
});
