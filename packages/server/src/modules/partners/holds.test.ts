// A partner's redemption holds through its own key, with example 12 (FUEL earns 1%, HOTEL 14% on hotel stays):
// FUEL holds a customer's points for a cart, captures them with its own order (counted as redeemed at FUEL in
// the settlement), cancels another hold, and a third expires; HOTEL can neither see nor settle FUEL's holds, the
// owner's order cannot capture them, and bad input is refused naming the field, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { expireHolds, type Hold } from "../redemptions/service.ts";
import { COALITION_TOKEN, coalitionTenant, portalBuyer } from "./testing.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let fuel: string;
let hotel: string;
let now = new Date("2026-03-05T09:00:00Z");

type Answer<T> = T & ErrorAnswer;
const send = <T>(k: string, path: string, body?: object, headers: Record<string, string> = {}) =>
  call<Answer<T>>(app, "POST", path, { key: k, ...(body ? { body } : {}), headers });
const hold = (k: string, body: object, headers: Record<string, string> = {}) =>
  send<Hold>(k, "/v1/partner/redemptions", body, headers);
const wallet = async (k: string, id: string) =>
  (
    await call<{ available: number; held: number }>(app, "GET", `/v1/partner/members/${id}/wallet`, {
      key: k,
    })
  ).body;
const fill = (orderId: string, amount: string, extra: object = {}) => ({
  orderId,
  date: "2026-03-05",
  companyId: "C1",
  lines: [{ sku: "X", category: "fuel", quantity: 1, unitPrice: amount }],
  ...extra,
});

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: COALITION_TOKEN, now: () => now, webDir: null });
  const made = await coalitionTenant(
    app,
    "acme",
    ["C1", "C2"],
    [
      ["FUEL", "Fuel stations"],
      ["HOTEL", "Hotels"],
    ],
  );
  key = made.key;
  const keys = made.keys;
  fuel = keys.FUEL as string;
  hotel = keys.HOTEL as string;
  // C1 earns 1,400 at HOTEL and becomes FUEL's customer with a fill of 100 (1 point); C2 buys only at HOTEL.
  for (const [k, body] of [
    [
      hotel,
      {
        ...fill("H-1", "10000.00"),
        lines: [{ sku: "X", category: "hotel", quantity: 1, unitPrice: "10000.00" }],
      },
    ],
    [fuel, fill("F-1", "100.00")],
    [hotel, { ...fill("H-2", "1000.00"), companyId: "C2" }],
  ] as const) {
    expect((await send(k, "/v1/partner/events", { type: "order", ...body })).status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("a partner's holds", () => {
  let captured = "";

  it("a hold for a cart is captured with the partner's own order and counts as redeemed at it", async () => {
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 1401, held: 0 });
    const cart = { lines: [{ sku: "X", category: "fuel", quantity: 1, unitPrice: "2000.00" }] };
    const h = await hold(fuel, { memberId: "C1", points: 600, cart }, { "idempotency-key": "fuel-h1" });
    expect(h.status).toBe(201);
    expect(h.body).toMatchObject({ memberId: "C1", points: 600, status: "held", partnerId: "FUEL" });
    captured = h.body.id;
    // The same key again: the same hold, nothing held twice.
    const again = await hold(fuel, { memberId: "C1", points: 600, cart }, { "idempotency-key": "fuel-h1" });
    expect(again.body.id).toBe(captured);
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 801, held: 600 });

    const cap = await send<{
      hold: Hold;
      order: { result: { pointsRedeemed: number; pointsEarned: number } };
    }>(fuel, `/v1/partner/redemptions/${captured}/capture`, fill("F-2", "2000.00"));
    expect(cap.status).toBe(201);
    expect(cap.body.hold).toMatchObject({ status: "captured", partnerId: "FUEL", orderId: "F-2" });
    // 2,000 less 600 paid in points: 1% of 1,400 earns 14.
    expect(cap.body.order.result).toMatchObject({ pointsRedeemed: 600, pointsEarned: 14 });
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 815, held: 0 });
    // Captured once: another order cannot take it again.
    const twice = await send(fuel, `/v1/partner/redemptions/${captured}/capture`, fill("F-3", "2000.00"));
    expect(twice.status).toBe(409);
    // The settlement of March: FUEL issued 1 + 14 and took 600; HOTEL issued 1,400 + 10 and took none.
    const s = await call<{ data: { partnerId: string; pointsIssued: number; pointsRedeemed: number }[] }>(
      app,
      "GET",
      "/v1/partners/settlement?from=2026-03&to=2026-03",
      { key },
    );
    expect(s.body.data).toContainEqual(
      expect.objectContaining({ partnerId: "FUEL", pointsIssued: 15, pointsRedeemed: 600 }),
    );
    expect(s.body.data).toContainEqual(
      expect.objectContaining({ partnerId: "HOTEL", pointsIssued: 1410, pointsRedeemed: 0 }),
    );
  });

  it("a cancelled hold gives its points back; an expired one is released and cannot be captured", async () => {
    const h = await hold(fuel, { memberId: "C1", points: 300 });
    expect(h.status).toBe(201);
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 515, held: 300 });
    const cancelled = await send<Hold>(fuel, `/v1/partner/redemptions/${h.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 815, held: 0 });
    expect((await send(fuel, `/v1/partner/redemptions/${h.body.id}/cancel`)).status).toBe(409);

    const short = await hold(fuel, { memberId: "C1", points: 200, expiresInMinutes: 1 });
    expect(short.status).toBe(201);
    now = new Date("2026-03-05T09:01:00Z");
    expect(await expireHolds(t.db, "acme", now)).toEqual({ holds: 1, points: 200 });
    const read = await call<Hold>(app, "GET", `/v1/partner/redemptions/${short.body.id}`, { key: fuel });
    expect(read.body.status).toBe("expired");
    const late = await send<ErrorAnswer>(
      fuel,
      `/v1/partner/redemptions/${short.body.id}/capture`,
      fill("F-4", "900.00"),
    );
    expect(late.status).toBe(409);
    expect(await wallet(fuel, "C1")).toMatchObject({ available: 815, held: 0 });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("another partner neither sees nor settles the hold; the owner's order cannot capture it", async () => {
    const h = await hold(fuel, { memberId: "C1", points: 100 });
    expect(h.status).toBe(201);
    const id = h.body.id;
    const seen = await call<ErrorAnswer>(app, "GET", `/v1/partner/redemptions/${id}`, { key: hotel });
    expect(seen.status).toBe(404);
    expect((await send(hotel, `/v1/partner/redemptions/${id}/cancel`)).status).toBe(404);
    const taken = await send<ErrorAnswer>(
      hotel,
      `/v1/partner/redemptions/${id}/capture`,
      fill("HX-1", "500.00"),
    );
    expect(taken.status).toBe(404);
    // The owner's own order (no partner) naming the hold is refused too.
    const owner = await send<ErrorAnswer>(key, "/v1/events", {
      type: "order",
      ...fill("O-1", "500.00"),
      holdId: id,
    });
    expect(owner.status).toBe(422);
    expect(owner.body.error.field).toBe("holdId");
    // The owner's staff read it, with the partner that made it.
    const staff = await call<Hold>(app, "GET", `/v1/redemptions/${id}`, { key });
    expect(staff.body).toMatchObject({ partnerId: "FUEL", status: "held" });
    // An owner's hold is not a partner's: FUEL does not see it.
    const own = await send<Hold>(key, "/v1/redemptions", { memberId: "C1", points: 10 });
    expect(own.status).toBe(201);
    expect((await call(app, "GET", `/v1/partner/redemptions/${own.body.id}`, { key: fuel })).status).toBe(
      404,
    );
    // Nothing of that changed the hold.
    expect((await call<Hold>(app, "GET", `/v1/partner/redemptions/${id}`, { key: fuel })).body.status).toBe(
      "held",
    );
    // A partner key reaches only partner routes; the owner's key is no partner key.
    expect((await call(app, "GET", `/v1/redemptions/${id}`, { key: fuel })).status).toBe(401);
    expect((await hold(key, { memberId: "C1", points: 10 })).status).toBe(401);
    expect(
      (await call(app, "POST", "/v1/partner/redemptions", { body: { memberId: "C1", points: 10 } })).status,
    ).toBe(401);
  });

  it("refuses bad input naming the field, and customers of other partners, writing nothing", async () => {
    const before = await wallet(fuel, "C1");
    const cases: [object, number, string][] = [
      [{ memberId: "C1", points: 0 }, 422, "points"],
      [{ memberId: "C1", points: 1.5 }, 422, "points"],
      [{ memberId: "C1", points: "10" }, 422, "points"],
      [{ points: 10 }, 422, "memberId"],
      [{ memberId: "C1", points: 10, expiresInMinutes: 0 }, 422, "expiresInMinutes"],
      [{ memberId: "C1", points: 100_000 }, 409, "points"],
      // C2 bought only at HOTEL, NOBODY nowhere: for FUEL neither exists.
      [{ memberId: "C2", points: 10 }, 404, "memberId"],
      [{ memberId: "NOBODY", points: 10 }, 404, "memberId"],
    ];
    for (const [body, status, field] of cases) {
      const r = await hold(fuel, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const bad = await send<ErrorAnswer>(fuel, "/v1/partner/redemptions/hld_nope/capture", { orderId: "F-9" });
    expect(bad.status).toBe(422);
    expect((await send(fuel, "/v1/partner/redemptions/hld_nope/cancel")).status).toBe(404);
    expect(await wallet(fuel, "C1")).toEqual(before);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
  it("the console lists a partner's holds in pages with their money value; the portal shows a company its own", async () => {
    interface Line {
      points: number;
      status: string;
      amount: string;
      memberId: string;
      partnerId: string;
      createdAt: string;
      expiresAt: string;
    }
    interface Page {
      data: Line[];
      nextCursor: string | null;
    }
    const list = (query: string, k = key) =>
      call<Page & ErrorAnswer>(app, "GET", `/v1/partners/FUEL/redemptions${query}`, { key: k });
    // FUEL's four holds of C1 (1 point = 1.00): 600 captured, 300 cancelled, 200 expired, 100 held, newest first
    // by id (holds made in the same millisecond may come in either order), two to a page.
    const first = await list("?limit=2");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.data, ...second.body.data];
    expect(all.map((h) => (h as Line & { id: string }).id)).toEqual(
      all
        .map((h) => (h as Line & { id: string }).id)
        .sort()
        .reverse(),
    );
    const byPoints = (rows: Line[]) =>
      rows.map((h) => [h.points, h.status, h.amount, h.memberId]).sort((x, y) => Number(x[0]) - Number(y[0]));
    expect(byPoints(all)).toEqual([
      [100, "held", "100.00", "C1"],
      [200, "expired", "200.00", "C1"],
      [300, "cancelled", "300.00", "C1"],
      [600, "captured", "600.00", "C1"],
    ]);
    expect(all.find((h) => h.points === 200)?.expiresAt).toBe("2026-03-05T09:01:00.000Z");
    expect((await list("?status=held")).body.data.map((h) => h.points)).toEqual([100]);
    const hotelHolds = await call<Page>(app, "GET", "/v1/partners/HOTEL/redemptions", { key });
    expect(hotelHolds.body.data).toEqual([]);
    // Finance reads it; support does not; another tenant has no FUEL; a bad status names its field.
    expect((await list("", await keyWithRole(app, key, "finance"))).status).toBe(200);
    expect((await list("", await keyWithRole(app, key, "support"))).status).toBe(403);
    const other = (await bootstrap(app, "other-holds", COALITION_TOKEN)).ownerKey;
    expect((await list("", other)).status).toBe(404);
    const bad = await list("?status=spent");
    expect([bad.status, bad.body.error.field]).toEqual([422, "status"]);

    // The portal: C1's buyer sees the four at FUEL by name and not the owner's own hold; C2's sees none.
    const c1 = await portalBuyer(app, "acme", key, "C1");
    const mine = await call<{ data: (Line & { partnerName: string })[] }>(
      app,
      "GET",
      "/v1/portal/redemptions",
      { headers: { cookie: c1 } },
    );
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.data.map((h) => h.partnerName)).toEqual(Array(4).fill("Fuel stations"));
    expect(byPoints(mine.body.data)).toEqual(byPoints(all));
    const c2 = await portalBuyer(app, "acme", key, "C2");
    const none = await call<Page>(app, "GET", "/v1/portal/redemptions", { headers: { cookie: c2 } });
    expect(none.body.data).toEqual([]);
  });
});
