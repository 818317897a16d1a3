// An in-memory points wallet: available lots spent oldest-first, pending lots, debt, and the running totals
// that prove it balances (balance + pending = earned + refunded − redeemed − expired − reversed).
import type { Day } from "./dates.ts";

export interface Lot {
  points: number;
  grantedOn: Day;
  expiresOn: Day | null;
  seq: number;
}

export interface PendingLot {
  source: string;
  points: number;
  availableOn: Day | null;
  expiresOn: (availableDay: Day) => Day | null;
}

/** Points taken from one lot by a spend, so that a refund can give them back with the same dates. */
export interface Consumed {
  points: number;
  grantedOn: Day;
  expiresOn: Day | null;
}

let lotSeq = 0;

export class Wallet {
  lots: Lot[] = [];
  pendingLots: PendingLot[] = [];
  debt = 0;
  earned = 0;
  redeemed = 0;
  refunded = 0;
  expired = 0;
  reversed = 0;
  private available = 0;
  private pendingPoints = 0;

  get balance(): number {
    return this.available - this.debt;
  }

  get pending(): number {
    return this.pendingPoints;
  }

  /** Credits points as available now: they repay debt first. */
  grant(points: number, day: Day, expiresOn: Day | null, counts: "earned" | "refunded" = "earned"): void {
    assertPoints(points);
    if (counts === "earned") this.earned += points;
    else this.refunded += points;
    this.addAvailable(points, day, expiresOn);
  }

  private addAvailable(points: number, grantedOn: Day, expiresOn: Day | null): void {
    const repay = Math.min(this.debt, points);
    this.debt -= repay;
    const rest = points - repay;
    if (rest === 0) return;
    const lot: Lot = { points: rest, grantedOn, expiresOn, seq: lotSeq++ };
    // Keep lots ordered by grant day, so spending oldest-first is a walk from the front.
    let i = this.lots.length;
    while (i > 0 && (this.lots[i - 1] as Lot).grantedOn > grantedOn) i--;
    this.lots.splice(i, 0, lot);
    this.available += rest;
  }

  addPending(lot: PendingLot): void {
    assertPoints(lot.points);
    this.earned += lot.points;
    this.pendingLots.push(lot);
    this.pendingPoints += lot.points;
  }

  /** Moves pending lots whose day has come to available; returns the points matured. */
  mature(day: Day): number {
    let moved = 0;
    const keep: PendingLot[] = [];
    for (const p of this.pendingLots) {
      if (p.availableOn !== null && p.availableOn <= day) {
        this.pendingPoints -= p.points;
        this.addAvailable(p.points, p.availableOn, p.expiresOn(p.availableOn));
        moved += p.points;
      } else keep.push(p);
    }
    this.pendingLots = keep;
    return moved;
  }

  /** Sets the day a pending lot of `source` becomes available (a payment arrived). */
  schedulePending(source: string, availableOn: Day): void {
    for (const p of this.pendingLots)
      if (p.source === source && p.availableOn === null) p.availableOn = availableOn;
  }

  /** Spends points oldest-first; the caller has checked the balance. Returns the lots consumed. */
  spend(points: number): Consumed[] {
    assertPoints(points);
    if (points > this.available)
      throw new Error(`wallet: spending ${points} with ${this.available} available`);
    const consumed: Consumed[] = [];
    let left = points;
    let i = 0;
    while (left > 0) {
      const lot = this.lots[i] as Lot;
      const take = Math.min(lot.points, left);
      lot.points -= take;
      left -= take;
      consumed.push({ points: take, grantedOn: lot.grantedOn, expiresOn: lot.expiresOn });
      if (lot.points === 0) i++;
    }
    this.lots.splice(0, i);
    this.available -= points;
    this.redeemed += points;
    return consumed;
  }

  /**
   * Gives back spent points, latest-consumed first, with the dates of the lots they came from; returns the
   * expiry days of the lots given back, so the caller can expire them on time (or at once if already past).
   */
  refund(points: number, consumed: Consumed[]): (Day | null)[] {
    assertPoints(points);
    const expiries: (Day | null)[] = [];
    let left = points;
    for (let k = consumed.length - 1; k >= 0 && left > 0; k--) {
      const c = consumed[k] as Consumed;
      const take = Math.min(c.points, left);
      c.points -= take;
      left -= take;
      this.refunded += take;
      this.addAvailable(take, c.grantedOn, c.expiresOn);
      expiries.push(c.expiresOn);
    }
    if (left > 0) throw new Error(`wallet: refunding ${left} points more than were spent`);
    return expiries;
  }

  /**
   * Takes back earned points: first what is still pending from `source`, then available points (oldest
   * first), then, when debt is allowed, as debt. Returns the points actually taken.
   */
  reverse(points: number, source: string, allowDebt: boolean): number {
    assertPoints(points);
    let left = points;
    for (const p of this.pendingLots) {
      if (left === 0) break;
      if (p.source !== source) continue;
      const take = Math.min(p.points, left);
      p.points -= take;
      this.pendingPoints -= take;
      left -= take;
    }
    this.pendingLots = this.pendingLots.filter((p) => p.points > 0);
    const fromLots = Math.min(left, Math.max(0, this.available));
    let rest = fromLots;
    let i = 0;
    while (rest > 0) {
      const lot = this.lots[i] as Lot;
      const take = Math.min(lot.points, rest);
      lot.points -= take;
      rest -= take;
      if (lot.points === 0) i++;
    }
    this.lots.splice(0, i);
    this.available -= fromLots;
    left -= fromLots;
    if (left > 0 && allowDebt) {
      this.debt += left;
      left = 0;
    }
    const taken = points - left;
    this.reversed += taken;
    return taken;
  }

  /** Expires what is left of every lot whose last day is before `day`; returns the points expired. */
  expire(day: Day): number {
    let gone = 0;
    const keep: Lot[] = [];
    for (const lot of this.lots) {
      if (lot.expiresOn !== null && lot.expiresOn < day) gone += lot.points;
      else keep.push(lot);
    }
    if (gone > 0) {
      this.lots = keep;
      this.available -= gone;
      this.expired += gone;
    }
    return gone;
  }

  /** Points of lots that expire by `until` (inclusive), for "expiring soon". */
  expiringBy(until: Day): number {
    let pts = 0;
    for (const lot of this.lots) if (lot.expiresOn !== null && lot.expiresOn <= until) pts += lot.points;
    return pts;
  }

  /** Throws when the wallet's books do not add up. */
  check(): void {
    let lots = 0;
    for (const l of this.lots) lots += l.points;
    let pend = 0;
    for (const p of this.pendingLots) pend += p.points;
    const identity = this.earned + this.refunded - this.redeemed - this.expired - this.reversed;
    if (lots !== this.available || pend !== this.pendingPoints || this.balance + this.pending !== identity) {
      throw new Error(
        `wallet out of balance: lots ${lots} vs ${this.available}, pending ${pend} vs ${this.pendingPoints}, ` +
          `balance+pending ${this.balance + this.pending} vs ${identity}`,
      );
    }
  }
}

function assertPoints(points: number): void {
  if (!Number.isSafeInteger(points) || points < 0)
    throw new Error(`wallet: ${points} is not a whole, non-negative number of points`);
}
