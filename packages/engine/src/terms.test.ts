// Terms kept outside the program: a paid membership's discount and extra earning, an individual grant.
import { describe, expect, it } from "vitest";
import { type Day, parseDay } from "./dates.ts";
import { evaluateOrder, type MemberTerm } from "./pricing.ts";
import { programFrom, stubReader } from "./testing.ts";
import type { OrderEvent } from "./types.ts";

const HEAD = `
id: terms
name: Terms
version: 1
currency: EUR
timeZone: Europe/Berlin
startsOn: "2026-01-01"
pointValue: 1
wallet: { earner: company }
`;

const day = (s: string) => parseDay(s) as Day;

function ticket(date: string, price: number, code: string | null = null): OrderEvent {
  return {
    type: "order",
    orderId: `o-${date}`,
    day: day(date),
    companyId: "C1",
    contactId: null,
    lines: [
      {
        sku: "TICKET",
        category: "tickets",
        quantityMilli: 1000,
        unitPriceMinor: price * 100,
        unitCostMinor: null,
        vatPpm: 0,
      },
    ],
    pointsToRedeem: 0,
    code,
    paidOn: null,
    termMonths: null,
    partnerId: null,
    salesRepId: null,
  };
}

// BahnCard 50: bought on 2026-03-01 for 220, a year of half-price tickets (to 2027-02-28 inclusive).
const bahncard: MemberTerm = {
  kind: "membership",
  id: "mbr_1",
  label: "BahnCard 50",
  discountPpm: 500_000,
  extraEarnPpm: 0,
  benefits: ["priorityService"],
  validFrom: day("2026-03-01"),
  validTo: day("2027-02-28"),
};

describe("member terms", () => {
  const p = programFrom(`${HEAD}
earning: { baseRate: "1%" }
discounts:
  - { id: welcome, kind: code, code: ALONE, validDays: 365, rate: "10%", combinable: false }
`);

  it("a membership bought for 220 halves every ticket during its year and not after", () => {
    const reader = stubReader({ terms: [bahncard] });
    const before = evaluateOrder(p, reader, ticket("2026-02-28", 100));
    expect(before.discountMinor).toBe(0);
    const during = evaluateOrder(p, reader, ticket("2026-03-01", 100));
    expect(during).toMatchObject({ discountMinor: 5_000, netMinor: 5_000 });
    expect(during.terms).toEqual([{ kind: "membership", id: "mbr_1", discountMinor: 5_000, extraPoints: 0 }]);
    expect(during.benefits).toEqual([{ code: "priorityService", quantity: 1, unit: null, rule: "mbr_1" }]);
    expect(during.effects.some((x) => x.code === "term.membership")).toBe(true);
    const lastDay = evaluateOrder(p, reader, ticket("2027-02-28", 100));
    expect(lastDay.discountMinor).toBe(5_000);
    const after = evaluateOrder(p, reader, ticket("2027-03-01", 100));
    expect(after).toMatchObject({ discountMinor: 0, netMinor: 10_000, terms: [], benefits: [] });
    // Ten tickets of 100 in the year save 500: the fee of 220 pays for itself on the fifth ticket.
    let saved = 0;
    for (let i = 0; i < 10; i++) saved += evaluateOrder(p, reader, ticket("2026-06-01", 100)).discountMinor;
    expect(saved).toBe(50_000);
  });

  it("the best valid discount applies, not the sum, and extra earning is added on the net amount", () => {
    const grant: MemberTerm = {
      kind: "individual",
      id: "grt_1",
      label: "three-year contract",
      discountPpm: 40_000,
      extraEarnPpm: 20_000,
      benefits: [],
      validFrom: day("2026-01-01"),
      validTo: day("2026-12-31"),
    };
    const out = evaluateOrder(p, stubReader({ terms: [grant, bahncard] }), ticket("2026-06-01", 1000));
    // 50% of 1,000 = 500 off; earning 1% of 500 = 5, plus 2% of 500 = 10 extra.
    expect(out).toMatchObject({ discountMinor: 50_000, netMinor: 50_000 });
    expect(out.earned.points).toBe(15);
    expect(out.terms).toEqual([
      { kind: "membership", id: "mbr_1", discountMinor: 50_000, extraPoints: 0 },
      { kind: "individual", id: "grt_1", discountMinor: 0, extraPoints: 10 },
    ]);
  });

  it("a program discount that does not combine excludes the term's discount", () => {
    const out = evaluateOrder(p, stubReader({ terms: [bahncard] }), ticket("2026-06-01", 100, "ALONE"));
    expect(out.discountMinor).toBe(1_000);
    expect(out.terms).toEqual([]);
    expect(out.effects).toContainEqual({
      code: "discount.excluded",
      rule: "mbr_1",
      version: 1,
      params: { by: "welcome" },
    });
  });
});
