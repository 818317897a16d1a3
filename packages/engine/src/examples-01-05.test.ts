// The spec's worked numbers for mechanics 1–5, replayed through the example programs.
import { describe, expect, it } from "vitest";
import { replay } from "./replay/replay.ts";
import {
  company,
  example,
  exampleText,
  expectBooksBalance,
  memberOf,
  order,
  orderOf,
  programFrom,
  row,
} from "./testing.ts";

const byOrder = orderOf;
const member = memberOf;
const expectBalanced = expectBooksBalance;

describe("01 volume tiers", () => {
  const p = example("01-volume-tiers");

  it("earns at the tier held from the 365 days before the order's date", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "C1", 1, 300000), // window empty → base 1% → 3000
        order("O2", "2026-01-10", "C1", 1, 1000), // same day: not yet in the window → base → 10
        order("O3", "2026-01-11", "C1", 1, 10000), // window 301,000 → silver 2% → 200
        order("O4", "2027-01-10", "C1", 1, 1000), // window 2026-01-10…2027-01-09 = 311,000 → silver → 20
        order("O5", "2027-01-11", "C1", 1, 1000), // window 2026-01-11…2027-01-10 = 11,000 → base → 10
      ],
      [],
    );
    expect(r.orders.map((o) => [o.tier, o.pointsEarned])).toEqual([
      ["base", 3000],
      ["base", 10],
      ["silver", 200],
      ["silver", 20],
      ["base", 10],
    ]);
    const changes = r.journal.filter((j) => j.type === "tierChange").map((j) => [j.date, j.from, j.to]);
    expect(changes).toEqual([
      ["2026-01-11", "base", "silver"],
      ["2027-01-11", "silver", "base"],
    ]);
    expect(member(r, "C1")).toMatchObject({ tier: "base", earned: 3240, balance: 3240 });
    expectBalanced(r);
  });

  it("reaches gold and platinum at their thresholds and earns 3% and 5%", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-02-01", "C1", 1, 999999.99), // base → floor(9999.9999) = 9999
        order("O2", "2026-02-02", "C1", 1, 0.01), // window 999,999.99 → silver → 0
        order("O3", "2026-02-03", "C1", 1, 2000000), // window 1,000,000.00 → gold 3% → 60000
        order("O4", "2026-02-04", "C1", 1, 1000), // window 3,000,000.00 → platinum 5% → 50
      ],
      [],
    );
    expect(r.orders.map((o) => [o.tier, o.pointsEarned])).toEqual([
      ["base", 9999],
      ["silver", 0],
      ["gold", 60000],
      ["platinum", 50],
    ]);
  });

  it("lets points pay at most 50% of an order and earns on what is paid in money", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "C1", 1, 300000), // 3000 points
        order("O2", "2026-02-01", "C1", 1, 2000, { pointsToRedeem: 5000 }), // cap 1000; net 1000; silver 2% → 20
      ],
      [],
    );
    expect(byOrder(r, "O2")).toMatchObject({
      pointsRedeemed: 1000,
      net: "1000.00",
      pointsEarned: 20,
      tier: "silver",
    });
    expect(member(r, "C1")).toMatchObject({ earned: 3020, redeemed: 1000, balance: 2020 });
    expectBalanced(r);
  });

  it("a return reverses points at the rate earned and lowers the window from its own date", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-01-10", "C1", "A", "goods", 3, 100000), // 300,000 → base → 3000
        row("return", "O1", "2026-01-20", "C1", "A", "goods", 1, 100000), // refund 100,000 → reverse floor(3000×1/3) = 1000
        order("O2", "2026-01-20", "C1", 1, 1000), // window to 01-19 = 300,000 → silver → 20
        order("O3", "2026-01-21", "C1", 1, 1000), // window 300,000 + 1,000 − 100,000 = 201,000 → base → 10
      ],
      [],
    );
    expect(r.returns).toEqual([
      expect.objectContaining({
        orderId: "O1",
        date: "2026-01-20",
        refund: "100000.00",
        pointsReversed: 1000,
        pointsRefunded: 0,
      }),
    ]);
    expect(r.orders.map((o) => [o.orderId, o.tier, o.pointsEarned])).toEqual([
      ["O1", "base", 3000],
      ["O2", "silver", 20],
      ["O3", "base", 10],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 3030, reversed: 1000, balance: 2030 });
    expectBalanced(r);
  });

  it("returns in parts reverse cumulatively, so a full return reverses exactly what was earned", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-01-10", "C1", "A", "goods", 3, 333.33), // 999.99 → 1% → 9
        row("return", "O1", "2026-01-11", "C1", "A", "goods", 1, 333.33), // floor(9 × 333.33/999.99) = 3
        row("return", "O1", "2026-01-12", "C1", "A", "goods", 1, 333.33), // floor(9 × 666.66/999.99) = 6 → 3
        row("return", "O1", "2026-01-13", "C1", "A", "goods", 1, 333.33), // 9 → 3
      ],
      [],
    );
    expect(r.returns.map((x) => x.pointsReversed)).toEqual([3, 3, 3]);
    expect(member(r, "C1")).toMatchObject({ earned: 9, reversed: 9, balance: 0 });
  });

  it("a return after the points were spent leaves a debt that later earnings repay", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-01-10", "C1", 1, 10000), // 100 points
        order("O2", "2026-01-11", "C1", 1, 1000, { pointsToRedeem: 100 }), // cap 500 → 100 spent; net 900 → 9
        row("return", "O1", "2026-01-12", "C1", "S1", "goods", 1, 10000), // reverses 100 with 9 available → −91
      ],
      [],
    );
    expect(member(r, "C1")).toMatchObject({ balance: -91, earned: 109, redeemed: 100, reversed: 100 });
    expectBalanced(r);
  });
});

describe("02 status levels", () => {
  const p = example("02-status-levels");

  it("sets levels quarterly from the previous quarter and drops one level every 60 days without an order", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-02-15", "C1", 1, 600000), // red 1% → 6000
        order("O2", "2026-04-05", "C1", 1, 1600000), // silver (Q1 600,000) 1.5% → 24000
        order("O3", "2026-08-10", "C1", 1, 100), // gold set 07-01, dropped 08-03 → silver: 1.5 → 1
      ],
      [company("C1"), company("C2")],
      { asOf: "2026-12-31" },
    );
    const changes = r.journal
      .filter((j) => j.type === "tierChange" && j.companyId === "C1")
      .map((j) => [j.date, j.to, j.reason]);
    expect(changes).toEqual([
      ["2026-04-01", "silver", "evaluation"], // Q1: 600,000
      ["2026-06-04", "red", "inactivity"], // L = 04-05, L + 60
      ["2026-07-01", "gold", "evaluation"], // Q2: 1,600,000
      ["2026-08-03", "silver", "inactivity"], // L + 120
      ["2026-10-01", "red", "evaluation"], // Q3: 100
    ]);
    expect(r.orders.map((o) => [o.tier, o.pointsEarned])).toEqual([
      ["red", 6000],
      ["silver", 24000],
      ["silver", 1],
    ]);
    expect(member(r, "C2")).toMatchObject({ tier: "red", earned: 0 });
  });

  it("gold brings its priority-service benefit while it is held", () => {
    const r = replay([p], [order("O1", "2026-02-15", "C1", 1, 1500000)], [], { asOf: "2026-04-02" });
    expect(member(r, "C1").tier).toBe("gold");
    expect(member(r, "C1").benefits).toEqual([
      expect.objectContaining({ code: "priority-service", source: "tier:gold" }),
    ]);
  });
});

describe("03 monthly bonus", () => {
  const p = example("03-monthly-bonus");

  it("credits 15% of last month's 5,000 on the 1st, spendable this month (the spec's 750)", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-05-10", "C1", 1, 5000),
        order("O2", "2026-06-10", "C1", 1, 5000, { pointsToRedeem: 750 }),
      ],
      [],
      { asOf: "2026-06-15" },
    );
    expect(byOrder(r, "O1").pointsEarned).toBe(0);
    expect(byOrder(r, "O2")).toMatchObject({ pointsRedeemed: 750, net: "4250.00", pointsEarned: 0 });
    expect(r.journal.filter((j) => j.type === "credit")).toEqual([
      expect.objectContaining({
        date: "2026-06-01",
        companyId: "C1",
        basis: "5000.00",
        rate: "15%",
        points: 750,
        expiresOn: "2026-06-30",
      }),
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 750, redeemed: 750, balance: 0 });
  });

  it("picks the share by the month's total, in one order or many, and rounds down", () => {
    const r = replay(
      [p],
      [
        order("A1", "2026-01-05", "A", 1, 999.99), // 3% → 29.9997 → 29
        order("B1", "2026-01-05", "B", 1, 600), // B: 600 + 400 = 1,000 → 10% → 100
        order("B2", "2026-01-20", "B", 1, 400),
        order("C1", "2026-01-31", "C", 1, 1499.99), // 10% → 149
        order("D1", "2026-01-31", "D", 1, 1500), // 15% → 225
      ],
      [],
      { asOf: "2026-02-01" },
    );
    const credits = Object.fromEntries(
      r.journal.filter((j) => j.type === "credit").map((j) => [j.companyId, j.points]),
    );
    expect(credits).toEqual({ A: 29, B: 100, C: 149, D: 225 });
  });

  it("unspent credits expire at the end of the month they were credited in", () => {
    const r = replay([p], [order("O1", "2026-05-10", "C1", 1, 5000)], [], { asOf: "2026-07-01" });
    expect(r.journal.filter((j) => j.type === "expiry")).toEqual([
      expect.objectContaining({ date: "2026-07-01", companyId: "C1", points: 750 }),
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 750, expired: 750, balance: 0 });
  });

  it("returns lower the month they are dated in and never reverse a credit", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-05-10", "C1", "S1", "goods", 2, 1000), // May: 2,000 → 15% → 300 on 06-01
        row("return", "O1", "2026-06-05", "C1", "S1", "goods", 1, 1000), // June: −1,000 → no credit on 07-01
      ],
      [],
      { asOf: "2026-07-02" },
    );
    expect(r.returns[0]).toMatchObject({ refund: "1000.00", pointsReversed: 0 });
    expect(r.journal.filter((j) => j.type === "credit").map((j) => [j.date, j.points])).toEqual([
      ["2026-06-01", 300],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 300, reversed: 0, expired: 300, balance: 0 });
  });
});

describe("04 progressive discount", () => {
  const p = example("04-progressive-discount");

  it("takes 7% off an order of 22,000 and nothing below 10,000", () => {
    const r = replay(
      [p],
      [
        order("O1", "2026-03-01", "C1", 2, 11000), // 22,000 → 7% → 1,540
        order("O2", "2026-03-01", "C1", 1, 9999.99), // below the first step
        order("O3", "2026-03-01", "C1", 1, 10000), // 5% → 500
        order("O4", "2026-03-01", "C1", 1, 50000), // 10% → 5,000
      ],
      [],
    );
    expect(r.orders.map((o) => [o.gross, o.discount, o.net, o.pointsEarned])).toEqual([
      ["22000.00", "1540.00", "20460.00", 0],
      ["9999.99", "0.00", "9999.99", 0],
      ["10000.00", "500.00", "9500.00", 0],
      ["50000.00", "5000.00", "45000.00", 0],
    ]);
  });

  it("the other article's steps make an order of 22,000 cost 19,800", () => {
    const other = programFrom(
      exampleText("04-progressive-discount").replace(
        /steps:[\s\S]*$/,
        'steps:\n      - { from: 10000, rate: "5%" }\n      - { from: 20000, rate: "10%" }\n',
      ),
    );
    const r = replay([other], [order("O1", "2026-03-01", "C1", 2, 11000)], []);
    expect(r.orders[0]).toMatchObject({ gross: "22000.00", discount: "2200.00", net: "19800.00" });
  });

  it("spreads the order's discount over its lines by largest remainder and refunds a line's share", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-03-01", "C1", "A", "goods", 1, 10000.01),
        row("order", "O1", "2026-03-01", "C1", "B", "goods", 1, 10000.01),
        row("order", "O1", "2026-03-01", "C1", "C", "goods", 1, 0.01),
        // gross 20,000.03 → 7% = 1,400.0021 → 1,400.00; shares 700.00 / 700.00 / 0.00
        row("return", "O1", "2026-03-05", "C1", "B", "goods", 1, 10000.01), // refund 10,000.01 − 700.00
      ],
      [],
    );
    expect(r.orders[0]).toMatchObject({ discount: "1400.00", net: "18600.03" });
    expect(r.returns[0]).toMatchObject({ refund: "9300.01" });
  });
});

describe("05 volume bands", () => {
  const p = example("05-volume-bands");

  it("prices each unit by its place in the year's cumulative count (the spec's 150 then 200 packs)", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-02-01", "C1", "LAMP-PACK", "lighting", 150, 10), // 100 full + 50 at 5% → 1,475
        row("order", "O2", "2026-05-01", "C1", "LAMP-PACK", "lighting", 200, 10), // 50@5% 100@10% 50@20% → 1,775
        row("order", "O3", "2026-05-01", "C2", "LAMP-PACK", "lighting", 150, 10), // another company counts alone
        row("order", "O4", "2027-01-02", "C1", "LAMP-PACK", "lighting", 10, 10), // a new year starts at full price
        row("order", "O5", "2026-06-01", "C1", "OTHER", "lighting", 10, 10), // another SKU: no bands
      ],
      [],
    );
    const nets = Object.fromEntries(r.orders.map((o) => [o.orderId, [o.gross, o.net]]));
    expect(nets).toEqual({
      O1: ["1500.00", "1475.00"],
      O2: ["2000.00", "1775.00"],
      O3: ["1500.00", "1475.00"],
      O4: ["100.00", "100.00"],
      O5: ["100.00", "100.00"],
    });
  });

  it("returned units leave the count latest bought first and refund the price they were bought at", () => {
    const r = replay(
      [p],
      [
        row("order", "O1", "2026-02-01", "C1", "LAMP-PACK", "lighting", 150, 10),
        row("order", "O2", "2026-05-01", "C1", "LAMP-PACK", "lighting", 200, 10),
        // The last 100 units of O2: 50 at 20% off (8.00) and 50 at 10% off (9.00) → 850.00
        row("return", "O2", "2026-05-10", "C1", "LAMP-PACK", "lighting", 100, 10),
        // count 350 − 100 = 250: units 251–260 at 10% off → 90.00
        row("order", "O3", "2026-05-11", "C1", "LAMP-PACK", "lighting", 10, 10),
      ],
      [],
    );
    expect(r.returns[0]).toMatchObject({ refund: "850.00" });
    expect(r.orders.find((o) => o.orderId === "O3")).toMatchObject({ net: "90.00" });
  });

  it("counts fractional quantities exactly", () => {
    const r = replay([p], [row("order", "O1", "2026-02-01", "C1", "LAMP-PACK", "lighting", "100.5", 10)], []);
    // 100 units full price + 0.5 unit at 5% off: 1,005.00 − 0.25 = 1,004.75
    expect(r.orders[0]).toMatchObject({ gross: "1005.00", net: "1004.75" });
  });
});
