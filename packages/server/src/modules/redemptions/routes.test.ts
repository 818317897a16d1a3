// Redemption holds through the API with the volume-tiers program: held points cannot be spent twice, capture
// spends them once with the order, cancel and expiry give the lots back with their own dates.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import type { Wallet } from "../members/reads.ts";
import { expireHolds, type Hold } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
// Mechanic 1 (1% at Base, points pay up to 50% of an order), with points lasting 90 days.
const program = `${readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
)}\nexpiry: { policy: afterDays, days: 90 }\n`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;
const clock = new Date("2026-03-05T09:00:00Z");

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "other", TOKEN)).ownerKey;
  const published = await call(app, "POST", "/v1/programs", { key, body: { definition: program } });
  expect(published.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.drop();
});

/** An order of one line: `price` in roubles, earning 1% at Base. */
async function order(memberId: string, orderId: string, date: string, price: string, extra: object = {}) {
  const r = await call<{ result: { pointsRedeemed: number; pointsEarned: number; net: string } }>(
    app,
    "POST",
    "/v1/events",
    {
      key,
      body: {
        type: "order",
        orderId,
        date,
        companyId: memberId,
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
        ...extra,
      },
    },
  );
  return r;
}

const cart = (price: string) => ({ lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }] });

async function wallet(memberId: string): Promise<Wallet> {
  const r = await call<Wallet>(app, "GET", `/v1/members/${memberId}/wallet`, { key });
  expect(r.status).toBe(200);
  return r.body;
}

/** The ledger re-adds to every balance, and a wallet's lots add up to what it may spend. */
async function expectConsistent(memberId: string): Promise<void> {
  expect((await verify(t.db, "acme")).differences).toEqual([]);
  const lots = await t.db.query<{ points: string | null }>(
    "SELECT sum(remaining)::text AS points FROM lots WHERE tenant_id = 'acme' AND account_id = $1",
    [`wallet:${memberId}`],
  );
  expect(Number(lots.rows[0]?.points ?? 0)).toBe((await wallet(memberId)).available);
}

async function hold(body: object, k = key) {
  return call<Hold & ErrorAnswer>(app, "POST", "/v1/redemptions", { key: k, body });
}

describe("redemption holds", () => {
  it("holds points from the oldest lots; two holds cannot take more than the balance", async () => {
    // 18,500.00 on 1 March → 185 points until 29 May; 5,000.00 on 3 March → 50 points until 31 May.
    expect((await order("C1", "1001", "2026-03-01", "18500.00")).body.result.pointsEarned).toBe(185);
    expect((await order("C1", "1002", "2026-03-03", "5000.00")).body.result.pointsEarned).toBe(50);
    const first = await hold({ memberId: "C1", points: 200, cart: cart("10000.00") });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      memberId: "C1",
      points: 200,
      status: "held",
      expiresAt: "2026-03-05T09:30:00.000Z",
      lots: [
        { points: 185, grantedOn: "2026-03-01", expiresOn: "2026-05-29" },
        { points: 15, grantedOn: "2026-03-03", expiresOn: "2026-05-31" },
      ],
    });
    expect(await wallet("C1")).toEqual({
      memberId: "C1",
      available: 35,
      pending: 0,
      held: 200,
      debt: 0,
      expiring: [{ date: "2026-05-31", points: 35 }],
    });
    const second = await hold({ memberId: "C1", points: 36 });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: "insufficient_points", field: "points" });
    await expectConsistent("C1");
  });

  it("captures a hold with its order: the held points are spent once", async () => {
    const h = await hold({ memberId: "C1", points: 35 });
    expect(h.status).toBe(201);
    const [firstHold] = (
      await t.db.query<{ id: string }>(
        "SELECT id FROM holds WHERE tenant_id = 'acme' AND member_id = 'C1' AND points = 200",
      )
    ).rows;
    const id = firstHold?.id as string;
    // 10,000.00 with the 200 held points: net 9,800.00, earning 98.
    const captured = await order("C1", "1003", "2026-03-05", "10000.00", { holdId: id });
    expect(captured.status).toBe(201);
    expect(captured.body.result).toMatchObject({ pointsRedeemed: 200, net: "9800.00", pointsEarned: 98 });
    expect((await call<Hold>(app, "GET", `/v1/redemptions/${id}`, { key })).body).toMatchObject({
      status: "captured",
      orderId: "1003",
    });
    // The other hold (35) is still held; the order's 98 points are available.
    expect(await wallet("C1")).toMatchObject({ available: 98, held: 35 });
    // The same order again changes nothing; another order cannot capture the hold again.
    expect((await order("C1", "1003", "2026-03-05", "10000.00", { holdId: id })).status).toBe(200);
    const again = await order("C1", "1004", "2026-03-05", "10000.00", { holdId: id });
    expect(again.status).toBe(409);
    expect((again.body as unknown as ErrorAnswer).error).toMatchObject({ code: "conflict", field: "holdId" });
    expect(await wallet("C1")).toMatchObject({ available: 98, held: 35 });
    const cancelled = await call<Hold>(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, { key });
    expect(cancelled.body.status).toBe("cancelled");
    expect(await wallet("C1")).toMatchObject({ available: 133, held: 0 });
    await expectConsistent("C1");
  });

  it("captures through POST /redemptions/{id}/capture, with the order as its body", async () => {
    // C2: 20,000.00 → 200 points; hold 100 against a 1,000.00 cart (cap 500); the order spends them.
    expect((await order("C2", "2001", "2026-03-02", "20000.00")).body.result.pointsEarned).toBe(200);
    const h = await hold({ memberId: "C2", points: 100, cart: cart("1000.00") });
    expect(h.status).toBe(201);
    // Another member's order cannot capture it, and nothing of that order is taken in.
    const wrong = await order("C1", "2099", "2026-03-05", "1000.00", { holdId: h.body.id });
    expect(wrong.status).toBe(422);
    expect((wrong.body as unknown as ErrorAnswer).error).toMatchObject({ field: "holdId" });
    const r = await call<{ hold: Hold; order: { replayed: boolean; result: { pointsRedeemed: number } } }>(
      app,
      "POST",
      `/v1/redemptions/${h.body.id}/capture`,
      {
        key,
        body: {
          orderId: "2002",
          date: "2026-03-05",
          companyId: "C2",
          lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "1000.00" }],
        },
      },
    );
    expect(r.status).toBe(201);
    expect(r.body.hold).toMatchObject({ status: "captured", orderId: "2002" });
    // 1,000.00 − 100 points = 900.00 net → 9 points.
    expect(r.body.order).toMatchObject({ replayed: false, result: { pointsRedeemed: 100, pointsEarned: 9 } });
    expect(await wallet("C2")).toMatchObject({ available: 109, held: 0 });
    await expectConsistent("C2");
  });

  it("cancelling gives the lots back with their own grant and expiry days", async () => {
    // C3: 10,000.00 on 1 March (100 until 29 May), 3,000.00 on 4 March (30 until 1 June).
    await order("C3", "3001", "2026-03-01", "10000.00");
    await order("C3", "3002", "2026-03-04", "3000.00");
    const h = await hold({ memberId: "C3", points: 130 });
    expect(h.status).toBe(201);
    expect(await wallet("C3")).toMatchObject({ available: 0, held: 130, expiring: [] });
    const cancelled = await call<Hold>(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, {
      key,
      headers: { "x-audit-comment": "customer left the checkout" },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", settledAt: "2026-03-05T09:00:00.000Z" });
    expect(await wallet("C3")).toEqual({
      memberId: "C3",
      available: 130,
      pending: 0,
      held: 0,
      debt: 0,
      expiring: [
        { date: "2026-05-29", points: 100 },
        { date: "2026-06-01", points: 30 },
      ],
    });
    const lots = await t.db.query<{ granted_on: string; expires_on: string; remaining: string }>(
      `SELECT granted_on::text, expires_on::text, remaining::text FROM lots
       WHERE tenant_id = 'acme' AND account_id = 'wallet:C3' AND remaining > 0 ORDER BY granted_on`,
    );
    expect(lots.rows).toEqual([
      { granted_on: "2026-03-01", expires_on: "2026-05-29", remaining: "100" },
      { granted_on: "2026-03-04", expires_on: "2026-06-01", remaining: "30" },
    ]);
    const again = await call<ErrorAnswer>(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, { key });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", field: "id" });
    const audit = await t.db.query<{ action: string; comment: string }>(
      "SELECT action, comment FROM audit_log WHERE tenant_id = 'acme' AND target = $1",
      [h.body.id],
    );
    expect(audit.rows).toEqual([{ action: "hold.cancel", comment: "customer left the checkout" }]);
    await expectConsistent("C3");
  });

  it("expireHolds releases holds past their time, and only those", async () => {
    const short = await hold({ memberId: "C3", points: 40, expiresInMinutes: 10 });
    const long = await hold({ memberId: "C3", points: 50, expiresInMinutes: 60 });
    expect([short.status, long.status]).toEqual([201, 201]);
    expect(await wallet("C3")).toMatchObject({ available: 40, held: 90 });
    expect(await expireHolds(t.db, "acme", new Date("2026-03-05T09:09:59Z"))).toEqual({
      holds: 0,
      points: 0,
    });
    expect(await expireHolds(t.db, "acme", new Date("2026-03-05T09:10:00Z"))).toEqual({
      holds: 1,
      points: 40,
    });
    expect(await wallet("C3")).toMatchObject({
      available: 80,
      held: 50,
      expiring: [
        { date: "2026-05-29", points: 50 },
        { date: "2026-06-01", points: 30 },
      ],
    });
    expect((await call<Hold>(app, "GET", `/v1/redemptions/${short.body.id}`, { key })).body).toMatchObject({
      status: "expired",
      settledAt: "2026-03-05T09:10:00.000Z",
    });
    const late = await call<ErrorAnswer>(app, "POST", `/v1/redemptions/${short.body.id}/cancel`, { key });
    expect(late.status).toBe(409);
    expect(await expireHolds(t.db, "acme", new Date("2026-03-05T12:00:00Z"))).toEqual({
      holds: 1,
      points: 50,
    });
    expect(await wallet("C3")).toMatchObject({ available: 130, held: 0 });
    await expectConsistent("C3");
  });

  it("expireHolds goes through any number of holds in batches, several members at once", async () => {
    const made: number[] = [];
    for (const [memberId, points] of [
      ["C3", 10],
      ["C3", 20],
      ["C2", 30],
      ["C3", 40],
      ["C2", 50],
    ] as const) {
      made.push((await hold({ memberId, points, expiresInMinutes: 5 })).status);
    }
    expect(made).toEqual([201, 201, 201, 201, 201]);
    expect(await wallet("C2")).toMatchObject({ available: 29, held: 80 });
    expect(await expireHolds(t.db, "acme", new Date("2026-03-05T09:05:00Z"), 2)).toEqual({
      holds: 5,
      points: 150,
    });
    expect(await wallet("C2")).toMatchObject({ available: 109, held: 0 });
    expect(await wallet("C3")).toMatchObject({ available: 130, held: 0 });
    await expectConsistent("C2");
    await expectConsistent("C3");
  });

  it("holds no more than the engine lets the cart spend", async () => {
    // A 200.00 cart may spend at most 100 points (50%), though C3 has 130.
    const capped = await hold({ memberId: "C3", points: 101, cart: cart("200.00") });
    expect(capped.status).toBe(422);
    expect(capped.body.error).toMatchObject({ code: "validation_failed", field: "points" });
    expect(capped.body.error.message).toContain("at most 100 points");
    const ok = await hold({ memberId: "C3", points: 100, cart: cart("200.00") });
    expect(ok.status).toBe(201);
    await call(app, "POST", `/v1/redemptions/${ok.body.id}/cancel`, { key });
    const tooMany = await hold({ memberId: "C3", points: 131, cart: cart("1000.00") });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: "insufficient_points", field: "points" });
    const unknown = await hold({ memberId: "NOBODY", points: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("memberId");
    const long = await hold({ memberId: "C3", points: 1, expiresInMinutes: 100_000 });
    expect(long.status).toBe(422);
    expect(long.body.error.field).toBe("expiresInMinutes");
    expect(await wallet("C3")).toMatchObject({ available: 130, held: 0 });
    await expectConsistent("C3");
  });

  it("keeps roles and tenants apart", async () => {
    const finance = await keyWithRole(app, key, "finance");
    const support = await keyWithRole(app, key, "support");
    expect((await hold({ memberId: "C3", points: 1 }, finance)).status).toBe(403);
    expect((await call(app, "GET", "/v1/members/C3/wallet", { key: finance })).status).toBe(200);
    const h = await hold({ memberId: "C3", points: 1 }, support);
    expect(h.status).toBe(201);
    expect((await call(app, "GET", `/v1/redemptions/${h.body.id}`, { key: otherKey })).status).toBe(404);
    expect((await call(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, { key: otherKey })).status).toBe(
      404,
    );
    expect((await hold({ memberId: "C3", points: 1 }, otherKey)).status).toBe(409);
    expect((await call(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, { key: support })).status).toBe(
      200,
    );
    expect(await wallet("C3")).toMatchObject({ available: 130, held: 0 });
  });

  it("lists a member's holds newest first, by status, in pages, within the caller's reach", async () => {
    const h = await hold({ memberId: "C3", points: 5 });
    expect(h.status).toBe(201);
    type Page = { data: Hold[]; nextCursor: string | null } & ErrorAnswer;
    const list = (query: Record<string, string>, k = key) =>
      call<Page>(app, "GET", `/v1/redemptions?${new URLSearchParams(query)}`, { key: k });

    const held = await list({ memberId: "C3", status: "held" });
    expect(held.status).toBe(200);
    expect(held.body.data.map((x) => [x.id, x.points, x.status])).toEqual([[h.body.id, 5, "held"]]);
    const stored = await t.db.query<{ id: string }>(
      "SELECT id FROM holds WHERE tenant_id = 'acme' AND member_id = 'C3' ORDER BY id DESC",
    );
    const ids = stored.rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(2);
    const all = (await list({ memberId: "C3", limit: "200" })).body.data;
    expect(all.map((x) => x.id)).toEqual(ids);
    expect(all.every((x) => x.memberId === "C3")).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({
        memberId: "C3",
        limit: "2",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(ids);

    const other = await list({ memberId: "C3" }, otherKey);
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual([]);
    const rep = await keyWithRole(app, key, "sales_manager");
    expect((await list({ memberId: "C3" }, rep)).status).toBe(404);
    const finance = await keyWithRole(app, key, "finance");
    expect((await list({ memberId: "C3", limit: "200" }, finance)).body.data).toHaveLength(ids.length);
    const bad = await list({ memberId: "C3", status: "gone" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("status");
    const none = await list({});
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe("memberId");

    expect((await call(app, "POST", `/v1/redemptions/${h.body.id}/cancel`, { key })).status).toBe(200);
  });

  it("honours an Idempotency-Key: a retried hold holds once", async () => {
    const body = { memberId: "C3", points: 30 };
    const headers = { "idempotency-key": "hold-c3-1" };
    const a = await call<Hold>(app, "POST", "/v1/redemptions", { key, body, headers });
    const b = await call<Hold>(app, "POST", "/v1/redemptions", { key, body, headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(await wallet("C3")).toMatchObject({ available: 100, held: 30 });
    await call(app, "POST", `/v1/redemptions/${a.body.id}/cancel`, { key });
    await expectConsistent("C3");
  });

  it("50 concurrent holds against a balance for exactly 10: 10 succeed, 40 are refused, nothing is left", async () => {
    // 10,000.00 → 100 points; each hold asks 10.
    expect((await order("C50", "5001", "2026-03-04", "10000.00")).body.result.pointsEarned).toBe(100);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => hold({ memberId: "C50", points: 10, cart: cart("1000.00") })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const a of answers) if (a.status === 409) expect(a.body.error.code).toBe("insufficient_points");
    expect(await wallet("C50")).toMatchObject({ available: 0, held: 100, debt: 0 });
    await expectConsistent("C50");
  });

  it("a draft's simulation replays the points orders spent through their holds, as the ledger has them", async () => {
    const spent = await t.db.query<{ n: string }>(
      "SELECT COALESCE(sum(points_redeemed), 0)::text AS n FROM orders WHERE tenant_id = 'acme'",
    );
    const held = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM holds WHERE tenant_id = 'acme' AND status = 'captured'",
    );
    expect(Number(held.rows[0]?.n)).toBeGreaterThan(0);
    const d = await call<{ id: string }>(app, "POST", "/v1/programs/drafts", {
      key,
      body: { definition: program },
    });
    expect(d.status).toBe(201);
    const sim = await call<{
      draft: { totals: { redeemed: number } };
      published: { totals: { redeemed: number } };
    }>(app, "POST", `/v1/programs/drafts/${d.body.id}/simulate`, { key, body: {} });
    expect(sim.status).toBe(200);
    expect(sim.body.published.totals.redeemed).toBe(Number(spent.rows[0]?.n));
    expect(sim.body.draft.totals.redeemed).toBe(Number(spent.rows[0]?.n));
  });
});
