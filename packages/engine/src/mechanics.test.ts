// The building blocks beyond the examples: wallets, pending points, expiry, pooled tiers, grace, rule shapes.
import { describe, expect, it } from "vitest";
import { parseDay } from "./dates.ts";
import { availableOn, evaluateOrder } from "./pricing.ts";
import { replay } from "./replay/replay.ts";
import { company, memberOf, order, programFrom, row, stubReader } from "./testing.ts";
import type { OrderEvent } from "./types.ts";

const HEAD = `
id: t
name: Test
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
`;

const day = (iso: string) => parseDay(iso) as number;

const member = memberOf;

describe("wallets", () => {
  it("splits points between the company and the buying contact, by largest remainder", () => {
    const p = programFrom(`${HEAD}
wallet: { earner: split, split: { company: "70%", contact: "30%" } }
earning: { baseRate: "1%" }
`);
    const r = replay([p], [order("O1", "2026-01-10", "C1", 1, 1005, { contactId: "anna" })], []);
    // 1% of 1,005 = 10 points: 7 to the company, 3 to Anna.
    expect(member(r, "C1")).toMatchObject({ earned: 7, balance: 7 });
    expect(r.contacts).toEqual([expect.objectContaining({ id: "anna", earned: 3, balance: 3 })]);
    expect(r.totals).toMatchObject({ earned: 10, liability: "10.00" });
  });

  it("without a contact on the order, the company's wallet takes the contact's share", () => {
    const p = programFrom(`${HEAD}
wallet: { earner: split, split: { company: "70%", contact: "30%" } }
earning: { baseRate: "1%" }
`);
    const r = replay([p], [order("O1", "2026-01-10", "C1", 1, 1000)], []);
    expect(member(r, "C1")).toMatchObject({ earned: 10 });
  });

  it("without debt allowed, a return takes back only what is left and says how much it could not", () => {
    const p = programFrom(`${HEAD}
earning: { baseRate: "10%" }
`);
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "C1", 1, 1000), // 100 points
        order("O2", "2026-01-11", "C1", 1, 100, { pointsToRedeem: 100 }), // all spent
        row("return", "O1", "2026-01-12", "C1", "S1", "goods", 1, 1000),
      ],
      [],
    );
    expect(member(r, "C1")).toMatchObject({ balance: 0, reversed: 0 });
    expect(r.journal).toContainEqual(expect.objectContaining({ type: "reversalShortfall", points: 100 }));
  });
});

describe("pending points", () => {
  const p = programFrom(`${HEAD}
earning: { baseRate: "1%" }
pending: { untilPaid: true, returnWindowDays: 14 }
`);

  it("stay pending until the order is paid and its return window has passed", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-03-01", "C1", 1, 10000, { paidOn: "2026-03-10" }), // available on 03-24
        order("O2", "2026-03-01", "C2", 1, 10000), // never paid: pending
      ],
      [],
      { asOf: "2026-03-23" },
    );
    expect(member(r, "C1")).toMatchObject({ balance: 0, pending: 100, earned: 100 });
    const later = replay([p], [order("O1", "2026-03-01", "C1", 1, 10000, { paidOn: "2026-03-10" })], [], {
      asOf: "2026-03-24",
    });
    expect(member(later, "C1")).toMatchObject({ balance: 100, pending: 0 });
    expect(later.journal).toContainEqual(
      expect.objectContaining({ type: "matured", date: "2026-03-24", points: 100 }),
    );
  });

  it("a return inside the window takes the points back from pending", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-03-01", "C1", "S1", "goods", 2, 5000, { paidOn: "2026-03-01" }),
        row("return", "O1", "2026-03-05", "C1", "S1", "goods", 1, 5000),
      ],
      [],
      { asOf: "2026-03-20" },
    );
    expect(member(r, "C1")).toMatchObject({ earned: 100, reversed: 50, pending: 0, balance: 50 });
  });
});

describe("expiry", () => {
  const base = (expiry: string) =>
    programFrom(`${HEAD}
earning: { baseRate: "1%" }
expiry: ${expiry}
`);

  it("after N days: points granted on D can be spent through D+N−1", () => {
    const p = base("{ policy: afterDays, days: 30 }");
    const rows = [order("O1", "2026-01-10", "C1", 1, 10000)];
    expect(member(replay([p], rows, [], { asOf: "2026-02-08" }), "C1")).toMatchObject({ balance: 100 });
    const r = replay([p], rows, [], { asOf: "2026-02-09" });
    expect(member(r, "C1")).toMatchObject({ balance: 0, expired: 100 });
    expect(r.journal).toContainEqual(
      expect.objectContaining({ type: "expiry", date: "2026-02-09", points: 100 }),
    );
  });

  it("at the end of the next month", () => {
    const p = base("{ policy: endOfNextMonth }");
    const rows = [order("O1", "2026-01-31", "C1", 1, 10000)];
    expect(member(replay([p], rows, [], { asOf: "2026-02-28" }), "C1")).toMatchObject({ balance: 100 });
    expect(member(replay([p], rows, [], { asOf: "2026-03-01" }), "C1")).toMatchObject({
      balance: 0,
      expired: 100,
    });
  });

  it("spends the oldest lot first, so the newer one survives the older one's expiry", () => {
    const p = base("{ policy: afterDays, days: 30 }");
    const r = replay(
      [p],
      [
        order("O1", "2026-01-01", "C1", 1, 10000), // 100, last day 01-30
        order("O2", "2026-01-20", "C1", 1, 10000), // 100, last day 02-18
        order("O3", "2026-01-25", "C1", 1, 150, { pointsToRedeem: 150 }), // 100 from O1, 50 from O2
      ],
      [],
      { asOf: "2026-02-19" },
    );
    // O3 earned 0 (net 0). O2's remaining 50 expire on 02-19; O1's lot was used up.
    expect(r.journal.filter((j) => j.type === "expiry").map((j) => [j.date, j.points])).toEqual([
      ["2026-02-19", 50],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 200, redeemed: 150, expired: 50, balance: 0 });
  });

  it("a campaign rule's points keep their own expiry", () => {
    const p = programFrom(`${HEAD}
earning:
  baseRate: "1%"
  rules:
    - id: december-double
      when: { fact: order.month, op: eq, value: 12 }
      effect: { rate: "1%" }
      expiry: { policy: endOfNextMonth }
`);
    const r = replay([p], [order("O1", "2026-12-10", "C1", 1, 10000)], [], { asOf: "2027-02-01" });
    expect(r.orders[0]?.pointsEarned).toBe(200);
    expect(member(r, "C1")).toMatchObject({ earned: 200, expired: 100, balance: 100 });
  });
});

describe("tiers", () => {
  it("a holding's companies qualify together when the program pools by parent", () => {
    const p = programFrom(`${HEAD}
tiers:
  window: { rollingDays: 365 }
  pool: parent
  levels:
    - { id: base, from: 0, earnRate: "1%" }
    - { id: gold, from: 100000, earnRate: "3%" }
`);
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "SUB1", 1, 60000),
        order("O2", "2026-01-10", "SUB2", 1, 40000),
        order("O3", "2026-01-11", "SUB2", 1, 1000),
      ],
      [company("HOLD"), company("SUB1", { parentId: "HOLD" }), company("SUB2", { parentId: "HOLD" })],
    );
    expect(r.orders.map((o) => [o.orderId, o.tier, o.pointsEarned])).toEqual([
      ["O1", "base", 600],
      ["O2", "base", 400],
      ["O3", "gold", 30],
    ]);
    expect(r.members.filter((m) => m.tier === "gold").map((m) => m.companyId)).toEqual([
      "HOLD",
      "SUB1",
      "SUB2",
    ]);
  });

  it("a lower evaluation takes effect only after the grace period", () => {
    const p = programFrom(`${HEAD}
tiers:
  window: { previous: month }
  evaluation: monthly
  graceDays: 31
  levels:
    - { id: base, from: 0 }
    - { id: silver, from: 1000 }
`);
    const r = replay([p], [order("O1", "2026-01-15", "C1", 1, 1000)], [], { asOf: "2026-04-01" });
    const changes = r.journal.filter((j) => j.type === "tierChange").map((j) => [j.date, j.to, j.reason]);
    // Feb 1: silver (January 1,000). Mar 1: February is 0, but the drop waits 31 days, to Apr 1.
    expect(changes).toEqual([
      ["2026-02-01", "silver", "evaluation"],
      ["2026-04-01", "base", "graceEnded"],
    ]);
  });

  it("qualifies by points earned when the program says so, never by the balance", () => {
    const p = programFrom(`${HEAD}
earning: { baseRate: "10%" }
tiers:
  metric: pointsEarned
  window: { rollingDays: 365 }
  levels:
    - { id: base, from: 0 }
    - { id: silver, from: 1000 }
`);
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "C1", 1, 10000),
        order("O2", "2026-01-11", "C1", 1, 1000, { pointsToRedeem: 1000 }),
      ],
      [],
    );
    // 1,000 points earned then all spent: still silver.
    expect(r.orders.map((o) => o.tier)).toEqual(["base", "silver"]);
    expect(member(r, "C1")).toMatchObject({ tier: "silver", balance: 0 });
  });
});

describe("earning rules", () => {
  const p = programFrom(`${HEAD}
earning:
  baseRate: "1%"
  excludeCodes: [STAFF]
  rules:
    - id: gift-cards
      priority: 100
      lines: { fact: line.category, op: eq, value: giftcards }
      effect: { noPoints: true }
    - id: tools-double
      lines: { fact: line.category, op: eq, value: tools }
      effect: { multiply: 2 }
    - id: friday
      when: { fact: order.weekday, op: eq, value: fri }
      effect: { rate: "1%" }
    - id: loyal
      when: { fact: counter.orders, op: gte, value: 2, windowDays: 30 }
      effect: { points: 50 }
    - id: per-thousand
      lines: { fact: line.sku, op: in, value: [BONUS-A, BONUS-B] }
      effect: { points: 1, per: 1000 }
`);

  it("multiplies, adds, excludes gift cards and pays fixed and per-amount points, each explained", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-01-07", "C1", "T1", "tools", 1, 1000), // Wed: 1% × 2 = 20
        row("order", "O1", "2026-01-07", "C1", "G1", "giftcards", 1, 5000), // nothing
        row("order", "O1", "2026-01-07", "C1", "BONUS-A", "goods", 1, 2500), // 1% = 25, plus 2 per-thousand points
        row("order", "O2", "2026-01-09", "C1", "S1", "goods", 1, 1000), // Fri: 1% + 1% = 20
        row("order", "O3", "2026-01-10", "C1", "S1", "goods", 1, 1000), // 2 orders in the 30 days before: +50 → 10 + 50
        row("order", "O4", "2026-01-10", "C1", "S1", "goods", 1, 1000, { promoCode: "staff" }), // no points
      ],
      [],
    );
    expect(r.orders.map((o) => o.pointsEarned)).toEqual([47, 20, 60, 0]);
    const codes = (r.orders[0]?.effects ?? []).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(["earn.rate", "earn.per"]));
    expect(r.orders[3]?.effects).toContainEqual(expect.objectContaining({ code: "earn.excludedByCode" }));
  });

  it("points are earned on the part paid in money, not on the part paid with points", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-01-05", "C1", 1, 10000),
        order("O2", "2026-01-06", "C1", 1, 1000, { pointsToRedeem: 100 }),
      ],
      [],
    );
    expect(r.orders[1]).toMatchObject({ pointsRedeemed: 100, net: "900.00", pointsEarned: 9 });
  });
});

describe("evaluateOrder as a quote", () => {
  const p = programFrom(`${HEAD}
amounts: withoutVat
earning: { baseRate: "10%" }
discounts:
  - id: steps
    kind: orderSteps
    steps: [{ from: 1000, rate: "5%" }]
`);
  const reader = stubReader({ orderCount: 3, balance: 500 });
  const cart: OrderEvent = {
    type: "order",
    orderId: "cart",
    day: day("2026-05-05"),
    companyId: "C1",
    contactId: null,
    lines: [
      {
        sku: "A",
        category: "goods",
        quantityMilli: 1000,
        unitPriceMinor: 120_000,
        unitCostMinor: null,
        vatPpm: 200_000,
      },
    ],
    pointsToRedeem: 100,
    code: null,
    paidOn: null,
    termMonths: null,
    partnerId: null,
    salesRepId: null,
  };

  it("prices a cart without changing anything, and earns on amounts without VAT when the program says so", () => {
    const q = evaluateOrder(p, reader, cart);
    // 1,200 − 5% = 1,140; − 100 points = 1,040 with VAT = 866.67 without; 10% → 86 points.
    expect(q).toMatchObject({
      grossMinor: 120_000,
      discountMinor: 6_000,
      pointsRedeemed: 100,
      netMinor: 104_000,
    });
    expect(q.earned.points).toBe(86);
    expect(evaluateOrder(p, reader, cart)).toEqual(q);
  });
});

describe("payments and contacts", () => {
  it("a payment that arrives later sets the day pending points mature", () => {
    const p = programFrom(`${HEAD}
pending: { untilPaid: true, returnWindowDays: 14 }
`);
    expect(availableOn(p, day("2026-03-01"), null)).toBeNull();
    expect(availableOn(p, day("2026-03-01"), day("2026-03-20"))).toBe(day("2026-04-03"));
    // A payment dated before the order counts from the order's day.
    expect(availableOn(p, day("2026-03-01"), day("2026-02-20"))).toBe(day("2026-03-15"));
  });

  it("rules can reward the contact's role in the buying company", () => {
    const p = programFrom(`${HEAD}
earning:
  baseRate: "1%"
  rules:
    - id: engineers
      when: { fact: member.contactRole, op: eq, value: engineer }
      effect: { rate: "1%" }
`);
    const reader = stubReader();
    const ev: OrderEvent = {
      type: "order",
      orderId: "O1",
      day: day("2026-03-01"),
      companyId: "C1",
      contactId: "ivan",
      lines: [
        { sku: "A", category: "goods", quantityMilli: 1000, unitPriceMinor: 100_000, unitCostMinor: null },
      ],
      pointsToRedeem: 0,
      code: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
    };
    expect(evaluateOrder(p, reader, ev, { role: "engineer", circle: "influencer" }).earned.points).toBe(20);
    expect(evaluateOrder(p, reader, ev, { role: "procurement", circle: null }).earned.points).toBe(10);
  });
});

describe("participation and versions", () => {
  it("a company takes part from its enrolment date: earlier orders are tracked and earn nothing", () => {
    const p = programFrom(`${HEAD}
earning: { baseRate: "1%" }
`);
    const r = replay(
      [p],
      [order("O1", "2026-01-10", "C1", 1, 10000), order("O2", "2026-02-01", "C1", 1, 10000)],
      [company("C1", { enrolledOn: "2026-02-01" })],
    );
    expect(r.orders.map((o) => o.pointsEarned)).toEqual([0, 100]);
    expect(r.orders[0]?.effects[0]).toMatchObject({
      code: "member.notEnrolled",
      params: { enrolledOn: "2026-02-01" },
    });
    expect(r.totals.net).toBe("20000.00");
  });

  it("a new version applies from its effective date, and a level reached is kept until the next evaluation", () => {
    const v1 = programFrom(`${HEAD}
tiers:
  window: { previous: month }
  evaluation: monthly
  levels:
    - { id: base, from: 0, earnRate: "1%" }
    - { id: gold, from: 1000, earnRate: "3%" }
`);
    const v2 = programFrom(`${HEAD}
version: 2
effectiveFrom: "2026-02-15"
tiers:
  window: { previous: month }
  evaluation: monthly
  levels:
    - { id: base, from: 0, earnRate: "1%" }
    - { id: gold, from: 5000, earnRate: "4%" }
`);
    const r = replay(
      [v1, v2],
      [
        order("O1", "2026-01-10", "C1", 1, 2000), // v1, base → 20; January 2,000 ≥ 1,000 → gold on Feb 1
        order("O2", "2026-02-10", "C1", 1, 1000), // v1, gold 3% → 30
        order("O3", "2026-02-20", "C1", 1, 1000), // v2, still gold (kept) at v2's 4% → 40
        order("O4", "2026-03-05", "C1", 1, 1000), // Mar 1 under v2: February 2,000 < 5,000 → base 1% → 10
      ],
      [],
    );
    expect(r.orders.map((o) => [o.version, o.tier, o.pointsEarned])).toEqual([
      [1, "base", 20],
      [1, "gold", 30],
      [2, "gold", 40],
      [2, "base", 10],
    ]);
  });
});
