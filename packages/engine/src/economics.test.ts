// Tests of the economics calculator against the spec's worked examples (mechanic 6) and its edge cases.
import { describe, expect, it } from "vitest";
import {
  breakEvenGrowth,
  type DesignReport,
  EconomicsError,
  type EconomicsReport,
  economics,
  effectiveTierRate,
  formatRational,
  formatSharePercent,
  marginFromMarkup,
  markupFromMargin,
  parsePriceMinor,
  parseShare,
  parseTiers,
  rational,
  rationalEquals,
  shareOfProfit,
} from "./economics.ts";

const ARTICLE = { priceMinor: 900_000, margin: "30%" } as const;

function design(report: EconomicsReport, label: string): DesignReport {
  const found = report.designs.find((d) => d.label === label);
  if (!found) throw new Error(`no design ${label} in ${report.designs.map((d) => d.label).join(", ")}`);
  return found;
}

function errorOf(run: () => unknown): EconomicsError {
  try {
    run();
  } catch (e) {
    if (e instanceof EconomicsError) return e;
    throw e;
  }
  throw new Error("expected an EconomicsError");
}

describe("parseShare", () => {
  it("reads percents, decimals and fractions as the same exact rational", () => {
    expect(parseShare("30%")).toEqual(rational(3n, 10n));
    expect(parseShare("0.3")).toEqual(rational(3n, 10n));
    expect(parseShare("3/10")).toEqual(rational(3n, 10n));
    expect(parseShare(" 12.5 % ")).toEqual(rational(1n, 8n));
  });

  it("keeps shares that floats cannot hold exactly", () => {
    const sum = [parseShare("0.1"), parseShare("0.2")].reduce((a, b) =>
      rational(a.num * b.den + b.num * a.den, a.den * b.den),
    );
    expect(rationalEquals(sum, parseShare("0.3"))).toBe(true);
  });

  it("refuses text that is not a share, naming the field", () => {
    for (const bad of ["", "abc", "-5%", "5%%", "1/0", "1e-2", "0x10"]) {
      expect(errorOf(() => parseShare(bad, "margin")).field).toBe("margin");
    }
  });
});

describe("rounding", () => {
  it("rounds half up at the stated number of decimals", () => {
    expect(formatRational(rational(1n, 6n), 3)).toBe("0.167");
    expect(formatRational(rational(5n, 100n), 1)).toBe("0.1");
    expect(formatRational(rational(-5n, 100n), 1)).toBe("-0.1");
    expect(formatRational(rational(2700n), 2)).toBe("2700.00");
    expect(formatSharePercent(rational(1n, 12n))).toBe("8.3");
    expect(formatSharePercent(rational(1n, 40n), 0)).toBe("3");
  });
});

describe("economics of the article's example (price 9,000, margin 30%)", () => {
  const report = economics({ ...ARTICLE, discounts: ["5%"], bonuses: ["5%"] });

  it("makes a profit of 2,700 per sale", () => {
    expect(report.profitPerSale).toBe("2700.00");
    expect(design(report, "discount 5%").profitPerSaleBefore).toBe("2700.00");
  });

  it("a 5% discount costs 450, leaves 2,250 and takes 16.7% of the profit", () => {
    const d = design(report, "discount 5%");
    expect(d.costPerSale).toBe("450.00");
    expect(d.profitPerSaleAfter).toBe("2250.00");
    expect(d.shareOfProfitPercent).toBe("16.7");
    expect(shareOfProfit(parseShare("5%"), parseShare("30%"))).toEqual(rational(1n, 6n));
  });

  it("a 5% bonus spent on the next purchase costs 450 of two purchases' 5,400 profit: 8.3%", () => {
    const b = design(report, "bonus 5%");
    expect(b.bonusCycle).toEqual({ sales: 2, profitBefore: "5400.00", cost: "450.00" });
    expect(b.costPerSale).toBe("225.00");
    expect(b.shareOfProfitPercent).toBe("8.3");
  });

  it("notes where the article's arithmetic differs: 17.5% for the discount, 8.5% for the bonus", () => {
    const [discountNote] = design(report, "discount 5%").articleNotes;
    expect(discountNote).toMatchObject({ field: "shareOfProfitPercent", ours: "16.7", article: "17.5" });
    expect(discountNote?.note).toContain("450.00 / 2700.00 = 16.7%");
    expect(discountNote?.note).toContain("472.50");
    const [bonusNote] = design(report, "bonus 5%").articleNotes;
    expect(bonusNote).toMatchObject({ field: "shareOfProfitPercent", ours: "8.3", article: "8.5" });
    expect(bonusNote?.note).toContain("450.00 / 5400.00");
  });

  it("a bonus that keeps being earned and spent costs as much of the profit as the same discount in the long run", () => {
    expect(design(report, "bonus 5%").longRunShareOfProfitPercent).toBe("16.7");
    expect(design(report, "discount 5%").longRunShareOfProfitPercent).toBe("16.7");
  });

  it("states its rounding", () => {
    expect(report.rounding).toEqual({ rule: "half-up", percentDecimals: 1, moneyDecimals: 2 });
  });
});

describe("breakage", () => {
  it("with 20% breakage the 5% bonus costs 360 of 5,400: 6.7%", () => {
    const report = economics({ ...ARTICLE, bonuses: ["5%"], breakage: "20%" });
    const b = design(report, "bonus 5%");
    expect(b.bonusCycle).toEqual({ sales: 2, profitBefore: "5400.00", cost: "360.00" });
    expect(b.shareOfProfitPercent).toBe("6.7");
    expect(report.breakagePercent).toBe("20.0");
  });

  it("drops the article note once the input is no longer the article's example", () => {
    const report = economics({ ...ARTICLE, bonuses: ["5%"], breakage: "20%" });
    expect(design(report, "bonus 5%").articleNotes).toEqual([]);
  });

  it("does not change what a discount costs", () => {
    const report = economics({ ...ARTICLE, discounts: ["5%"], breakage: "50%" });
    expect(design(report, "discount 5%").shareOfProfitPercent).toBe("16.7");
  });

  it("at 100% nobody spends the bonus and it costs nothing", () => {
    const report = economics({ ...ARTICLE, bonuses: ["5%"], breakage: "100%" });
    expect(design(report, "bonus 5%").costPerSale).toBe("0.00");
    expect(design(report, "bonus 5%").breakEvenGrowthPercent).toBe("0.0");
  });
});

describe("break-even sales growth", () => {
  it("with a 45% margin a 10% discount needs 28.6% more sales, and notes the article's 26.6%", () => {
    const report = economics({ priceMinor: 100_000, margin: "45%", discounts: ["10%"] });
    const d = design(report, "discount 10%");
    expect(d.breakEvenGrowthPercent).toBe("28.6");
    expect(breakEvenGrowth(parseShare("10%"), parseShare("45%"))).toEqual(rational(2n, 7n));
    expect(d.articleNotes).toEqual([
      expect.objectContaining({ field: "breakEvenGrowthPercent", ours: "28.6", article: "26.6" }),
    ]);
    expect(d.articleNotes[0]?.note).toContain("44.31%");
  });

  it("keeps total profit exactly when sales grow by the break-even share", () => {
    const margin = parseShare("30%");
    const cost = parseShare("5%");
    const growth = breakEvenGrowth(cost, margin);
    if (growth === null) throw new Error("expected a growth");
    const after = rational(
      (growth.num + growth.den) * (margin.num * cost.den - cost.num * margin.den),
      growth.den * margin.den * cost.den,
    );
    expect(rationalEquals(after, margin)).toBe(true);
  });

  it("has none when the discount takes the whole margin", () => {
    const report = economics({ priceMinor: 100_000, margin: "10%", discounts: ["10%", "15%"] });
    expect(design(report, "discount 10%").breakEvenGrowthPercent).toBeNull();
    expect(design(report, "discount 15%").breakEvenGrowthPercent).toBeNull();
    expect(design(report, "discount 15%").profitPerSaleAfter).toBe("-50.00");
    expect(design(report, "discount 15%").shareOfProfitPercent).toBe("150.0");
  });
});

describe("markup", () => {
  it("a 50% markup is a 33.3% margin", () => {
    expect(marginFromMarkup(parseShare("50%"))).toEqual(rational(1n, 3n));
    const byMarkup = economics({ priceMinor: 900_000, markup: "50%", discounts: ["5%"], bonuses: ["5%"] });
    const byMargin = economics({ priceMinor: 900_000, margin: "1/3", discounts: ["5%"], bonuses: ["5%"] });
    expect(byMarkup.marginPercent).toBe("33.3");
    expect(byMarkup.markupPercent).toBe("50.0");
    expect(byMarkup.profitPerSale).toBe("3000.00");
    expect(byMarkup.designs).toEqual(byMargin.designs);
  });

  it("turns back into the same markup from the margin", () => {
    const markup = parseShare("42.5%");
    expect(markupFromMargin(marginFromMarkup(markup))).toEqual(markup);
    expect(markupFromMargin(parseShare("100%"))).toBeNull();
  });
});

describe("tier designs", () => {
  it("average the tier rates by share of sales into one effective rate", () => {
    expect(effectiveTierRate(parseTiers("60%:1%,30%:2%,10%:3%"))).toEqual(rational(3n, 200n));
  });

  it("are compared side by side with discounts and bonuses, paid as a bonus by default", () => {
    const report = economics({
      ...ARTICLE,
      discounts: ["5%"],
      bonuses: ["5%"],
      tiers: ["60%:1%,30%:2%,10%:3%"],
    });
    expect(report.designs.map((d) => [d.kind, d.shareOfProfitPercent])).toEqual([
      ["discount", "16.7"],
      ["bonus", "8.3"],
      ["tiers", "2.5"],
    ]);
    const t = design(report, "tiers 60%:1%, 30%:2%, 10%:3%");
    expect(t).toMatchObject({ paidAs: "bonus", ratePercent: "1.5", costPerSale: "67.50", articleNotes: [] });
  });

  it("can be paid as a discount", () => {
    const report = economics({
      ...ARTICLE,
      tiers: [{ levels: [{ share: "100%", rate: "5%" }], paidAs: "discount", label: "flat" }],
    });
    expect(design(report, "flat")).toMatchObject({ costPerSale: "450.00", shareOfProfitPercent: "16.7" });
  });

  it("refuse shares of sales that do not add up to 100%", () => {
    const e = errorOf(() => economics({ ...ARTICLE, tiers: ["60%:1%,30%:2%"] }));
    expect(e.field).toBe("tiers[0]");
    expect(e.reason).toContain("90%");
  });

  it("refuse a tier written without its rate", () => {
    expect(errorOf(() => economics({ ...ARTICLE, tiers: ["60%:1%,40%"] })).field).toBe("tiers[0]");
    expect(errorOf(() => economics({ ...ARTICLE, tiers: ["60%:1%,40%:x"] })).field).toBe("tiers[0][1].rate");
  });
});

describe("bad input", () => {
  it("names the field at fault", () => {
    expect(errorOf(() => economics({ ...ARTICLE, discounts: ["5%", "120%"] })).field).toBe("discounts[1]");
    expect(errorOf(() => economics({ ...ARTICLE, bonuses: ["five"] })).field).toBe("bonuses[0]");
    expect(errorOf(() => economics({ ...ARTICLE, discounts: ["5%"], breakage: "2" })).field).toBe("breakage");
    expect(errorOf(() => economics({ priceMinor: 0, margin: "30%", discounts: ["5%"] })).field).toBe(
      "priceMinor",
    );
    expect(errorOf(() => economics({ priceMinor: 1.5, margin: "30%", discounts: ["5%"] })).field).toBe(
      "priceMinor",
    );
  });

  it("wants exactly one of margin and markup, above zero", () => {
    expect(errorOf(() => economics({ priceMinor: 100, discounts: ["5%"] })).field).toBe("margin");
    expect(errorOf(() => economics({ ...ARTICLE, markup: "50%", discounts: ["5%"] })).reason).toContain(
      "not both",
    );
    expect(errorOf(() => economics({ priceMinor: 100, margin: "0%", discounts: ["5%"] })).field).toBe(
      "margin",
    );
    expect(errorOf(() => economics({ priceMinor: 100, markup: "0", discounts: ["5%"] })).field).toBe(
      "markup",
    );
  });

  it("explains that a margin written as 30 means 3000%", () => {
    expect(errorOf(() => economics({ priceMinor: 100, margin: "30", discounts: ["5%"] })).reason).toBe(
      '"30" would be 3000%: write 30% for a percentage, or 0.3',
    );
    expect(errorOf(() => economics({ priceMinor: 100, margin: "1.5", discounts: ["5%"] })).reason).toContain(
      "would be",
    );
  });

  it("wants at least one design", () => {
    expect(errorOf(() => economics({ ...ARTICLE })).field).toBe("designs");
  });

  it("bounds the number of designs", () => {
    const many = Array.from({ length: 21 }, () => "1%");
    expect(errorOf(() => economics({ ...ARTICLE, discounts: many })).field).toBe("discounts");
  });
});

describe("parsePriceMinor", () => {
  it("reads a price in currency units into minor units", () => {
    expect(parsePriceMinor("9000")).toBe(900_000);
    expect(parsePriceMinor("9000.5")).toBe(900_050);
    expect(parsePriceMinor("9000", 0)).toBe(9000);
  });

  it("refuses more decimals than the currency has, and prices of zero or less", () => {
    for (const bad of ["9000.001", "0", "-1", "abc", ""])
      expect(errorOf(() => parsePriceMinor(bad)).field).toBe("price");
  });
});

describe("exactness", () => {
  it("a price in many minor units gives exact money, not float money", () => {
    const report = economics({ priceMinor: 900_719_925_474_099, margin: "33.3333%", discounts: ["7.77%"] });
    // 9007199254740.99 × 0.0777 = 699859382093.374923 → 699859382093.37
    expect(design(report, "discount 7.77%").costPerSale).toBe("699859382093.37");
  });
});
