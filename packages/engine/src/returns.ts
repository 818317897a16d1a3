// Evaluates a return against the order it names: refunds the returned units' net, gives back the points
// spent on them and reverses earned points cumulatively, so a full return reverses exactly what was earned.
import type { CompiledProgram } from "./compile.ts";
import type { Day } from "./dates.ts";
import { bigDivHalfUp, bigFloorDiv, formatMinor, mulDivFloor } from "./money.ts";
import type { OrderOutcome, PricedLine, StateChange, UnitPricing } from "./pricing.ts";
import type { Explanation, ReturnEvent } from "./types.ts";

/** What a stored order remembers about its returns so far. */
export interface ReturnProgress {
  returnedMilli: number[];
  returnedNetMinor: number;
  pointsReversed: number;
  companyPointsReversed: number;
  /** Money of the returned units that had been paid with points, and the points given back for it. */
  pointsMoneyReturnedMinor: number;
  pointsRefunded: number;
  campaignReversed: number[];
}

export function newReturnProgress(o: OrderOutcome): ReturnProgress {
  return {
    returnedMilli: new Array<number>(o.lines.length).fill(0),
    returnedNetMinor: 0,
    pointsReversed: 0,
    companyPointsReversed: 0,
    pointsMoneyReturnedMinor: 0,
    pointsRefunded: 0,
    campaignReversed: new Array<number>(o.campaignScores.length).fill(0),
  };
}

export interface ReturnOutcome {
  orderId: string;
  companyId: string;
  day: Day;
  refundMinor: number;
  /** Earned points taken back by this return. */
  pointsReversed: number;
  companyPointsReversed: number;
  contactPointsReversed: number;
  /** Points that paid for the returned units, given back. */
  pointsRefunded: number;
  lines: { index: number; quantityMilli: number; refundMinor: number; pointsMoneyMinor: number }[];
  changes: StateChange[];
  campaignReversals: { campaign: string; participant: string; points: number }[];
  effects: Explanation[];
  progress: ReturnProgress;
}

export class ReturnError extends Error {
  constructor(
    readonly field: "sku" | "quantity" | "unit_price",
    message: string,
    /** Which of the return's lines is at fault. */
    readonly lineIndex: number,
  ) {
    super(message);
  }
}

/**
 * Value of the last `r` thousandths of a line's units before order-level discounts and points, exactly, in
 * units of 10⁻⁹ of a minor unit: their gross less what unit-counting mechanics took off them.
 */
function valueOfLast(l: PricedLine, r: number): bigint {
  let v = BigInt(r) * BigInt(l.unitPriceMinor) * 1_000_000n;
  for (const u of l.units) {
    let left = r;
    for (let k = u.runs.length - 1; k >= 0 && left > 0; k--) {
      const run = u.runs[k] as UnitPricing["runs"][number];
      const take = Math.min(left, run.qtyMilli);
      v -= BigInt(take) * BigInt(l.unitPriceMinor) * BigInt(run.ratePpm);
      left -= take;
    }
  }
  return v < 0n ? 0n : v;
}

/**
 * What of a line's `total` (its net, or the points spent on it) belongs to its last `r` units. Order-level
 * discounts and points are spread over units by their value, so units that unit-counting mechanics priced
 * lower (later bands, free stamps) carry less; the last unit takes the remainder, so a full return is exact.
 */
function shareOfLast(l: PricedLine, total: number, r: number, round: "halfUp" | "floor"): number {
  if (r === l.quantityMilli) return total;
  const all = valueOfLast(l, l.quantityMilli);
  if (all === 0n) return 0;
  const n = BigInt(total) * valueOfLast(l, r);
  return Number(round === "floor" ? bigFloorDiv(n, all) : bigDivHalfUp(n, all));
}

/**
 * What a line's returned units (`returnedMilli`, all its returns so far) took back of its sale: the money
 * refunded and the money paid with points, as each return computed them (their sums telescope to this).
 */
export function returnedSaleMinor(l: PricedLine, returnedMilli: number): number {
  if (returnedMilli <= 0) return 0;
  return (
    shareOfLast(l, l.netMinor, returnedMilli, "halfUp") +
    shareOfLast(l, l.pointsMoneyMinor, returnedMilli, "halfUp")
  );
}

function stampedMilli(u: UnitPricing, r: number): number {
  let left = r;
  let stamped = 0;
  for (let k = u.runs.length - 1; k >= 0 && left > 0; k--) {
    const run = u.runs[k] as UnitPricing["runs"][number];
    const take = Math.min(left, run.qtyMilli);
    if (run.stamp) stamped += take;
    left -= take;
  }
  return stamped;
}

/** Every line's returns so far as one: its units returned and their refund in all (what the returns summed to). */
export function returnedSoFar(
  order: OrderOutcome,
  returnedMilli: readonly number[],
): { index: number; quantityMilli: number; refundMinor: number }[] {
  return order.lines.flatMap((l, index) => {
    const r = returnedMilli[index] ?? 0;
    return r > 0 ? [{ index, quantityMilli: r, refundMinor: shareOfLast(l, l.netMinor, r, "halfUp") }] : [];
  });
}

/**
 * Evaluates a return. Each returned line names a SKU and unit price; the last matching line of the order
 * with units left is taken first. `stampsNow` reads the member's current stamp count for a stamps rule.
 */
export function evaluateReturn(
  p: CompiledProgram,
  order: OrderOutcome,
  progress: ReturnProgress,
  ret: ReturnEvent,
  stampsNow: (rule: string) => number,
): ReturnOutcome {
  const returned = [...progress.returnedMilli];
  for (const [k, rl] of ret.lines.entries()) {
    let left = rl.quantityMilli;
    let matched = false;
    for (let i = order.lines.length - 1; i >= 0 && left > 0; i--) {
      const l = order.lines[i] as PricedLine;
      if (l.sku !== rl.sku || l.unitPriceMinor !== rl.unitPriceMinor) continue;
      matched = true;
      const room = l.quantityMilli - (returned[i] ?? 0);
      const take = Math.min(room, left);
      returned[i] = (returned[i] ?? 0) + take;
      left -= take;
    }
    if (!matched) {
      throw new ReturnError(
        "sku",
        `order ${order.orderId} has no line of SKU ${rl.sku} at unit price ${formatMinor(rl.unitPriceMinor, p.digits)}`,
        k,
      );
    }
    if (left > 0) {
      throw new ReturnError(
        "quantity",
        `returns more of SKU ${rl.sku} than order ${order.orderId} has left to return (${formatMinor(left, 3)} too many)`,
        k,
      );
    }
  }

  const lines: ReturnOutcome["lines"] = [];
  const changes: StateChange[] = [];
  const stampDelta = new Map<string, number>();
  let refund = 0;
  let pointsMoneyReturned = 0;
  let endMembership = false;
  for (let i = 0; i < order.lines.length; i++) {
    const r0 = progress.returnedMilli[i] ?? 0;
    const r1 = returned[i] ?? 0;
    if (r1 === r0) continue;
    const l = order.lines[i] as PricedLine;
    const lineRefund = shareOfLast(l, l.netMinor, r1, "halfUp") - shareOfLast(l, l.netMinor, r0, "halfUp");
    const pointsMoney =
      shareOfLast(l, l.pointsMoneyMinor, r1, "halfUp") - shareOfLast(l, l.pointsMoneyMinor, r0, "halfUp");
    refund += lineRefund;
    pointsMoneyReturned += pointsMoney;
    lines.push({ index: i, quantityMilli: r1 - r0, refundMinor: lineRefund, pointsMoneyMinor: pointsMoney });
    for (const u of l.units) {
      if (u.kind === "volumeBands") changes.push({ kind: "bandUnits", key: u.key, deltaMilli: -(r1 - r0) });
      else {
        const units = Math.floor(stampedMilli(u, r1) / 1000) - Math.floor(stampedMilli(u, r0) / 1000);
        stampDelta.set(u.rule, (stampDelta.get(u.rule) ?? 0) + units);
      }
    }
    if (p.discounts.some((d) => d.kind === "membership" && d.sku === l.sku)) endMembership = true;
  }
  for (const [rule, units] of stampDelta) {
    changes.push({ kind: "stamps", rule, count: Math.max(0, stampsNow(rule) - units) });
  }
  if (endMembership) {
    for (const d of p.discounts) {
      if (d.kind === "membership" && order.lines.some((l) => l.sku === d.sku)) {
        changes.push({ kind: "membership", rule: d.id, end: ret.day - 1 });
      }
    }
  }

  // Points given back: the points-paid money of the returned units so far, in whole points, cumulatively.
  const moneySoFar = progress.pointsMoneyReturnedMinor + pointsMoneyReturned;
  const refundedSoFar =
    moneySoFar >= order.pointsRedeemed * p.pointValueMinor
      ? order.pointsRedeemed
      : Math.floor(moneySoFar / p.pointValueMinor);
  const pointsRefunded = refundedSoFar - progress.pointsRefunded;
  const returnedNet = progress.returnedNetMinor + refund;
  const earned = order.earned;
  const cum = (points: number) =>
    order.netMinor > 0 ? Math.max(0, mulDivFloor(points, returnedNet, order.netMinor)) : 0;
  const totalCum = Math.min(earned.points, cum(earned.points));
  const companyCum = Math.min(earned.companyPoints, cum(earned.companyPoints));
  const pointsReversed = totalCum - progress.pointsReversed;
  const companyPointsReversed = companyCum - progress.companyPointsReversed;
  const campaignReversed = order.campaignScores.map((s) => Math.min(s.points, cum(s.points)));
  const campaignReversals = order.campaignScores
    .map((s, k) => ({
      campaign: s.campaign,
      participant: s.participant,
      points: (campaignReversed[k] ?? 0) - (progress.campaignReversed[k] ?? 0),
    }))
    .filter((x) => x.points > 0);

  const effects: Explanation[] = [
    {
      code: "return.refund",
      version: order.version,
      params: {
        order: order.orderId,
        refund: formatMinor(refund, p.digits),
        returnedNet: formatMinor(returnedNet, p.digits),
        orderNet: formatMinor(order.netMinor, p.digits),
      },
    },
  ];
  if (pointsReversed > 0) {
    effects.push({
      code: "return.pointsReversed",
      version: order.version,
      params: { earned: earned.points, reversedSoFar: totalCum, points: pointsReversed },
    });
  }
  if (pointsRefunded > 0) {
    effects.push({
      code: "return.pointsRefunded",
      version: order.version,
      params: { points: pointsRefunded },
    });
  }
  return {
    orderId: order.orderId,
    companyId: order.companyId,
    day: ret.day,
    refundMinor: refund,
    pointsReversed,
    companyPointsReversed,
    contactPointsReversed: pointsReversed - companyPointsReversed,
    pointsRefunded,
    lines,
    changes,
    campaignReversals,
    effects,
    progress: {
      returnedMilli: returned,
      returnedNetMinor: returnedNet,
      pointsReversed: totalCum,
      companyPointsReversed: companyCum,
      pointsMoneyReturnedMinor: moneySoFar,
      pointsRefunded: refundedSoFar,
      campaignReversed,
    },
  };
}
