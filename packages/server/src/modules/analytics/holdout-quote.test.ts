// A held-out company earns nothing, and the quote says so: the cart API and the widget show zero points with
// the reason, while a participant's quote is unchanged, and the order itself credits what the quote showed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { bucketOf, HELD_OUT_CODE } from "./holdout.ts";

const TOKEN = "holdout-quote-tests";
const PROGRAM = `
id: hq
name: Hold-out quote
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
`;

interface Quote {
  pointsEarned: number;
  effects: { code: string; params: Record<string, unknown> }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
const tenantId = "acme";
let heldOut: string;
let participant: string;

const cart = (companyId: string, orderId = "quote") => ({
  orderId,
  date: "2026-03-01",
  companyId,
  lines: [{ sku: "A", quantity: 2, unitPrice: "500.00" }],
});

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-01T12:00:00Z") });
  owner = (await bootstrap(app, tenantId, TOKEN)).ownerKey;
  expect(
    (await call(app, "POST", "/v1/programs", { key: owner, body: { definition: PROGRAM } })).status,
  ).toBe(201);
  // A share of 10%: buckets 0..999 are held out. Pick one company on each side by the same hash.
  expect((await call(app, "PUT", "/v1/analytics/holdout", { key: owner, body: { share: 0.1 } })).status).toBe(
    200,
  );
  const ids = Array.from({ length: 200 }, (_, i) => `C${i}`);
  heldOut = ids.find((id) => bucketOf(tenantId, id) < 1000) ?? "";
  participant = ids.find((id) => bucketOf(tenantId, id) >= 1000) ?? "";
  expect(heldOut).not.toBe("");
  expect(participant).not.toBe("");
}, 120_000);

afterAll(async () => {
  await t.drop();
});

describe("the quote of a held-out company", () => {
  it("shows zero points with the reason, and what it would have earned", async () => {
    const q = await call<Quote>(app, "POST", "/v1/quote", { key: owner, body: cart(heldOut) });
    expect(q.status).toBe(200);
    expect(q.body.pointsEarned).toBe(0);
    // 2 × 500.00 = 1,000.00 at 10% → 100 points it would have earned; no earn.rate line claims them.
    expect(q.body.effects.map((e) => e.code)).toEqual([HELD_OUT_CODE]);
    expect(q.body.effects[0]?.params).toEqual({ points: 100, share: "10%" });
  });

  it("leaves a participant's quote as the program gives it", async () => {
    const q = await call<Quote>(app, "POST", "/v1/quote", { key: owner, body: cart(participant) });
    expect(q.body.pointsEarned).toBe(100);
    expect(q.body.effects.map((e) => e.code)).toContain("earn.rate");
    expect(q.body.effects.map((e) => e.code)).not.toContain(HELD_OUT_CODE);
  });

  it("matches what the order then credits", async () => {
    for (const [id, expected] of [
      [heldOut, 0],
      [participant, 100],
    ] as const) {
      const o = await call<{ result: Quote }>(app, "POST", "/v1/events", {
        key: owner,
        body: { type: "order", ...cart(id, `O-${id}`) },
      });
      expect(o.status).toBe(201);
      expect(o.body.result.pointsEarned).toBe(expected);
      expect(o.body.result.effects.map((e) => e.code).includes(HELD_OUT_CODE)).toBe(expected === 0);
    }
  });

  it("shows zero in the widget, marked as held out", async () => {
    for (const [id, points, held] of [
      [heldOut, 0, true],
      [participant, 100, false],
    ] as const) {
      const m = await call<{ token: string }>(app, "POST", "/v1/widget/tokens", {
        key: owner,
        body: { memberId: id },
      });
      expect(m.status).toBe(201);
      const q = await call<{ pointsEarned: number; heldOut: boolean }>(app, "POST", "/v1/widget/quote", {
        headers: { authorization: `Bearer ${m.body.token}` },
        body: { lines: cart(id).lines },
      });
      expect(q.status).toBe(200);
      expect(q.body).toMatchObject({ pointsEarned: points, heldOut: held });
    }
  });
});
