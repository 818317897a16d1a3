// A member's wallet, ledger history and tier through the API, with the volume-tiers (rolling year) and
// status-levels (previous quarter) programs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Day, formatDay, localDay, parseDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { runDailyJobs } from "../../jobs/daily.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Hold } from "../redemptions/service.ts";
import type { LedgerPage, TierStatus, Wallet } from "./reads.ts";

const TOKEN = "bootstrap-token-for-tests";
const example = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../examples/programs/${name}.yaml`, import.meta.url)),
    "utf8",
  );

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let quarterKey: string;
let pendingKey: string;

/** Points wait out a 14-day return window, then last 30 days; 2% of the net. */
const PENDING_PROGRAM = `
id: pending
name: Available after the return window
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
earning: { baseRate: "2%" }
pending: { untilPaid: false, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-06T09:00:00Z") });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  quarterKey = (await bootstrap(app, "quarter", TOKEN)).ownerKey;
  pendingKey = (await bootstrap(app, "pending", TOKEN)).ownerKey;
  const volume = `${example("01-volume-tiers")}\nexpiry: { policy: afterDays, days: 90 }\n`;
  for (const [k, definition] of [
    [key, volume],
    [quarterKey, example("02-status-levels")],
    [pendingKey, PENDING_PROGRAM],
  ] as const) {
    expect((await call(app, "POST", "/v1/programs", { key: k, body: { definition } })).status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await t.drop();
});

async function send(body: object, k = key): Promise<void> {
  const r = await call(app, "POST", "/v1/events", { key: k, body });
  expect(r.status).toBe(201);
}

const order = (companyId: string, orderId: string, date: string, price: string, extra: object = {}) => ({
  type: "order",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
  ...extra,
});

const get = <T>(path: string, k = key) => call<T>(app, "GET", path, { key: k });

describe("member reads", () => {
  let holdId = "";

  it("builds M1's history: two orders, a hold, a return", async () => {
    await send(order("M1", "1001", "2026-03-01", "18500.00")); // 185 points until 29 May
    await send(order("M1", "1002", "2026-03-03", "5000.00")); // 50 points until 31 May
    const h = await call<Hold>(app, "POST", "/v1/redemptions", {
      key,
      body: { memberId: "M1", points: 100 },
    });
    expect(h.status).toBe(201);
    holdId = h.body.id;
    // Returning order 1002 reverses its 50 points, taken from the oldest lot.
    await send({
      type: "return",
      externalId: "R1",
      orderId: "1002",
      date: "2026-03-04",
      lines: [{ sku: "A", unitPrice: "5000.00", quantity: 1 }],
    });
    expect((await get<Wallet>("/v1/members/M1/wallet")).body).toEqual({
      memberId: "M1",
      available: 85,
      pending: 0,
      held: 100,
      debt: 0,
      expiring: [
        { date: "2026-05-29", points: 35 },
        { date: "2026-05-31", points: 50 },
      ],
    });
  });

  it("pages the ledger newest first, with the balance after each entry, stable while entries arrive", async () => {
    const first = await get<LedgerPage>("/v1/members/M1/ledger?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject([
      {
        kind: "reverse",
        reference: { type: "return", id: "R1", orderId: "1002" },
        from: "wallet:M1",
        to: "program:issued",
        amount: 50,
        available: -50,
        held: 0,
        balance: 85,
      },
      {
        kind: "hold",
        reference: { type: "hold", id: holdId },
        from: "wallet:M1",
        to: "hold:M1",
        amount: 100,
        available: -100,
        held: 100,
        balance: 135,
      },
    ]);
    expect(first.body.nextCursor).not.toBeNull();
    // A new order arrives between the pages: it goes on top, and the next page goes on where the first ended.
    await send(order("M1", "1003", "2026-03-05", "10000.00")); // 100 points until 2 June
    const second = await get<LedgerPage>(
      `/v1/members/M1/ledger?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
    );
    expect(second.body.data).toMatchObject([
      { kind: "earn", reference: { type: "order", id: "1002" }, amount: 50, available: 50, balance: 235 },
      { kind: "earn", reference: { type: "order", id: "1001" }, amount: 185, available: 185, balance: 185 },
    ]);
    // Points an order earned say the rate, on what and whose rate it was; other entries have no rates.
    expect(second.body.data[1]?.rates).toEqual([
      { points: 185, rate: "1%", basis: "18500.00", source: "tier:base", tier: { id: "base", name: "Base" } },
    ]);
    expect(first.body.data.map((e) => e.rates)).toEqual([[], []]);
    expect(second.body.nextCursor).toBeNull();
    const fresh = await get<LedgerPage>("/v1/members/M1/ledger?limit=1");
    expect(fresh.body.data).toMatchObject([
      { kind: "earn", reference: { type: "order", id: "1003" }, amount: 100, balance: 185 },
    ]);
    const bad = await get<ErrorAnswer>("/v1/members/M1/ledger?cursor=nonsense");
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("cursor");
    expect((await get("/v1/members/NOBODY/ledger")).status).toBe(404);
    expect((await get("/v1/members/M1/ledger", quarterKey)).status).toBe(404);
  });

  it("lists the next expiry dates, and a debt when returns took back more than was left", async () => {
    expect((await get<Wallet>("/v1/members/M1/wallet?expiringDates=2")).body.expiring).toEqual([
      { date: "2026-05-29", points: 35 },
      { date: "2026-05-31", points: 50 },
    ]);
    expect((await get<Wallet>("/v1/members/M1/wallet?expiringDates=5")).body).toMatchObject({
      available: 185,
      held: 100,
      expiring: [
        { date: "2026-05-29", points: 35 },
        { date: "2026-05-31", points: 50 },
        { date: "2026-06-02", points: 100 },
      ],
    });
    // D1 earns 100, spends them on a 1,000.00 order (earning 9), then returns the first order: owes 91.
    await send(order("D1", "4001", "2026-03-01", "10000.00"));
    await send(order("D1", "4002", "2026-03-02", "1000.00", { pointsToRedeem: 100 }));
    await send({
      type: "return",
      externalId: "R4",
      orderId: "4001",
      date: "2026-03-03",
      lines: [{ sku: "A", unitPrice: "10000.00", quantity: 1 }],
    });
    expect((await get<Wallet>("/v1/members/D1/wallet")).body).toEqual({
      memberId: "D1",
      available: 0,
      pending: 0,
      held: 0,
      debt: 91,
      expiring: [],
    });
    expect((await get("/v1/members/D1/wallet?expiringDates=99")).status).toBe(422);
    expect((await get("/v1/members/D1/wallet", quarterKey)).status).toBe(404);
  });

  it("shows a rolling-year tier: the next level, what is missing, and until when the level holds", async () => {
    // M1 bought 18,500 + 5,000 − 5,000 + 10,000 = 28,500.00 in the year.
    const m1 = await get<TierStatus>("/v1/members/M1/tier?date=2026-03-06");
    expect(m1.body).toMatchObject({
      memberId: "M1",
      tier: { id: "base", name: "Base" },
      metric: "netPurchases",
      evaluation: "daily",
      window: { from: "2025-03-07", to: "2026-03-06" },
      measure: "28500.00",
      next: { id: "silver", name: "Silver", threshold: "300000.00", remaining: "271500.00", by: null },
      keep: null,
    });
    // M2 bought 350,000.00 on 2 March: Silver from the next day, until the purchase leaves the window.
    await send(order("M2", "5001", "2026-03-02", "350000.00"));
    const m2 = await get<TierStatus>("/v1/members/M2/tier?date=2026-03-06");
    expect(m2.body).toMatchObject({
      tier: { id: "silver", name: "Silver" },
      measure: "350000.00",
      next: { id: "gold", threshold: "1000000.00", remaining: "650000.00", effectiveOn: "2026-03-07" },
      keep: { threshold: "300000.00", remaining: "300000.00", by: "2027-03-02", orderBy: null },
    });
    expect((await get("/v1/members/NOBODY/tier")).status).toBe(404);
  });

  it("shows a quarterly tier: how much more by the quarter's end, and from when", async () => {
    await send(order("Q1", "Q-1", "2026-02-10", "200000.00"), quarterKey);
    const q1 = await get<TierStatus>("/v1/members/Q1/tier?date=2026-03-10", quarterKey);
    expect(q1.body).toEqual({
      memberId: "Q1",
      tier: { id: "red", name: "Red" },
      since: "2026-02-10",
      metric: "netPurchases",
      evaluation: "quarterly",
      window: { from: "2026-01-01", to: "2026-03-31" },
      measure: "200000.00",
      next: {
        id: "silver",
        name: "Silver",
        threshold: "500000.00",
        remaining: "300000.00",
        by: "2026-03-31",
        effectiveOn: "2026-04-01",
      },
      keep: null,
      explanation: {
        code: "tier.progress",
        version: 1,
        params: { tier: "red", next: "Silver", remaining: "300000.00", by: "2026-03-31" },
      },
      text: "300,000.00 more to Silver by March 31, 2026",
    });
  });
});

describe("the day of each ledger entry", () => {
  it("is the business day of its order, return, maturation and expiry, not the day it was recorded", async () => {
    // 10 × 1,000.00 at 2%: 200 points pending until 24 January; one line returned on 12 January takes 20.
    await send(
      order("P1", "P-1", "2026-01-10", "1000.00", {
        lines: [{ sku: "A", category: "goods", quantity: 10, unitPrice: "1000.00" }],
      }),
      pendingKey,
    );
    await send(
      {
        type: "return",
        externalId: "PR-1",
        orderId: "P-1",
        date: "2026-01-12",
        lines: [{ sku: "A", unitPrice: "1000.00", quantity: 1 }],
      },
      pendingKey,
    );
    // The day jobs catch up on 1 February: the 180 points matured on 24 January, a lot until 22 February.
    await runDailyJobs(t.db, "pending", parseDay("2026-02-01") as Day);
    const hold = await call(app, "POST", "/v1/redemptions", {
      key: pendingKey,
      body: { memberId: "P1", points: 30 },
    });
    expect(hold.status).toBe(201);
    await runDailyJobs(t.db, "pending", parseDay("2026-03-01") as Day);

    const page = await get<LedgerPage>("/v1/members/P1/ledger", pendingKey);
    expect(page.status).toBe(200);
    const entries = page.body.data;
    // A hold has no business day of its own: the day it was recorded, in the program's time zone.
    const held = entries.find((e) => e.kind === "hold");
    expect(held?.date).toBe(formatDay(localDay(held?.at ?? "", "Europe/Moscow") as Day));
    expect(entries.filter((e) => e.kind !== "hold").map((e) => [e.kind, e.amount, e.date])).toEqual([
      ["expire", 150, "2026-03-01"],
      ["mature", 180, "2026-01-24"],
      ["reverse", 20, "2026-01-12"],
      ["earn.pending", 200, "2026-01-10"],
    ]);
    // Each was recorded when this test ran, not on its day.
    for (const e of entries.filter((x) => x.kind !== "hold")) expect(e.at.slice(0, 10)).not.toBe(e.date);
  });
});
