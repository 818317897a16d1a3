// The issue's stated behaviour of examples 07–14, 16 and 18, replayed through the example programs with the
// public replay() API. Rows are built here (quantities in thousandths, prices in minor units); every number
// expected below is computed by hand, with the arithmetic in a comment.
import { describe, expect, it } from "vitest";
import type { CompiledProgram } from "./compile.ts";
import { parseProgram } from "./program/parse.ts";
import type { CompanyRow, OrderRow } from "./replay/input.ts";
import { type ReplayResult, replay } from "./replay/replay.ts";
import { company, example, exampleText, expectBooksBalance, memberOf, orderOf, row } from "./testing.ts";

// ---- Helpers ------------------------------------------------------------------------------------------------

const load = example;
const exampleYaml = exampleText;
const ln = row;
const byOrder = orderOf;
const member = memberOf;

/** Replays and checks every wallet's books. */
function play(
  p: CompiledProgram,
  rows: OrderRow[],
  companies: CompanyRow[] = [],
  asOf?: string,
): ReplayResult {
  const r = replay([p], rows, companies, asOf === undefined ? {} : { asOf });
  expectBooksBalance(r);
  return r;
}

/** [orderId, discount, net, pointsEarned] of every order, in output order. */
function priced(r: ReplayResult): [string, string, string, number][] {
  return r.orders.map((o) => [o.orderId, o.discount, o.net, o.pointsEarned]);
}

function effectCodes(r: ReplayResult, id: string): string[] {
  return byOrder(r, id).effects.map((e) => e.code);
}

// ---- 07 conditional offer -----------------------------------------------------------------------------------

describe("07 conditional offer", () => {
  const p = load("07-conditional-offer");
  const lic = (id: string, date: string, units: number, extra: Partial<OrderRow>, sku = "LIC") =>
    ln("order", id, date, "C1", sku, "licence", units, 1000, extra);

  it("100 licences for 12 months paid by month end earn 3 extra months as a benefit, not a discount", () => {
    const r = play(p, [lic("O1", "2026-01-15", 100, { termMonths: 12, paidOn: "2026-01-31" })]);
    // gross 100 × 1,000 = 100,000; the reward is not a price: discount 0, net 100,000, no points
    expect(byOrder(r, "O1")).toMatchObject({
      gross: "100000.00",
      discount: "0.00",
      net: "100000.00",
      pointsEarned: 0,
    });
    expect(member(r, "C1").benefits).toEqual([
      expect.objectContaining({ code: "extra-months", quantity: 3, unit: "month", date: "2026-01-15" }),
    ]);
    expect(r.journal.filter((j) => j.type === "benefit")).toEqual([
      expect.objectContaining({
        date: "2026-01-15",
        companyId: "C1",
        benefit: "extra-months",
        quantity: 3,
        unit: "month",
      }),
    ]);
  });

  it("licence units of several lines add up, and paying on the order's day or on 28 February counts", () => {
    const r = play(p, [
      // 60 + 40 = 100 licence units; February 2026 ends on the 28th
      lic("O1", "2026-02-10", 60, { termMonths: 24, paidOn: "2026-02-28" }, "LIC-A"),
      lic("O1", "2026-02-10", 40, { termMonths: 24, paidOn: "2026-02-28" }, "LIC-B"),
      lic("O2", "2026-03-05", 100, { termMonths: 12, paidOn: "2026-03-05" }),
    ]);
    expect(member(r, "C1").benefits.map((b) => [b.code, b.quantity, b.unit, b.date])).toEqual([
      ["extra-months", 3, "month", "2026-02-10"],
      ["extra-months", 3, "month", "2026-03-05"],
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "100000.00", 0],
      ["O2", "0.00", "100000.00", 0],
    ]);
  });

  it("99 units, an 11-month term, payment on the 1st of next month or no payment earn nothing", () => {
    const r = play(p, [
      lic("N1", "2026-01-15", 99, { termMonths: 12, paidOn: "2026-01-31" }), // 99 < 100
      lic("N2", "2026-01-15", 100, { termMonths: 11, paidOn: "2026-01-31" }), // term 11 < 12
      lic("N3", "2026-01-15", 100, { termMonths: 12, paidOn: "2026-02-01" }), // paid after 31 January
      lic("N4", "2026-01-15", 100, { termMonths: 12 }), // not paid
      // 99 licence units + 1 unit of another category: still 99 licence units
      lic("N5", "2026-01-15", 99, { termMonths: 12, paidOn: "2026-01-31" }),
      ln("order", "N5", "2026-01-15", "C1", "SUP", "support", 1, 1000, {
        termMonths: 12,
        paidOn: "2026-01-31",
      }),
    ]);
    expect(member(r, "C1").benefits).toEqual([]);
    expect(r.journal.filter((j) => j.type === "benefit")).toEqual([]);
    for (const o of r.orders) expect(o.discount).toBe("0.00");
  });
});

// ---- 08 stamps ----------------------------------------------------------------------------------------------

describe("08 stamps", () => {
  const p = load("08-stamps");
  const lens = (id: string, date: string, units: number, c = "C1", price = 1000, sku = "LENS") =>
    ln("order", id, date, c, sku, "lenses", units, price);

  it("the 11th lens unit is free and counting starts again", () => {
    const r = play(p, [
      lens("O1", "2026-01-05", 10), // units 1–10: stamps 1–10 → nothing free
      lens("O2", "2026-01-06", 3), // unit 11 free (1,000 off); units 12–13: stamps 1–2
      lens("O3", "2026-01-07", 9), // units 14–21: stamps 3–10; unit 22 free (1,000 off)
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "10000.00", 0],
      ["O2", "1000.00", "2000.00", 0], // 3,000 − 1,000
      ["O3", "1000.00", "8000.00", 0], // 9,000 − 1,000
    ]);
    expect(member(r, "C1").earned).toBe(0);
  });

  it("one order of 22 units gets units 11 and 22 free", () => {
    const r = play(p, [lens("O1", "2026-01-05", 22)]);
    // 22 × 1,000 = 22,000; 2 free units → 2,000 off → 20,000
    expect(priced(r)).toEqual([["O1", "2000.00", "20000.00", 0]]);
  });

  it("units count in line order, so the free unit is the one on the line where the 11th falls", () => {
    const r = play(p, [
      // C1: 8 × 500 (stamps 1–8), then 5 × 2,000: stamps 9–10, the 11th unit (2,000) free, stamps 1–2
      lens("O1", "2026-01-05", 8, "C1", 500, "CHEAP"),
      lens("O1", "2026-01-05", 5, "C1", 2000, "DEAR"),
      // C2, same lines the other way round: 5 × 2,000 (stamps 1–5), then 8 × 500: stamps 6–10, the 11th
      // unit (500) free, stamps 1–2
      lens("O2", "2026-01-05", 5, "C2", 2000, "DEAR"),
      lens("O2", "2026-01-05", 8, "C2", 500, "CHEAP"),
    ]);
    expect(priced(r)).toEqual([
      ["O1", "2000.00", "12000.00", 0], // 4,000 + 10,000 − 2,000
      ["O2", "500.00", "13500.00", 0], // 10,000 + 4,000 − 500
    ]);
  });

  it("each company counts its own units and other categories neither count nor get a free unit", () => {
    const r = play(p, [
      lens("O1", "2026-01-05", 10), // C1 stamps 1–10
      ln("order", "O1", "2026-01-05", "C1", "FRAME", "frames", 5, 3000), // not lenses: no stamps
      lens("O2", "2026-01-06", 1, "C2"), // C2's own count: stamp 1
      ln("order", "O3", "2026-01-07", "C1", "FRAME", "frames", 1, 3000), // frames first: not free
      lens("O3", "2026-01-07", 1), // C1's 11th lens unit: free
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "25000.00", 0], // 10,000 + 15,000
      ["O2", "0.00", "1000.00", 0],
      ["O3", "1000.00", "3000.00", 0], // 3,000 + 1,000 − 1,000
    ]);
  });

  it("a return takes its units' stamps off the current count", () => {
    const r = play(p, [
      lens("O1", "2026-01-05", 7), // stamps 1–7
      ln("return", "O1", "2026-01-06", "C1", "LENS", "lenses", 3, 1000), // refund 3,000; count 7 − 3 = 4
      lens("O2", "2026-01-07", 6), // stamps 5–10, nothing free (without the return: unit 4 would be free)
      lens("O3", "2026-01-08", 1), // the 11th counted unit: free
    ]);
    expect(r.returns).toEqual([
      expect.objectContaining({ orderId: "O1", refund: "3000.00", pointsReversed: 0, pointsRefunded: 0 }),
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "7000.00", 0],
      ["O2", "0.00", "6000.00", 0],
      ["O3", "1000.00", "0.00", 0],
    ]);
  });

  it("a return never takes the count below zero, and takes back the free unit's discount with its order", () => {
    const r = play(p, [
      lens("O1", "2026-01-05", 11), // stamps 1–10, the 11th free → 11,000 − 1,000 = 10,000; count 0
      lens("O2", "2026-01-06", 2), // stamps 1–2
      // the whole of O1: refund its net 10,000; its 10 stamps off a count of 2 → max(0, 2 − 10) = 0
      ln("return", "O1", "2026-01-07", "C1", "LENS", "lenses", 11, 1000),
      lens("O3", "2026-01-08", 9), // stamps 1–9 (a count of 2 would make the 9th free)
      lens("O4", "2026-01-09", 2), // stamp 10, then the 11th is free (a count of −8 would give nothing)
    ]);
    expect(r.returns).toEqual([expect.objectContaining({ orderId: "O1", refund: "10000.00" })]);
    expect(priced(r)).toEqual([
      ["O1", "1000.00", "10000.00", 0],
      ["O2", "0.00", "2000.00", 0],
      ["O3", "0.00", "9000.00", 0],
      ["O4", "1000.00", "1000.00", 0], // 2,000 − 1,000
    ]);
  });

  it("events of one day are taken in file order, even two returns of one order split by another order", () => {
    const r = play(p, [
      lens("O1", "2026-01-05", 10), // stamps 1–10
      ln("return", "O1", "2026-01-06", "C1", "LENS", "lenses", 1, 1000), // count 10 − 1 = 9
      lens("O2", "2026-01-06", 2), // stamp 10, then the 11th is free → 1,000 off; count 0
      ln("return", "O1", "2026-01-06", "C1", "LENS", "lenses", 1, 1000), // count max(0, 0 − 1) = 0
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "10000.00", 0],
      ["O2", "1000.00", "1000.00", 0], // 2,000 − 1,000
    ]);
    expect(r.returns.map((x) => x.refund)).toEqual(["1000.00", "1000.00"]);
  });
});

// ---- 09 bundle ----------------------------------------------------------------------------------------------

describe("09 bundle", () => {
  const p = load("09-bundle");
  const promo = (id: string, sku: string, units: number, price: number, date = "2026-01-10") =>
    ln("order", id, date, "C1", sku, "promo", units, price);

  it("every second promo unit, by unit price from the highest, is half price", () => {
    const r = play(p, [
      promo("O1", "P1", 1, 1000),
      promo("O1", "P2", 1, 3000),
      promo("O1", "P3", 1, 2000),
      promo("O1", "P4", 1, 500),
      ln("order", "O1", "2026-01-10", "C1", "X", "other", 1, 10000), // not promo: not counted, full price
    ]);
    // promo units by price: 3,000 | 2,000 (½ → 1,000) | 1,000 | 500 (½ → 250) → 1,250 off
    // gross 6,500 + 10,000 = 16,500; net 15,250; no points
    expect(byOrder(r, "O1")).toMatchObject({
      gross: "16500.00",
      discount: "1250.00",
      net: "15250.00",
      pointsEarned: 0,
    });
  });

  it("units of multi-unit lines count one by one and an odd last unit pays full price", () => {
    const r = play(p, [
      // 1,000 | 1,000 (½) | 1,000 | 400 (½) | 400 → 500 + 200 = 700 off; gross 3,000 + 800 = 3,800
      promo("O1", "A", 3, 1000),
      promo("O1", "B", 2, 400),
      // 1,000 | 1,000 (½) | 1,000 → 500 off
      promo("O2", "A", 3, 1000),
    ]);
    expect(priced(r)).toEqual([
      ["O1", "700.00", "3100.00", 0],
      ["O2", "500.00", "2500.00", 0],
    ]);
  });

  it("units pair only within an order: single units in separate orders pay full price", () => {
    const r = play(p, [promo("O1", "A", 1, 1000), promo("O2", "A", 1, 1000)]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "1000.00", 0],
      ["O2", "0.00", "1000.00", 0],
    ]);
  });

  it("a return gives back the line's discount in proportion to the units returned", () => {
    const r = play(p, [
      // 1,000 | 600 (½) | 600 | 600 (½) → line B gets 600 off; gross 2,800, net 2,200
      promo("O1", "A", 1, 1000),
      promo("O1", "B", 3, 600),
      // 1 of B: 600 − 600 × 1/3 = 400
      ln("return", "O1", "2026-01-12", "C1", "B", "promo", 1, 600),
      // 2 more of B: the line's whole net 1,800 − 600 = 1,200, less the 400 already refunded = 800
      ln("return", "O1", "2026-01-13", "C1", "B", "promo", 2, 600),
      // A had no discount: 1,000
      ln("return", "O1", "2026-01-14", "C1", "A", "promo", 1, 1000),
    ]);
    expect(byOrder(r, "O1")).toMatchObject({ gross: "2800.00", discount: "600.00", net: "2200.00" });
    expect(r.returns.map((x) => [x.date, x.refund])).toEqual([
      ["2026-01-12", "400.00"],
      ["2026-01-13", "800.00"],
      ["2026-01-14", "1000.00"],
    ]);
    expect(r.totals.refund).toBe("2200.00");
  });
});

// ---- 10 paid membership -------------------------------------------------------------------------------------

describe("10 paid membership", () => {
  const p = load("10-paid-membership");
  const card = (id: string, date: string, c = "C1") =>
    ln("order", id, date, c, "MEMBERSHIP", "membership", 1, 220);
  const ticket = (id: string, date: string, units = 1, c = "C1") =>
    ln("order", id, date, c, "TICKET", "tickets", units, 100);

  it("a membership gives 50% off tickets for 365 days from its order's date, tickets in that order included", () => {
    const r = play(p, [
      card("M1", "2026-01-10"),
      ticket("M1", "2026-01-10", 2), // same order: 2 × 100 × 50% = 100 off; gross 420, net 320
      ln("order", "S1", "2026-02-01", "C1", "SNACK", "food", 1, 100), // not a ticket: full price
      ticket("T0", "2026-02-01", 1, "C2"), // C2 has no membership: full price
      // C3: the ticket line comes before the membership line of the same order: still 50 off
      ticket("M3", "2026-02-01", 1, "C3"),
      card("M3", "2026-02-01", "C3"),
      ticket("T1", "2027-01-09"), // day 365 (2026-01-10 + 364): 50 off
      ticket("T2", "2027-01-10"), // day 366: full price
    ]);
    expect(byOrder(r, "M1")).toMatchObject({ gross: "420.00", discount: "100.00", net: "320.00" });
    expect(priced(r)).toEqual([
      ["M1", "100.00", "320.00", 0],
      ["S1", "0.00", "100.00", 0],
      ["T0", "0.00", "100.00", 0],
      ["M3", "50.00", "270.00", 0], // 100 + 220 − 50
      ["T1", "50.00", "50.00", 0],
      ["T2", "0.00", "100.00", 0],
    ]);
  });

  it("a renewal adds 365 days to the current end", () => {
    const r = play(p, [
      card("M1", "2026-01-10"), // through 2027-01-09
      card("M2", "2026-06-01"), // 2027-01-09 + 365 days = 2028-01-09
      ticket("T1", "2027-06-01"), // 50 off
      ticket("T2", "2028-01-09"), // last day: 50 off
      ticket("T3", "2028-01-10"), // full price
    ]);
    expect(priced(r)).toEqual([
      ["M1", "0.00", "220.00", 0],
      ["M2", "0.00", "220.00", 0],
      ["T1", "50.00", "50.00", 0],
      ["T2", "50.00", "50.00", 0],
      ["T3", "0.00", "100.00", 0],
    ]);
  });

  it("returning the membership ends the benefit and does not re-price its order's tickets", () => {
    const r = play(p, [
      card("M1", "2026-01-10"),
      ticket("M1", "2026-01-10", 2), // 100 off; net 320
      ticket("T1", "2026-01-31"), // 50 off
      ticket("T2", "2026-02-01"), // before the return in file order: 50 off
      ln("return", "M1", "2026-02-01", "C1", "MEMBERSHIP", "membership", 1, 220), // refund 220
      ticket("T3", "2026-02-01"), // after the return: full price
      ln("return", "M1", "2026-02-02", "C1", "TICKET", "tickets", 1, 100), // refund 100 − 50 = 50
      ticket("T4", "2026-03-01"), // full price
    ]);
    expect(priced(r)).toEqual([
      ["M1", "100.00", "320.00", 0],
      ["T1", "50.00", "50.00", 0],
      ["T2", "50.00", "50.00", 0],
      ["T3", "0.00", "100.00", 0],
      ["T4", "0.00", "100.00", 0],
    ]);
    expect(r.returns.map((x) => [x.orderId, x.date, x.refund])).toEqual([
      ["M1", "2026-02-01", "220.00"],
      ["M1", "2026-02-02", "50.00"],
    ]);
  });
});

// ---- 11 codes -----------------------------------------------------------------------------------------------

describe("11 codes", () => {
  const p = load("11-codes");
  const buy = (
    id: string,
    date: string,
    c: string,
    price: number,
    code: string | null = null,
    extra: Partial<OrderRow> = {},
  ) => ln("order", id, date, c, "GOODS", "goods", 1, price, { promoCode: code, ...extra });
  const companies = [company("C1"), company("C2"), company("C3")];

  it("without a code the steps of 04 apply on gross", () => {
    const r = play(p, [
      buy("O1", "2026-01-05", "C1", 9999.99), // below 10,000: nothing
      buy("O2", "2026-01-05", "C1", 10000), // 5% → 500
      buy("O3", "2026-01-05", "C1", 20000), // 7% → 1,400
      buy("O4", "2026-01-05", "C1", 50000), // 10% → 5,000
    ]);
    expect(priced(r)).toEqual([
      ["O1", "0.00", "9999.99", 0],
      ["O2", "500.00", "9500.00", 0],
      ["O3", "1400.00", "18600.00", 0],
      ["O4", "5000.00", "45000.00", 0],
    ]);
  });

  it("SKIDKA30 takes 30% off a gross of 10,000 or more instead of the steps, in any case, again and again", () => {
    const r = play(p, [
      buy("O1", "2026-01-05", "C1", 20000, "SKIDKA30"), // 30% → 6,000 (not 7%, not 37%)
      buy("O2", "2026-01-06", "C1", 50000, "skidka30"), // reusable, any case: 15,000
      buy("O3", "2026-01-07", "C2", 10000, "Skidka30"), // exactly 10,000: 3,000
      buy("O4", "2026-01-08", "C2", 9999.99, "SKIDKA30"), // below 10,000: nothing (no step either)
    ]);
    expect(priced(r)).toEqual([
      ["O1", "6000.00", "14000.00", 0],
      ["O2", "15000.00", "35000.00", 0],
      ["O3", "3000.00", "7000.00", 0],
      ["O4", "0.00", "9999.99", 0],
    ]);
    expect(effectCodes(r, "O4").some((c) => c.startsWith("code."))).toBe(true);
  });

  it("SKIDKA30 is valid through 16 March; on 17 March the steps apply and the effects say it expired", () => {
    const r = play(p, [
      buy("O1", "2026-03-16", "C1", 20000, "SKIDKA30"), // day 75 from 1 January: 6,000
      buy("O2", "2026-03-17", "C1", 20000, "SKIDKA30"), // expired: steps 7% → 1,400
    ]);
    expect(priced(r)).toEqual([
      ["O1", "6000.00", "14000.00", 0],
      ["O2", "1400.00", "18600.00", 0],
    ]);
    expect(effectCodes(r, "O2").some((c) => /expired/i.test(c))).toBe(true);
  });

  it("an unknown code gives nothing: the steps apply and the effects say the code is unknown", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-05", "C1", 20000, "SKIDKA50"), // steps 7% → 1,400
        buy("O2", "2026-01-05", "C2", 20000, "REF-NOBODY"), // no such company: steps 7% → 1,400
      ],
      companies,
    );
    expect(priced(r)).toEqual([
      ["O1", "1400.00", "18600.00", 0],
      ["O2", "1400.00", "18600.00", 0],
    ]);
    expect(effectCodes(r, "O1").some((c) => /unknown/i.test(c))).toBe(true);
    expect(effectCodes(r, "O2").some((c) => /unknown/i.test(c))).toBe(true);
    expect(r.journal.filter((j) => j.type === "referralCredit")).toEqual([]);
  });

  it("a first order with another company's referral code gets 30% instead of the steps and credits the referrer 1,000 points that day", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-05", "C1", 1000), // C1's own order: nothing
        buy("O2", "2026-01-10", "C2", 20000, "ref-c1"), // C2's first order: 30% → 6,000; C1 +1,000
        // C1 spends the credit at once: asks 5,000, balance 1,000, cap 100% of 3,000 → 1,000; net 2,000
        buy("O3", "2026-01-10", "C1", 3000, null, { pointsToRedeem: 5000 }),
        buy("O4", "2026-01-11", "C2", 20000, "REF-C1"), // C2's later order: steps 7% → 1,400, no credit
      ],
      companies,
    );
    expect(priced(r)).toEqual([
      ["O1", "0.00", "1000.00", 0],
      ["O2", "6000.00", "14000.00", 0],
      ["O3", "0.00", "2000.00", 0],
      ["O4", "1400.00", "18600.00", 0],
    ]);
    expect(byOrder(r, "O3").pointsRedeemed).toBe(1000);
    expect(r.journal.filter((j) => j.type === "referralCredit")).toEqual([
      expect.objectContaining({ date: "2026-01-10", companyId: "C1", points: 1000 }),
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 1000, redeemed: 1000, balance: 0 });
    expect(member(r, "C2")).toMatchObject({ earned: 0, balance: 0 });
  });

  it("a company's own referral code, or a referral code after an earlier order, gives only the steps", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-05", "C1", 20000, "ref-c1"), // own code, in any case: steps 7% → 1,400
        buy("O2", "2026-01-05", "C3", 1000), // C3's first order, no code
        buy("O3", "2026-01-06", "C3", 20000, "REF-C1"), // not C3's first order: steps → 1,400
      ],
      companies,
    );
    expect(priced(r)).toEqual([
      ["O1", "1400.00", "18600.00", 0],
      ["O2", "0.00", "1000.00", 0],
      ["O3", "1400.00", "18600.00", 0],
    ]);
    expect(r.journal.filter((j) => j.type === "referralCredit")).toEqual([]);
    expect(member(r, "C1").balance).toBe(0);
  });

  it("a return takes back the returned line's share of the discount and never re-prices the rest", () => {
    const r = play(p, [
      // SKIDKA30 on 10,000 + 5,000 = 15,000 → 4,500, spread by gross: 3,000 and 1,500
      ln("order", "O1", "2026-01-10", "C1", "A", "goods", 1, 10000, { promoCode: "SKIDKA30" }),
      ln("order", "O1", "2026-01-10", "C1", "B", "goods", 1, 5000, { promoCode: "SKIDKA30" }),
      ln("return", "O1", "2026-01-12", "C1", "B", "goods", 1, 5000), // 5,000 − 1,500 = 3,500
      // steps on 40,000 + 10,000 = 50,000 → 10% = 5,000, spread 4,000 and 1,000
      ln("order", "O2", "2026-01-10", "C1", "A", "goods", 1, 40000),
      ln("order", "O2", "2026-01-10", "C1", "B", "goods", 1, 10000),
      // 10,000 − 1,000 = 9,000 (the 40,000 left would only get 7%, but nothing is re-priced)
      ln("return", "O2", "2026-01-12", "C1", "B", "goods", 1, 10000),
    ]);
    expect(priced(r)).toEqual([
      ["O1", "4500.00", "10500.00", 0],
      ["O2", "5000.00", "45000.00", 0],
    ]);
    expect(r.returns.map((x) => [x.orderId, x.refund, x.pointsReversed])).toEqual([
      ["O1", "3500.00", 0],
      ["O2", "9000.00", 0],
    ]);
  });
});

// ---- 12 coalition -------------------------------------------------------------------------------------------

describe("12 coalition", () => {
  const p = load("12-coalition");
  const at = (
    partnerId: string,
    id: string,
    date: string,
    c: string,
    sku: string,
    category: string,
    units: number,
    price: number,
    redeem: number | null = null,
  ) => ln("order", id, date, c, sku, category, units, price, { partnerId, pointsToRedeem: redeem });

  it("each partner earns at its own rates and an order's points are rounded down once", () => {
    const r = play(p, [
      // HOTEL: 99.99 × 14% = 13.9986 + 50.50 × 1% = 0.505 → 14.5036 → 14 (line by line it would be 13)
      at("HOTEL", "H1", "2026-01-10", "C1", "ROOM", "hotel", 1, 99.99),
      at("HOTEL", "H1", "2026-01-10", "C1", "MINIBAR", "food", 1, 50.5),
      at("FUEL", "F1", "2026-01-11", "C1", "FUEL", "fuel", 1, 1234.56), // 1% → 12.3456 → 12
      at("FUEL", "F2", "2026-01-12", "C1", "ROOM", "hotel", 1, 1000), // FUEL earns 1% on everything → 10
    ]);
    expect(r.orders.map((o) => [o.orderId, o.pointsEarned])).toEqual([
      ["H1", 14],
      ["F1", 12],
      ["F2", 10],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 36, balance: 36 }); // 14 + 12 + 10
  });

  it("points earned at one partner are spent at the other and each month is settled on the 1st of the next", () => {
    const r = play(
      p,
      [
        at("HOTEL", "H1", "2026-01-10", "C1", "ROOM", "hotel", 2, 5000), // 10,000 × 14% = 1,400
        at("FUEL", "F1", "2026-01-20", "C1", "FUEL", "fuel", 50, 60, 1000), // 3,000 − 1,000 pts → 2,000 × 1% = 20
        at("HOTEL", "H2", "2026-02-05", "C1", "ROOM", "hotel", 1, 5000, 400), // 5,000 − 400 → 4,600 × 14% = 644
        at("FUEL", "F2", "2026-02-10", "C2", "FUEL", "fuel", 1, 1000), // 1,000 × 1% = 10
      ],
      [],
      "2026-03-01",
    );
    expect(r.orders.map((o) => [o.orderId, o.pointsRedeemed, o.net, o.pointsEarned])).toEqual([
      ["H1", 0, "10000.00", 1400],
      ["F1", 1000, "2000.00", 20],
      ["H2", 400, "4600.00", 644],
      ["F2", 0, "1000.00", 10],
    ]);
    // balance = issued − redeemed, at 1 RUB a point
    const s = [...r.settlements].sort((a, b) => (a.month + a.partnerId < b.month + b.partnerId ? -1 : 1));
    expect(s).toEqual([
      { month: "2026-01", partnerId: "FUEL", pointsIssued: 20, pointsRedeemed: 1000, balance: "-980.00" },
      { month: "2026-01", partnerId: "HOTEL", pointsIssued: 1400, pointsRedeemed: 0, balance: "1400.00" },
      { month: "2026-02", partnerId: "FUEL", pointsIssued: 10, pointsRedeemed: 0, balance: "10.00" },
      { month: "2026-02", partnerId: "HOTEL", pointsIssued: 644, pointsRedeemed: 400, balance: "244.00" },
    ]);
    const journal = r.journal
      .filter((j) => j.type === "settlement")
      .map((j) => [j.date, j.month, j.partnerId, j.pointsIssued, j.pointsRedeemed, j.balance])
      .sort((a, b) => (String(a[0]) + a[2] < String(b[0]) + b[2] ? -1 : 1));
    expect(journal).toEqual([
      ["2026-02-01", "2026-01", "FUEL", 20, 1000, "-980.00"],
      ["2026-02-01", "2026-01", "HOTEL", 1400, 0, "1400.00"],
      ["2026-03-01", "2026-02", "FUEL", 10, 0, "10.00"],
      ["2026-03-01", "2026-02", "HOTEL", 644, 400, "244.00"],
    ]);
    // C1: 1,400 − 1,000 + 20 − 400 + 644 = 664
    expect(member(r, "C1")).toMatchObject({ earned: 2064, redeemed: 1400, balance: 664 });
    expect(member(r, "C2")).toMatchObject({ earned: 10, balance: 10 });
  });

  it("a return takes back earned points in proportion, gives back spent points, and counts in that month's settlement", () => {
    const r = play(
      p,
      [
        at("HOTEL", "H1", "2026-01-10", "C1", "ROOM", "hotel", 2, 10000), // 20,000 × 14% = 2,800
        at("FUEL", "F1", "2026-01-15", "C1", "FUEL", "fuel", 5, 1000, 1000), // 5,000 − 1,000 → 4,000 × 1% = 40
        // 1 of 5 fuel units: points back floor(1,000 × 1/5) = 200; refund 1,000 − 200 = 800;
        // reversed floor(40 × 800 / 4,000) = 8
        ln("return", "F1", "2026-01-20", "C1", "FUEL", "fuel", 1, 1000),
        // 1 of 2 rooms: refund 10,000; reversed floor(2,800 × 10,000 / 20,000) = 1,400
        ln("return", "H1", "2026-01-25", "C1", "ROOM", "hotel", 1, 10000),
      ],
      [],
      "2026-02-01",
    );
    expect(r.returns.map((x) => [x.orderId, x.refund, x.pointsRefunded, x.pointsReversed])).toEqual([
      ["F1", "800.00", 200, 8],
      ["H1", "10000.00", 0, 1400],
    ]);
    const s = [...r.settlements].sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
    expect(s).toEqual([
      // issued 40 − 8 = 32, redeemed 1,000 − 200 = 800 → 32 − 800 = −768
      { month: "2026-01", partnerId: "FUEL", pointsIssued: 32, pointsRedeemed: 800, balance: "-768.00" },
      // issued 2,800 − 1,400 = 1,400
      { month: "2026-01", partnerId: "HOTEL", pointsIssued: 1400, pointsRedeemed: 0, balance: "1400.00" },
    ]);
    // 2,840 earned + 200 refunded − 1,000 redeemed − 1,408 reversed = 632
    expect(member(r, "C1")).toMatchObject({
      earned: 2840,
      refunded: 200,
      redeemed: 1000,
      reversed: 1408,
      balance: 632,
    });
  });
});

// ---- 13 tenure ----------------------------------------------------------------------------------------------

describe("13 tenure", () => {
  const p = load("13-tenure");
  const buy = (id: string, date: string, c: string, units: number, price: number) =>
    ln("order", id, date, c, "GOODS", "goods", units, price);
  const companies = [company("C1", { joinedOn: "2025-03-01" }), company("C2", { joinedOn: "2023-03-01" })];

  it("earns 1% in the first year, 2% from the 1st to the 3rd anniversary of joined_on, 3% after", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-02-28", "C1", 1, 1000), // 0 years → 1% → 10
        buy("O2", "2026-02-28", "C2", 1, 1000), // joined 2023-03-01: 2 years → 2% → 20
        buy("O3", "2026-03-01", "C1", 1, 1000), // 1st anniversary → 2% → 20
        buy("O4", "2026-03-01", "C2", 1, 1000), // 3rd anniversary → 3% → 30
        buy("O5", "2026-03-02", "C2", 1, 1234.56), // 3% → 37.0368 → 37
        buy("O6", "2028-02-29", "C1", 1, 1000), // 2 years → 2% → 20
        buy("O7", "2028-03-01", "C1", 1, 1000), // 3rd anniversary → 3% → 30
      ],
      companies,
    );
    expect(r.orders.map((o) => [o.orderId, o.pointsEarned])).toEqual([
      ["O1", 10],
      ["O2", 20],
      ["O3", 20],
      ["O4", 30],
      ["O5", 37],
      ["O6", 20],
      ["O7", 30],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 80, balance: 80 }); // 10 + 20 + 20 + 30
    expect(member(r, "C2")).toMatchObject({ earned: 87, balance: 87 }); // 20 + 30 + 37
  });

  it("a return takes back points at the rate they were earned, not the rate on the day of the return", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-02-20", "C1", 3, 1000), // 3,000 at 1% → 30
        // after the anniversary: refund 1,000; reversed floor(30 × 1,000 / 3,000) = 10 (not 2% of 1,000)
        ln("return", "O1", "2026-03-02", "C1", "GOODS", "goods", 1, 1000),
        buy("O2", "2026-03-02", "C1", 1, 1000), // 2% → 20
      ],
      companies,
    );
    expect(r.returns).toEqual([
      expect.objectContaining({ orderId: "O1", refund: "1000.00", pointsReversed: 10 }),
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 50, reversed: 10, balance: 40 }); // 30 − 10 + 20
  });
});

// ---- 14 sales campaign --------------------------------------------------------------------------------------

describe("14 sales campaign", () => {
  const p = load("14-sales-campaign");
  const sale = (id: string, date: string, rep: string | null, units: number, price: number) =>
    ln("order", id, date, "C1", "GOODS", "goods", units, price, { salesRepId: rep });
  const quarter = [
    sale("A1", "2026-01-15", "rep-a", 5, 100000), // 500,000 → 500 (target 500: reached)
    sale("B1", "2026-02-01", "rep-b", 1, 499999.99), // 499 (target 500: missed)
    sale("S1", "2026-02-10", "rep-senior", 6, 100000), // 600,000 → 600 (own target 800: missed)
    sale("R1", "2026-03-01", "rep-c", 1, 100500), // 100
    sale("R2", "2026-03-31T23:30:00+03:00", "rep-c", 1, 100500), // still 31 March in Moscow: 100
    sale("N1", "2026-03-05", null, 1, 900000), // no sales person: no score
  ];

  it("scores 1 point per full 1,000 of each order's net and gives the prizes the day after the quarter", () => {
    const r = play(p, [
      ...quarter,
      // 21:30 UTC on 31 March is 00:30 on 1 April in Moscow: after the quarter, no score
      sale("D1", "2026-03-31T21:30:00Z", "rep-d", 1, 900000),
    ]);
    expect(r.campaigns).toEqual([
      {
        id: "q1-2026",
        from: "2026-01-01",
        to: "2026-03-31",
        closed: true,
        leaderboard: [
          {
            rank: 1,
            participant: "rep-senior",
            points: 600,
            target: 800,
            reachedTarget: false,
            prizes: ["top-3-prize"],
          },
          {
            rank: 2,
            participant: "rep-a",
            points: 500,
            target: 500,
            reachedTarget: true,
            prizes: ["top-3-prize", "target-bonus"],
          },
          {
            rank: 3,
            participant: "rep-b",
            points: 499,
            target: 500,
            reachedTarget: false,
            prizes: ["top-3-prize"],
          },
          // 100 + 100 = 200, not floor(201,000 / 1,000) = 201: each order is scored on its own
          { rank: 4, participant: "rep-c", points: 200, target: 500, reachedTarget: false, prizes: [] },
        ],
      },
    ]);
    const prizes = r.journal
      .filter((j) => j.type === "benefit")
      .map((j) => [j.date, j.participant, j.benefit])
      .sort((a, b) => (String(a[1]) + a[2] < String(b[1]) + b[2] ? -1 : 1));
    expect(prizes).toEqual([
      ["2026-04-01", "rep-a", "target-bonus"],
      ["2026-04-01", "rep-a", "top-3-prize"],
      ["2026-04-01", "rep-b", "top-3-prize"],
      ["2026-04-01", "rep-senior", "top-3-prize"],
    ]);
  });

  it("keeps the board open and gives no prize until the day after the quarter", () => {
    const r = play(p, quarter, [], "2026-03-31");
    expect(r.campaigns[0]?.closed).toBe(false);
    expect(r.campaigns[0]?.leaderboard.map((x) => [x.rank, x.participant, x.points])).toEqual([
      [1, "rep-senior", 600],
      [2, "rep-a", 500],
      [3, "rep-b", 499],
      [4, "rep-c", 200],
    ]);
    expect(r.journal.filter((j) => j.type === "benefit")).toEqual([]);
  });

  it("a return in the quarter takes back the score of the returned net", () => {
    const r = play(
      p,
      [
        sale("A1", "2026-01-15", "rep-a", 5, 100000), // 500
        // refund 100,000; score back floor(500 × 100,000 / 500,000) = 100 → 400 < 500
        ln("return", "A1", "2026-03-15", "C1", "GOODS", "goods", 1, 100000),
      ],
      [],
      "2026-04-01",
    );
    expect(r.campaigns[0]?.leaderboard).toEqual([
      {
        rank: 1,
        participant: "rep-a",
        points: 400,
        target: 500,
        reachedTarget: false,
        prizes: ["top-3-prize"],
      },
    ]);
    expect(r.journal.filter((j) => j.type === "benefit").map((j) => j.benefit)).toEqual(["top-3-prize"]);
  });
});

// ---- 16 individual discount ---------------------------------------------------------------------------------

describe("16 individual discount", () => {
  const p = load("16-individual-discount");

  it("the example's grants apply: C1 gets 4% and C2 8% off every line, other companies nothing", () => {
    const r = play(p, [
      // 12,345.67 × 4% = 493.8268 → 493.83; 2 × 100 × 4% = 8.00 → 501.83; 12,545.67 − 501.83 = 12,043.84
      ln("order", "O1", "2026-01-10", "C1", "A", "goods", 1, 12345.67),
      ln("order", "O1", "2026-01-10", "C1", "B", "goods", 2, 100),
      ln("order", "O2", "2026-01-10", "C2", "A", "goods", 1, 10000), // 8% → 800
      ln("order", "O3", "2026-01-10", "C3", "A", "goods", 1, 10000), // no grant
    ]);
    expect(priced(r)).toEqual([
      ["O1", "501.83", "12043.84", 0],
      ["O2", "800.00", "9200.00", 0],
      ["O3", "0.00", "10000.00", 0],
    ]);
  });

  it("a return takes back the grant's discount on the returned units", () => {
    const r = play(p, [
      ln("order", "O1", "2026-01-10", "C2", "A", "goods", 2, 5000), // 10,000 × 8% = 800 → 9,200
      ln("return", "O1", "2026-01-11", "C2", "A", "goods", 1, 5000), // 5,000 − 400 = 4,600
    ]);
    expect(r.returns).toEqual([expect.objectContaining({ orderId: "O1", refund: "4600.00" })]);
  });

  it("a grant above 5% without approvedBy does not validate; up to 5% needs no approval", () => {
    const text = exampleYaml("16-individual-discount");
    const unapproved = text.replace(/\n\s*approvedBy: finance-oleg,/, "");
    expect(unapproved).not.toBe(text);
    const bad = parseProgram(unapproved);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.some((i) => i.path.endsWith("approvedBy"))).toBe(true);

    const five = parseProgram(text.replace('rate: "4%"', 'rate: "5%"'));
    expect(five.ok).toBe(true);
    const over = parseProgram(text.replace('rate: "4%"', 'rate: "5.01%"'));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues.some((i) => i.path.endsWith("approvedBy"))).toBe(true);
  });
});

// ---- 18 segments --------------------------------------------------------------------------------------------

describe("18 segments", () => {
  const p = load("18-segments");
  const buy = (
    id: string,
    date: string,
    c: string,
    units: number,
    price: number,
    redeem: number | null = null,
  ) => ln("order", id, date, c, "GOODS", "goods", units, price, { pointsToRedeem: redeem });
  const companies = [
    company("C1", { segment: "distributor" }),
    company("C2", { segment: "retail" }),
    company("C4"),
  ];

  it("distributors earn 2% and every other company 1%", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-10", "C1", 1, 10000), // distributor: 2% → 200
        buy("O2", "2026-01-10", "C2", 1, 10000), // retail: 1% → 100
        buy("O3", "2026-01-10", "C3", 1, 10000), // not in the companies file: 1% → 100
        buy("O4", "2026-01-10", "C4", 1, 10000), // no segment: 1% → 100
        buy("O5", "2026-01-11", "C1", 1, 1234.56), // 2% → 24.6912 → 24
      ],
      companies,
    );
    expect(r.orders.map((o) => [o.orderId, o.pointsEarned])).toEqual([
      ["O1", 200],
      ["O2", 100],
      ["O3", 100],
      ["O4", 100],
      ["O5", 24],
    ]);
  });

  it("returns reverse earned points cumulatively, so the whole order reverses exactly what it earned", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-10", "C1", 3, 333.33), // 999.99 × 2% = 19.9998 → 19
        ln("return", "O1", "2026-01-11", "C1", "GOODS", "goods", 1, 333.33), // floor(19 × 333.33/999.99) = 6
        ln("return", "O1", "2026-01-12", "C1", "GOODS", "goods", 1, 333.33), // floor(19 × 666.66/999.99) = 12 → 6
        ln("return", "O1", "2026-01-13", "C1", "GOODS", "goods", 1, 333.33), // 19 → 7
      ],
      companies,
    );
    expect(r.returns.map((x) => [x.refund, x.pointsReversed])).toEqual([
      ["333.33", 6],
      ["333.33", 6],
      ["333.33", 7],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 19, reversed: 19, balance: 0 });
  });

  it("a return gives back the points spent on the returned units and reverses points earned on their net", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-10", "C1", 1, 10000), // 200
        buy("O2", "2026-01-11", "C1", 2, 2500, 200), // 5,000 − 200 pts → 4,800 × 2% = 96
        // 1 of 2 units: points back floor(200 × 1/2) = 100; refund 2,500 − 100 = 2,400;
        // reversed floor(96 × 2,400 / 4,800) = 48
        ln("return", "O2", "2026-01-12", "C1", "GOODS", "goods", 1, 2500),
      ],
      companies,
    );
    expect(byOrder(r, "O2")).toMatchObject({ pointsRedeemed: 200, net: "4800.00", pointsEarned: 96 });
    expect(r.returns).toEqual([
      expect.objectContaining({ refund: "2400.00", pointsRefunded: 100, pointsReversed: 48 }),
    ]);
    // 200 − 200 + 96 + 100 − 48 = 148
    expect(member(r, "C1")).toMatchObject({
      earned: 296,
      redeemed: 200,
      refunded: 100,
      reversed: 48,
      balance: 148,
    });
  });

  it("points asked for are spent up to the balance and up to 100% of the order", () => {
    const r = play(
      p,
      [
        buy("O1", "2026-01-10", "C1", 1, 10000), // 200
        buy("O2", "2026-01-11", "C1", 1, 150, 500), // cap 100% of 150 → 150 spent; net 0 → 0 points
        buy("O3", "2026-01-12", "C1", 1, 1000, 500), // balance 200 − 150 = 50 → 50 spent; net 950 → 19
      ],
      companies,
    );
    expect(r.orders.map((o) => [o.orderId, o.pointsRedeemed, o.net, o.pointsEarned])).toEqual([
      ["O1", 0, "10000.00", 200],
      ["O2", 150, "0.00", 0],
      ["O3", 50, "950.00", 19],
    ]);
    expect(member(r, "C1")).toMatchObject({ earned: 219, redeemed: 200, balance: 19 });
  });
});
