// Individual discounts over HTTP: a sales manager grants within the limit of their role, waits for another
// person's approval above it, never grants to another manager's client; the engine applies active grants while
// valid; their cost is reported by manager.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { type Staff, staffWithKey } from "../companies/testing.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
);

interface Grant {
  id: string;
  companyId: string;
  status: string;
  ownerId: string;
  discountRate: string;
  validTo: string;
}
interface Quote {
  discount: string;
  pointsEarned: number;
  effects: { code: string }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner = "";
let finance = "";
let anna: Staff;
let boris: Staff;

const post = <T>(key: string, path: string, body: unknown, headers?: Record<string, string>) =>
  call<T & ErrorAnswer>(app, "POST", path, { key, body, ...(headers ? { headers } : {}) });
const quote = (companyId: string, date = "2026-05-01") =>
  post<Quote>(owner, "/v1/quote", {
    date,
    companyId,
    lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "10000.00" }],
  });

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => new Date("2026-03-10T09:00:00Z"),
    webDir: null,
  });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  finance = await keyWithRole(app, owner, "finance");
  anna = await staffWithKey(app, owner, "anna@acme.example");
  boris = await staffWithKey(app, owner, "boris@acme.example");
  expect((await post(owner, "/v1/programs", { definition: program })).status).toBe(201);
  for (const [id, rep] of [
    ["C1", anna.userId],
    ["C2", anna.userId],
    ["C3", boris.userId],
  ] as const) {
    expect((await post(owner, "/v1/companies", { id, name: `Company ${id}`, salesRepId: rep })).status).toBe(
      201,
    );
  }
}, 120_000);
afterAll(() => t.drop());

describe("individual discounts", () => {
  it("within the role's limit a grant is active at once and the engine applies it while valid", async () => {
    const g = await post<Grant>(
      anna.key,
      "/v1/discount-grants",
      { companyId: "C1", discountRate: "4%", reason: "three-year contract", validTo: "2026-06-30" },
      { "idempotency-key": "g-1" },
    );
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({
      status: "active",
      ownerId: anna.userId,
      ownerName: "anna",
      discountRate: "4%",
    });
    const replay = await post<Grant>(
      anna.key,
      "/v1/discount-grants",
      { companyId: "C1", discountRate: "4%", reason: "three-year contract", validTo: "2026-06-30" },
      { "idempotency-key": "g-1" },
    );
    expect(replay.body.id).toBe(g.body.id);
    const during = await quote("C1");
    expect(during.body.discount).toBe("400.00");
    expect(during.body.effects.map((e) => e.code)).toContain("term.individual");
    expect((await quote("C1", "2026-07-01")).body.discount).toBe("0.00");
    // An order while valid records the cost against Anna.
    const order = await post(owner, "/v1/events", {
      type: "order",
      orderId: "O1",
      date: "2026-03-10",
      companyId: "C1",
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "10000.00" }],
    });
    expect(order.status).toBe(201);
    const cost = await call<{ managers: { ownerId: string; discountGiven: string; orders: number }[] }>(
      app,
      "GET",
      "/v1/reports/discount-cost?from=2026-01-01&to=2026-12-31",
      { key: owner },
    );
    expect(cost.status).toBe(200);
    expect(cost.body.managers).toContainEqual(
      expect.objectContaining({ ownerId: anna.userId, discountGiven: "400.00", orders: 1 }),
    );
  });

  it("above the limit a sales manager's grant waits; she cannot approve it, finance can", async () => {
    const g = await post<Grant>(anna.key, "/v1/discount-grants", {
      companyId: "C2",
      discountRate: "8%",
      reason: "strategic account",
      validTo: "2026-12-31",
    });
    expect(g.body.status).toBe("pending_approval");
    expect((await quote("C2")).body.discount).toBe("0.00");
    const own = await post(anna.key, `/v1/discount-grants/${g.body.id}/approve`, {});
    expect(own.status).toBe(403);
    const ok = await post<Grant>(finance, `/v1/discount-grants/${g.body.id}/approve`, {
      comment: "board decision",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("active");
    expect((await quote("C2")).body.discount).toBe("800.00");
    expect((await post(finance, `/v1/discount-grants/${g.body.id}/approve`, {})).status).toBe(409);
    const revoked = await post<Grant>(anna.key, `/v1/discount-grants/${g.body.id}/revoke`, {});
    expect(revoked.body.status).toBe("revoked");
    expect((await quote("C2")).body.discount).toBe("0.00");
  });

  it("the limits are a tenant setting per role", async () => {
    const put = await call<{ data: { role: string; maxDiscountRate: string }[] }>(
      app,
      "PUT",
      "/v1/discount-limits",
      {
        key: finance,
        body: { limits: [{ role: "sales_manager", maxDiscountRate: "10%", maxEarnRate: "1%" }] },
      },
    );
    expect(put.status).toBe(200);
    expect(put.body.data).toContainEqual({
      role: "sales_manager",
      maxDiscountRate: "10%",
      maxEarnRate: "1%",
    });
    const g = await post<Grant>(anna.key, "/v1/discount-grants", {
      companyId: "C2",
      discountRate: "8%",
      reason: "after the new limit",
      validTo: "2026-12-31",
    });
    expect(g.body.status).toBe("active");
    expect(
      (await call(app, "PUT", "/v1/discount-limits", { key: anna.key, body: { limits: [] } })).status,
    ).toBe(403);
  });

  it("a sales manager cannot grant to another manager's client; bad input names the field", async () => {
    const foreign = await post(anna.key, "/v1/discount-grants", {
      companyId: "C3",
      discountRate: "1%",
      reason: "x",
      validTo: "2026-12-31",
    });
    expect(foreign.status).toBe(404);
    const list = await call<{ data: Grant[] }>(app, "GET", "/v1/discount-grants", { key: boris.key });
    expect(list.body.data).toEqual([]);
    for (const [body, field] of [
      [{ companyId: "C1", discountRate: "101%", reason: "x", validTo: "2026-12-31" }, "discountRate"],
      [{ companyId: "C1", discountRate: "1%", reason: "", validTo: "2026-12-31" }, "reason"],
      [{ companyId: "C1", discountRate: "1%", reason: "x", validTo: "2026-02-30" }, "validTo"],
      [{ companyId: "C1", discountRate: "1%", reason: "x", validTo: "2026-01-01" }, "validTo"],
      [{ companyId: "C1", reason: "x", validTo: "2026-12-31" }, "discountRate"],
    ] as const) {
      const r = await post(anna.key, "/v1/discount-grants", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.field).toBe(field);
    }
    const support = await keyWithRole(app, owner, "support");
    expect(
      (
        await post(support, "/v1/discount-grants", {
          companyId: "C1",
          discountRate: "1%",
          reason: "x",
          validTo: "2026-12-31",
        })
      ).status,
    ).toBe(403);
  });

  it("a buyer in the portal cannot approve a grant", async () => {
    const g = await post<Grant>(anna.key, "/v1/discount-grants", {
      companyId: "C1",
      discountRate: "30%",
      reason: "too much",
      validTo: "2026-12-31",
    });
    expect(g.body.status).toBe("pending_approval");
    const c = await post<{ id: string }>(owner, "/v1/companies/C1/contacts", {
      name: "Buyer",
      email: "buyer@c1.example",
      role: "buyer",
    });
    const inv = await post<{ link: string }>(owner, `/v1/contacts/${c.body.id}/invite`, undefined);
    const token = /token=([^&]+)/.exec(inv.body.link)?.[1] as string;
    const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
      body: { tenant: "acme", token, password: "a portal password" },
      headers: CSRF,
    });
    const cookie = `patron_session=${/patron_session=([^;]*)/.exec(accepted.headers.get("set-cookie") ?? "")?.[1]}`;
    const r = await call<ErrorAnswer>(app, "POST", `/v1/discount-grants/${g.body.id}/approve`, {
      body: {},
      headers: { cookie, ...CSRF },
    });
    expect(r.status).toBe(401);
    const still = await call<{ data: Grant[] }>(app, "GET", "/v1/discount-grants?status=pending_approval", {
      key: owner,
    });
    expect(still.body.data.map((x) => x.id)).toContain(g.body.id);
  });
});
