// A referral that credits the referrer after payment (example 11 with `credit: afterPayment` and a 14-day
// return window after payment): the referred company's first order gets 30% at once, but the referrer's
// 1,000 points become spendable only once that order is paid and the window has passed.
import { describe, expect, it } from "vitest";
import { replay } from "./replay/replay.ts";
import { company, exampleText, expectBooksBalance, memberOf, orderOf, programFrom, row } from "./testing.ts";

const p = programFrom(
  `${exampleText("11-codes").replace("referrerPoints: 1000", "referrerPoints: 1000\n    credit: afterPayment")}
pending: { untilPaid: true, returnWindowDays: 14 }
`,
);
const buy = (id: string, date: string, c: string, price: number, extra: object = {}) =>
  row("order", id, date, c, "GOODS", "goods", 1, price, extra);
const companies = [company("C1"), company("C2"), company("C3")];

describe("a referral credited after payment", () => {
  it("credits the referrer only after the referred company's first order is paid and past its return window", () => {
    const r = replay(
      [p],
      [
        // C2's first order with C1's code, paid on the 20th: 30% → 6,000; C1's 1,000 wait until 3 February.
        buy("O1", "2026-01-10", "C2", 20000, { promoCode: "REF-C1", paidOn: "2026-01-20" }),
        // C1 asks to spend 5,000 on 2 February: nothing is available yet.
        buy("O2", "2026-02-02", "C1", 3000, { pointsToRedeem: 5000, paidOn: "2026-02-02" }),
        // On 3 February the credit is there: 1,000 spent.
        buy("O3", "2026-02-03", "C1", 3000, { pointsToRedeem: 5000, paidOn: "2026-02-03" }),
        // C3's first order with C1's code is never paid: C1 is never credited for it.
        buy("O4", "2026-01-12", "C3", 20000, { promoCode: "REF-C1" }),
      ],
      companies,
      { asOf: "2026-06-30" },
    );
    expectBooksBalance(r);
    expect(orderOf(r, "O1").discount).toBe("6000.00");
    expect(orderOf(r, "O1").effects).toContainEqual(
      expect.objectContaining({
        code: "referral.referrerPending",
        params: { referrer: "C1", points: 1000, availableOn: "2026-02-03" },
      }),
    );
    expect(orderOf(r, "O2").pointsRedeemed).toBe(0);
    expect(orderOf(r, "O3").pointsRedeemed).toBe(1000);
    expect(orderOf(r, "O4").effects).toContainEqual(
      expect.objectContaining({
        code: "referral.referrerPending",
        params: expect.objectContaining({ availableOn: null }),
      }),
    );
    // The unpaid order's 1,000 stay pending; nothing else is left to C1.
    expect(memberOf(r, "C1")).toMatchObject({ balance: 0, pending: 1000 });
  });
});

describe("a referral reversed by a return", () => {
  const atOnce = programFrom(exampleText("11-codes"));
  const two = (id: string, date: string, c: string, extra: object = {}) =>
    row("order", id, date, c, "A", "goods", 2, 5000, extra);
  const back = (id: string, date: string, c: string, qty: number) =>
    row("return", id, date, c, "A", "goods", qty, 5000);

  it("a partial return keeps the credit; the return that completes the order takes it back", () => {
    const r = replay(
      [atOnce],
      [
        // C2's first order with C1's code: 2 × 5,000 at 30% off → net 7,000; C1 is credited 1,000 at once.
        two("O1", "2026-01-22", "C2", { promoCode: "REF-C1" }),
        back("O1", "2026-01-23", "C2", 1),
        back("O1", "2026-01-24", "C2", 1),
      ],
      companies,
    );
    expectBooksBalance(r);
    expect(orderOf(r, "O1").net).toBe("7000.00");
    const [half, rest] = r.returns;
    expect(half?.refund).toBe("3500.00");
    expect(half?.effects.map((e) => e.code)).not.toContain("referral.reversed");
    expect(rest?.effects).toContainEqual(
      expect.objectContaining({ code: "referral.reversed", params: { referrer: "C1", points: 1000 } }),
    );
    expect(r.journal).toContainEqual(
      expect.objectContaining({ type: "referralReversed", companyId: "C1", orderId: "O1", points: 1000 }),
    );
    expect(memberOf(r, "C1")).toMatchObject({ balance: 0, earned: 1000, reversed: 1000 });
  });

  it("a referrer that spent its credit goes into debt where the program allows it", () => {
    const r = replay(
      [atOnce],
      [
        two("O1", "2026-01-25", "C3", { promoCode: "REF-C2" }),
        // C2 spends 600 of its 1,000 on an order of 700 (below every step: no discount).
        row("order", "O2", "2026-01-26", "C2", "A", "goods", 1, 700, { pointsToRedeem: 600 }),
        back("O1", "2026-01-27", "C3", 2),
      ],
      companies,
    );
    expectBooksBalance(r);
    expect(orderOf(r, "O2").pointsRedeemed).toBe(600);
    expect(r.returns[0]?.effects).toContainEqual(
      expect.objectContaining({ code: "referral.reversed", params: { referrer: "C2", points: 1000 } }),
    );
    // 400 left are taken from the wallet, 600 become debt: the balance shows −600.
    expect(memberOf(r, "C2")).toMatchObject({ balance: -600, reversed: 1000 });
  });

  it("without debt only what is left is taken back, and the effect says how much", () => {
    const noDebt = programFrom(exampleText("11-codes").replace("allowDebt: true", "allowDebt: false"));
    const r = replay(
      [noDebt],
      [
        two("O1", "2026-01-25", "C3", { promoCode: "REF-C2" }),
        row("order", "O2", "2026-01-26", "C2", "A", "goods", 1, 700, { pointsToRedeem: 600 }),
        back("O1", "2026-01-27", "C3", 2),
      ],
      companies,
    );
    expectBooksBalance(r);
    expect(r.returns[0]?.effects).toContainEqual(
      expect.objectContaining({ code: "referral.reversed", params: { referrer: "C2", points: 400 } }),
    );
    expect(memberOf(r, "C2")).toMatchObject({ balance: 0, reversed: 400 });
  });

  it("a credit still pending is voided by the full return", () => {
    const r = replay(
      [p],
      [
        two("O1", "2026-01-22", "C2", { promoCode: "REF-C1", paidOn: "2026-01-22" }),
        back("O1", "2026-01-23", "C2", 2),
      ],
      companies,
      { asOf: "2026-03-01" },
    );
    expectBooksBalance(r);
    expect(r.returns[0]?.effects).toContainEqual(
      expect.objectContaining({ code: "referral.reversed", params: { referrer: "C1", points: 1000 } }),
    );
    // Nothing matures on 5 February: the pending 1,000 are gone.
    expect(memberOf(r, "C1")).toMatchObject({ balance: 0, pending: 0, earned: 1000, reversed: 1000 });
  });
});
