// A chunk of events reads ahead for all its events (orders claimed, members' state read once): several events
// of one member in one batch, some refused, some sent twice, must leave exactly what sending them one by one
// leaves — answers, balances, lots spent oldest first, levels, counters and daily history.
import { describe, expect, it } from "vitest";
import { call } from "../../http/testing.ts";
import { verify } from "../ledger/service.ts";
import type { BatchEntry } from "./batch.ts";
import { order, routeTestApp } from "./testing.ts";

/** Tiers by a rolling window, points available at once with an expiry, debt allowed, half an order payable. */
const PROGRAM = `
id: chunks
name: Chunks
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: true }
expiry: { policy: afterDays, days: 30 }
tiers:
  metric: netPurchases
  window: { rollingDays: 365 }
  evaluation: daily
  levels:
    - { id: base, name: Base, from: 0, earnRate: "1%" }
    - { id: silver, name: Silver, from: 30000, earnRate: "5%" }
    - { id: gold, name: Gold, from: 100000, earnRate: "10%" }
redemption:
  capShare: "50%"
`;

const { env, tenantWith } = routeTestApp();

const giveBack = (externalId: string, orderId: string, date: string, qty: number) => ({
  type: "return",
  source: "erp",
  externalId,
  orderId,
  date,
  lines: [{ sku: "A", unitPrice: "1000.00", quantity: qty }],
});

/** The first batch: refusals that a check finds before anything runs, an order sent twice, one member's many. */
const FIRST = [
  order("A1", "2026-02-01", "C1", 10),
  order("A0", "2026-02-01", "C1", 40, { pointsToRedeem: 60 }),
  order("A2", "2026-02-02", "C1", 25, { pointsToRedeem: 50 }),
  order("A3", "2026-02-02", "C1", "many"),
  order("B1", "2026-02-02", "C2", 3),
  order("B0", "2026-02-02", "C2", 4, { pointsToRedeem: 10 }),
  order("A4", "2026-02-03", "C1", 80, { pointsToRedeem: 1000 }),
  order("A1", "2026-02-01", "C1", 10),
  { type: "order", source: "erp", orderId: "A5" },
  order("A6", "2026-03-20", "C1", 2, { pointsToRedeem: 10_000 }),
  order("B2", "2026-02-04", "C2", 1, { pointsToRedeem: 5 }),
];

/** The second: refusals found only while running (an unknown order, another source's order id) among the rest. */
const SECOND = [
  order("A7", "2026-03-21", "C1", 5, { pointsToRedeem: 20 }),
  giveBack("R1", "A4", "2026-03-21", 30),
  giveBack("R2", "NOPE", "2026-03-21", 1),
  { ...order("A7", "2026-03-22", "C1", 1), source: "shop" },
  order("A8", "2026-03-22", "C1", 40),
  order("A1", "2026-02-01", "C1", 10),
  { type: "payment", source: "erp", orderId: "A8", date: "2026-03-23" },
  order("A9", "2026-03-23", "C1", 3, { pointsToRedeem: 100 }),
  { type: "cancellation", source: "erp", orderId: "B2", date: "2026-03-23" },
  order("B3", "2026-03-24", "C2", 2, { pointsToRedeem: 30 }),
];

/** What an answer says, without the ids the server makes up. */
function brief(status: number, body: Record<string, unknown>) {
  if (status >= 400) return { status, error: (body.error as { code: string }).code };
  return { status, result: body.result };
}

/** What the tenant's ledger and members hold, in a form that does not depend on made-up ids. */
async function state(tenant: string) {
  const rows = async (sql: string) => (await env.t.db.query(sql, [tenant])).rows;
  return {
    accounts: await rows("SELECT id, kind, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id"),
    lots: await rows(
      `SELECT account_id, granted_on::text, expires_on::text, remaining::text, source FROM lots
       WHERE tenant_id = $1 ORDER BY account_id, granted_on, source, remaining`,
    ),
    members: await rows(
      "SELECT id, tier, order_count, counters, last_order_on::text FROM members WHERE tenant_id = $1 ORDER BY id",
    ),
    days: await rows(
      `SELECT member_id, day::text, net_minor::text, orders, points::text FROM member_days
       WHERE tenant_id = $1 ORDER BY member_id, day`,
    ),
    orders: await rows(
      `SELECT id, member_id, points_redeemed::text, points_earned::text, consumed, progress, paid_on::text,
         cancelled_on::text FROM orders WHERE tenant_id = $1 ORDER BY id`,
    ),
    entries: await rows(
      `SELECT count(*)::int AS n, sum(amount)::text AS points FROM postings WHERE tenant_id = $1`,
    ),
    outbox: await rows("SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1"),
  };
}

describe("a chunk's reads ahead", () => {
  it("several events of one member in a batch, some refused, leave what sending them one by one leaves", async () => {
    const batchKey = await tenantWith("chunked", PROGRAM);
    const singleKey = await tenantWith("single", PROGRAM);
    for (const [n, events] of [FIRST, SECOND].entries()) {
      const batch = await call<{ results: BatchEntry<unknown>[] }>(env.app, "POST", "/v1/events/batch", {
        key: batchKey,
        body: { events },
      });
      expect(batch.status).toBe(200);
      const fromBatch = batch.body.results.map((e) =>
        e.ok ? { status: e.status, result: e.result } : { status: e.status, error: e.error.code },
      );
      const fromSingles = [];
      for (const [i, body] of events.entries()) {
        // Each in a transaction of its own (an Idempotency-Key keeps it out of the grouped path).
        const r = await call<Record<string, unknown>>(env.app, "POST", "/v1/events", {
          key: singleKey,
          body,
          headers: { "idempotency-key": `one-${n}-${i}` },
        });
        fromSingles.push(brief(r.status, r.body));
      }
      expect(fromBatch).toEqual(fromSingles);
      expect(fromBatch.filter((e) => e.status >= 400).length).toBeGreaterThanOrEqual(2);
      expect(await state("chunked")).toEqual(await state("single"));
      expect(await verify(env.t.db, "chunked")).toEqual({ differences: [], total: 0n });
    }
    // Every order that was not refused stayed, once.
    const taken = (await state("chunked")).orders.map((o) => (o as { id: string }).id);
    expect(taken).toEqual(["A0", "A1", "A2", "A4", "A6", "A7", "A8", "A9", "B0", "B1", "B2", "B3"]);
  });
});
