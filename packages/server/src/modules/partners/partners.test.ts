// Coalition partners through the API with example 12 (FUEL earns 1%, HOTEL 14% on hotel stays and 1% on the
// rest): partners send orders and returns with their own keys, spend points at each other, see only their own
// orders and customers; the monthly settlement sums what each issued and took, exports as CSV, and closes once
// into the partners' ledger accounts with the ledger still balanced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { balanceOf, verify } from "../ledger/service.ts";
import { COALITION_TOKEN, coalitionTenant } from "./testing.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let fuel: string;
let hotel: string;
const clock = new Date("2026-03-05T09:00:00Z");

interface Row {
  month: string;
  partnerId: string;
  pointsIssued: number;
  pointsRedeemed: number;
  amount: string;
  transactionId: string | null;
}

const partnerEvent = (partnerKey: string, body: object, headers: Record<string, string> = {}) =>
  call<{ result: { pointsEarned?: number; pointsRedeemed?: number; pointsReversed?: number } }>(
    app,
    "POST",
    "/v1/partner/events",
    { key: partnerKey, body, headers },
  );
const stay = (orderId: string, companyId: string, date: string, amount: string, category: string) => ({
  type: "order",
  orderId,
  date,
  companyId,
  lines: [{ sku: "X", category, quantity: 1, unitPrice: amount }],
});

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: COALITION_TOKEN, now: () => clock, webDir: null });
  const made = await coalitionTenant(
    app,
    "acme",
    ["C1", "C2", "C3"],
    [
      ["FUEL", "Fuel stations"],
      ["HOTEL", "Hotels"],
    ],
  );
  key = made.key;
  fuel = made.keys.FUEL as string;
  hotel = made.keys.HOTEL as string;
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("coalition partners", () => {
  it("partners earn at their own rates by category and spend points at each other", async () => {
    // HOTEL: 10,000 on a hotel stay earns 14%; 1,000 of breakfast earns 1%.
    const h1 = await partnerEvent(hotel, stay("H-1", "C1", "2026-02-03", "10000.00", "hotel"));
    expect(h1.status).toBe(201);
    expect(h1.body.result.pointsEarned).toBe(1400);
    const h2 = await partnerEvent(hotel, stay("H-2", "C3", "2026-02-04", "1000.00", "food"));
    expect(h2.body.result.pointsEarned).toBe(10);
    // FUEL: C1 fills up for 2,000 (1%) and spends 500 of the hotel's points there.
    const f1 = await partnerEvent(fuel, {
      ...stay("F-1", "C1", "2026-02-10", "2000.00", "fuel"),
      pointsToRedeem: 500,
    });
    expect(f1.status).toBe(201);
    expect(f1.body.result.pointsRedeemed).toBe(500);
    expect(f1.body.result.pointsEarned).toBe(15);
    // The same order id at another partner is another order.
    const h3 = await partnerEvent(hotel, stay("F-1", "C2", "2026-02-11", "3000.00", "hotel"));
    expect(h3.status).toBe(201);
    expect(h3.body.result.pointsEarned).toBe(420);
    // A repeat changes nothing.
    const again = await partnerEvent(fuel, {
      ...stay("F-1", "C1", "2026-02-10", "2000.00", "fuel"),
      pointsToRedeem: 500,
    });
    expect(again.status).toBe(200);
    // HOTEL takes half of H-1 back on the 20th: 700 points reversed.
    const back = await partnerEvent(hotel, {
      type: "return",
      externalId: "R-1",
      orderId: "H-1",
      date: "2026-02-20",
      lines: [{ sku: "X", unitPrice: "10000.00", quantity: 0.5 }],
    });
    expect(back.status).toBe(201);
    expect(back.body.result.pointsReversed).toBe(700);
    // The owner's wallet read agrees: 1,400 − 700 − 500 + 15.
    const w = await call<{ available: number }>(app, "GET", "/v1/members/C1/wallet", { key });
    expect(w.body.available).toBe(215);
  });

  it("a partner sees only its own orders and its own customers", async () => {
    const orders = await call<{ data: { orderId: string; companyId: string }[] }>(
      app,
      "GET",
      "/v1/partner/orders",
      {
        key: fuel,
      },
    );
    expect(orders.status).toBe(200);
    expect(orders.body.data.map((o) => `${o.orderId}/${o.companyId}`)).toEqual(["F-1/C1"]);
    // C1 bought fuel: FUEL may read its balance. C3 only stayed at the hotel; C2's F-1 is HOTEL's.
    expect((await call(app, "GET", "/v1/partner/members/C1/wallet", { key: fuel })).status).toBe(200);
    for (const id of ["C3", "C2", "NOBODY"]) {
      const r = await call<ErrorAnswer>(app, "GET", `/v1/partner/members/${id}/wallet`, { key: fuel });
      expect(r.status, id).toBe(404);
    }
    expect((await call(app, "GET", "/v1/partner/members/C3/wallet", { key: hotel })).status).toBe(200);
    // FUEL cannot return HOTEL's order: to FUEL, H-1 does not exist.
    const foreign = await partnerEvent(fuel, {
      type: "return",
      externalId: "R-X",
      orderId: "H-1",
      date: "2026-02-21",
      lines: [{ sku: "X", unitPrice: "10000.00", quantity: 0.5 }],
    });
    expect(foreign.status).toBe(404);
  });

  it("a partner key reaches only the partner routes, and staff keys never reach them", async () => {
    for (const path of ["/v1/companies", "/v1/partners", "/v1/members/C1/wallet", "/v1/events"]) {
      const r = await call(app, "GET", path, { key: fuel });
      expect(r.status, path).toBe(401);
    }
    expect(
      (await call(app, "POST", "/v1/events", { key: fuel, body: stay("Z", "C1", "2026-02-01", "1.00", "x") }))
        .status,
    ).toBe(401);
    expect((await call(app, "GET", "/v1/partner/orders", { key })).status).toBe(401);
    // Another tenant's staff and partners get nothing of this one.
    const other = (await bootstrap(app, "other", COALITION_TOKEN)).ownerKey;
    expect((await call(app, "GET", "/v1/partners/FUEL", { key: other })).status).toBe(404);
    const list = await call<{ data: unknown[] }>(app, "GET", "/v1/partners", { key: other });
    expect(list.body.data).toEqual([]);
  });

  it("a revoked key is refused at once", async () => {
    const made = await call<{ id: string; secret: string }>(app, "POST", "/v1/partners/FUEL/keys", {
      key,
      body: {},
    });
    expect((await call(app, "GET", "/v1/partner/orders", { key: made.body.secret })).status).toBe(200);
    const revoked = await call<{ revokedAt: string }>(
      app,
      "POST",
      `/v1/partners/FUEL/keys/${made.body.id}/revoke`,
      { key },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await call(app, "GET", "/v1/partner/orders", { key: made.body.secret })).status).toBe(401);
    const detail = await call<{ keys: { id: string; revokedAt: string | null }[]; activeKeys: number }>(
      app,
      "GET",
      "/v1/partners/FUEL",
      { key },
    );
    expect(detail.body.activeKeys).toBe(1);
    expect(detail.body.keys.find((k) => k.id === made.body.id)?.revokedAt).not.toBeNull();
  });

  it("the settlement shows what each partner issued and took and what it owes; the CSV says the same", async () => {
    const r = await call<{ data: Row[] }>(app, "GET", "/v1/partners/settlement?from=2026-01&to=2026-03", {
      key,
    });
    expect(r.status).toBe(200);
    expect(
      r.body.data.map((x) => [x.month, x.partnerId, x.pointsIssued, x.pointsRedeemed, x.amount]),
    ).toEqual([
      ["2026-02", "FUEL", 15, 500, "-485.00"],
      // 1,400 + 10 + 420 − 700 returned.
      ["2026-02", "HOTEL", 1130, 0, "1130.00"],
    ]);
    const csv = await call<string>(app, "GET", "/v1/partners/settlement/export?from=2026-02&to=2026-02", {
      key,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.body.split("\n").slice(0, 3)).toEqual([
      "month,partner_id,partner_name,points_issued,points_redeemed,amount,closed_at,transaction_id",
      "2026-02,FUEL,Fuel stations,15,500,-485.00,,",
      "2026-02,HOTEL,Hotels,1130,0,1130.00,,",
    ]);
    const one = await call<{ data: Row[] }>(
      app,
      "GET",
      "/v1/partners/settlement?from=2026-02&to=2026-02&partnerId=HOTEL",
      {
        key,
      },
    );
    expect(one.body.data.map((x) => x.partnerId)).toEqual(["HOTEL"]);
  });

  it("closing a month posts the settlement to the partners' ledger accounts once", async () => {
    const closed = await call<{ data: Row[] }>(app, "POST", "/v1/partners/settlement/close", {
      key,
      body: { month: "2026-02", comment: "February" },
    });
    expect(closed.status).toBe(201);
    expect(closed.body.data.every((x) => x.transactionId?.startsWith("txn_"))).toBe(true);
    // The partner's account holds what it is owed in points: FUEL took 500 and issued 15; HOTEL owes 1,130.
    expect(await balanceOf(t.db, "acme", "settlement:FUEL")).toBe(485n);
    expect(await balanceOf(t.db, "acme", "settlement:HOTEL")).toBe(-1130n);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
    const again = await call<ErrorAnswer>(app, "POST", "/v1/partners/settlement/close", {
      key,
      body: { month: "2026-02" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe("month");
    const current = await call<ErrorAnswer>(app, "POST", "/v1/partners/settlement/close", {
      key,
      body: { month: "2026-03" },
    });
    expect(current.status).toBe(409);
    const report = await call<{ data: Row[] }>(
      app,
      "GET",
      "/v1/partners/settlement?from=2026-02&to=2026-02",
      { key },
    );
    expect(report.body.data.every((x) => x.transactionId !== null)).toBe(true);
    const audit = await call<{ data: { action: string }[] }>(app, "GET", "/v1/audit-log?limit=200", { key });
    const actions = audit.body.data.map((a) => a.action);
    for (const a of [
      "partner.create",
      "partner.key.create",
      "partner.key.revoke",
      "partner.settlement.close",
    ])
      expect(actions).toContain(a);
  });

  it("roles: support reads no settlement, a program manager closes none, and bad input names its field", async () => {
    const support = await keyWithRole(app, key, "support");
    const manager = await keyWithRole(app, key, "program_manager");
    const finance = await keyWithRole(app, key, "finance");
    expect(
      (await call(app, "GET", "/v1/partners/settlement?from=2026-02&to=2026-02", { key: support })).status,
    ).toBe(403);
    expect(
      (await call(app, "GET", "/v1/partners/settlement?from=2026-02&to=2026-02", { key: finance })).status,
    ).toBe(200);
    expect(
      (await call(app, "POST", "/v1/partners", { key: finance, body: { id: "X", name: "X" } })).status,
    ).toBe(403);
    const closing = await call(app, "POST", "/v1/partners/settlement/close", {
      key: manager,
      body: { month: "2026-01" },
    });
    expect(closing.status).toBe(403);
    for (const [path, field] of [
      ["/v1/partners/settlement?from=2026-13&to=2026-02", "from"],
      ["/v1/partners/settlement?from=2026-03&to=2026-02", "to"],
      ["/v1/partners/settlement?from=2020-01&to=2026-02", "to"],
    ] as const) {
      const r = await call<ErrorAnswer>(app, "GET", path, { key });
      expect(r.status, path).toBe(422);
      expect(r.body.error.field, path).toBe(field);
    }
    const taken = await call<ErrorAnswer>(app, "POST", "/v1/partners", {
      key,
      body: { id: "FUEL", name: "Again" },
    });
    expect(taken.status).toBe(409);
    const bad = await call<ErrorAnswer>(app, "POST", "/v1/partners", {
      key,
      body: { id: "a b", name: "Spaces" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("id");
    const noLines = await partnerEvent(fuel, {
      type: "order",
      orderId: "F-9",
      date: "2026-03-01",
      companyId: "C1",
      lines: [],
    });
    expect(noLines.status).toBe(422);
    expect((noLines.body as unknown as ErrorAnswer).error.field).toBe("lines");
  });
});
