// The reward catalog and reward orders over HTTP with the rewards program (example 15): a buyer orders in the
// portal, the points are held at once; the company's admin and the program owner approve; shipping captures
// the points; rejection and cancellation give points and stock back; who may do what; stock under a race.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import type { Wallet } from "../members/reads.ts";
import type { Reward, RewardOrder } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
// Near the real time, as portal sessions are.
const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
const today = clock.toISOString().slice(0, 10);
const cookies: Record<string, string> = {};
const contactIds: Record<string, string> = {};

async function signIn(name: string, company: string, role: "company_admin" | "buyer") {
  const contact = await call<{ id: string }>(app, "POST", `/v1/companies/${company}/contacts`, {
    key,
    body: { name, email: `${name}@${company.toLowerCase()}.example`, role },
  });
  expect(contact.status).toBe(201);
  contactIds[name] = contact.body.id;
  const invited = await call<{ link: string }>(app, "POST", `/v1/contacts/${contact.body.id}/invite`, {
    key,
    body: {},
  });
  const token = decodeURIComponent(/token=([^&]+)/.exec(invited.body.link)?.[1] ?? "");
  const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant: "acme", token, password: "a long enough password" },
    headers: CSRF,
  });
  expect(accepted.status).toBe(201);
  cookies[name] = /patron_session=[^;]*/.exec(accepted.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

async function earn(company: string, orderId: string, price: string) {
  const r = await call(app, "POST", "/v1/events", {
    key,
    body: {
      type: "order",
      orderId,
      date: today,
      companyId: company,
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
    },
  });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  for (const id of ["C1", "C2", "C3"]) {
    expect(
      (await call(app, "POST", "/v1/companies", { key, body: { id, name: `Company ${id}` } })).status,
    ).toBe(201);
  }
  await earn("C1", "o1", "1000000.00"); // 1% → 10,000 points
  await earn("C2", "o2", "200000.00"); // 2,000 points
  await earn("C3", "o3", "200000.00");
  await signIn("ana", "C1", "company_admin");
  await signIn("bob", "C1", "buyer");
  await signIn("cat", "C2", "buyer");
  await signIn("dan", "C3", "buyer");
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const portal = <T>(who: string, method: string, path: string, body?: unknown) =>
  call<T>(app, method, path, {
    headers: { cookie: cookies[who] as string, ...CSRF },
    ...(body === undefined ? {} : { body }),
  });
const staff = <T>(method: string, path: string, body?: unknown, k = key) =>
  call<T>(app, method, path, { key: k, ...(body === undefined ? {} : { body }) });
const wallet = async (company: string) => (await staff<Wallet>("GET", `/v1/members/${company}/wallet`)).body;
const reward = async (body: object) => {
  const r = await staff<Reward>("POST", "/v1/rewards", body);
  expect(r.status).toBe(201);
  return r.body;
};
const move = (who: string, id: string, status: string, note?: string) =>
  portal<RewardOrder>(who, "POST", `/v1/portal/reward-orders/${id}/status`, {
    status,
    ...(note ? { note } : {}),
  });
const staffMove = (id: string, status: string, k = key) =>
  staff<RewardOrder>("POST", `/v1/reward-orders/${id}/status`, { status, note: `${status} by staff` }, k);

describe("a reward order", () => {
  it("goes requested → company admin → program owner → shipped → delivered, its points held then captured", async () => {
    const bank = await reward({
      name: "Power bank",
      kind: "goods",
      pricePoints: 1500,
      stock: 3,
      imageUrl: "https://cdn.example/power-bank.png",
      ownerApproval: true,
    });
    const catalog = await portal<{ data: Reward[] }>("bob", "GET", "/v1/portal/rewards");
    expect(catalog.body.data.map((r) => r.id)).toContain(bank.id);

    const ordered = await portal<RewardOrder>("bob", "POST", "/v1/portal/reward-orders", {
      rewardId: bank.id,
      quantity: 2,
      note: "for the warehouse team",
    });
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ status: "requested", points: 3000, quantity: 2 });
    expect(await wallet("C1")).toMatchObject({ available: 7000, held: 3000 });
    expect((await staff<Reward>("GET", `/v1/rewards/${bank.id}`)).body.stock).toBe(1);
    const id = ordered.body.id;

    const buyerApproves = await move("bob", id, "approved");
    expect(buyerApproves.status).toBe(403);
    expect((await staffMove(id, "shipped")).status).toBe(409); // not approved yet
    expect((await move("ana", id, "approved")).body.status).toBe("awaiting_owner");
    expect((await staffMove(id, "approved")).body.status).toBe("approved");
    const shipped = await staffMove(id, "shipped");
    expect(shipped.body.status).toBe("shipped");
    expect(await wallet("C1")).toMatchObject({ available: 7000, held: 0 });
    const delivered = await staffMove(id, "delivered");
    expect(delivered.body.history.map((h) => h.status)).toEqual([
      "requested",
      "awaiting_owner",
      "approved",
      "shipped",
      "delivered",
    ]);
    expect((await staffMove(id, "rejected")).status).toBe(409); // delivered is final
    const hold = await staff<{ status: string; orderId: string }>(
      "GET",
      `/v1/redemptions/${ordered.body.holdId}`,
    );
    expect(hold.body).toMatchObject({ status: "captured", orderId: id });
    const audit = await staff<{ data: { action: string; target: string }[] }>("GET", "/v1/audit-log");
    expect(audit.body.data.filter((a) => a.target === id).map((a) => a.action)).toEqual(
      expect.arrayContaining(["rewardOrder.approved", "rewardOrder.shipped", "rewardOrder.delivered"]),
    );
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("rejected by the company's admin or cancelled by the buyer gives the points and the stock back", async () => {
    const training = await reward({
      name: "Product training",
      kind: "training",
      pricePoints: 1000,
      stock: 5,
    });
    const before = await wallet("C1");
    const a = await portal<RewardOrder>("bob", "POST", "/v1/portal/reward-orders", { rewardId: training.id });
    const b = await portal<RewardOrder>("bob", "POST", "/v1/portal/reward-orders", { rewardId: training.id });
    expect(await wallet("C1")).toMatchObject({ available: before.available - 2000, held: 2000 });
    expect((await move("ana", a.body.id, "rejected", "not this quarter")).body.status).toBe("rejected");
    expect((await move("bob", b.body.id, "cancelled")).body.status).toBe("cancelled");
    expect((await move("bob", b.body.id, "cancelled")).status).toBe(409);
    expect(await wallet("C1")).toMatchObject({ available: before.available, held: 0 });
    expect((await staff<Reward>("GET", `/v1/rewards/${training.id}`)).body.stock).toBe(5);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("a company admin's own order skips the company's approval; without owner approval it is approved at once", async () => {
    const warranty = await reward({ name: "Extended warranty", kind: "extended_warranty", pricePoints: 500 });
    const r = await portal<RewardOrder>("ana", "POST", "/v1/portal/reward-orders", { rewardId: warranty.id });
    expect(r.body.status).toBe("approved");
    const q = await staff<{ data: RewardOrder[] }>("GET", "/v1/reward-orders", undefined);
    expect(q.body.data.map((o) => o.id)).toContain(r.body.id);
    const approvedOnly = await call<{ data: RewardOrder[] }>(
      app,
      "GET",
      "/v1/reward-orders?status=approved",
      { key },
    );
    expect(approvedOnly.body.data.every((o) => o.status === "approved")).toBe(true);
  });
});

describe("refusals", () => {
  it("too few points or too little stock is 409, and nothing is held", async () => {
    const pricey = await reward({ name: "Priority access", kind: "priority_access", pricePoints: 50_000 });
    const poor = await portal<ErrorAnswer>("cat", "POST", "/v1/portal/reward-orders", {
      rewardId: pricey.id,
    });
    expect(poor.status).toBe(409);
    expect(poor.body.error.code).toBe("insufficient_points");
    const none = await reward({ name: "Sold out", kind: "goods", pricePoints: 10, stock: 0 });
    const out = await portal<ErrorAnswer>("cat", "POST", "/v1/portal/reward-orders", { rewardId: none.id });
    expect(out.status).toBe(409);
    expect(out.body.error.field).toBe("quantity");
    expect(await wallet("C2")).toMatchObject({ available: 2000, held: 0 });
  });

  it("bad input names the field", async () => {
    const r = await portal<ErrorAnswer>("cat", "POST", "/v1/portal/reward-orders", {
      rewardId: "x",
      quantity: 0,
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("quantity");
    const unknown = await portal<ErrorAnswer>("cat", "POST", "/v1/portal/reward-orders", {
      rewardId: "nope",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("rewardId");
    const bad = await staff<ErrorAnswer>("POST", "/v1/rewards", { name: "X", kind: "car", pricePoints: 1 });
    expect(bad.body.error.field).toBe("kind");
    const img = await staff<ErrorAnswer>("POST", "/v1/rewards", {
      name: "X",
      kind: "goods",
      pricePoints: 1,
      imageUrl: "javascript:alert(1)",
    });
    expect(img.body.error.field).toBe("imageUrl");
  });

  it("rewards for a tier or a role are hidden from and refused to the others", async () => {
    // The levels come with the program's next version, drafted: rewards may be set up for it before it is out.
    const next = `${program}\ntiers:\n  metric: netPurchases\n  window: { rollingDays: 365 }\n  evaluation: daily\n  levels:\n    - { id: base, name: Base, from: 0 }\n    - { id: gold, name: Gold, from: 1000000 }\n`;
    expect((await staff("POST", "/v1/programs/drafts", { definition: next })).status).toBe(201);
    const gold = await reward({ name: "Gold lounge", kind: "service", pricePoints: 10, tiers: ["gold"] });
    const admins = await reward({
      name: "Admin seminar",
      kind: "training",
      pricePoints: 10,
      roles: ["company_admin"],
    });
    const seen = (await portal<{ data: Reward[] }>("bob", "GET", "/v1/portal/rewards")).body.data.map(
      (r) => r.id,
    );
    expect(seen).not.toContain(gold.id);
    expect(seen).not.toContain(admins.id);
    expect((await portal("bob", "POST", "/v1/portal/reward-orders", { rewardId: gold.id })).status).toBe(404);
    expect((await portal("bob", "POST", "/v1/portal/reward-orders", { rewardId: admins.id })).status).toBe(
      404,
    );
    const adminSees = (await portal<{ data: Reward[] }>("ana", "GET", "/v1/portal/rewards")).body.data;
    expect(adminSees.map((r) => r.id)).toContain(admins.id);

    // A level no version of the program has would hide the reward from every company.
    const count = async () => (await staff<{ data: Reward[] }>("GET", "/v1/rewards")).body.data.length;
    const before = await count();
    const misspelt = await staff<ErrorAnswer>("POST", "/v1/rewards", {
      name: "Lounge",
      kind: "service",
      pricePoints: 10,
      tiers: ["gold", "Platinum"],
    });
    expect(misspelt.status).toBe(422);
    expect(misspelt.body.error.field).toBe("tiers");
    expect(misspelt.body.error.message).toBe('the program has no level "Platinum"');
    const line = await staff<ErrorAnswer>("POST", "/v1/rewards/import", {
      csv: "name,kind,price_points,tiers\nMug,goods,5,\nLounge,service,10,gold|golld\n",
    });
    expect(line.status).toBe(422);
    expect(line.body.error.message).toBe('line 3, tiers: the program has no level "golld"');
    expect(await count()).toBe(before);
    const changed = await staff<ErrorAnswer>("PATCH", `/v1/rewards/${gold.id}`, { tiers: ["bronze"] });
    expect(changed.status).toBe(422);
    expect(changed.body.error.field).toBe("tiers");
    expect((await staff<Reward>("PATCH", `/v1/rewards/${gold.id}`, { tiers: ["base", "gold"] })).status).toBe(
      200,
    );
  });

  it("another company's contact sees none of the orders and cannot move them; a buyer sees only their own", async () => {
    const mine = await portal<{ data: RewardOrder[] }>("bob", "GET", "/v1/portal/reward-orders");
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((o) => o.contactId === contactIds.bob)).toBe(true);
    const all = await portal<{ data: RewardOrder[] }>("ana", "GET", "/v1/portal/reward-orders");
    expect(all.body.data.some((o) => o.contactId === contactIds.ana)).toBe(true);
    const other = await portal<{ data: RewardOrder[] }>("cat", "GET", "/v1/portal/reward-orders");
    expect(other.body.data).toEqual([]);
    const target = mine.body.data[0] as RewardOrder;
    expect((await move("cat", target.id, "cancelled")).status).toBe(404);
    // A portal cookie reaches no staff route, and a staff key no portal route.
    expect((await portal("ana", "GET", "/v1/reward-orders")).status).toBeGreaterThanOrEqual(401);
    expect((await staff("GET", "/v1/portal/reward-orders")).status).toBe(401);
  });

  it("support may run the queue but not edit the catalog; a sales manager may not move orders", async () => {
    const support = await keyWithRole(app, key, "support");
    expect(
      (await staff("POST", "/v1/rewards", { name: "X", kind: "goods", pricePoints: 1 }, support)).status,
    ).toBe(403);
    const sales = await keyWithRole(app, key, "sales_manager");
    const list = await staff<{ data: RewardOrder[] }>("GET", "/v1/reward-orders");
    const id = (list.body.data[0] as RewardOrder).id;
    expect((await staffMove(id, "rejected", sales)).status).toBe(403);
  });
});

describe("stock under concurrency", () => {
  it("two companies racing for the last unit: one gets it, the other 409, the stock never below zero", async () => {
    const last = await reward({
      name: "Last one",
      kind: "goods",
      pricePoints: 100,
      stock: 1,
      companyApproval: false,
    });
    const [a, b] = await Promise.all([
      portal<RewardOrder>("cat", "POST", "/v1/portal/reward-orders", { rewardId: last.id }),
      portal<RewardOrder>("dan", "POST", "/v1/portal/reward-orders", { rewardId: last.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await staff<Reward>("GET", `/v1/rewards/${last.id}`)).body.stock).toBe(0);
    const held = (await wallet("C2")).held + (await wallet("C3")).held;
    expect(held).toBe(100);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});
