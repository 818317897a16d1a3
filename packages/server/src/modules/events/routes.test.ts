// The events API as an ERP uses it: publish a program, send orders and returns, read the wallet.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "other", TOKEN)).ownerKey;
});
afterAll(async () => {
  await t.drop();
});

const order = {
  type: "order",
  source: "erp",
  orderId: "10045",
  date: "2026-03-01T10:00:00",
  companyId: "C1",
  lines: [{ sku: "A", category: "goods", quantity: 2, unitPrice: "9250.00" }],
};

const orderOfC1 = order;

describe("events API", () => {
  it("refuses events before a program is published", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/events", { key, body: order });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "conflict", field: "program" });
  });

  it("publishes a program, and names the problem in a broken one", async () => {
    const bad = await call<ErrorAnswer>(app, "POST", "/v1/programs", {
      key,
      body: { definition: program.replace('capShare: "50%"', 'capShare: "half"') },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("redemption.capShare");
    const ok = await call(app, "POST", "/v1/programs", { key, body: { definition: program } });
    expect(ok).toMatchObject({
      status: 201,
      body: { id: "volume-tiers", version: 1, effectiveFrom: "2026-01-01" },
    });
  });

  it("takes an order once, earns at the member's tier, and shows it in the wallet", async () => {
    const first = await call<{ replayed: boolean; result: { pointsEarned: number; net: string } }>(
      app,
      "POST",
      "/v1/events",
      {
        key,
        body: order,
      },
    );
    expect(first.status).toBe(201);
    // 18,500.00 at Base 1% → 185 points.
    expect(first.body).toMatchObject({ replayed: false, result: { net: "18500.00", pointsEarned: 185 } });
    const again = await call(app, "POST", "/v1/events", { key, body: order });
    expect(again).toMatchObject({ status: 200, body: { replayed: true } });
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key })).body).toEqual({
      memberId: "C1",
      available: 185,
      pending: 0,
      held: 0,
      debt: 0,
      expiring: [],
    });
  });

  it("answers a resent event as the first time only when it is the same: other content under its id is a 409", async () => {
    // An order of a company of its own, so that the tests after this one see C1 as they expect.
    const order = { ...orderOfC1, orderId: "20045", companyId: "C9" };
    expect((await call(app, "POST", "/v1/events", { key, body: order })).status).toBe(201);
    // The same order written otherwise (a price without its decimals) is the same order.
    const same = await call(app, "POST", "/v1/events", {
      key,
      body: { ...order, lines: [{ ...order.lines[0], unitPrice: "9250" }] },
    });
    expect(same).toMatchObject({ status: 200, body: { replayed: true, result: { pointsEarned: 185 } } });
    for (const [edit, what] of [
      [{ lines: [{ ...order.lines[0], quantity: 3 }] }, "a quantity"],
      [{ companyId: "C1" }, "a company"],
      [{ date: "2026-03-02" }, "a day"],
      [{ paidOn: "2026-03-01" }, "a payment"],
    ] as const) {
      const r = await call<ErrorAnswer>(app, "POST", "/v1/events", { key, body: { ...order, ...edit } });
      expect(r.status, what).toBe(409);
      expect(r.body.error, what).toMatchObject({ code: "conflict", field: "orderId" });
      expect(r.body.error.message, what).toContain("replaces");
    }
    // In a batch, the entry at fault is refused and the rest taken.
    const batch = await call<{ results: { ok: boolean; status: number; error?: { field: string } }[] }>(
      app,
      "POST",
      "/v1/events/batch",
      {
        key,
        body: {
          events: [
            { ...order, orderId: "20046", date: "2026-03-02" },
            { ...order, lines: [{ ...order.lines[0], quantity: 5 }] },
            order,
          ],
        },
      },
    );
    expect(batch.body.results.map((x) => x.status)).toEqual([201, 409, 200]);
    expect(batch.body.results[1]?.error?.field).toBe("events[1].orderId");
    // A payment sent again with another date is refused too; the order keeps its first.
    const pay = { type: "payment", source: "erp", orderId: "20046", date: "2026-03-03" };
    expect((await call(app, "POST", "/v1/events", { key, body: pay })).status).toBe(201);
    expect((await call(app, "POST", "/v1/events", { key, body: pay })).status).toBe(200);
    const later = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...pay, date: "2026-03-04" },
    });
    expect(later.status).toBe(409);
    expect(later.body.error).toMatchObject({ code: "conflict", field: "externalId" });
    // Nothing of the refused ones was written: the two orders' points, as first taken.
    expect((await call(app, "GET", "/v1/members/C9/wallet", { key })).body).toMatchObject({ available: 370 });
  });

  it("takes a return and reverses the points it earned", async () => {
    const r = await call(app, "POST", "/v1/events", {
      key,
      body: {
        type: "return",
        source: "erp",
        externalId: "R-1",
        orderId: "10045",
        date: "2026-03-05",
        lines: [{ sku: "A", unitPrice: "9250", quantity: 1 }],
      },
    });
    expect(r).toMatchObject({ status: 201, body: { result: { refund: "9250.00", pointsReversed: 92 } } });
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key })).body).toMatchObject({ available: 93 });
  });

  it("quotes a cart: prices, points it may spend and will earn, and changes nothing", async () => {
    const cart = {
      companyId: "C1",
      date: "2026-03-10",
      pointsToRedeem: 50,
      lines: [{ sku: "A", category: "goods", quantity: 2, unitPrice: "9250" }],
    };
    const q = await call<{ pointsRedeemed: number; net: string; pointsEarned: number; tier: string }>(
      app,
      "POST",
      "/v1/quote",
      { key, body: cart },
    );
    // 50 of 93 points (cap 50% of 18,500); 18,450 at Base 1% → 184.
    expect(q).toMatchObject({
      status: 200,
      body: { pointsRedeemed: 50, net: "18450.00", pointsEarned: 184, tier: "base" },
    });
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key })).body).toMatchObject({ available: 93 });
    const stranger = await call<{ pointsRedeemed: number; pointsEarned: number }>(app, "POST", "/v1/quote", {
      key,
      body: { ...cart, companyId: "NEW" },
    });
    expect(stranger.body).toMatchObject({ pointsRedeemed: 0, pointsEarned: 185 });
    expect((await call(app, "GET", "/v1/members/NEW/wallet", { key })).status).toBe(404);
  });

  it("answers bad input with 4xx naming the field, and writes nothing", async () => {
    const badPrice = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...order, orderId: "X1", lines: [{ sku: "A", quantity: 1, unitPrice: "1.005" }] },
    });
    expect(badPrice.status).toBe(422);
    expect(badPrice.body.error.field).toBe("lines[0].unitPrice");
    const badDate = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...order, orderId: "X2", date: "2026-02-30" },
    });
    expect(badDate.body.error).toMatchObject({ code: "validation_failed", field: "date" });
    // A misspelt field is refused rather than dropped: an order meant to spend points would not.
    const typo = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...order, orderId: "X3", pointsToRedem: 10 },
    });
    expect(typo.body.error).toMatchObject({ code: "validation_failed", field: "pointsToRedem" });
    const { type: _t, source: _s, ...cart } = order;
    const lineTypo = await call<ErrorAnswer>(app, "POST", "/v1/quote", {
      key,
      body: { ...cart, lines: [{ ...order.lines[0], qty: 1 }] },
    });
    expect(lineTypo.body.error).toMatchObject({ code: "validation_failed", field: "lines[0].qty" });
    const unknown = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: {
        type: "return",
        externalId: "R-9",
        orderId: "NOPE",
        date: "2026-03-05",
        lines: [{ sku: "A", unitPrice: 1, quantity: 1 }],
      },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("orderId");
    const tooMany = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: {
        type: "return",
        externalId: "R-10",
        orderId: "10045",
        date: "2026-03-06",
        lines: [{ sku: "A", unitPrice: "9250", quantity: 5 }],
      },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.field).toBe("lines[0].quantity");
    // A line of nothing returned names its quantity, not its SKU.
    const none = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: {
        type: "return",
        externalId: "R-11",
        orderId: "10045",
        date: "2026-03-06",
        lines: [{ sku: "A", unitPrice: "9250", quantity: 0 }],
      },
    });
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe("lines[0].quantity");
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key })).body).toMatchObject({ available: 93 });
  });

  it("refuses an order or a cart over the largest amount the engine takes, naming the line's quantity", async () => {
    // 999,999,999 × 99,999,999,999.99: each value fits, their product does not.
    const huge = { sku: "A", category: "goods", quantity: "999999999", unitPrice: "99999999999.99" };
    const small = { sku: "B", category: "goods", quantity: 1, unitPrice: "10.00" };
    const { type: _t, source: _s, ...cart } = order;
    for (const [path, body] of [
      ["/v1/events", order],
      ["/v1/quote", cart],
    ] as const) {
      const r = await call<ErrorAnswer>(app, "POST", path, {
        key,
        body: { ...body, orderId: "BIG1", lines: [small, huge] },
      });
      expect(r.status, path).toBe(422);
      expect(r.body.error).toMatchObject({ code: "validation_failed", field: "lines[1].quantity" });
      expect(r.body.error.message).toMatch(/largest amount/);
    }
    // A value no exact amount can hold is too large, not badly written.
    const wide = await call<ErrorAnswer>(app, "POST", "/v1/quote", {
      key,
      body: { ...cart, lines: [{ ...small, unitPrice: "99999999999999999999999.00" }] },
    });
    expect(wide.body.error).toMatchObject({ field: "lines[0].unitPrice" });
    expect(wide.body.error.message).toMatch(/too large/);
    expect((await call(app, "GET", "/v1/events?companyId=C1", { key })).body).not.toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ externalId: "BIG1" })]),
    });
  });

  it("refuses the NUL character and a request without its body, naming the field; a batch takes nothing", async () => {
    const nul = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...order, orderId: "N1", lines: [{ ...order.lines[0], sku: "A\u0000" }] },
    });
    expect(nul.status).toBe(422);
    expect(nul.body.error.field).toBe("lines[0].sku");
    const batch = await call<ErrorAnswer>(app, "POST", "/v1/events/batch", {
      key,
      body: {
        events: [
          { ...order, orderId: "N2", companyId: "NB" },
          { ...order, orderId: "N\u00003" },
        ],
      },
    });
    expect(batch.status).toBe(422);
    expect(batch.body.error.field).toBe("events[1].orderId");
    expect((await call(app, "GET", "/v1/members/NB/wallet", { key })).status).toBe(404);
    const inPath = await call<ErrorAnswer>(app, "GET", "/v1/members/C%00/wallet", { key });
    expect(inPath.status).toBe(422);
    expect(inPath.body.error.field).toBe("id");
    // No body and no Content-Type: the order's fields are still required.
    const res = await app.request("/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorAnswer).error.field).not.toBeNull();
  });

  it("checks an event's Idempotency-Key as every mutation's", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...order, orderId: "K9" },
      headers: { "idempotency-key": "k".repeat(300) },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("idempotency-key");
  });

  it("honours an Idempotency-Key: the same body is answered again, another body is a conflict", async () => {
    const body = { ...order, orderId: "K1" };
    const headers = { "idempotency-key": "k-1" };
    const first = await call(app, "POST", "/v1/events", { key, body, headers });
    expect(first.status).toBe(201);
    const again = await call(app, "POST", "/v1/events", { key, body, headers });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await call<ErrorAnswer>(app, "POST", "/v1/events", {
      key,
      body: { ...body, orderId: "K2" },
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
  });

  it("keeps tenants and roles apart", async () => {
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key: otherKey })).status).toBe(404);
    const support = await keyWithRole(app, key, "support");
    expect(
      (await call(app, "POST", "/v1/events", { key: support, body: { ...order, orderId: "S1" } })).status,
    ).toBe(403);
    expect((await call(app, "POST", "/v1/events", { body: order })).status).toBe(401);
  });
});
