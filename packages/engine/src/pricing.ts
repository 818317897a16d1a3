// Evaluates one order against a compiled program and a member's state: line prices, discounts, points
// spent and earned, counters, benefits. Pure: it returns what should change and never changes anything.
import type { CompiledDiscount, CompiledExpiry, CompiledProgram } from "./compile.ts";
import type { CondCtx } from "./conditions.ts";
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
  referral: { referrerId: string; points: number } | null;
  campaignScores: { campaign: string; participant: string; points: number }[];
  partnerId: string | null;
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

  const ctx: CondCtx = {
    day,
    grossMinor,
    quantityMilli,
    lineCount: n,
    paidOn: order.paidOn,
    termMonths: order.termMonths,
    code: order.code,
    partnerId: order.partnerId,
    salesRepId: order.salesRepId,
    isFirst: member.orderCount === 0,
    selectedQuantityMilli: quantityMilli,
    selectedAmountMinor: grossMinor,
    member: {
      id: member.profile.id,
      tier: member.tier,
      segment: member.profile.segment,
      region: member.profile.region,
      joinedOn: member.profile.joinedOn,
      contactRole: contact?.role ?? member.profile.contactRole ?? null,
      contactCircle: contact?.circle ?? member.profile.contactCircle ?? null,
    },
    ordersInWindow: (days) => member.ordersInWindow(day, days),
    purchasesInWindow: (days) => member.purchasesInWindow(day, days),
    stamps: (rule) => member.stamps(rule),
    line: null,
  };
  const lineMatches = (pred: ((c: CondCtx) => boolean) | null, i: number): boolean => {
    if (!pred) return true;
    ctx.line = lines[i] ?? null;
    const ok = pred(ctx);
    ctx.line = null;
    return ok;
  };

  // ---- Discounts ----------------------------------------------------------------------------------------
  const code = order.code ? order.code.trim().toUpperCase() : null;
  let codeRecognised = code === null;
  let referral: OrderOutcome["referral"] = null;
  const proposals: Proposal[] = [];
  for (const d of p.discounts) {
    if (d.kind === "code" || d.kind === "referral") {
      if (code === null) continue;
      const prop = d.kind === "code" ? codeProposal(d, code) : referralProposal(d, code);
      if (prop === undefined) continue;
      codeRecognised = true;
      if (prop) proposals.push(prop);
      continue;
    }
    if (d.when && !d.when(ctx)) continue;
    const prop = proposeDiscount(d);
    if (prop) proposals.push(prop);
  }
  if (!codeRecognised && code !== null) {
    effects.push({ code: "code.unknown", version: v, params: { code } });
  }

  function anyLine(pred: (c: CondCtx) => boolean): boolean {
    for (let i = 0; i < n; i++) if (lineMatches(pred, i)) return true;
    return false;
  }

  function newProposal(rule: CompiledDiscount): Proposal {
    return {
      rule,
      perLine: new Array<number>(n).fill(0),
      units: new Array<UnitPricing | null>(n).fill(null),
      total: 0,
      changes: [],
      changesIfExcluded: [],
      effects: [],
    };
  }

  /** Spreads an order-level discount of `rate` over the lines that match, by largest remainder. */
  function orderLevel(
    rule: CompiledDiscount,
    ratePpm: number,
    pick: ((c: CondCtx) => boolean) | null,
  ): Proposal {
    const prop = newProposal(rule);
    const weights = lines.map((l, i) => (lineMatches(pick, i) ? l.grossMinor : 0));
    let base = 0;
    for (const w of weights) base += w;
    const amount = mulDivHalfUp(base, ratePpm, PPM);
    if (amount > 0) {
      prop.perLine = splitLargestRemainder(amount, weights);
      prop.total = amount;
    }
    return prop;
  }

  function codeProposal(
    d: Extract<CompiledDiscount, { kind: "code" }>,
    c: string,
  ): Proposal | null | undefined {
    if (c !== d.code) return undefined;
    const reason = (why: string, params: Explanation["params"]) => {
      effects.push({ code: why, rule: d.id, version: v, params: { code: c, ...params } });
      return null;
    };
    if (day < d.validFrom) return reason("code.notYetValid", { validFrom: fmtDay(d.validFrom) });
    if (d.validTo !== null && day > d.validTo) return reason("code.expired", { validTo: fmtDay(d.validTo) });
    if (d.firstOrderOnly && member.orderCount > 0) return reason("code.notFirstOrder", {});
    if (grossMinor < d.minGrossMinor) {
      return reason("code.belowMinimum", { minGross: money(d.minGrossMinor), gross: money(grossMinor) });
    }
    if (d.when && !d.when(ctx)) return reason("code.conditionNotMet", {});
    const prop = orderLevel(d, d.ratePpm, d.lines);
    prop.effects.push({
      code: "discount.code",
      rule: d.id,
      version: v,
      params: { code: c, rate: formatPercent(d.ratePpm), amount: money(prop.total) },
    });
    return prop;
  }

  function referralProposal(
    d: Extract<CompiledDiscount, { kind: "referral" }>,
    c: string,
  ): Proposal | null | undefined {
    if (!c.startsWith(d.prefix)) return undefined;
    const referrer = member.findCompany(c.slice(d.prefix.length));
    if (referrer === null) return undefined;
    const reason = (why: string) => {
      effects.push({ code: why, rule: d.id, version: v, params: { code: c, referrer } });
      return null;
    };
    if (referrer === member.profile.id) return reason("referral.ownCode");
    if (member.orderCount > 0) return reason("referral.notFirstOrder");
    if (d.when && !d.when(ctx)) return reason("referral.conditionNotMet");
    const prop = orderLevel(d, d.ratePpm, null);
    prop.effects.push({
      code: "discount.referral",
      rule: d.id,
      version: v,
      params: { code: c, referrer, rate: formatPercent(d.ratePpm), amount: money(prop.total) },
    });
    return prop;
  }

  function proposeDiscount(d: CompiledDiscount): Proposal | null {
    switch (d.kind) {
      case "orderSteps": {
        let base = 0;
        for (let i = 0; i < n; i++) if (lineMatches(d.lines, i)) base += lines[i]?.grossMinor ?? 0;
        let step: (typeof d.steps)[number] | null = null;
        for (const s of d.steps) if (base >= s.fromMinor) step = s;
        if (!step) return null;
        const prop = orderLevel(d, step.ratePpm, d.lines);
        prop.effects.push({
          code: "discount.orderSteps",
          rule: d.id,
          version: v,
          params: {
            from: money(step.fromMinor),
            basis: money(base),
            rate: formatPercent(step.ratePpm),
            amount: money(prop.total),
          },
        });
        return prop;
      }
      case "volumeBands":
        return bandsProposal(d);
      case "stamps":
        return stampsProposal(d);
      case "bundle":
        return bundleProposal(d);
      case "membership":
        return membershipProposal(d);
      case "individual": {
        const grants = d.grants.get(member.profile.id);
        if (!grants) return null;
        let grant: NonNullable<typeof grants>[number] | null = null;
        for (const g of grants) {
          if ((g.validFrom === null || g.validFrom <= day) && (g.validTo === null || day <= g.validTo))
            grant = g;
        }
        if (!grant) return null;
        const g = grant;
        const prop = perLineRate(d, g.ratePpm, g.lines);
        prop.effects.push({
          code: "discount.individual",
          rule: d.id,
          version: v,
          params: {
            rate: formatPercent(g.ratePpm),
            grantedBy: g.grantedBy,
            approvedBy: g.approvedBy,
            amount: money(prop.total),
          },
        });
        return prop;
      }
      case "lines": {
        const prop = perLineRate(d, d.ratePpm, d.lines);
        if (prop.total === 0) return null;
        prop.effects.push({
          code: "discount.lines",
          rule: d.id,
          version: v,
          params: { rate: formatPercent(d.ratePpm), amount: money(prop.total) },
        });
        return prop;
      }
      case "code":
      case "referral":
        return null;
    }
  }

  /** A rate off each matching line, rounded half up per line. */
  function perLineRate(
    d: CompiledDiscount,
    ratePpm: number,
    pick: ((c: CondCtx) => boolean) | null,
  ): Proposal {
    const prop = newProposal(d);
    for (let i = 0; i < n; i++) {
      if (!lineMatches(pick, i)) continue;
      const amount = mulDivHalfUp(lines[i]?.grossMinor ?? 0, ratePpm, PPM);
      prop.perLine[i] = amount;
      prop.total += amount;
    }
    return prop;
  }

  function bandsProposal(d: Extract<CompiledDiscount, { kind: "volumeBands" }>): Proposal | null {
    if (!anyLine(d.lines)) return null;
    const prop = newProposal(d);
    const start = periodStart(day, d.period);
    const counted = new Map<string, number>();
    const perBand: number[] = new Array(d.bands.length).fill(0);
    for (let i = 0; i < n; i++) {
      if (!lineMatches(d.lines, i)) continue;
      const l = lines[i] as PricedLine;
      const item = d.per === "sku" ? l.sku : d.per === "category" ? l.category : "*";
      const key = `${d.id}|${start}|${item}`;
      const before = counted.get(key) ?? member.bandUnits(key);
      const after = before + l.quantityMilli;
      counted.set(key, after);
      const runs: UnitRun[] = [];
      let exact = 0n;
      for (let b = 0; b < d.bands.length; b++) {
        const band = d.bands[b] as (typeof d.bands)[number];
        const lo = band.fromUnitMilli - 1000;
        const hi =
          b + 1 < d.bands.length
            ? (d.bands[b + 1] as (typeof d.bands)[number]).fromUnitMilli - 1000
            : Infinity;
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
    prop.effects.push({
      code: "discount.volumeBands",
      rule: d.id,
      version: v,
      params: {
        period: fmtDay(start),
        unitsByBand: d.bands
          .map((b, i) => `${b.fromUnitMilli / 1000}+:${(perBand[i] ?? 0) / 1000}`)
          .join(" "),
        amount: money(prop.total),
      },
    });
    return prop;
  }

  function stampsProposal(d: Extract<CompiledDiscount, { kind: "stamps" }>): Proposal | null {
    if (!anyLine(d.lines)) return null;
    const prop = newProposal(d);
    let count = member.stamps(d.id);
    let countIfExcluded = count;
    let free = 0;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!lineMatches(d.lines, i)) continue;
      any = true;
      const l = lines[i] as PricedLine;
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
      version: v,
      params: { stamps: d.stamps, freeUnits: free, stampsNow: count, amount: money(prop.total) },
    });
    return prop;
  }

  function bundleProposal(d: Extract<CompiledDiscount, { kind: "bundle" }>): Proposal | null {
    if (!anyLine(d.lines)) return null;
    const prop = newProposal(d);
    const order = [];
    for (let i = 0; i < n; i++) if (lineMatches(d.lines, i)) order.push(i);
    if (order.length === 0) return null;
    order.sort((a, b) => (lines[b]?.unitPriceMinor ?? 0) - (lines[a]?.unitPriceMinor ?? 0) || a - b);
    let position = 0;
    let discounted = 0;
    for (const i of order) {
      const l = lines[i] as PricedLine;
      const units = Math.floor(l.quantityMilli / 1000);
      const hits = Math.floor((position + units) / d.every) - Math.floor(position / d.every);
      position += units;
      if (hits === 0) continue;
      discounted += hits;
      const amount = mulDivHalfUp(hits * l.unitPriceMinor, d.ratePpm, PPM);
      prop.perLine[i] = amount;
      prop.total += amount;
    }
    if (prop.total === 0) return null;
    prop.effects.push({
      code: "discount.bundle",
      rule: d.id,
      version: v,
      params: {
        every: d.every,
        units: discounted,
        rate: formatPercent(d.ratePpm),
        amount: money(prop.total),
      },
    });
    return prop;
  }

  function membershipProposal(d: Extract<CompiledDiscount, { kind: "membership" }>): Proposal | null {
    let end = member.membershipEnd(d.id);
    let bought = 0;
    for (const l of lines) if (l.sku === d.sku) bought += Math.floor(l.quantityMilli / 1000);
    const prop = newProposal(d);
    if (bought > 0) {
      const from = end !== null && end >= day ? end : day - 1;
      end = from + d.days * bought;
      prop.changes.push({ kind: "membership", rule: d.id, end });
      prop.changesIfExcluded = prop.changes;
      prop.effects.push({
        code: "membership.extended",
        rule: d.id,
        version: v,
        params: { until: fmtDay(end), periods: bought, days: d.days },
      });
    }
    if (end === null || end < day) return bought > 0 ? prop : null;
    for (let i = 0; i < n; i++) {
      const l = lines[i] as PricedLine;
      if (l.sku === d.sku || !lineMatches(d.lines, i)) continue;
      const amount = mulDivHalfUp(l.grossMinor, d.ratePpm, PPM);
      prop.perLine[i] = amount;
      prop.total += amount;
    }
    if (prop.total > 0) {
      prop.effects.push({
        code: "discount.membership",
        rule: d.id,
        version: v,
        params: { until: fmtDay(end), rate: formatPercent(d.ratePpm), amount: money(prop.total) },
      });
    }
    return prop;
  }

  // Combination: a non-combinable discount that applies excludes every other one.
  let applied = proposals;
  const exclusive = proposals.filter((x) => !x.rule.combinable && x.total > 0);
  if (exclusive.length > 0) {
    exclusive.sort((a, b) => b.rule.priority - a.rule.priority || b.total - a.total);
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

  // ---- Points spent ---------------------------------------------------------------------------------------
  const requested = order.pointsToRedeem;
  let pointsRedeemed = 0;
  if (requested > 0) {
    const weights = lines.map((l, i) => (lineMatches(p.redemption.lines, i) ? l.netMinor : 0));
    let base = 0;
    for (const w of weights) base += w;
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
        amount: money(pointsRedeemed * p.pointValueMinor),
        limitedBy: reason,
      },
    });
  }
  let netMinor = 0;
  for (const l of lines) netMinor += l.netMinor;

  // ---- Points earned --------------------------------------------------------------------------------------
  let earned = ZERO_EARNED;
  const earnLots = earnFor().filter((x) => x.points > 0);
  if (earnLots.length > 0) {
    earned = { points: 0, companyPoints: 0, contactPoints: 0, lots: [], availableOn: availability() };
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

  function availability(): Day | null {
    return availableOn(p, day, order.paidOn);
  }

  function earnFor(): { points: number; expiry: CompiledExpiry | null; rule: string | null }[] {
    if (code !== null && p.earning.excludeCodes.has(code)) {
      effects.push({ code: "earn.excludedByCode", version: v, params: { code } });
      return [];
    }
    const ownLots = new Map<string, { basis: number; ratePpm: number; expiry: CompiledExpiry }>();
    const partner = order.partnerId && p.partners ? p.partners.get(order.partnerId) : undefined;
    if (order.partnerId && p.partners && !partner) {
      effects.push({ code: "earn.unknownPartner", version: v, params: { partner: order.partnerId } });
    }
    const level =
      member.tier !== null && p.tiers ? p.tiers.levels.find((l) => l.id === member.tier) : undefined;
    const tierRate = level?.earnRatePpm ?? null;
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
    const baseSource =
      tierRate !== null ? `tier:${member.tier}` : p.earning.baseRatePpm > 0 ? "base" : "none";
    const baseRate = tierRate ?? p.earning.baseRatePpm;
    for (let i = 0; i < n; i++) {
      const l = lines[i] as PricedLine;
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
          if (lineMatches(r.lines, i)) {
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
        const e = r.effect;
        if (e.kind === "noPoints") {
          none = true;
          break;
        }
        if (e.kind === "rate" && r.expiry !== null) {
          const own = ownLots.get(r.id) ?? { basis: 0, ratePpm: e.ratePpm, expiry: r.expiry };
          own.basis += basis;
          ownLots.set(r.id, own);
        } else if (e.kind === "rate") {
          rate += e.ratePpm;
          matched.push(k);
        } else if (e.kind === "setRate") {
          rate = e.ratePpm;
          source = "none";
          matched.length = 0;
          matched.push(k);
        } else if (e.kind === "multiply") {
          multiplied = true;
          matched.push(k);
        } else {
          const acc = perRule.get(r.id) ?? {
            rule: r.id,
            basis: 0,
            points: e.points,
            perMinor: e.perMinor,
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
      let g = bucket?.find((x) => x.rate === rate && x.base === source && sameList(x.matched, matched));
      if (!g) {
        // A new group: its exact rate (multipliers applied in rule order) and its readable source.
        let num = BigInt(rate);
        let den = 1_000_000n;
        let label = source === "none" ? "" : source;
        if (multiplied) {
          for (const k of matched) {
            const e = (rules[k] as (typeof rules)[number]).effect;
            if (e.kind === "multiply") {
              num *= BigInt(e.factorPpm);
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
            basis: money(g.basis),
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
    const lots: { points: number; expiry: CompiledExpiry | null; rule: string | null }[] = [
      { points: total, expiry: null, rule: null },
    ];
    for (const r of perRule.values()) {
      const pts = r.perMinor === null ? r.points : floorDiv(r.basis, r.perMinor) * r.points;
      if (pts <= 0) continue;
      if (r.expiry) lots.push({ points: pts, expiry: r.expiry, rule: r.rule });
      else (lots[0] as (typeof lots)[number]).points += pts;
      effects.push({
        code: r.perMinor === null ? "earn.fixed" : "earn.per",
        rule: r.rule,
        version: v,
        params: { points: pts, per: r.perMinor === null ? null : money(r.perMinor), basis: money(r.basis) },
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
        params: { source: rule, rate: formatPercent(own.ratePpm), basis: money(own.basis), points: pts },
      });
    }
    return lots;
  }

  // ---- Offers, referral, campaigns ------------------------------------------------------------------------
  const benefits: Benefit[] = [];
  for (const o of p.offers) {
    let selQty = 0;
    let selAmount = 0;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!lineMatches(o.lines, i)) continue;
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
      referral = { referrerId, points: x.rule.referrerPoints };
      if (x.rule.referrerPoints > 0) {
        effects.push({
          code: "referral.referrerCredited",
          rule: x.rule.id,
          version: v,
          params: { referrer: referrerId, points: x.rule.referrerPoints },
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
          per: money(c.perMinor),
          basis: money(netMinor),
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
  };

  function money(minor: number): string {
    return formatMinor(minor, p.digits);
  }
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
