// What if: a draft replayed over a small history beside the published program, on the figures the console's
// comparison shows (cost in currency, points earned and reversed, liability, tier mix) and their difference,
// each checked by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Simulation } from "./simulate.ts";

const TOKEN = "what-if-tests";
const HEAD = `
id: whatif
name: What if
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
pointValue: 1
`;
const PUBLISHED = `${HEAD}earning: { baseRate: "1%" }\n`;
// Both levels earn 2%, so that the points do not hang on when a level is reached; the mix is what differs.
const DRAFT = `${HEAD}tiers:
  metric: netPurchases
  window: { rollingDays: 365 }
  evaluation: daily
  levels:
    - { id: base, name: Base, from: 0, earnRate: "2%" }
    - { id: silver, name: Silver, from: 2000, earnRate: "2%" }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

const line = (quantity: number, unitPrice: string) => ({ sku: "A", category: "goods", quantity, unitPrice });

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => new Date("2026-03-10T12:00:00Z"),
    webDir: null,
  });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  const send = async (path: string, body: unknown) => {
    const r = await call(app, "POST", path, { key: owner, body });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  await send("/v1/programs", { definition: PUBLISHED });
  await send("/v1/events", {
    type: "order",
    orderId: "O1",
    date: "2026-03-01",
    companyId: "C1",
    lines: [line(2, "500.00")],
  });
  await send("/v1/events", {
    type: "order",
    orderId: "O2",
    date: "2026-03-02",
    companyId: "C2",
    lines: [line(1, "3000.00")],
  });
  await send("/v1/events", {
    type: "return",
    externalId: "R1",
    orderId: "O1",
    date: "2026-03-05",
    lines: [line(1, "500.00")],
  });
}, 120_000);

afterAll(async () => {
  await t.drop();
});

describe("what if: a draft beside the published program", () => {
  it("gives cost, points, liability and tier mix of both, and their difference", async () => {
    const d = await call<{ id: string }>(app, "POST", "/v1/programs/drafts", {
      key: owner,
      body: { definition: DRAFT },
    });
    expect(d.status).toBe(201);
    const sim = await call<Simulation>(app, "POST", `/v1/programs/drafts/${d.body.id}/simulate`, {
      key: owner,
      body: { from: "2026-03-01", to: "2026-03-09" },
    });
    expect(sim.status).toBe(200);
    // Published, 1%: O1 2 × 500.00 = 1,000.00 → 10, O2 3,000.00 → 30; the return of 500.00 takes back 5. Kept 35 points
    // at 1.00 each and no discounts: cost 35.00, and 35 points owed: liability 35.00.
    expect(sim.body.published?.totals).toMatchObject({
      earned: 40,
      reversed: 5,
      expired: 0,
      liability: "35.00",
    });
    expect(sim.body.published?.cost).toBe("35.00");
    expect(sim.body.published?.tiers).toEqual({ none: 2 });
    // Draft, 2% at either level: 20 + 60 earned, 10 taken back: cost 70.00. C1 keeps 500.00 of purchases
    // (Base); C2 has 3,000.00, above Silver's 2,000.
    expect(sim.body.draft.totals).toMatchObject({ earned: 80, reversed: 10, expired: 0, liability: "70.00" });
    expect(sim.body.draft.cost).toBe("70.00");
    expect(sim.body.draft.tiers).toEqual({ base: 1, silver: 1 });
    expect(sim.body.difference).toMatchObject({ cost: "35.00", earned: 40, reversed: 5, liability: "35.00" });
  });
});
