// Evaluates one order against a compiled program and a member's state: line prices, discounts, points
// spent and earned, counters, benefits. Pure: it returns what should change and never changes anything.
import type { CompiledDiscount, CompiledExpiry, CompiledProgram } from "./compile.ts";
import type { CondCtx, CondLine, Predicate } from "./conditions.ts";
import { addMonthsStart, type Day, endOfMonth, periodStart } from "./dates.ts";
import {
  bigDivHalfUp,
  bigFloorDiv,
  divHalfUp,
  floorDiv,
  formatMinor,
  formatPercent,
  lineAmountMinor,
  mulDivFloor,
  mulDivHalfUp,
  PPM,
  splitLargestRemainder,
} from "./money.ts";
import type { Explanation, MemberProfile, OrderEvent } from "./types.ts";

/** What the engine may read about a member when it evaluates an event. */
export interface MemberReader {
  profile: MemberProfile;
  tier: string | null;
  orderCount: number;
  /** Available points; negative when the member owes points. */
  balance: number;
  ordersInWindow(day: Day, days: number): number;
  purchasesInWindow(day: Day, days: number): number;
  stamps(rule: string): number;
  bandUnits(key: string): number;
  membershipEnd(rule: string): Day | null;
  /** The id of a known company whose id equals `id` ignoring case, or null. */
  findCompany(id: string): string | null;
  /** Terms the server keeps outside the program (paid memberships, individual grants); none when absent. */
  terms?: readonly MemberTerm[];
}

/**
 * A benefit the member holds outside the program's rules: a paid membership bought for a period, or an
 * individual discount a sales manager granted. Valid from `validFrom` to `validTo`, both days included.
 */
export interface MemberTerm {
  kind: "membership" | "individual";
  id: string;
  /** A readable name: the plan's name or the grant's reason. */
  label: string;
  /** Off the price of every line left after the program's discounts, in parts per million. */
  discountPpm: number;
  /** Points earned on top of the program's rate, per million of the earning basis. */
  extraEarnPpm: number;
  /** Service benefits it carries, such as freeDelivery and priorityService. */
  benefits: readonly string[];
  validFrom: Day;
  validTo: Day;
}

/** What one term gave on an order: money off and extra points. */
export interface TermUse {
  kind: MemberTerm["kind"];
  id: string;
  discountMinor: number;
  extraPoints: number;
}

/** A run of units of one line that a unit-counting mechanic priced alike, in the order they were bought. */
export interface UnitRun {
  qtyMilli: number;
  ratePpm: number;
  /** For stamps: whether these units earned stamps. */
  stamp: boolean;
}

export interface UnitPricing {
  rule: string;
  kind: "volumeBands" | "stamps";
  /** Counter key the units were counted under. */
  key: string;
  runs: UnitRun[];
  discountMinor: number;
}

export interface PricedLine {
  index: number;
  sku: string;
  category: string;
  quantityMilli: number;
  unitPriceMinor: number;
  grossMinor: number;
  unitCostMinor: number | null;
  /** Discounts that a return gives back in proportion to units. */
  propDiscountMinor: number;
  /** Discounts of unit-counting mechanics, given back unit by unit. */
  units: UnitPricing[];
  discountMinor: number;
  /** The part of the line paid with points, in money: points spread over lines by largest remainder in minor units. */
  pointsMoneyMinor: number;
  netMinor: number;
}

export type StateChange =
  | { kind: "bandUnits"; key: string; deltaMilli: number }
  | { kind: "stamps"; rule: string; count: number }
  | { kind: "membership"; rule: string; end: Day };

export interface Benefit {
  code: string;
  quantity: number;
  unit: string | null;
  rule: string;
}

/** Points that share an expiry policy; `expiry` null means the program's. */
export interface EarnedLot {
  points: number;
  companyPoints: number;
  contactPoints: number;
  expiry: CompiledExpiry | null;
  rule: string | null;
}

export interface EarnedPoints {
  points: number;
  companyPoints: number;
  contactPoints: number;
  lots: EarnedLot[];
  /** The day the points become available; null while the order awaits payment. */
  availableOn: Day | null;
}

export interface OrderOutcome {
  orderId: string;
  companyId: string;
  contactId: string | null;
  day: Day;
  version: number;
  tier: string | null;
  isFirst: boolean;
  grossMinor: number;
  discountMinor: number;
  pointsRequested: number;
  pointsRedeemed: number;
  netMinor: number;
  lines: PricedLine[];
  earned: EarnedPoints;
  effects: Explanation[];
  changes: StateChange[];
  benefits: Benefit[];
  /**
   * The referrer's credit: available on `availableOn` (the order's day when credited at once; after payment
   * and the return window otherwise; null while the order is unpaid).
   */
  referral: { referrerId: string; points: number; availableOn: Day | null } | null;
  campaignScores: { campaign: string; participant: string; points: number }[];
  partnerId: string | null;
  /** The member's terms that gave something on this order. */
  terms: TermUse[];
}

interface Proposal {
  rule: CompiledDiscount;
  /** Proportional discount per line, minor units. */
  perLine: number[];
  units: (UnitPricing | null)[];
  total: number;
  changes: StateChange[];
  /** Counter changes to apply when the discount is excluded by a non-combinable one. */
  changesIfExcluded: StateChange[];
  effects: Explanation[];
}

/** Shared by every line no unit-counting mechanic priced, so such lines allocate nothing for it. */
const NO_UNITS: UnitPricing[] = [];

const ZERO_EARNED: EarnedPoints = {
  points: 0,
  companyPoints: 0,
  contactPoints: 0,
  lots: [],
  availableOn: null,
};

/** Evaluates an order. `member` is the company's state before the order. */
export function evaluateOrder(
  p: CompiledProgram,
  member: MemberReader,
  order: OrderEvent,
  contact?: {
    role: string | null;
    circle: string | null;
  },
): OrderOutcome {
  const v = p.version;
  const day = order.day;
  const n = order.lines.length;
  const effects: Explanation[] = [];
  const changes: StateChange[] = [];

  // Line amounts and the facts conditions read.
  const lines: PricedLine[] = new Array(n);
  let grossMinor = 0;
  let quantityMilli = 0;
  for (let i = 0; i < n; i++) {
    const l = order.lines[i] as OrderEvent["lines"][number];
    const g = lineAmountMinor(l.quantityMilli, l.unitPriceMinor);
    grossMinor += g;
    quantityMilli += l.quantityMilli;
    lines[i] = {
      index: i,
      sku: l.sku,
      category: l.category,
      quantityMilli: l.quantityMilli,
      unitPriceMinor: l.unitPriceMinor,
      grossMinor: g,
      unitCostMinor: l.unitCostMinor,
      propDiscountMinor: 0,
      units: NO_UNITS,
      discountMinor: 0,
      pointsMoneyMinor: 0,
      netMinor: g,
    };
  }

  const ctx = new OrderCtx(member, order, n, grossMinor, quantityMilli, contact);
  const code = order.code ? order.code.trim().toUpperCase() : null;
  const e: OrderEval = {
    p,
    member,
    order,
    v,
    day,
    n,
    lines,
    grossMinor,
    quantityMilli,
    ctx,
    code,
    effects,
    changes,
  };

  // ---- Discounts ----------------------------------------------------------------------------------------
  let codeRecognised = code === null;
  let referral: OrderOutcome["referral"] = null;
  const proposals: Proposal[] = [];
  for (const d of p.discounts) {
    if (d.kind === "code" || d.kind === "referral") {
      if (code === null) continue;
      const prop = d.kind === "code" ? codeProposal(e, d, code) : referralProposal(e, d, code);
      if (prop === undefined) continue;
      codeRecognised = true;
      if (prop) proposals.push(prop);
      continue;
    }
    if (d.when && !d.when(ctx)) continue;
    const prop = proposeDiscount(e, d);
    if (prop) proposals.push(prop);
  }
  if (!codeRecognised && code !== null) {
    effects.push({ code: "code.unknown", version: v, params: { code } });
  }

  // Combination: a non-combinable discount that applies excludes every other one.
  let applied = proposals;
  const exclusive: Proposal[] = [];
  for (const x of proposals) if (!x.rule.combinable && x.total > 0) exclusive.push(x);
  if (exclusive.length > 0) {
    exclusive.sort(byPrecedence);
    const winner = exclusive[0] as Proposal;
    applied = [winner];
    for (const x of proposals) {
      if (x === winner) continue;
      changes.push(...x.changesIfExcluded);
      if (x.total > 0) {
        effects.push({
          code: "discount.excluded",
          rule: x.rule.id,
          version: v,
          params: { by: winner.rule.id },
        });
      }
    }
  }
  for (const x of applied) {
    changes.push(...x.changes);
    effects.push(...x.effects);
    for (let i = 0; i < n; i++) {
      const l = lines[i] as PricedLine;
      l.propDiscountMinor += x.perLine[i] ?? 0;
      const u = x.units[i];
      if (u) l.units = l.units === NO_UNITS ? [u] : [...l.units, u];
    }
  }
  let discountMinor = 0;
  for (const l of lines) {
    let unitTotal = 0;
    for (const u of l.units) unitTotal += u.discountMinor;
    // A line never costs less than nothing: the proportional part gives way first.
    if (unitTotal > l.grossMinor) unitTotal = l.grossMinor;
    if (l.propDiscountMinor + unitTotal > l.grossMinor) l.propDiscountMinor = l.grossMinor - unitTotal;
    l.discountMinor = l.propDiscountMinor + unitTotal;
    l.netMinor = l.grossMinor - l.discountMinor;
    discountMinor += l.discountMinor;
  }
  const terms: TermUse[] = [];
  discountMinor += applyDiscountTerm(e, exclusive[0]?.rule.id ?? null, terms);

  // ---- Points spent ---------------------------------------------------------------------------------------
  const requested = order.pointsToRedeem;
  let pointsRedeemed = 0;
  if (requested > 0) {
    const weights: number[] = [];
    let base = 0;
    for (let i = 0; i < n; i++) {
      const w = lineMatches(e, p.redemption.lines, i) ? (lines[i] as PricedLine).netMinor : 0;
      weights.push(w);
      base += w;
    }
    const cap = mulDivFloor(base, p.redemption.capPpm, PPM * p.pointValueMinor);
    const available = Math.max(0, member.balance);
    pointsRedeemed = Math.min(requested, available, cap);
    let reason: string | null =
      pointsRedeemed < requested ? (available < Math.min(requested, cap) ? "balance" : "cap") : null;
    if (pointsRedeemed > 0 && pointsRedeemed < p.redemption.minimumPoints) {
      pointsRedeemed = 0;
      reason = "minimum";
    }
    if (pointsRedeemed > 0) {
      // Spread in money, so that no line pays with points more than it costs.
      const shares = splitLargestRemainder(pointsRedeemed * p.pointValueMinor, weights);
      for (let i = 0; i < n; i++) {
        const l = lines[i] as PricedLine;
        l.pointsMoneyMinor = shares[i] ?? 0;
        l.netMinor -= l.pointsMoneyMinor;
      }
    }
    effects.push({
      code: "redeem.points",
      version: v,
      params: {
        requested,
        redeemed: pointsRedeemed,
        balance: member.balance,
        cap,
        capShare: formatPercent(p.redemption.capPpm),
        amount: money(e, pointsRedeemed * p.pointValueMinor),
        limitedBy: reason,
      },
    });
  }
  let netMinor = 0;
  for (const l of lines) netMinor += l.netMinor;

  // ---- Points earned --------------------------------------------------------------------------------------
  let earned = ZERO_EARNED;
  const earnLots: EarnLot[] = [];
  for (const x of earnFor(e, terms)) if (x.points > 0) earnLots.push(x);
  if (earnLots.length > 0) {
    earned = {
      points: 0,
      companyPoints: 0,
      contactPoints: 0,
      lots: [],
      availableOn: availableOn(p, day, order.paidOn),
    };
    for (const x of earnLots) {
      const split =
        p.wallet.earner === "company" || order.contactId === null
          ? [x.points, 0]
          : splitLargestRemainder(x.points, [p.wallet.companyPpm, PPM - p.wallet.companyPpm]);
      const lot = { ...x, companyPoints: split[0] ?? 0, contactPoints: split[1] ?? 0 };
      earned.lots.push(lot);
      earned.points += lot.points;
      earned.companyPoints += lot.companyPoints;
      earned.contactPoints += lot.contactPoints;
    }
    if (earned.contactPoints > 0) {
      effects.push({
        code: "earn.split",
        version: v,
        params: { company: earned.companyPoints, contact: earned.contactPoints, contactId: order.contactId },
      });
    }
  }

  // ---- Offers, referral, campaigns ------------------------------------------------------------------------
  const benefits: Benefit[] = termBenefits(e);
  for (const o of p.offers) {
    let selQty = 0;
    let selAmount = 0;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!lineMatches(e, o.lines, i)) continue;
      any = true;
      selQty += lines[i]?.quantityMilli ?? 0;
      selAmount += lines[i]?.grossMinor ?? 0;
    }
    if (!any) continue;
    ctx.selectedQuantityMilli = selQty;
    ctx.selectedAmountMinor = selAmount;
    const ok = o.when(ctx);
    ctx.selectedQuantityMilli = quantityMilli;
    ctx.selectedAmountMinor = grossMinor;
    if (!ok) continue;
    benefits.push({ code: o.benefit.code, quantity: o.benefit.quantity, unit: o.benefit.unit, rule: o.id });
    effects.push({
      code: "offer.benefit",
      rule: o.id,
      version: v,
      params: { benefit: o.benefit.code, quantity: o.benefit.quantity, unit: o.benefit.unit },
    });
  }
  for (const x of applied) {
    if (x.rule.kind === "referral") {
      const referrerId = x.effects[0]?.params.referrer as string;
      const afterPayment = x.rule.credit === "afterPayment";
      const when = afterPayment
        ? order.paidOn === null
          ? null
          : Math.max(day, order.paidOn) + p.pending.returnWindowDays
        : day;
      referral = { referrerId, points: x.rule.referrerPoints, availableOn: when };
      if (x.rule.referrerPoints > 0) {
        effects.push({
          code: afterPayment ? "referral.referrerPending" : "referral.referrerCredited",
          rule: x.rule.id,
          version: v,
          params: {
            referrer: referrerId,
            points: x.rule.referrerPoints,
            ...(afterPayment ? { availableOn: when === null ? null : fmtDay(when) } : {}),
          },
        });
      }
    }
  }
  const campaignScores: OrderOutcome["campaignScores"] = [];
  if (order.salesRepId) {
    for (const c of p.campaigns) {
      if (day < c.from || day > c.to) continue;
      const pts = floorDiv(Math.max(0, netMinor), c.perMinor) * c.points;
      campaignScores.push({ campaign: c.id, participant: order.salesRepId, points: pts });
      effects.push({
        code: "campaign.score",
        rule: c.id,
        version: v,
        params: {
          participant: order.salesRepId,
          points: pts,
          per: money(e, c.perMinor),
          basis: money(e, netMinor),
        },
      });
    }
  }

  return {
    orderId: order.orderId,
    companyId: order.companyId,
    contactId: order.contactId,
    day,
    version: v,
    tier: member.tier,
    isFirst: member.orderCount === 0,
    grossMinor,
    discountMinor,
    pointsRequested: requested,
    pointsRedeemed,
    netMinor,
    lines,
    earned,
    effects,
    changes,
    benefits,
    referral,
    campaignScores,
    partnerId: order.partnerId,
    terms,
  };
}

// The steps below take the order's state as an argument rather than closing over evaluateOrder's locals, so
// that no function is created per order (under tsx each nested function also costs a __name call per order).

/** One order's evaluation state, shared by the steps of evaluateOrder. */
interface OrderEval {
  p: CompiledProgram;
  member: MemberReader;
  order: OrderEvent;
  v: number;
  day: Day;
  n: number;
  lines: PricedLine[];
  grossMinor: number;
  quantityMilli: number;
  ctx: OrderCtx;
  /** The order's code, trimmed and upper-cased; null when it has none. */
  code: string | null;
  effects: Explanation[];
  changes: StateChange[];
}

/** What conditions read about one order. A class, so that the window readers are shared methods. */
class OrderCtx implements CondCtx {
  readonly day: Day;
  readonly grossMinor: number;
  readonly quantityMilli: number;
  readonly lineCount: number;
  readonly paidOn: Day | null;
  readonly termMonths: number | null;
  readonly code: string | null;
  readonly partnerId: string | null;
  readonly salesRepId: string | null;
  readonly isFirst: boolean;
  selectedQuantityMilli: number;
  selectedAmountMinor: number;
  readonly member: CondCtx["member"];
  line: CondLine | null = null;
  private readonly reader: MemberReader;

  constructor(
    reader: MemberReader,
    order: OrderEvent,
    lineCount: number,
    grossMinor: number,
    quantityMilli: number,
    contact: { role: string | null; circle: string | null } | undefined,
  ) {
    this.reader = reader;
    this.day = order.day;
    this.grossMinor = grossMinor;
    this.quantityMilli = quantityMilli;
    this.lineCount = lineCount;
    this.paidOn = order.paidOn;
    this.termMonths = order.termMonths;
    this.code = order.code;
    this.partnerId = order.partnerId;
    this.salesRepId = order.salesRepId;
    this.isFirst = reader.orderCount === 0;
    this.selectedQuantityMilli = quantityMilli;
    this.selectedAmountMinor = grossMinor;
    this.member = {
      id: reader.profile.id,
      tier: reader.tier,
      segment: reader.profile.segment,
      region: reader.profile.region,
      joinedOn: reader.profile.joinedOn,
      contactRole: contact?.role ?? reader.profile.contactRole ?? null,
      contactCircle: contact?.circle ?? reader.profile.contactCircle ?? null,
    };
  }

  ordersInWindow(days: number): number {
    return this.reader.ordersInWindow(this.day, days);
  }
  purchasesInWindow(days: number): number {
    return this.reader.purchasesInWindow(this.day, days);
  }
  stamps(rule: string): number {
    return this.reader.stamps(rule);
  }
}

type EarnLot = { points: number; expiry: CompiledExpiry | null; rule: string | null };

function money(e: OrderEval, minor: number): string {
  return formatMinor(minor, e.p.digits);
}

function lineMatches(e: OrderEval, pred: Predicate | null, i: number): boolean {
  if (!pred) return true;
  const ctx = e.ctx;
  ctx.line = e.lines[i] ?? null;
  const ok = pred(ctx);
  ctx.line = null;
  return ok;
}

function anyLine(e: OrderEval, pred: Predicate): boolean {
  for (let i = 0; i < e.n; i++) if (lineMatches(e, pred, i)) return true;
  return false;
}

function newProposal(e: OrderEval, rule: CompiledDiscount): Proposal {
  return {
    rule,
    perLine: new Array<number>(e.n).fill(0),
    units: new Array<UnitPricing | null>(e.n).fill(null),
    total: 0,
    changes: [],
    changesIfExcluded: [],
    effects: [],
  };
}

/** The non-combinable discount that wins: the highest priority, then the largest amount. */
function byPrecedence(a: Proposal, b: Proposal): number {
  return b.rule.priority - a.rule.priority || b.total - a.total;
}

/** Spreads an order-level discount of `rate` over the lines that match, by largest remainder. */
function orderLevel(e: OrderEval, rule: CompiledDiscount, ratePpm: number, pick: Predicate | null): Proposal {
  const prop = newProposal(e, rule);
  const weights: number[] = [];
  let base = 0;
  for (let i = 0; i < e.n; i++) {
    const w = lineMatches(e, pick, i) ? (e.lines[i] as PricedLine).grossMinor : 0;
    weights.push(w);
    base += w;
  }
  const amount = mulDivHalfUp(base, ratePpm, PPM);
  if (amount > 0) {
    prop.perLine = splitLargestRemainder(amount, weights);
    prop.total = amount;
  }
  return prop;
}

/** Records why a recognised code gives no discount. */
function refuseCode(
  e: OrderEval,
  d: Extract<CompiledDiscount, { kind: "code" }>,
  c: string,
  why: string,
  params: Explanation["params"],
): null {
  e.effects.push({ code: why, rule: d.id, version: e.v, params: { code: c, ...params } });
  return null;
}

function codeProposal(
  e: OrderEval,
  d: Extract<CompiledDiscount, { kind: "code" }>,
  c: string,
): Proposal | null | undefined {
  if (c !== d.code) return undefined;
  const day = e.day;
  if (day < d.validFrom) return refuseCode(e, d, c, "code.notYetValid", { validFrom: fmtDay(d.validFrom) });
  if (d.validTo !== null && day > d.validTo) {
    return refuseCode(e, d, c, "code.expired", { validTo: fmtDay(d.validTo) });
  }
  if (d.firstOrderOnly && e.member.orderCount > 0) return refuseCode(e, d, c, "code.notFirstOrder", {});
  if (e.grossMinor < d.minGrossMinor) {
    return refuseCode(e, d, c, "code.belowMinimum", {
      minGross: money(e, d.minGrossMinor),
      gross: money(e, e.grossMinor),
    });
  }
  if (d.when && !d.when(e.ctx)) return refuseCode(e, d, c, "code.conditionNotMet", {});
  const prop = orderLevel(e, d, d.ratePpm, d.lines);
  prop.effects.push({
    code: "discount.code",
    rule: d.id,
    version: e.v,
    params: { code: c, rate: formatPercent(d.ratePpm), amount: money(e, prop.total) },
  });
  return prop;
}

/** Records why a recognised referral code gives no discount. */
function refuseReferral(
  e: OrderEval,
  d: Extract<CompiledDiscount, { kind: "referral" }>,
  c: string,
  referrer: string,
  why: string,
): null {
  e.effects.push({ code: why, rule: d.id, version: e.v, params: { code: c, referrer } });
  return null;
}

function referralProposal(
  e: OrderEval,
  d: Extract<CompiledDiscount, { kind: "referral" }>,
  c: string,
): Proposal | null | undefined {
  if (!c.startsWith(d.prefix)) return undefined;
  const member = e.member;
  const referrer = member.findCompany(c.slice(d.prefix.length));
  if (referrer === null) return undefined;
  if (referrer === member.profile.id) return refuseReferral(e, d, c, referrer, "referral.ownCode");
  if (member.orderCount > 0) return refuseReferral(e, d, c, referrer, "referral.notFirstOrder");
  if (d.when && !d.when(e.ctx)) return refuseReferral(e, d, c, referrer, "referral.conditionNotMet");
  const prop = orderLevel(e, d, d.ratePpm, null);
  prop.effects.push({
    code: "discount.referral",
    rule: d.id,
    version: e.v,
    params: { code: c, referrer, rate: formatPercent(d.ratePpm), amount: money(e, prop.total) },
  });
  return prop;
}

function proposeDiscount(e: OrderEval, d: CompiledDiscount): Proposal | null {
  switch (d.kind) {
    case "orderSteps": {
      let base = 0;
      for (let i = 0; i < e.n; i++) if (lineMatches(e, d.lines, i)) base += e.lines[i]?.grossMinor ?? 0;
      let step: (typeof d.steps)[number] | null = null;
      for (const s of d.steps) if (base >= s.fromMinor) step = s;
      if (!step) return null;
      const prop = orderLevel(e, d, step.ratePpm, d.lines);
      prop.effects.push({
        code: "discount.orderSteps",
        rule: d.id,
        version: e.v,
        params: {
          from: money(e, step.fromMinor),
          basis: money(e, base),
          rate: formatPercent(step.ratePpm),
          amount: money(e, prop.total),
        },
      });
      return prop;
    }
    case "volumeBands":
      return bandsProposal(e, d);
    case "stamps":
      return stampsProposal(e, d);
    case "bundle":
      return bundleProposal(e, d);
    case "membership":
      return membershipProposal(e, d);
    case "individual": {
      const grants = d.grants.get(e.member.profile.id);
      if (!grants) return null;
      const day = e.day;
      let grant: NonNullable<typeof grants>[number] | null = null;
      for (const g of grants) {
        if ((g.validFrom === null || g.validFrom <= day) && (g.validTo === null || day <= g.validTo))
          grant = g;
      }
      if (!grant) return null;
      const g = grant;
      const prop = perLineRate(e, d, g.ratePpm, g.lines);
      prop.effects.push({
        code: "discount.individual",
        rule: d.id,
        version: e.v,
        params: {
          rate: formatPercent(g.ratePpm),
          grantedBy: g.grantedBy,
          approvedBy: g.approvedBy,
          amount: money(e, prop.total),
        },
      });
      return prop;
    }
    case "lines": {
      const prop = perLineRate(e, d, d.ratePpm, d.lines);
      if (prop.total === 0) return null;
      prop.effects.push({
        code: "discount.lines",
        rule: d.id,
        version: e.v,
        params: { rate: formatPercent(d.ratePpm), amount: money(e, prop.total) },
      });
      return prop;
    }
    case "code":
    case "referral":
      return null;
  }
}

/** A rate off each matching line, rounded half up per line. */
function perLineRate(e: OrderEval, d: CompiledDiscount, ratePpm: number, pick: Predicate | null): Proposal {
  const prop = newProposal(e, d);
  for (let i = 0; i < e.n; i++) {
    if (!lineMatches(e, pick, i)) continue;
    const amount = mulDivHalfUp(e.lines[i]?.grossMinor ?? 0, ratePpm, PPM);
    prop.perLine[i] = amount;
    prop.total += amount;
  }
  return prop;
}

function bandsProposal(e: OrderEval, d: Extract<CompiledDiscount, { kind: "volumeBands" }>): Proposal | null {
  if (!anyLine(e, d.lines)) return null;
  const prop = newProposal(e, d);
  const start = periodStart(e.day, d.period);
  const counted = new Map<string, number>();
  const perBand: number[] = new Array(d.bands.length).fill(0);
  for (let i = 0; i < e.n; i++) {
    if (!lineMatches(e, d.lines, i)) continue;
    const l = e.lines[i] as PricedLine;
    const item = d.per === "sku" ? l.sku : d.per === "category" ? l.category : "*";
    const key = `${d.id}|${start}|${item}`;
    const before = counted.get(key) ?? e.member.bandUnits(key);
    const after = before + l.quantityMilli;
    counted.set(key, after);
    const runs: UnitRun[] = [];
    let exact = 0n;
    for (let b = 0; b < d.bands.length; b++) {
      const band = d.bands[b] as (typeof d.bands)[number];
      const lo = band.fromUnitMilli - 1000;
      const hi =
        b + 1 < d.bands.length ? (d.bands[b + 1] as (typeof d.bands)[number]).fromUnitMilli - 1000 : Infinity;
      const qty = Math.max(0, Math.min(after, hi) - Math.max(before, lo));
      if (qty <= 0) continue;
      runs.push({ qtyMilli: qty, ratePpm: band.ratePpm, stamp: false });
      perBand[b] = (perBand[b] ?? 0) + qty;
      exact += BigInt(qty) * BigInt(l.unitPriceMinor) * BigInt(band.ratePpm);
    }
    const discount = Number(bigDivHalfUp(exact, 1_000_000_000n));
    prop.units[i] = { rule: d.id, kind: "volumeBands", key, runs, discountMinor: discount };
    prop.total += discount;
    prop.changes.push({ kind: "bandUnits", key, deltaMilli: l.quantityMilli });
  }
  if (counted.size === 0) return null;
  prop.changesIfExcluded = prop.changes;
  let unitsByBand = "";
  for (let b = 0; b < d.bands.length; b++) {
    const band = d.bands[b] as (typeof d.bands)[number];
    unitsByBand += `${b > 0 ? " " : ""}${band.fromUnitMilli / 1000}+:${(perBand[b] ?? 0) / 1000}`;
  }
  prop.effects.push({
    code: "discount.volumeBands",
    rule: d.id,
    version: e.v,
    params: { period: fmtDay(start), unitsByBand, amount: money(e, prop.total) },
  });
  return prop;
}

function stampsProposal(e: OrderEval, d: Extract<CompiledDiscount, { kind: "stamps" }>): Proposal | null {
  if (!anyLine(e, d.lines)) return null;
  const prop = newProposal(e, d);
  let count = e.member.stamps(d.id);
  let countIfExcluded = count;
  let free = 0;
  let any = false;
  for (let i = 0; i < e.n; i++) {
    if (!lineMatches(e, d.lines, i)) continue;
    any = true;
    const l = e.lines[i] as PricedLine;
    const units = Math.floor(l.quantityMilli / 1000);
    const runs: UnitRun[] = [];
    let left = units;
    let freeHere = 0;
    while (left > 0) {
      if (count === d.stamps) {
        pushRun(runs, 1000, d.ratePpm, false);
        freeHere += 1;
        count = 0;
        left -= 1;
      } else {
        const take = Math.min(left, d.stamps - count);
        pushRun(runs, take * 1000, 0, true);
        count += take;
        left -= take;
      }
    }
    const rest = l.quantityMilli - units * 1000;
    if (rest > 0) pushRun(runs, rest, 0, false);
    countIfExcluded = Math.min(d.stamps, countIfExcluded + units);
    free += freeHere;
    const discount = mulDivHalfUp(freeHere * l.unitPriceMinor, d.ratePpm, PPM);
    prop.units[i] = { rule: d.id, kind: "stamps", key: d.id, runs, discountMinor: discount };
    prop.total += discount;
  }
  if (!any) return null;
  prop.changes.push({ kind: "stamps", rule: d.id, count });
  prop.changesIfExcluded.push({ kind: "stamps", rule: d.id, count: countIfExcluded });
  prop.effects.push({
    code: "discount.stamps",
    rule: d.id,
    version: e.v,
    params: { stamps: d.stamps, freeUnits: free, stampsNow: count, amount: money(e, prop.total) },
  });
  return prop;
}

/** Dearest unit first; lines of one price in order. */
function byPriceThenIndex(a: PricedLine, b: PricedLine): number {
  return b.unitPriceMinor - a.unitPriceMinor || a.index - b.index;
}

function bundleProposal(e: OrderEval, d: Extract<CompiledDiscount, { kind: "bundle" }>): Proposal | null {
  if (!anyLine(e, d.lines)) return null;
  const prop = newProposal(e, d);
  const picked: PricedLine[] = [];
  for (let i = 0; i < e.n; i++) if (lineMatches(e, d.lines, i)) picked.push(e.lines[i] as PricedLine);
  if (picked.length === 0) return null;
  picked.sort(byPriceThenIndex);
  let position = 0;
  let discounted = 0;
  for (const l of picked) {
    const units = Math.floor(l.quantityMilli / 1000);
    const hits = Math.floor((position + units) / d.every) - Math.floor(position / d.every);
    position += units;
    if (hits === 0) continue;
    discounted += hits;
    const amount = mulDivHalfUp(hits * l.unitPriceMinor, d.ratePpm, PPM);
    prop.perLine[l.index] = amount;
    prop.total += amount;
  }
  if (prop.total === 0) return null;
  prop.effects.push({
    code: "discount.bundle",
    rule: d.id,
    version: e.v,
    params: {
      every: d.every,
      units: discounted,
      rate: formatPercent(d.ratePpm),
      amount: money(e, prop.total),
    },
  });
  return prop;
}

function membershipProposal(
  e: OrderEval,
  d: Extract<CompiledDiscount, { kind: "membership" }>,
): Proposal | null {
  const day = e.day;
  let end = e.member.membershipEnd(d.id);
  let bought = 0;
  for (const l of e.lines) if (l.sku === d.sku) bought += Math.floor(l.quantityMilli / 1000);
  const prop = newProposal(e, d);
  if (bought > 0) {
    const from = end !== null && end >= day ? end : day - 1;
    end = from + d.days * bought;
    prop.changes.push({ kind: "membership", rule: d.id, end });
    prop.changesIfExcluded = prop.changes;
    prop.effects.push({
      code: "membership.extended",
      rule: d.id,
      version: e.v,
      params: { until: fmtDay(end), periods: bought, days: d.days },
    });
  }
  if (end === null || end < day) return bought > 0 ? prop : null;
  for (let i = 0; i < e.n; i++) {
    const l = e.lines[i] as PricedLine;
    if (l.sku === d.sku || !lineMatches(e, d.lines, i)) continue;
    const amount = mulDivHalfUp(l.grossMinor, d.ratePpm, PPM);
    prop.perLine[i] = amount;
    prop.total += amount;
  }
  if (prop.total > 0) {
    prop.effects.push({
      code: "discount.membership",
      rule: d.id,
      version: e.v,
      params: { until: fmtDay(end), rate: formatPercent(d.ratePpm), amount: money(e, prop.total) },
    });
  }
  return prop;
}

/** The earn rate of the member's tier, or null when it has none. */
function tierEarnRate(p: CompiledProgram, tier: string | null): number | null {
  if (tier === null || !p.tiers) return null;
  for (const l of p.tiers.levels) if (l.id === tier) return l.earnRatePpm ?? null;
  return null;
}

function findGroup(
  bucket: EarnGroup[] | undefined,
  rate: number,
  source: string,
  matched: readonly number[],
): EarnGroup | undefined {
  if (!bucket) return undefined;
  for (const x of bucket) if (x.rate === rate && x.base === source && sameList(x.matched, matched)) return x;
  return undefined;
}

/** The valid term with the largest value of `key` on the day, or null. */
function bestTerm(e: OrderEval, key: "discountPpm" | "extraEarnPpm"): MemberTerm | null {
  let best: MemberTerm | null = null;
  for (const t of e.member.terms ?? []) {
    if (t.validFrom > e.day || t.validTo < e.day || t[key] <= 0) continue;
    if (best === null || t[key] > best[key]) best = t;
  }
  return best;
}

/**
 * The member's best valid discount term, taken off what each line costs after the program's discounts (so a
 * return gives it back in proportion to units). A non-combinable program discount excludes it. Service
 * benefits of every valid term are listed as the order's benefits. Answers the money taken off.
 */
function applyDiscountTerm(e: OrderEval, excludedBy: string | null, uses: TermUse[]): number {
  const t = bestTerm(e, "discountPpm");
  if (t === null) return 0;
  if (excludedBy !== null) {
    e.effects.push({ code: "discount.excluded", rule: t.id, version: e.v, params: { by: excludedBy } });
    return 0;
  }
  let total = 0;
  for (const l of e.lines) {
    const amount = mulDivHalfUp(l.netMinor, t.discountPpm, PPM);
    l.propDiscountMinor += amount;
    l.discountMinor += amount;
    l.netMinor -= amount;
    total += amount;
  }
  if (total > 0) {
    uses.push({ kind: t.kind, id: t.id, discountMinor: total, extraPoints: 0 });
    e.effects.push({
      code: t.kind === "membership" ? "term.membership" : "term.individual",
      rule: t.id,
      version: e.v,
      params: {
        label: t.label,
        rate: formatPercent(t.discountPpm),
        until: fmtDay(t.validTo),
        amount: money(e, total),
      },
    });
  }
  return total;
}

/** Service benefits (free delivery, priority service) of the member's terms valid on the day. */
function termBenefits(e: OrderEval): Benefit[] {
  const out: Benefit[] = [];
  for (const t of e.member.terms ?? []) {
    if (t.validFrom > e.day || t.validTo < e.day) continue;
    for (const code of t.benefits) out.push({ code, quantity: 1, unit: null, rule: t.id });
  }
  return out;
}

function earnFor(e: OrderEval, uses: TermUse[]): EarnLot[] {
  const lots = programEarnFor(e);
  if (lots.length === 0) return lots;
  const t = bestTerm(e, "extraEarnPpm");
  if (t === null) return lots;
  let basis = 0;
  for (const l of e.lines) basis += Math.max(0, l.netMinor);
  const pts = mulDivFloor(basis, t.extraEarnPpm, PPM * e.p.pointValueMinor);
  if (pts <= 0) return lots;
  (lots[0] as EarnLot).points += pts;
  const use = uses.find((u) => u.id === t.id);
  if (use) use.extraPoints = pts;
  else uses.push({ kind: t.kind, id: t.id, discountMinor: 0, extraPoints: pts });
  e.effects.push({
    code: "earn.term",
    rule: t.id,
    version: e.v,
    params: { label: t.label, rate: formatPercent(t.extraEarnPpm), basis: money(e, basis), points: pts },
  });
  return lots;
}

function programEarnFor(e: OrderEval): EarnLot[] {
  const { p, member, order, ctx, code, effects, v } = e;
  if (code !== null && p.earning.excludeCodes.has(code)) {
    effects.push({ code: "earn.excludedByCode", version: v, params: { code } });
    return [];
  }
  const ownLots = new Map<string, { basis: number; ratePpm: number; expiry: CompiledExpiry }>();
  const partner = order.partnerId && p.partners ? p.partners.get(order.partnerId) : undefined;
  if (order.partnerId && p.partners && !partner) {
    effects.push({ code: "earn.unknownPartner", version: v, params: { partner: order.partnerId } });
  }
  const tierRate = tierEarnRate(p, member.tier);
  const rules = p.earning.rules;
  // 0: not evaluated yet, 1: true, 2: false — each order-level condition runs once per order.
  const whenState = new Uint8Array(rules.length);
  // Lines with the same base and the same contributing rules form one group (one explanation).
  const buckets = new Map<number, EarnGroup[]>();
  const groups: EarnGroup[] = [];
  const matched: number[] = [];
  const perRule = new Map<
    string,
    { rule: string; basis: number; points: number; perMinor: number | null; expiry: CompiledExpiry | null }
  >();
  const baseSource = tierRate !== null ? `tier:${member.tier}` : p.earning.baseRatePpm > 0 ? "base" : "none";
  const baseRate = tierRate ?? p.earning.baseRatePpm;
  for (let i = 0; i < e.n; i++) {
    const l = e.lines[i] as PricedLine;
    let basis = p.earning.basis === "net" ? l.netMinor : l.netMinor + l.pointsMoneyMinor;
    if (p.withoutVat) {
      const vat = order.lines[i]?.vatPpm ?? 0;
      if (vat > 0) basis = divHalfUp(basis * PPM, PPM + vat);
    }
    if (basis <= 0) continue;
    let rate = baseRate;
    let source = baseSource;
    if (partner) {
      rate = 0;
      source = "none";
      for (const r of partner.rates) {
        if (lineMatches(e, r.lines, i)) {
          rate = r.ratePpm;
          source = `partner:${order.partnerId}`;
          break;
        }
      }
    }
    matched.length = 0;
    let multiplied = false;
    let none = false;
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k] as (typeof rules)[number];
      if (r.when) {
        let st = whenState[k];
        if (st === 0) {
          st = r.when(ctx) ? 1 : 2;
          whenState[k] = st;
        }
        if (st === 2) continue;
      }
      if (r.lines) {
        ctx.line = l;
        const ok = r.lines(ctx);
        ctx.line = null;
        if (!ok) continue;
      }
      const eff = r.effect;
      if (eff.kind === "noPoints") {
        none = true;
        break;
      }
      if (eff.kind === "rate" && r.expiry !== null) {
        const own = ownLots.get(r.id) ?? { basis: 0, ratePpm: eff.ratePpm, expiry: r.expiry };
        own.basis += basis;
        ownLots.set(r.id, own);
      } else if (eff.kind === "rate") {
        rate += eff.ratePpm;
        matched.push(k);
      } else if (eff.kind === "setRate") {
        rate = eff.ratePpm;
        source = "none";
        matched.length = 0;
        matched.push(k);
      } else if (eff.kind === "multiply") {
        multiplied = true;
        matched.push(k);
      } else {
        const acc = perRule.get(r.id) ?? {
          rule: r.id,
          basis: 0,
          points: eff.points,
          perMinor: eff.perMinor,
          expiry: r.expiry,
        };
        acc.basis += basis;
        perRule.set(r.id, acc);
      }
      if (r.exclusive) break;
    }
    if (none || rate === 0) continue;
    let sig = rate;
    for (const k of matched) sig = (sig * 31 + k + 1) % 2_147_483_647;
    const bucket = buckets.get(sig);
    let g = findGroup(bucket, rate, source, matched);
    if (!g) {
      // A new group: its exact rate (multipliers applied in rule order) and its readable source.
      let num = BigInt(rate);
      let den = 1_000_000n;
      let label = source === "none" ? "" : source;
      if (multiplied) {
        for (const k of matched) {
          const eff = (rules[k] as (typeof rules)[number]).effect;
          if (eff.kind === "multiply") {
            num *= BigInt(eff.factorPpm);
            den *= 1_000_000n;
          }
        }
      }
      for (const k of matched) {
        const r = rules[k] as (typeof rules)[number];
        const sep = r.effect.kind === "multiply" ? "×" : "+";
        label = label === "" ? r.id : `${label}${sep}${r.id}`;
      }
      g = { base: source, rate, matched: [...matched], basis: 0, num, den, source: label || "none" };
      groups.push(g);
      if (bucket) bucket.push(g);
      else buckets.set(sig, [g]);
    }
    g.basis += basis;
  }
  const pv = BigInt(p.pointValueMinor);
  let total = 0;
  if (groups.length > 0) {
    let maxDen = 1n;
    for (const g of groups) if (g.den > maxDen) maxDen = g.den;
    let sum = 0n;
    for (const g of groups) sum += BigInt(g.basis) * g.num * (maxDen / g.den);
    total = Number(bigFloorDiv(sum, maxDen * pv));
    let given = 0;
    let largest: Explanation | null = null;
    let largestBasis = -1;
    for (const g of groups) {
      const pts = Number(bigFloorDiv(BigInt(g.basis) * g.num, g.den * pv));
      given += pts;
      const ex: Explanation = {
        code: "earn.rate",
        rule: g.source,
        version: v,
        params: {
          source: g.source,
          rate: formatRational(g.num, g.den),
          basis: money(e, g.basis),
          points: pts,
        },
      };
      effects.push(ex);
      if (g.basis > largestBasis) {
        largest = ex;
        largestBasis = g.basis;
      }
    }
    if (largest && total > given) largest.params.points = (largest.params.points as number) + total - given;
  }
  const lots: EarnLot[] = [{ points: total, expiry: null, rule: null }];
  for (const r of perRule.values()) {
    const pts = r.perMinor === null ? r.points : floorDiv(r.basis, r.perMinor) * r.points;
    if (pts <= 0) continue;
    if (r.expiry) lots.push({ points: pts, expiry: r.expiry, rule: r.rule });
    else (lots[0] as EarnLot).points += pts;
    effects.push({
      code: r.perMinor === null ? "earn.fixed" : "earn.per",
      rule: r.rule,
      version: v,
      params: {
        points: pts,
        per: r.perMinor === null ? null : money(e, r.perMinor),
        basis: money(e, r.basis),
      },
    });
  }
  for (const [rule, own] of ownLots) {
    const pts = mulDivFloor(own.basis, own.ratePpm, PPM * p.pointValueMinor);
    if (pts <= 0) continue;
    lots.push({ points: pts, expiry: own.expiry, rule });
    effects.push({
      code: "earn.rate",
      rule,
      version: v,
      params: { source: rule, rate: formatPercent(own.ratePpm), basis: money(e, own.basis), points: pts },
    });
  }
  return lots;
}

/**
 * The day an order's points become available: after payment (when the program waits for it) plus the
 * return window. Null while a program that waits for payment has none; a payment event calls this again.
 */
export function availableOn(p: CompiledProgram, orderDay: Day, paidOn: Day | null): Day | null {
  const w = p.pending.returnWindowDays;
  if (p.pending.untilPaid) return paidOn === null ? null : Math.max(orderDay, paidOn) + w;
  return orderDay + w;
}

interface EarnGroup {
  base: string;
  rate: number;
  matched: number[];
  basis: number;
  num: bigint;
  den: bigint;
  source: string;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pushRun(runs: UnitRun[], qtyMilli: number, ratePpm: number, stamp: boolean): void {
  const last = runs[runs.length - 1];
  if (last && last.ratePpm === ratePpm && last.stamp === stamp) last.qtyMilli += qtyMilli;
  else runs.push({ qtyMilli, ratePpm, stamp });
}

function fmtDay(d: Day): string {
  return new Date(d * 86_400_000).toISOString().slice(0, 10);
}

/** A rate num/den (as a fraction of 1) written as a percentage, up to 4 decimals. */
function formatRational(num: bigint, den: bigint): string {
  if (den === 1_000_000n) return formatPercent(Number(num));
  const ppm = Number(bigDivHalfUp(num * 1_000_000n, den));
  return formatPercent(ppm);
}

/** The last day a lot granted on `day` can be spent, per an expiry policy; null when it never expires. */
export function expiryDay(
  policy:
    | { policy: "never" }
    | { policy: "afterDays"; days: number }
    | { policy: "endOfMonth" }
    | { policy: "endOfNextMonth" },
  day: Day,
): Day | null {
  switch (policy.policy) {
    case "never":
      return null;
    case "afterDays":
      return day + policy.days - 1;
    case "endOfMonth":
      return endOfMonth(day);
    case "endOfNextMonth":
      return endOfMonth(addMonthsStart(day, 1));
  }
}
