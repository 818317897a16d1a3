// Property-based tests: random histories through the example programs keep every invariant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsStart, civilFromDay, dayFromCivil, formatDay, parseDay } from "./dates.ts";
import {
  bigDivHalfUp,
  bigFloorDiv,
  formatMinor,
  mulDivFloor,
  mulDivHalfUp,
  parseScaled,
  splitLargestRemainder,
} from "./money.ts";
import type { OrderRow } from "./replay/input.ts";
import { type ReplayResult, replay } from "./replay/replay.ts";
import { example, row, SAMPLE_ITEMS } from "./testing.ts";

describe("money", () => {
  it("largest-remainder parts always add up to the total and stay within one of the exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = splitLargestRemainder(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = (BigInt(total) * BigInt(weights[i] ?? 0)) / BigInt(sum);
            expect(BigInt(p) - exact >= 0n && BigInt(p) - exact <= 1n).toBe(true);
          });
        },
      ),
    );
  });

  it("mulDiv matches exact bigint arithmetic, in and beyond the safe range", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        fc.integer({ min: 0, max: 10 ** 7 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (a, b, c) => {
          expect(mulDivFloor(a, b, c)).toBe(Number(bigFloorDiv(BigInt(a) * BigInt(b), BigInt(c))));
          expect(mulDivHalfUp(a, b, c)).toBe(Number(bigDivHalfUp(BigInt(a) * BigInt(b), BigInt(c))));
        },
      ),
    );
  });

  it("parses decimals exactly", () => {
    expect(parseScaled("127.50", 2)).toBe(12750);
    expect(parseScaled("0.1", 2)).toBe(10);
    expect(parseScaled("1.005", 2)).toBeNull();
    expect(parseScaled("1e3", 2)).toBeNull();
  });

  it("formats minor units exactly, numbers and bigints alike", () => {
    expect(formatMinor(-5)).toBe("-0.05");
    expect(formatMinor(1_980_000)).toBe("19800.00");
    expect(formatMinor(19_007_622_700_530_191n)).toBe("190076227005301.91");
    expect(formatMinor(-1234n, 3)).toBe("-1.234");
    expect(formatMinor(7, 0)).toBe("7");
    expect(() => formatMinor(0.5)).toThrow();
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => {
        expect(formatMinor(n)).toBe(formatMinor(BigInt(n)));
      }),
    );
  });
});

describe("dates", () => {
  it("day numbers round-trip through the civil calendar", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const c = civilFromDay(d);
        expect(dayFromCivil(c.y, c.m, c.d)).toBe(d);
        expect(parseDay(formatDay(d))).toBe(d);
      }),
    );
    expect(formatDay(addMonthsStart(parseDay("2026-12-15") as number, 1))).toBe("2027-01-01");
    expect(parseDay("2024-02-29")).not.toBeNull();
    expect(parseDay("2026-02-29")).toBeNull();
  });
});

// ---- Random histories ---------------------------------------------------------------------------------------

interface Gen {
  rows: OrderRow[];
}

const SKUS = SAMPLE_ITEMS;

/** A random history: orders over a year for a few companies, some with points and codes, and returns. */
const history = fc
  .array(
    fc.record({
      company: fc.constantFrom("C1", "C2", "C3"),
      dayOffset: fc.integer({ min: 0, max: 420 }),
      lines: fc.array(
        fc.record({
          item: fc.integer({ min: 0, max: SKUS.length - 1 }),
          qty: fc.integer({ min: 1, max: 160 }),
        }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      redeem: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
      code: fc.option(fc.constantFrom("SKIDKA30", "skidka30", "REF-C1", "REF-C2", "NOPE"), { nil: null }),
      returns: fc.array(
        fc.record({
          after: fc.integer({ min: 0, max: 90 }),
          line: fc.nat(),
          share: fc.integer({ min: 1, max: 3 }),
        }),
        {
          maxLength: 2,
        },
      ),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((orders): Gen => {
    const start = parseDay("2026-01-01") as number;
    const rows: OrderRow[] = [];
    orders.forEach((o, k) => {
      const id = `O${k}`;
      const date = formatDay(start + o.dayOffset);
      const lines = o.lines.map((l) => ({ ...(SKUS[l.item] as (typeof SKUS)[number]), qty: l.qty }));
      lines.forEach((l, i) => {
        rows.push(
          row(
            "order",
            id,
            date,
            o.company,
            l.sku,
            l.category,
            l.qty,
            l.price,
            i === 0 ? { pointsToRedeem: o.redeem, promoCode: o.code } : {},
          ),
        );
      });
      // Returns of at most what each line has left.
      const left = lines.map((l) => l.qty);
      for (const r of o.returns) {
        const i = r.line % lines.length;
        const l = lines[i] as (typeof lines)[number];
        const qty = Math.min(left[i] ?? 0, Math.max(1, Math.floor(l.qty / r.share)));
        if (qty <= 0) continue;
        left[i] = (left[i] ?? 0) - qty;
        rows.push(
          row(
            "return",
            id,
            formatDay(start + o.dayOffset + r.after),
            o.company,
            l.sku,
            l.category,
            qty,
            l.price,
          ),
        );
      }
    });
    return { rows };
  });

const PROGRAMS = [
  "01-volume-tiers",
  "02-status-levels",
  "03-monthly-bonus",
  "04-progressive-discount",
  "05-volume-bands",
  "08-stamps",
  "09-bundle",
  "10-paid-membership",
  "11-codes",
  "18-segments",
].map((name) => ({ name, p: example(name) }));

function minor(text: string): number {
  const v = parseScaled(text, 2);
  if (v === null) throw new Error(`not money: ${text}`);
  return v;
}

function checkInvariants(r: ReplayResult): void {
  for (const m of r.members) {
    expect(m.balance + m.pending).toBe(m.earned + m.refunded - m.redeemed - m.expired - m.reversed);
    expect(m.pending).toBeGreaterThanOrEqual(0);
  }
  for (const o of r.orders) {
    const gross = minor(o.gross);
    const net = minor(o.net);
    const discount = minor(o.discount);
    expect(discount).toBeGreaterThanOrEqual(0);
    expect(discount).toBeLessThanOrEqual(gross);
    expect(net).toBeGreaterThanOrEqual(0);
    expect(gross - discount - o.pointsRedeemed * 100 - net).toBe(0);
  }
  // Returns never refund more than an order's net, nor reverse more than it earned.
  const byOrder = new Map(
    r.orders.map((o) => [
      o.orderId,
      { net: minor(o.net), earned: o.pointsEarned, redeemed: o.pointsRedeemed },
    ]),
  );
  const refunded = new Map<string, { net: number; reversed: number; points: number }>();
  for (const x of r.returns) {
    const acc = refunded.get(x.orderId) ?? { net: 0, reversed: 0, points: 0 };
    acc.net += minor(x.refund);
    acc.reversed += x.pointsReversed;
    acc.points += x.pointsRefunded;
    refunded.set(x.orderId, acc);
  }
  for (const [id, acc] of refunded) {
    const o = byOrder.get(id);
    expect(o).toBeDefined();
    if (!o) continue;
    expect(acc.net).toBeLessThanOrEqual(o.net);
    expect(acc.reversed).toBeLessThanOrEqual(o.earned);
    expect(acc.points).toBeLessThanOrEqual(o.redeemed);
  }
}

describe("replay over random histories", () => {
  for (const { name, p } of PROGRAMS) {
    it(`${name}: the wallets balance, no order costs less than nothing, returns never give back more than was paid`, () => {
      fc.assert(
        fc.property(history, ({ rows }) => {
          checkInvariants(replay([p], rows, [], { asOf: "2027-06-30" }));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("returning every unit of every order refunds exactly each order's net and reverses exactly what it earned", () => {
    const p = example("01-volume-tiers");
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 3 }), ({ rows }, parts) => {
        const orders = rows.filter((r) => r.event === "order");
        const returns: OrderRow[] = [];
        for (const o of orders) {
          // Return each line in `parts` pieces, on the day after the last order.
          let left = o.quantityMilli;
          for (let k = 0; k < parts && left > 0; k++) {
            const q = k === parts - 1 ? left : Math.max(1, Math.floor(o.quantityMilli / parts));
            const take = Math.min(q, left);
            left -= take;
            returns.push({
              ...o,
              event: "return",
              date: "2027-03-01",
              quantityMilli: take,
              fileLine: o.fileLine + 100_000,
            });
          }
        }
        const r = replay([p], [...orders, ...returns], []);
        checkInvariants(r);
        const refund = r.returns.reduce((a, x) => a + minor(x.refund), 0);
        const net = r.orders.reduce((a, x) => a + minor(x.net), 0);
        expect(refund).toBe(net);
        const reversed = r.returns.reduce((a, x) => a + x.pointsReversed, 0);
        const earned = r.orders.reduce((a, x) => a + x.pointsEarned, 0);
        expect(reversed).toBe(earned);
        const refundedPoints = r.returns.reduce((a, x) => a + x.pointsRefunded, 0);
        const redeemed = r.orders.reduce((a, x) => a + x.pointsRedeemed, 0);
        expect(refundedPoints).toBe(redeemed);
      }),
      { numRuns: 60 },
    );
  });

  it("the order of rows from different days does not change the result", () => {
    const p = example("05-volume-bands");
    fc.assert(
      fc.property(history, fc.integer(), ({ rows }, seed) => {
        const a = replay([p], rows, [], { asOf: "2027-06-30" });
        // Shuffle, then restore file order within each day (the contract keeps it).
        const shuffled = [...rows].sort(
          (x, y) => ((x.fileLine * 7919 + seed) % 101) - ((y.fileLine * 7919 + seed) % 101),
        );
        const byDay = [...shuffled].sort((x, y) =>
          x.date < y.date ? -1 : x.date > y.date ? 1 : x.fileLine - y.fileLine,
        );
        const b = replay([p], byDay, [], { asOf: "2027-06-30" });
        expect(b.totals).toEqual(a.totals);
        expect(new Map(b.orders.map((o) => [o.orderId, o.net]))).toEqual(
          new Map(a.orders.map((o) => [o.orderId, o.net])),
        );
      }),
      { numRuns: 30 },
    );
  });
});
