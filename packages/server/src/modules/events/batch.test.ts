// Events in batches: each event taken or refused on its own, all-or-nothing; a batch sent again changes
// nothing; a history sent in batches gives what the engine's replay gives.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventsFromRows, formatDay, formatMinor, parseProgram, replay } from "@patron/engine";
import { describe, expect, it } from "vitest";
import { call, type ErrorAnswer } from "../../http/testing.ts";
import { balanceOf, verify } from "../ledger/service.ts";
import { pendingAccount, walletAccount } from "../members/service.ts";
import type { BatchEntry } from "./batch.ts";
import { history, order, routeTestApp } from "./testing.ts";

const exampleText = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../examples/programs/${name}.yaml`, import.meta.url)),
    "utf8",
  );

/** 2% of the net, pending until paid and 14 days. */
const PROGRAM = `
id: batches
name: Batches
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
earning: { baseRate: "2%" }
pending: { untilPaid: true, returnWindowDays: 14 }
`;

interface BatchAnswer {
  results: BatchEntry<Record<string, unknown>>[];
  taken: number;
  replayed: number;
  refused: number;
}

const { env, tenantWith } = routeTestApp();

async function rowsOf(tenant: string, sql: string): Promise<unknown[]> {
  return (await env.t.db.query(sql, [tenant])).rows;
}

describe("events in batches", () => {
  it("takes the good events, reports each bad one at its field, and leaves nothing of a refused one", async () => {
    const key = await tenantWith("mix", PROGRAM);
    const events = [
      order("B1", "2026-02-01", "C1", 10),
      order("B2", "2026-02-01", "C1", "ten"),
      order("B3", "2026-02-02", "C2", 5),
      {
        type: "return",
        externalId: "r1",
        orderId: "NOPE",
        date: "2026-02-03",
        lines: [{ sku: "A", unitPrice: "1000.00", quantity: 1 }],
      },
      {
        type: "return",
        source: "erp",
        externalId: "r2",
        orderId: "B1",
        date: "2026-02-03",
        lines: [{ sku: "A", unitPrice: "1000.00", quantity: 11 }],
      },
      { type: "payment", source: "erp", orderId: "B1", date: "2026-02-04" },
      42,
      { type: "cancellation", source: "erp", orderId: "B3", date: "2026-02-05" },
      // Claims the cancellation of the order it replaces, then finds no such order: neither part stays.
      order("B4", "2026-02-06", "C1", 1, { replaces: "MISSING" }),
      { type: "refund", orderId: "B1", date: "2026-02-06" },
      order("B5", "2026-02-07", "C2", 2, { pointsToRedeem: 5 }),
    ];
    const r = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key, body: { events } });
    expect(r.status).toBe(200);
    const brief = r.body.results.map((e) =>
      e.ok
        ? { index: e.index, status: e.status }
        : { index: e.index, status: e.status, field: e.error.field },
    );
    expect(brief).toEqual([
      { index: 0, status: 201 },
      { index: 1, status: 422, field: "events[1].lines[0].quantity" },
      { index: 2, status: 201 },
      { index: 3, status: 404, field: "events[3].orderId" },
      { index: 4, status: 422, field: "events[4].lines[0].quantity" },
      { index: 5, status: 201 },
      { index: 6, status: 422, field: "events[6]" },
      { index: 7, status: 201 },
      { index: 8, status: 404, field: "events[8].replaces" },
      { index: 9, status: 422, field: "events[9].type" },
      { index: 10, status: 201 },
    ]);
    expect(r.body).toMatchObject({ taken: 5, replayed: 0, refused: 6 });
    // B1: 10,000.00 → 200 pending, paid on 4 February; B3: 100 pending, voided; B5: 2,000.00 → 40 pending
    // (no points to spend: C2 has none available, so the 5 asked are not taken).
    expect(r.body.results[0]).toMatchObject({ result: { pointsEarned: 200 } });
    expect(r.body.results[5]).toMatchObject({ result: { kind: "payment", availableOn: "2026-02-18" } });
    expect(r.body.results[7]).toMatchObject({ result: { kind: "cancellation", pointsVoided: 100 } });
    expect(Number(await balanceOf(env.t.db, "mix", pendingAccount("C1")))).toBe(200);
    expect(r.body.results[10]).toMatchObject({ result: { pointsRedeemed: 0, pointsEarned: 40 } });
    expect(Number(await balanceOf(env.t.db, "mix", pendingAccount("C2")))).toBe(40);
    expect(
      await rowsOf("mix", "SELECT external_id FROM events WHERE tenant_id = $1 ORDER BY external_id"),
    ).toEqual(["B1", "B3", "B5", "cancellation:B3", "payment:B1"].map((external_id) => ({ external_id })));
    expect(
      await rowsOf(
        "mix",
        "SELECT id, cancelled_on::text AS cancelled FROM orders WHERE tenant_id = $1 ORDER BY id",
      ),
    ).toEqual([
      { id: "B1", cancelled: null },
      { id: "B3", cancelled: "2026-02-05" },
      { id: "B5", cancelled: null },
    ]);
    expect(await verify(env.t.db, "mix")).toEqual({ differences: [], total: 0n });

    // The same batch again: every event answers as the first time, nothing moves.
    const before = await rowsOf(
      "mix",
      "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id",
    );
    const again = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key, body: { events } });
    expect(again.body).toMatchObject({ taken: 0, replayed: 5, refused: 6 });
    for (const [i, e] of again.body.results.entries()) {
      const first = r.body.results[i] as BatchEntry<unknown>;
      if (e.ok && first.ok) expect(e).toEqual({ ...first, status: 200, replayed: true });
      else expect(e).toEqual(first);
    }
    expect(
      await rowsOf("mix", "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id"),
    ).toEqual(before);
    expect(await verify(env.t.db, "mix")).toEqual({ differences: [], total: 0n });
  });

  it("refuses a malformed envelope whole", async () => {
    const key = await tenantWith("envelope", PROGRAM);
    const post = (body: unknown) => call<ErrorAnswer>(env.app, "POST", "/v1/events/batch", { key, body });
    const notArray = await post({ events: order("X1", "2026-02-01", "C1", 1) });
    expect(notArray.status).toBe(422);
    expect(notArray.body.error.field).toBe("events");
    const tooMany = await post({
      events: Array.from({ length: 1001 }, (_, i) => order(`X${i}`, "2026-02-01", "C1", 1)),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ field: "events" });
    expect((await post({ events: [] })).status).toBe(422);
    expect((await post([order("X1", "2026-02-01", "C1", 1)])).status).toBe(422);
    expect(await rowsOf("envelope", "SELECT 1 FROM events WHERE tenant_id = $1")).toEqual([]);
  });

  it("answers a batch again under the same Idempotency-Key, and refuses the key for another batch", async () => {
    const key = await tenantWith("idem", PROGRAM);
    const headers = { "idempotency-key": "batch-1" };
    const body = { events: [order("I1", "2026-02-01", "C1", 1), order("I2", "2026-02-01", "C1", "x")] };
    const first = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key, body, headers });
    const again = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key, body, headers });
    expect(first.body).toMatchObject({ taken: 1, refused: 1 });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await call(env.app, "POST", "/v1/events/batch", {
      key,
      body: { events: [order("I3", "2026-02-01", "C1", 1)] },
      headers,
    });
    expect(other.status).toBe(409);
  });

  it("two batches over the same members at once both land whole, and the ledger balances", async () => {
    const key = await tenantWith("together", PROGRAM);
    const batch = (run: string) => ({
      events: Array.from({ length: 250 }, (_, i) => {
        // Members in opposite orders in the two batches, and returns of earlier orders of the batch.
        const member = `M${run === "a" ? i % 20 : 19 - (i % 20)}`;
        if (i % 10 === 9)
          return {
            type: "return",
            source: run,
            externalId: `r${i}`,
            orderId: `${run}${i - 1}`,
            date: "2026-03-02",
            lines: [{ sku: "A", unitPrice: "1000.00", quantity: 1 }],
          };
        return { ...order(`${run}${i}`, "2026-03-01", member, 2), source: run };
      }),
    });
    const [a, b] = await Promise.all(
      ["a", "b"].map((run) =>
        call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key, body: batch(run) }),
      ),
    );
    expect(a?.body).toMatchObject({ taken: 250, refused: 0 });
    expect(b?.body).toMatchObject({ taken: 250, refused: 0 });
    // 450 orders of 2,000.00 at 2% pending, 50 returns of one unit taking back 20 each.
    const pending = await rowsOf(
      "together",
      "SELECT sum(balance)::text AS points FROM accounts WHERE tenant_id = $1 AND kind = 'pending'",
    );
    expect(pending).toEqual([{ points: String(450 * 40 - 50 * 20) }]);
    expect(await verify(env.t.db, "together")).toEqual({ differences: [], total: 0n });
  });

  it("a company's several orders in one chunk leave the rows that one request each leaves", async () => {
    const definition = exampleText("01-volume-tiers");
    const one = await tenantWith("carry-one", definition);
    const all = await tenantWith("carry-all", definition);
    // Three companies ordering in turn, levels reached within the chunk, the same day twice, points spent
    // from points earned in the chunk, and an order dated before its company's last one.
    const days = [
      "2026-02-01",
      "2026-02-01",
      "2026-02-03",
      "2026-02-10",
      "2026-03-01",
      "2026-02-20",
      "2026-03-05",
    ];
    const events = Array.from({ length: 30 }, (_, i) => {
      const k = Math.floor(i / 3);
      return {
        type: "order",
        source: "erp",
        orderId: `K${i}`,
        date: days[k % days.length] as string,
        companyId: `C${i % 3}`,
        lines: [{ sku: "A", category: "goods", quantity: 10 + 17 * k + (i % 3) * 40, unitPrice: "1250.00" }],
        ...(k % 4 === 3 ? { pointsToRedeem: 1000 + 300 * (i % 3) } : {}),
      };
    });
    // A company at Silver before the chunk drops to Base on its first order there (its window is empty a year
    // on) and is back at Silver on the next: its level is what it was, but held since that next order.
    const big = (orderId: string, date: string) => ({
      type: "order",
      source: "erp",
      orderId,
      date,
      companyId: "C9",
      lines: [{ sku: "A", category: "goods", quantity: 400, unitPrice: "1000.00" }],
    });
    const before = [big("S1", "2026-01-05"), big("S2", "2026-01-15")];
    events.splice(7, 0, big("S3", "2027-02-20"));
    events.splice(8, 0, big("S4", "2027-02-21"));
    for (const key of [one, all])
      for (const body of before) {
        const r = await call(env.app, "POST", "/v1/events", { key, body });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    for (const body of events) {
      const r = await call(env.app, "POST", "/v1/events", { key: one, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const r = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", { key: all, body: { events } });
    expect(r.body).toMatchObject({ taken: 32, refused: 0 });
    const tables = [
      "SELECT id, tier, tier_since::text, order_count, last_order_on::text, counters FROM members WHERE tenant_id = $1 ORDER BY id",
      "SELECT member_id, day::text, net_minor::text, orders, points::text FROM member_days WHERE tenant_id = $1 ORDER BY member_id, day",
      `SELECT id, member_id, day::text, gross_minor::text, discount_minor::text, net_minor::text, points_redeemed::text,
         points_earned::text, consumed FROM orders WHERE tenant_id = $1 ORDER BY id`,
      `SELECT a.id, (a.balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
         WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text AS balance
       FROM accounts a WHERE a.tenant_id = $1 ORDER BY a.id`,
      `SELECT account_id, granted_on::text, expires_on::text, remaining::text, source FROM lots WHERE tenant_id = $1
       ORDER BY account_id, granted_on, source, remaining`,
      "SELECT member_id, day::text, from_tier, to_tier FROM tier_changes WHERE tenant_id = $1 ORDER BY member_id, day, to_tier",
      "SELECT external_id, result FROM events WHERE tenant_id = $1 ORDER BY external_id",
    ];
    for (const sql of tables)
      expect(await rowsOf("carry-all", sql), sql).toEqual(await rowsOf("carry-one", sql));
    const tiers = await rowsOf(
      "carry-one",
      "SELECT count(*)::int AS n FROM tier_changes WHERE tenant_id = $1",
    );
    expect(tiers).toEqual([{ n: expect.any(Number) }]);
    expect((tiers[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
    const spent = await rowsOf(
      "carry-one",
      "SELECT count(*)::int AS n FROM orders WHERE tenant_id = $1 AND points_redeemed > 0",
    );
    expect((spent[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
    expect(
      await rowsOf(
        "carry-all",
        "SELECT tier, tier_since::text FROM members WHERE tenant_id = $1 AND id = 'C9'",
      ),
    ).toEqual([{ tier: "silver", tier_since: "2027-02-21" }]);
    expect(await verify(env.t.db, "carry-all")).toEqual({ differences: [], total: 0n });
  });

  for (const name of ["01-volume-tiers", "08-stamps", "11-codes"]) {
    it(`${name}: a history sent in batches gives what the engine's replay gives`, async () => {
      const tenant = `replay-${name}`;
      const definition = exampleText(name);
      const key = await tenantWith(tenant, definition);
      const rows = history(2000 + name.length);
      const program = parseProgram(definition);
      if (!program.ok) throw new Error(`${name} does not parse`);
      const expected = replay([program.compiled], rows, []);
      const digits = program.compiled.digits;
      const bodies = eventsFromRows(rows, program.compiled.timeZone).map((e, i) =>
        e.kind === "order"
          ? {
              type: "order",
              source: "erp",
              orderId: e.ev.orderId,
              date: formatDay(e.ev.day),
              companyId: e.ev.companyId,
              lines: e.ev.lines.map((l) => ({
                sku: l.sku,
                category: l.category,
                quantity: formatMinor(l.quantityMilli, 3),
                unitPrice: formatMinor(l.unitPriceMinor, digits),
              })),
              pointsToRedeem: e.ev.pointsToRedeem,
              promoCode: e.ev.code,
            }
          : {
              type: "return",
              source: "erp",
              externalId: `return-${i}`,
              orderId: e.ev.orderId,
              date: formatDay(e.ev.day),
              lines: e.ev.lines.map((l) => ({
                sku: l.sku,
                unitPrice: formatMinor(l.unitPriceMinor, digits),
                quantity: formatMinor(l.quantityMilli, 3),
              })),
            },
      );
      const results: BatchEntry<Record<string, unknown>>[] = [];
      // Batches of an odd size, so a member's events fall across batches and chunks.
      for (let from = 0; from < bodies.length; from += 17) {
        const r = await call<BatchAnswer>(env.app, "POST", "/v1/events/batch", {
          key,
          body: { events: bodies.slice(from, from + 17) },
        });
        expect(r.status).toBe(200);
        results.push(...r.body.results);
      }
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const got = results.map((r) => (r.ok ? r.result : null));
      const orders = got.filter((r) => r?.kind === "order");
      const returns = got.filter((r) => r?.kind === "return").map((r) => ({ ...r, kind: undefined }));
      expect(expected.returns.length).toBeGreaterThan(3);
      for (const o of expected.orders) {
        const { effects: _, version: __, ...rest } = o;
        expect(
          orders.find((x) => x?.orderId === o.orderId),
          o.orderId,
        ).toMatchObject(rest);
      }
      expect(returns.map(({ kind: _, ...r }) => r)).toEqual(expected.returns);
      for (const m of expected.members) {
        expect(Number(await balanceOf(env.t.db, tenant, walletAccount(m.companyId))), m.companyId).toBe(
          m.balance,
        );
      }
      expect(await verify(env.t.db, tenant)).toEqual({ differences: [], total: 0n });
    });
  }
});
