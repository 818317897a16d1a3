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
