// What a membership or an individual discount gave on an order is given back when the order is returned or
// cancelled: a partial return gives back the returned share of the order's value (rounded down), the return
// that brings every unit back and a cancellation give back the rest, and the reports of membership economics
// and of discount cost by manager count only what was kept. Example 15's program (1% base earning), with
// points pending until payment so that an order can still be cancelled.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const program = `${readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
)}
pending: { untilPaid: true, returnWindowDays: 14 }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
const clock = new Date("2026-03-01T09:00:00Z");
let owner = "";

const post = <T>(path: string, body: unknown) =>
  call<T & ErrorAnswer>(app, "POST", path, { key: owner, body });

type Line = [price: string, quantity: number];
const order = (orderId: string, companyId: string, date: string, lines: Line[]) =>
  post<{ result: { discount: string; effects: { code: string; params: Record<string, unknown> }[] } }>(
    "/v1/events",
    {
      type: "order",
      orderId,
      date,
      companyId,
      lines: lines.map(([unitPrice, quantity]) => ({
        sku: `T${unitPrice}`,
        category: "tickets",
        quantity,
        unitPrice,
      })),
    },
  );
const giveBack = (externalId: string, orderId: string, date: string, lines: Line[]) =>
  post("/v1/events", {
    type: "return",
    externalId,
    orderId,
    date,
    lines: lines.map(([unitPrice, quantity]) => ({ sku: `T${unitPrice}`, unitPrice, quantity })),
  });
const cancel = (orderId: string, date: string) => post("/v1/events", { type: "cancellation", orderId, date });
const extraPoints = (r: Awaited<ReturnType<typeof order>>) =>
  r.body.result.effects.find((e) => e.code === "earn.term")?.params.points;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await post("/v1/programs", { definition: program })).status).toBe(201);
  for (const c of ["C1", "C2"]) expect((await post("/v1/companies", { id: c, name: c })).status).toBe(201);
}, 120_000);
afterAll(() => t.drop());

describe("term usage given back", () => {
  it("a membership's discount and extra points come back in the returned share; a cancellation takes all", async () => {
    const plan = await post<{ id: string }>("/v1/membership-plans", {
      name: "Card 50",
      fee: "220",
      periodDays: 365,
      discountRate: "50%",
      extraEarnRate: "10%",
    });
    expect(plan.status).toBe(201);
    expect((await post("/v1/memberships", { companyId: "C1", planId: plan.body.id })).status).toBe(201);

    // M1: 4 × 100 → 200 off, net 200; 10% of 200 = 20 extra points.
    const m1 = await order("M1", "C1", "2026-04-01", [["100", 4]]);
    expect(m1.body.result.discount).toBe("200.00");
    expect(extraPoints(m1)).toBe(20);
    // One ticket back: 50 of 200 net → 1/4 of the use (50 off, 5 points); two more: 3/4 in all (150, 15).
    expect((await giveBack("m1-a", "M1", "2026-04-02", [["100", 1]])).status).toBe(201);
    expect((await giveBack("m1-b", "M1", "2026-04-03", [["100", 2]])).status).toBe(201);
    // M2: 100 + 2 × 70 = 240 → 120 off, net 120, 12 extra points. A ticket of 70 back: 35 of 120 net →
    // 120 × 35 / 120 = 35 off and 12 × 35 / 120 = 3.5 → 3 points given back (rounded down).
    const m2 = await order("M2", "C1", "2026-04-05", [
      ["100", 1],
      ["70", 2],
    ]);
    expect(m2.body.result.discount).toBe("120.00");
    expect(extraPoints(m2)).toBe(12);
    expect((await giveBack("m2-a", "M2", "2026-04-06", [["70", 1]])).status).toBe(201);
    // M3 is cancelled and M4 returned whole: neither keeps anything nor counts as an order.
    expect((await order("M3", "C1", "2026-04-07", [["100", 2]])).body.result.discount).toBe("100.00");
    expect((await cancel("M3", "2026-04-07")).status).toBe(201);
    expect((await order("M4", "C1", "2026-04-08", [["100", 1]])).body.result.discount).toBe("50.00");
    expect((await giveBack("m4-a", "M4", "2026-04-09", [["100", 1]])).status).toBe(201);

    const report = await call<{
      plans: { planId: string; discountsGiven: string; extraPointsGiven: number; orders: number }[];
    }>(app, "GET", "/v1/reports/memberships?from=2026-01-01&to=2026-12-31", { key: owner });
    expect(report.status).toBe(200);
    // Kept: M1 200 − 150 = 50 and 20 − 15 = 5; M2 120 − 35 = 85 and 12 − 3 = 9.
    expect(report.body.plans.find((p) => p.planId === plan.body.id)).toMatchObject({
      discountsGiven: "135.00",
      extraPointsGiven: 14,
      orders: 2,
    });

    // The rest of M1 back: the whole use is given back, whatever was rounded before.
    expect((await giveBack("m1-c", "M1", "2026-04-10", [["100", 1]])).status).toBe(201);
    const after = await call<{
      plans: { planId: string; discountsGiven: string; extraPointsGiven: number; orders: number }[];
    }>(app, "GET", "/v1/reports/memberships?from=2026-01-01&to=2026-12-31", { key: owner });
    expect(after.body.plans.find((p) => p.planId === plan.body.id)).toMatchObject({
      discountsGiven: "85.00",
      extraPointsGiven: 9,
      orders: 1,
    });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("an individual discount's cost by manager counts only what the client kept", async () => {
    const g = await post<{ ownerId: string; status: string }>("/v1/discount-grants", {
      companyId: "C2",
      discountRate: "4%",
      extraEarnRate: "2%",
      reason: "volume contract",
      validTo: "2026-12-31",
    });
    expect(g.status).toBe(201);
    expect(g.body.status).toBe("active");
    // G1: 4 × 2,500 → 400 off, net 9,600; 2% of 9,600 = 192 extra points. One unit back: 2,400 of 9,600 →
    // 1/4: 100 off and 48 points given back.
    const g1 = await order("G1", "C2", "2026-04-01", [["2500", 4]]);
    expect(g1.body.result.discount).toBe("400.00");
    expect(extraPoints(g1)).toBe(192);
    expect((await giveBack("g1-a", "G1", "2026-04-02", [["2500", 1]])).status).toBe(201);
    // Sending the same return again gives nothing back twice.
    expect((await giveBack("g1-a", "G1", "2026-04-02", [["2500", 1]])).status).toBe(200);
    // G2 cancelled: nothing kept.
    expect((await order("G2", "C2", "2026-04-03", [["2500", 2]])).body.result.discount).toBe("200.00");
    expect((await cancel("G2", "2026-04-03")).status).toBe(201);
    const cost = await call<{
      managers: { ownerId: string; discountGiven: string; extraPointsGiven: number; orders: number }[];
    }>(app, "GET", "/v1/reports/discount-cost?from=2026-01-01&to=2026-12-31", { key: owner });
    expect(cost.status).toBe(200);
    expect(cost.body.managers).toContainEqual(
      expect.objectContaining({
        ownerId: g.body.ownerId,
        discountGiven: "300.00",
        extraPointsGiven: 144,
        orders: 1,
      }),
    );
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});
