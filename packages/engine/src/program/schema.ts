// The program definition: one zod schema that validates files, types the engine and generates
// schemas/program.schema.json. A program is data: every mechanic below is a shape, not code.
import { z } from "zod";

const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "an id: letters, digits, '_', '.', '-', up to 64 characters");
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .describe("An ISO date, local to the program's time zone");
/** A percentage written with its sign: "5%", "1.25%". Exact to 0.0001 %. */
const Percent = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,4})?%$/, 'a percentage such as "5%" or "1.5%"')
  .describe('A percentage such as "5%" or "1.5%" (exact to 0.0001 %)');
/** An amount of money in currency units: 10000, "10000", "99.90". */
const Money = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(\.\d{1,3})?$/, 'an amount such as 10000 or "99.90"'),
  ])
  .describe('An amount in currency units, e.g. 10000 or "99.90" (no more decimals than the currency has)');
const Factor = z
  .union([z.number().positive(), z.string().regex(/^\d+(\.\d{1,6})?$/, "a factor such as 1.5")])
  .describe("A multiplier such as 1.5");
const Points = z.int().nonnegative().describe("Whole points");

// ---------------------------------------------------------------------------------------------------------
// Conditions

export const LINE_FACTS = [
  "line.sku",
  "line.category",
  "line.quantity",
  "line.unitPrice",
  "line.amount",
  "line.margin",
  "line.marginRate",
] as const;
export const ORDER_FACTS = [
  "order.gross",
  "order.quantity",
  "order.lineCount",
  "order.date",
  "order.weekday",
  "order.month",
  "order.paidOn",
  "order.paymentDays",
  "order.termMonths",
  "order.code",
  "order.partner",
  "order.salesRep",
  "order.isFirst",
  "selected.quantity",
  "selected.amount",
] as const;
export const MEMBER_FACTS = [
  "member.id",
  "member.tier",
  "member.segment",
  "member.region",
  "member.tenureYears",
  "member.tenureDays",
  "member.contactRole",
  "member.contactCircle",
] as const;
export const COUNTER_FACTS = ["counter.orders", "counter.purchases", "counter.stamps"] as const;
export const FACTS = [...LINE_FACTS, ...ORDER_FACTS, ...MEMBER_FACTS, ...COUNTER_FACTS] as const;
export type Fact = (typeof FACTS)[number];

export const OPS = ["eq", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "between", "exists"] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Atom = z
  .strictObject({
    fact: z.enum(FACTS).describe("What the condition looks at"),
    op: z.enum(OPS).default("eq"),
    value: z.union([Scalar, z.array(Scalar)]).optional(),
    windowDays: z
      .int()
      .positive()
      .max(3660)
      .optional()
      .describe("For counters: the N days before the order's date"),
    rule: Id.optional().describe("For counter.stamps: the stamps rule whose count to read"),
  })
  .describe(
    "A test of one fact. Dates accept ISO dates or endOfMonth / endOfQuarter / endOfYear (of the order's date)",
  );

export type AtomT = z.infer<typeof Atom>;
export type ConditionT = AtomT | { all: ConditionT[] } | { any: ConditionT[] } | { not: ConditionT };

export const Condition: z.ZodType<ConditionT> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
    Atom,
  ]),
);

// ---------------------------------------------------------------------------------------------------------
// Earning

const ExpiryRule = z.union([
  z.strictObject({ policy: z.literal("never") }),
  z.strictObject({ policy: z.literal("afterDays"), days: z.int().positive().max(36600) }),
  z.strictObject({ policy: z.literal("endOfMonth") }),
  z.strictObject({ policy: z.literal("endOfNextMonth") }),
]);

const EarnEffect = z.union([
  z.strictObject({ rate: Percent }).describe("Adds this share of the lines' net, as points"),
  z
    .strictObject({ setRate: Percent })
    .describe("Sets the lines' rate, replacing the base rate and earlier rules"),
  z.strictObject({ multiply: Factor }).describe("Multiplies the lines' rate"),
  z
    .strictObject({ points: Points, per: Money.optional() })
    .describe("Fixed points per order, or `points` for every full `per` of the selected lines' net"),
  z.strictObject({ noPoints: z.literal(true) }).describe("The selected lines earn nothing"),
]);

export const EarnRule = z.strictObject({
  id: Id,
  name: z.string().optional(),
  priority: z.int().default(0).describe("Higher runs first"),
  lines: Condition.optional().describe("Which lines the rule acts on (all lines when absent)"),
  when: Condition.optional().describe("An order-level condition"),
  exclusive: z
    .boolean()
    .default(false)
    .describe("When it applies, no lower-priority rule applies to its lines"),
  effect: EarnEffect,
  expiry: ExpiryRule.optional().describe(
    "Points of this rule go into their own lot with this expiry (a campaign's points), rounded down on their own",
  ),
});

const Earning = z.strictObject({
  basis: z
    .enum(["net", "netBeforePoints"])
    .default("net")
    .describe("net excludes the part paid with points; netBeforePoints includes it"),
  baseRate: Percent.optional().describe("Rate for every line when no tier gives one"),
  rules: z.array(EarnRule).default([]),
  excludeCodes: z.array(z.string()).default([]).describe("Orders bought with these codes earn no points"),
});

// ---------------------------------------------------------------------------------------------------------
// Tiers

const TierLevel = z.strictObject({
  id: Id,
  name: z.string().optional(),
  from: Money.describe("Qualifying amount (money for netPurchases, points for pointsEarned)"),
  earnRate: Percent.optional(),
  benefits: z.array(Id).default([]),
});

const TierWindow = z.union([
  z
    .strictObject({ rollingDays: z.int().positive().max(3660) })
    .describe("The N days before the evaluation day"),
  z.strictObject({ previous: z.enum(["month", "quarter", "year"]) }).describe("The previous calendar period"),
]);

const Tiers = z.strictObject({
  metric: z.enum(["netPurchases", "pointsEarned"]).default("netPurchases"),
  window: TierWindow,
  evaluation: z
    .enum(["daily", "monthly", "quarterly", "yearly"])
    .default("daily")
    .describe("When levels are set from the window, up or down"),
  initial: Id.optional().describe("Level of a new member (the lowest when absent)"),
  pool: z.enum(["none", "parent"]).default("none").describe("parent: a holding's companies qualify together"),
  levels: z.array(TierLevel).min(1),
  downgrade: z
    .strictObject({
      inactivityDays: z
        .int()
        .positive()
        .max(3660)
        .describe("Drop one level this many days after the last order"),
      repeatDays: z.int().positive().max(3660).optional().describe("…and again every this many days"),
    })
    .optional(),
  graceDays: z
    .int()
    .nonnegative()
    .max(3660)
    .default(0)
    .describe("An evaluation that lowers a level takes effect only after this many days"),
});

// ---------------------------------------------------------------------------------------------------------
// Discounts (price side)

const DiscountBase = {
  id: Id,
  name: z.string().optional(),
  priority: z.int().default(0),
  combinable: z.boolean().default(true).describe("false: when it applies, no other discount does"),
  when: Condition.optional(),
};

const Step = z.strictObject({ from: Money, rate: Percent });

const OrderSteps = z.strictObject({
  ...DiscountBase,
  kind: z.literal("orderSteps"),
  steps: z.array(Step).min(1),
  lines: Condition.optional().describe("Lines that count and get the discount (all when absent)"),
});

const VolumeBands = z.strictObject({
  ...DiscountBase,
  kind: z.literal("volumeBands"),
  lines: Condition,
  per: z.enum(["sku", "category", "rule"]).default("sku").describe("What the unit count is kept for"),
  period: z.enum(["month", "quarter", "year"]).default("year"),
  bands: z
    .array(z.strictObject({ fromUnit: z.int().positive(), rate: Percent }))
    .min(1)
    .describe("Units from `fromUnit` on (cumulative within the period) get `rate` off"),
});

const Bundle = z.strictObject({
  ...DiscountBase,
  kind: z.literal("bundle"),
  lines: Condition,
  every: z.int().min(2).max(1000).default(2).describe("Every N-th unit, by price from the highest"),
  rate: Percent,
});

const Stamps = z.strictObject({
  ...DiscountBase,
  kind: z.literal("stamps"),
  lines: Condition,
  stamps: z.int().positive().max(1000).describe("Stamps to collect; the next unit is rewarded"),
  rate: Percent.default("100%"),
});

const Membership = z.strictObject({
  ...DiscountBase,
  kind: z.literal("membership"),
  sku: z.string().min(1).describe("Buying this SKU buys the membership"),
  days: z.int().positive().max(3660),
  lines: Condition.describe("Lines discounted while the membership is active"),
  rate: Percent,
});

const Code = z.strictObject({
  ...DiscountBase,
  kind: z.literal("code"),
  code: z.string().min(1),
  validFrom: IsoDate.optional(),
  validDays: z.int().positive().optional().describe("Days from validFrom (or the program's startsOn)"),
  validTo: IsoDate.optional(),
  minGross: Money.optional(),
  firstOrderOnly: z.boolean().default(false),
  rate: Percent,
  lines: Condition.optional(),
});

const Referral = z.strictObject({
  ...DiscountBase,
  kind: z.literal("referral"),
  prefix: z.string().min(1).default("REF-").describe("Codes are prefix + the referrer's company id"),
  rate: Percent.describe("Discount for the referred company's first order"),
  referrerPoints: Points.default(0),
  credit: z
    .enum(["atOnce", "afterPayment"])
    .default("atOnce")
    .describe(
      "atOnce: the referrer is credited on the day of the referred order; afterPayment: once that order is " +
        "paid and past the program's return window (pending until then)",
    ),
});

const Individual = z.strictObject({
  ...DiscountBase,
  kind: z.literal("individual"),
  maxRateWithoutApproval: Percent,
  grants: z
    .array(
      z.strictObject({
        companyId: z.string().min(1),
        rate: Percent,
        grantedBy: z.string().min(1),
        approvedBy: z.string().min(1).optional(),
        reason: z.string().optional(),
        validFrom: IsoDate.optional(),
        validTo: IsoDate.optional(),
        lines: Condition.optional(),
      }),
    )
    .default([]),
});

const LineDiscount = z.strictObject({
  ...DiscountBase,
  kind: z.literal("lines"),
  lines: Condition,
  rate: Percent,
});

export const Discount = z.discriminatedUnion("kind", [
  OrderSteps,
  VolumeBands,
  Bundle,
  Stamps,
  Membership,
  Code,
  Referral,
  Individual,
  LineDiscount,
]);

// ---------------------------------------------------------------------------------------------------------
// Offers, credits, redemption, expiry, pending, partners, campaigns, rewards, actions

const Offer = z.strictObject({
  id: Id,
  name: z.string().optional(),
  lines: Condition.optional(),
  when: Condition,
  benefit: z.strictObject({
    code: Id,
    quantity: z.int().positive().default(1),
    unit: z.string().optional(),
  }),
});

const Credit = z.strictObject({
  id: Id,
  name: z.string().optional(),
  schedule: z.literal("monthly"),
  metric: z.literal("netPurchases").default("netPurchases"),
  steps: z.array(Step).min(1).describe("Share of last month's net purchases, by that total"),
  expiry: ExpiryRule.optional(),
  reversible: z.boolean().default(false),
});

const Redemption = z.strictObject({
  capShare: Percent.default("100%").describe("Most of an order (gross − money discounts) points may pay"),
  minimumPoints: Points.default(0),
  lines: Condition.optional().describe("Lines points may pay for (all when absent)"),
});

const Pending = z.strictObject({
  untilPaid: z.boolean().default(false),
  returnWindowDays: z.int().nonnegative().max(3660).default(0),
});

const Wallet = z.strictObject({
  earner: z.enum(["company", "contact", "split"]).default("company"),
  split: z.strictObject({ company: Percent, contact: Percent }).optional(),
  allowDebt: z
    .boolean()
    .default(false)
    .describe("Reversals may take a balance below zero when the points were already spent"),
});

const Coalition = z.strictObject({
  partners: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().optional(),
        rates: z.array(z.strictObject({ lines: Condition.optional(), rate: Percent })).min(1),
      }),
    )
    .min(1),
  settlement: z.literal("monthly").default("monthly"),
});

const Campaign = z.strictObject({
  id: Id,
  name: z.string().optional(),
  from: IsoDate,
  to: IsoDate,
  score: z
    .strictObject({ points: Points, per: Money })
    .describe("`points` for every full `per` of net sales"),
  targets: z.strictObject({
    default: Points,
    byParticipant: z.record(z.string(), Points).default({}),
  }),
  prizes: z
    .array(
      z.union([
        z.strictObject({ top: z.int().positive().max(1000), benefit: Id }),
        z.strictObject({ aboveTarget: z.literal(true), benefit: Id }),
      ]),
    )
    .default([]),
});

const Reward = z.strictObject({
  id: Id,
  name: z.string(),
  kind: z.enum(["goods", "service", "training", "priorityAccess", "warranty", "delivery", "other"]),
  pricePoints: Points.min(1),
  tiers: z.array(Id).optional().describe("Only members of these tiers may order it"),
});

const Action = z.strictObject({
  id: Id,
  name: z.string().optional(),
  event: z.enum(["attendance", "course", "survey", "profile", "greeting", "referral", "custom"]),
  subject: z.string().optional().describe("Only events about this subject (training id, survey id…)"),
  points: Points,
  oncePerSubject: z.boolean().default(true),
});

export const Program = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id,
    name: z.string().min(1),
    description: z.string().optional(),
    version: z.int().positive().default(1),
    effectiveFrom: IsoDate.optional().describe(
      "Events dated from this day use this version (startsOn by default)",
    ),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as RUB"),
    timeZone: z.string().min(1).describe("IANA time zone, e.g. Europe/Moscow"),
    startsOn: IsoDate,
    pointValue: Money.default(1).describe("Currency units one point is worth"),
    amounts: z
      .enum(["withVat", "withoutVat"])
      .default("withVat")
      .describe("Whether rates apply to amounts with VAT"),
    wallet: Wallet.default({ earner: "company", allowDebt: false }),
    earning: Earning.optional(),
    tiers: Tiers.optional(),
    discounts: z.array(Discount).default([]),
    offers: z.array(Offer).default([]),
    credits: z.array(Credit).default([]),
    redemption: Redemption.default({ capShare: "100%", minimumPoints: 0 }),
    expiry: ExpiryRule.default({ policy: "never" }),
    pending: Pending.default({ untilPaid: false, returnWindowDays: 0 }),
    coalition: Coalition.optional(),
    campaigns: z.array(Campaign).default([]),
    rewards: z.array(Reward).default([]),
    actions: z.array(Action).default([]),
  })
  .describe("A Patron loyalty program definition");

export type ProgramDef = z.infer<typeof Program>;
export type ProgramInput = z.input<typeof Program>;
export type DiscountDef = z.infer<typeof Discount>;
export type EarnRuleDef = z.infer<typeof EarnRule>;
export type ExpiryDef = z.infer<typeof ExpiryRule>;
export type TiersDef = z.infer<typeof Tiers>;
