// The widget's server side: a token minted with an API key shows one company's points, tier progress and what
// a cart earns, from any origin; it opens nothing else, expires, and another tenant's key cannot mint one.
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

interface Minted {
  token: string | null;
  memberId: string;
  expiresAt: string;
}
interface Summary {
  memberId: string;
  available: number;
  tier: { id: string; name: string } | null;
  next: { name: string; remaining: string } | null;
  progress: number;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let other: string;
let clock = new Date("2026-03-10T09:00:00Z");

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  other = (await bootstrap(app, "other", TOKEN)).ownerKey;
  expect(
    (await call(app, "POST", "/v1/programs", { key: owner, body: { definition: program } })).status,
  ).toBe(201);
  const order = await call(app, "POST", "/v1/events", {
    key: owner,
    body: {
      type: "order",
      orderId: "W1",
      date: "2026-03-01",
      companyId: "C1",
      lines: [{ sku: "A", quantity: 2, unitPrice: "9250.00" }],
    },
  });
  expect(order.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const mint = (key: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  call<Minted & ErrorAnswer>(app, "POST", "/v1/widget/tokens", {
    key,
    body,
    ...(headers ? { headers } : {}),
  });

describe("widget tokens", () => {
  it("show the company's balance, tier progress and what a cart earns, from any origin", async () => {
    const m = await mint(owner, { memberId: "C1" });
    expect(m.status).toBe(201);
    expect(m.body.token).toMatch(/^pwt_acme_/);
    const auth = { authorization: `Bearer ${m.body.token}`, origin: "https://shop.example" };
    const s = await call<Summary>(app, "GET", "/v1/widget/summary", { headers: auth });
    expect(s.status).toBe(200);
    expect(s.headers.get("access-control-allow-origin")).toBe("*");
    expect(s.body).toMatchObject({
      memberId: "C1",
      available: 185,
      tier: { id: "base" },
      next: { name: "Silver" },
    });
    expect(s.body.next?.remaining).toBe("281500.00");
    expect(s.body.progress).toBeCloseTo(18_500 / 300_000, 6);
    const q = await call<{ pointsEarned: number }>(app, "POST", "/v1/widget/quote", {
      headers: auth,
      body: { lines: [{ sku: "A", quantity: 1, unitPrice: "1000.00" }] },
    });
    expect(q.status).toBe(200);
    expect(q.body.pointsEarned).toBe(10);
    const preflight = await app.request("/v1/widget/quote", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("open nothing else, and stop working when they expire", async () => {
    const m = await mint(owner, { memberId: "C1", expiresInMinutes: 1 });
    const token = m.body.token as string;
    expect((await call(app, "GET", "/v1/members/C1/wallet", { key: token })).status).toBe(401);
    expect((await call(app, "GET", "/v1/widget/summary", { key: owner })).status).toBe(401);
    // The console's routes do not answer other origins.
    const wallet = await call(app, "GET", "/v1/members/C1/wallet", {
      key: owner,
      headers: { origin: "https://x.example" },
    });
    expect(wallet.headers.get("access-control-allow-origin")).toBeNull();
    clock = new Date(clock.getTime() + 2 * 60_000);
    try {
      expect((await call(app, "GET", "/v1/widget/summary", { key: token })).status).toBe(401);
    } finally {
      clock = new Date("2026-03-10T09:00:00Z");
    }
  });

  it("are minted only for the key's own tenant's members, by roles that send orders, and shown once", async () => {
    expect((await mint(other, { memberId: "C1" })).status).toBe(404);
    const finance = await keyWithRole(app, owner, "finance");
    expect((await mint(finance, { memberId: "C1" })).status).toBe(403);
    const bad = await mint(owner, { memberId: "C1", expiresInMinutes: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("expiresInMinutes");
    const first = await mint(owner, { memberId: "C1" }, { "idempotency-key": "w-1" });
    const again = await mint(owner, { memberId: "C1" }, { "idempotency-key": "w-1" });
    expect(first.body.token).toMatch(/^pwt_/);
    expect(again.body.token).toBeNull();
    const r = await t.db.query<{ token_hash: string }>("SELECT token_hash FROM widget_tokens");
    expect(JSON.stringify(r.rows)).not.toContain((first.body.token as string).slice(-43));
  });

  it("serves the script to any page", async () => {
    const r = await app.request("/widget.js");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("javascript");
    expect(await r.text()).toContain("PatronWidget");
  });
});
