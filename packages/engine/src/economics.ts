// Economics calculator: what a discount, a bonus or a tier design takes out of the profit on a sale.
// Pure and exact: shares are rationals over bigint, and only the final figures are rounded (half up).
import { bigDivHalfUp, parseScaled } from "./money.ts";

/** An exact fraction num/den in lowest terms, den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** A share of something (margin, rate, breakage): a Rational, or text such as "30%", "0.3" or "3/10". */
export type ShareInput = Rational | string;

/** One tier of a tier design: the share of sales made at that tier and the rate it earns or gets off. */
export interface TierLevel {
  share: Rational;
  rate: Rational;
}

/** A tier design as given: "60%:1%,30%:2%,10%:3%" or a list of levels; paid as a bonus unless said otherwise. */
export type TierDesignInput =
  | string
  | { levels: readonly { share: ShareInput; rate: ShareInput }[]; paidAs?: PaidAs; label?: string };

/** How a design hands its value over: off the price now, or as points spent on a later purchase. */
export type PaidAs = "discount" | "bonus";

/** What the calculator takes; exactly one of margin (share of price) and markup (share of cost). */
export interface EconomicsInput {
  /** Price of one sale in minor units (9000.00 → 900000 with 2 digits). */
  priceMinor: number;
  /** Minor-unit digits of the currency; 2 unless given. */
  moneyDigits?: number;
  margin?: ShareInput;
  markup?: ShareInput;
  discounts?: readonly ShareInput[];
  bonuses?: readonly ShareInput[];
  tiers?: readonly TierDesignInput[];
  /** Share of bonus points never spent (expired or forgotten); 0 unless given. Discounts have none. */
  breakage?: ShareInput;
}

/** A figure the source article also gives, where its own arithmetic comes out differently from ours. */
export interface ArticleNote {
  /** The field of the design report the note is about. */
  field: "shareOfProfitPercent" | "breakEvenGrowthPercent";
  ours: string;
  article: string;
  note: string;
}

/** One design's economics. Money fields are decimal strings in currency units; *Percent fields are percents. */
export interface DesignReport {
  kind: "discount" | "bonus" | "tiers";
  paidAs: PaidAs;
  label: string;
  /** The rate; for tiers, the sales-weighted average of the tier rates. */
  ratePercent: string;
  profitPerSaleBefore: string;
  /** What the design costs per sale; a bonus's cost is spread over the purchase that earns and the one that spends. */
  costPerSale: string;
  profitPerSaleAfter: string;
  shareOfProfitPercent: string;
  /** Sales growth that brings total profit back to where it was; null when the design eats the whole profit. */
  breakEvenGrowthPercent: string | null;
  /** For bonuses: one bonus earned on a purchase and spent on the next, over those purchases. */
  bonusCycle: { sales: number; profitBefore: string; cost: string } | null;
  /** Share of profit when every purchase earns and every bonus is spent later: rate × (1 − breakage) / margin. */
  longRunShareOfProfitPercent: string;
  articleNotes: ArticleNote[];
}

/** The calculator's answer: the inputs as understood and every design side by side, in input order. */
export interface EconomicsReport {
  rounding: { rule: "half-up"; percentDecimals: number; moneyDecimals: number };
  price: string;
  marginPercent: string;
  /** Null when the margin is 100% (nothing is paid for the goods). */
  markupPercent: string | null;
  breakagePercent: string;
  profitPerSale: string;
  designs: DesignReport[];
}

/** Bad input to the calculator; `field` is the input path ("margin", "discounts[1]", "tiers[0]"). */
export class EconomicsError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Percents are reported to this many decimals. */
export const PERCENT_DECIMALS = 1;
/** The article's bonus: earned on one purchase, spent on the next. */
export const BONUS_CYCLE_SALES = 2;

const MAX_DESIGNS_PER_KIND = 20;
const MAX_TIER_LEVELS = 20;
const MAX_SHARE_TEXT = 40;
const MAX_MONEY_DIGITS = 6;

/** Builds a rational in lowest terms with a positive denominator. */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError("rational: zero denominator");
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  return { num: (sign * num) / g, den: (sign * den) / g };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

const ZERO = rational(0n);
const ONE = rational(1n);
const HUNDRED = rational(100n);

function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

function div(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

function cmp(a: Rational, b: Rational): number {
  const d = a.num * b.den - b.num * a.den;
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** True when two rationals are the same number. */
export function rationalEquals(a: Rational, b: Rational): boolean {
  return cmp(a, b) === 0;
}

/** Rounds half up (half away from zero) to `decimals` and writes it out: (1/6, 3) → "0.167". */
export function formatRational(value: Rational, decimals: number): string {
  const scaled = bigDivHalfUp(value.num * 10n ** BigInt(decimals), value.den);
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${neg ? "-" : ""}${whole}${decimals > 0 ? `.${frac}` : ""}`;
}

/** A share as a percent number, rounded half up: (1/6) → "16.7". */
export function formatSharePercent(share: Rational, decimals = PERCENT_DECIMALS): string {
  return formatRational(mul(share, HUNDRED), decimals);
}

const SHARE_DECIMAL = /^(\d+)(?:\.(\d+))?\s*(%)?$/;
const SHARE_FRACTION = /^(\d+)\s*\/\s*(\d+)$/;

/** Parses "30%", "12.5%", "0.3" or "3/10" into an exact rational; throws EconomicsError naming `field`. */
export function parseShare(text: string, field = "share"): Rational {
  const t = text.trim();
  const bad = new EconomicsError(field, `"${text}" is not a share: write it as 30%, 0.3 or 3/10`);
  if (t.length > MAX_SHARE_TEXT) throw bad;
  const d = SHARE_DECIMAL.exec(t);
  if (d) {
    const frac = d[2] ?? "";
    const den = 10n ** BigInt(frac.length) * (d[3] ? 100n : 1n);
    const num = BigInt(`${d[1]}${frac}`);
    // "30" without a sign is a fraction, 3000%: almost surely meant as 30%, so ask rather than guess.
    if (!d[3] && num > den) {
      throw new EconomicsError(
        field,
        `"${text}" would be ${describeShare(rational(num, den))}: write 30% for a percentage, or 0.3`,
      );
    }
    return rational(num, den);
  }
  const f = SHARE_FRACTION.exec(t);
  if (f && BigInt(f[2] ?? "0") !== 0n) return rational(BigInt(f[1] ?? "0"), BigInt(f[2] ?? "1"));
  throw bad;
}

/** Parses a price in currency units ("9000", "9000.50") into minor units; throws EconomicsError on field "price". */
export function parsePriceMinor(text: string, moneyDigits = 2): number {
  const minor = parseScaled(text, moneyDigits);
  if (minor === null) {
    throw new EconomicsError("price", `"${text}" is not an amount with at most ${moneyDigits} decimals`);
  }
  if (minor <= 0) throw new EconomicsError("price", `the price must be above 0, not ${text}`);
  return minor;
}

/** Parses a tier design "60%:1%,30%:2%,10%:3%" (share of sales : rate, per tier). */
export function parseTiers(text: string, field = "tiers"): TierLevel[] {
  const parts = text.split(",");
  if (parts.length > MAX_TIER_LEVELS) {
    throw new EconomicsError(field, `at most ${MAX_TIER_LEVELS} tiers, not ${parts.length}`);
  }
  return parts.map((part, i) => {
    const pair = part.split(":");
    if (pair.length !== 2) {
      throw new EconomicsError(field, `tier "${part.trim()}" must be written share:rate, e.g. 60%:1%`);
    }
    return {
      share: parseShare(pair[0] ?? "", `${field}[${i}].share`),
      rate: parseShare(pair[1] ?? "", `${field}[${i}].rate`),
    };
  });
}

/** Margin (share of price) from markup (share of cost): markup / (1 + markup). 50% → 1/3. */
export function marginFromMarkup(markup: Rational): Rational {
  return div(markup, add(ONE, markup));
}

/** Markup from margin: margin / (1 − margin); null for a 100% margin. */
export function markupFromMargin(margin: Rational): Rational | null {
  const cost = sub(ONE, margin);
  return cost.num === 0n ? null : div(margin, cost);
}

/** Sales-weighted rate of a tier design: Σ share × rate; the shares must add up to exactly 100%. */
export function effectiveTierRate(levels: readonly TierLevel[], field = "tiers"): Rational {
  let shares = ZERO;
  let rate = ZERO;
  for (const level of levels) {
    shares = add(shares, level.share);
    rate = add(rate, mul(level.share, level.rate));
  }
  if (!rationalEquals(shares, ONE)) {
    throw new EconomicsError(
      field,
      `the tiers' shares of sales add up to ${describeShare(shares)}, not 100%`,
    );
  }
  return rate;
}

/** Cost per sale as a share of price of a bonus earned on one purchase and spent on the next: rate × (1 − breakage) / 2. */
export function bonusCostShareOfPrice(rate: Rational, breakage: Rational): Rational {
  return div(mul(rate, sub(ONE, breakage)), rational(BigInt(BONUS_CYCLE_SALES)));
}

/** Share of the profit a cost takes: cost / margin, both as shares of price. 5% of a 30% margin → 1/6. */
export function shareOfProfit(costShareOfPrice: Rational, margin: Rational): Rational {
  return div(costShareOfPrice, margin);
}

/** Sales growth that keeps total profit: margin / (margin − cost) − 1; null when the cost eats the whole margin. */
export function breakEvenGrowth(costShareOfPrice: Rational, margin: Rational): Rational | null {
  const left = sub(margin, costShareOfPrice);
  if (cmp(left, ZERO) <= 0) return null;
  return sub(div(margin, left), ONE);
}

/** The calculator: profit per sale, each design's cost and share of profit, break-even growth, side by side. */
export function economics(input: EconomicsInput): EconomicsReport {
  const moneyDigits = input.moneyDigits ?? 2;
  if (!Number.isInteger(moneyDigits) || moneyDigits < 0 || moneyDigits > MAX_MONEY_DIGITS) {
    throw new EconomicsError("moneyDigits", `must be a whole number from 0 to ${MAX_MONEY_DIGITS}`);
  }
  if (!Number.isSafeInteger(input.priceMinor) || input.priceMinor <= 0) {
    throw new EconomicsError(
      "priceMinor",
      `must be a whole number of minor units above 0, not ${input.priceMinor}`,
    );
  }
  const price = rational(BigInt(input.priceMinor), 10n ** BigInt(moneyDigits));
  const margin = resolveMargin(input);
  const breakage = inRange(toShare(input.breakage ?? ZERO, "breakage"), "breakage", "breakage");
  const designs = designSpecs(input);
  const ctx: Context = { price, margin, breakage, moneyDigits };
  const markup = markupFromMargin(margin);
  return {
    rounding: { rule: "half-up", percentDecimals: PERCENT_DECIMALS, moneyDecimals: moneyDigits },
    price: money(ctx, price),
    marginPercent: formatSharePercent(margin),
    markupPercent: markup === null ? null : formatSharePercent(markup),
    breakagePercent: formatSharePercent(breakage),
    profitPerSale: money(ctx, mul(price, margin)),
    designs: designs.map((d) => evaluate(ctx, d)),
  };
}

interface Context {
  price: Rational;
  margin: Rational;
  breakage: Rational;
  moneyDigits: number;
}

interface DesignSpec {
  kind: DesignReport["kind"];
  paidAs: PaidAs;
  label: string;
  rate: Rational;
}

function money(ctx: Context, amount: Rational): string {
  return formatRational(amount, ctx.moneyDigits);
}

function toShare(value: ShareInput, field: string): Rational {
  return typeof value === "string" ? parseShare(value, field) : rational(value.num, value.den);
}

/** A share for display: exact up to 2 decimals of a percent, trailing zeros dropped ("5%", "12.5%", "33.33%"). */
function describeShare(share: Rational): string {
  const text = formatSharePercent(share, 2).replace(/\.?0+$/, "");
  return `${text}%`;
}

function inRange(share: Rational, field: string, what: string): Rational {
  if (cmp(share, ZERO) < 0) throw new EconomicsError(field, `${what} ${describeShare(share)} is below 0%`);
  if (cmp(share, ONE) > 0) {
    throw new EconomicsError(
      field,
      `${what} ${describeShare(share)} is above 100%; a share is written 30%, 0.3 or 3/10`,
    );
  }
  return share;
}

function resolveMargin(input: EconomicsInput): Rational {
  if (input.margin !== undefined && input.markup !== undefined) {
    throw new EconomicsError("margin", "give a margin or a markup, not both");
  }
  if (input.margin !== undefined) {
    const margin = inRange(toShare(input.margin, "margin"), "margin", "margin");
    if (margin.num === 0n) throw new EconomicsError("margin", "a margin of 0% leaves no profit to share");
    return margin;
  }
  if (input.markup !== undefined) {
    const markup = toShare(input.markup, "markup");
    if (cmp(markup, ZERO) <= 0)
      throw new EconomicsError("markup", "a markup of 0% leaves no profit to share");
    return marginFromMarkup(markup);
  }
  throw new EconomicsError("margin", "give a margin (share of price) or a markup (share of cost)");
}

function designSpecs(input: EconomicsInput): DesignSpec[] {
  const discounts = bounded(input.discounts ?? [], "discounts");
  const bonuses = bounded(input.bonuses ?? [], "bonuses");
  const tiers = bounded(input.tiers ?? [], "tiers");
  const specs: DesignSpec[] = [
    ...discounts.map((d, i) => simpleSpec("discount", d, `discounts[${i}]`)),
    ...bonuses.map((b, i) => simpleSpec("bonus", b, `bonuses[${i}]`)),
    ...tiers.map((t, i) => tierSpec(t, `tiers[${i}]`)),
  ];
  if (specs.length === 0)
    throw new EconomicsError("designs", "give at least one discount, bonus or tier design");
  return specs;
}

function bounded<T>(list: readonly T[], field: string): readonly T[] {
  if (list.length > MAX_DESIGNS_PER_KIND) {
    throw new EconomicsError(field, `at most ${MAX_DESIGNS_PER_KIND} designs, not ${list.length}`);
  }
  return list;
}

function simpleSpec(kind: PaidAs, value: ShareInput, field: string): DesignSpec {
  const rate = inRange(toShare(value, field), field, kind);
  return { kind, paidAs: kind, label: `${kind} ${describeShare(rate)}`, rate };
}

function tierSpec(design: TierDesignInput, field: string): DesignSpec {
  const given = typeof design === "string" ? { levels: parseTiers(design, field) } : design;
  if (given.levels.length === 0 || given.levels.length > MAX_TIER_LEVELS) {
    throw new EconomicsError(
      field,
      `a tier design has 1 to ${MAX_TIER_LEVELS} tiers, not ${given.levels.length}`,
    );
  }
  const levels = given.levels.map((level, i) => ({
    share: inRange(toShare(level.share, `${field}[${i}].share`), `${field}[${i}].share`, "tier share"),
    rate: inRange(toShare(level.rate, `${field}[${i}].rate`), `${field}[${i}].rate`, "tier rate"),
  }));
  const rate = effectiveTierRate(levels, field);
  const paidAs = ("paidAs" in given ? given.paidAs : undefined) ?? "bonus";
  const described = levels.map((l) => `${describeShare(l.share)}:${describeShare(l.rate)}`).join(", ");
  const label = ("label" in given ? given.label : undefined) ?? `tiers ${described}`;
  return { kind: "tiers", paidAs, label, rate };
}

function evaluate(ctx: Context, d: DesignSpec): DesignReport {
  const bonus = d.paidAs === "bonus";
  const cost = bonus ? bonusCostShareOfPrice(d.rate, ctx.breakage) : d.rate;
  const share = shareOfProfit(cost, ctx.margin);
  const growth = breakEvenGrowth(cost, ctx.margin);
  const longRunCost = bonus ? mul(d.rate, sub(ONE, ctx.breakage)) : d.rate;
  const cycleSales = rational(BigInt(BONUS_CYCLE_SALES));
  const report: DesignReport = {
    kind: d.kind,
    paidAs: d.paidAs,
    label: d.label,
    ratePercent: formatSharePercent(d.rate),
    profitPerSaleBefore: money(ctx, mul(ctx.price, ctx.margin)),
    costPerSale: money(ctx, mul(ctx.price, cost)),
    profitPerSaleAfter: money(ctx, mul(ctx.price, sub(ctx.margin, cost))),
    shareOfProfitPercent: formatSharePercent(share),
    breakEvenGrowthPercent: growth === null ? null : formatSharePercent(growth),
    bonusCycle: bonus
      ? {
          sales: BONUS_CYCLE_SALES,
          profitBefore: money(ctx, mul(mul(ctx.price, ctx.margin), cycleSales)),
          cost: money(ctx, mul(mul(ctx.price, cost), cycleSales)),
        }
      : null,
    longRunShareOfProfitPercent: formatSharePercent(shareOfProfit(longRunCost, ctx.margin)),
    articleNotes: [],
  };
  report.articleNotes = articleNotes(ctx, d, report);
  return report;
}

// The source article's worked examples (spec, mechanic 6), and the figures it prints for them.
const ARTICLE_PRICE = rational(9000n);
const ARTICLE_MARGIN = rational(30n, 100n);
const ARTICLE_RATE = rational(5n, 100n);
const ARTICLE_DISCOUNT_SHARE = rational(175n, 1000n);
const ARTICLE_BONUS_SHARE = rational(85n, 1000n);
const ARTICLE_GROWTH_MARGIN = rational(45n, 100n);
const ARTICLE_GROWTH_DISCOUNT = rational(10n, 100n);
const ARTICLE_GROWTH = rational(266n, 1000n);

function articleNotes(ctx: Context, d: DesignSpec, r: DesignReport): ArticleNote[] {
  if (d.kind === "tiers") return [];
  const notes: ArticleNote[] = [];
  const firstExample =
    rationalEquals(ctx.price, ARTICLE_PRICE) &&
    rationalEquals(ctx.margin, ARTICLE_MARGIN) &&
    rationalEquals(d.rate, ARTICLE_RATE);
  const profit = mul(ctx.price, ctx.margin);
  if (firstExample && d.paidAs === "discount") {
    notes.push({
      field: "shareOfProfitPercent",
      ours: r.shareOfProfitPercent,
      article: "17.5",
      note:
        `The article says 17.5%, but ${r.costPerSale} / ${r.profitPerSaleBefore} = ${r.shareOfProfitPercent}%; ` +
        `17.5% of ${r.profitPerSaleBefore} would be a discount of ${money(ctx, mul(profit, ARTICLE_DISCOUNT_SHARE))}, ` +
        `not ${r.costPerSale}.`,
    });
  }
  if (firstExample && d.paidAs === "bonus" && ctx.breakage.num === 0n && r.bonusCycle) {
    const cycleProfit = mul(profit, rational(BigInt(BONUS_CYCLE_SALES)));
    notes.push({
      field: "shareOfProfitPercent",
      ours: r.shareOfProfitPercent,
      article: "8.5",
      note:
        `The article says 8.5%, but ${r.bonusCycle.cost} / ${r.bonusCycle.profitBefore} (two purchases' profit) = ` +
        `${r.shareOfProfitPercent}%, half of the discount's share; 8.5% of ${r.bonusCycle.profitBefore} would be ` +
        `${money(ctx, mul(cycleProfit, ARTICLE_BONUS_SHARE))}, and half of the article's own 17.5% is 8.75%.`,
    });
  }
  const growthExample =
    d.paidAs === "discount" &&
    rationalEquals(ctx.margin, ARTICLE_GROWTH_MARGIN) &&
    rationalEquals(d.rate, ARTICLE_GROWTH_DISCOUNT);
  if (growthExample && r.breakEvenGrowthPercent !== null) {
    const left = sub(ctx.margin, d.rate);
    const atArticleGrowth = mul(add(ONE, ARTICLE_GROWTH), left);
    const short = sub(ONE, div(atArticleGrowth, ctx.margin));
    notes.push({
      field: "breakEvenGrowthPercent",
      ours: r.breakEvenGrowthPercent,
      article: "26.6",
      note:
        `The article says 26.6%, but the profit per sale falls from ${describeShare(ctx.margin)} to ` +
        `${describeShare(left)} of the price, so sales must grow by ${describeShare(ctx.margin)} / ` +
        `${describeShare(left)} − 1 = ${r.breakEvenGrowthPercent}%; with 26.6% more sales the profit comes to ` +
        `1.266 × ${describeShare(left)} = ${formatSharePercent(atArticleGrowth, 2)}% of the old revenue against ` +
        `${describeShare(ctx.margin)} before: ${formatSharePercent(short)}% less profit.`,
    });
  }
  return notes;
}
