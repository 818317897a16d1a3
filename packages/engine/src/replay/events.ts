// Groups the rows of an orders file into replay events, refusing rows that cannot make sense.
import { type Day, localDay, parseDay } from "../dates.ts";
import { formatMinor, MAX_ORDER_MINOR } from "../money.ts";
import type { OrderEvent, ReturnEvent } from "../types.ts";
import type { OrderRow } from "./input.ts";

export class ReplayError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type ReplayEvent =
  | { kind: "order"; line: number; ev: OrderEvent }
  | { kind: "return"; line: number; ev: ReturnEvent; rows: { line: number; companyId: string }[] };

/** Groups rows into events: an order's lines by order id; consecutive return lines of one order and date. */
export function eventsFromRows(rows: readonly OrderRow[], timeZone: string): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const orders = new Map<string, { ev: OrderEvent; line: number; gross: number }>();
  let openReturn: Extract<ReplayEvent, { kind: "return" }> | null = null;
  let openReturnKey = "";
  // Many lines share a date cell: parse each distinct one once.
  const days = new Map<string, Day | null>();
  for (const r of rows) {
    let day = days.get(r.date);
    if (day === undefined) {
      day = localDay(r.date, timeZone);
      days.set(r.date, day);
    }
    if (day === null)
      throw new ReplayError(r.fileLine, "date", `"${r.date}" is not an ISO date or date-time`);
    if (r.event === "order") {
      let o = orders.get(r.orderId);
      if (!o) {
        const paidOn = r.paidOn === null ? null : parseDay(r.paidOn);
        if (r.paidOn !== null && paidOn === null)
          throw new ReplayError(r.fileLine, "paid_on", `"${r.paidOn}" is not a date`);
        o = {
          line: r.fileLine,
          gross: 0,
          ev: {
            type: "order",
            orderId: r.orderId,
            day,
            companyId: r.companyId,
            contactId: r.contactId,
            lines: [],
            pointsToRedeem: r.pointsToRedeem ?? 0,
            code: r.promoCode,
            paidOn,
            termMonths: r.termMonths,
            partnerId: r.partnerId,
            salesRepId: r.salesRepId,
          },
        };
        orders.set(r.orderId, o);
        events.push({ kind: "order", line: r.fileLine, ev: o.ev });
      } else if (o.ev.companyId !== r.companyId) {
        throw new ReplayError(
          r.fileLine,
          "company_id",
          `order ${r.orderId} belongs to company ${o.ev.companyId} (line ${o.line}), not ${r.companyId}`,
        );
      }
      // A float is exact enough to compare with a limit far below 2^53.
      o.gross += (r.quantityMilli * r.unitPriceMinor) / 1000;
      if (o.gross > MAX_ORDER_MINOR) {
        throw new ReplayError(
          r.fileLine,
          "quantity",
          `order ${r.orderId} comes to more than ${formatMinor(MAX_ORDER_MINOR, 2)}, the largest order amount the engine takes`,
        );
      }
      o.ev.lines.push({
        sku: r.sku,
        category: r.category,
        quantityMilli: r.quantityMilli,
        unitPriceMinor: r.unitPriceMinor,
        unitCostMinor: r.unitCostMinor,
      });
    } else {
      if ((r.quantityMilli * r.unitPriceMinor) / 1000 > MAX_ORDER_MINOR) {
        throw new ReplayError(
          r.fileLine,
          "quantity",
          "the returned amount is larger than any order the engine takes",
        );
      }
      // Consecutive return rows of one order and date are one return; any other row in between ends it.
      const key = `${r.orderId}\u0000${day}`;
      if (!openReturn || openReturnKey !== key) {
        openReturn = {
          kind: "return",
          line: r.fileLine,
          ev: { type: "return", orderId: r.orderId, day, lines: [] },
          rows: [],
        };
        openReturnKey = key;
        events.push(openReturn);
      }
      openReturn.ev.lines.push({
        sku: r.sku,
        unitPriceMinor: r.unitPriceMinor,
        quantityMilli: r.quantityMilli,
      });
      openReturn.rows.push({ line: r.fileLine, companyId: r.companyId });
      continue;
    }
    openReturn = null;
  }
  // Stable: events of a day keep file order.
  events.sort((a, b) => a.ev.day - b.ev.day);
  return events;
}

/**
 * The grouping of `eventsFromRows`, one row at a time, keeping per order only what the checks need (its event,
 * company, first line and running amount): `place` checks a row and tells which event it belongs to (numbered
 * in the order events first appear in the file) and whether it opens that event. Two groupers fed the same
 * rows give the same answers, so a file can be read twice instead of held: once to plan, once to assemble.
 */
export class EventGrouper {
  private readonly orders = new Map<
    string,
    { index: number; companyId: string; line: number; gross: number }
  >();
  private readonly days = new Map<string, Day | null>();
  private openReturnKey: string | null = null;
  private count = 0;

  constructor(private readonly timeZone: string) {}

  /** Events opened so far. */
  get events(): number {
    return this.count;
  }

  place(r: OrderRow): { index: number; day: Day; opens: boolean } {
    let day = this.days.get(r.date);
    if (day === undefined) {
      day = localDay(r.date, this.timeZone);
      this.days.set(r.date, day);
    }
    if (day === null)
      throw new ReplayError(r.fileLine, "date", `"${r.date}" is not an ISO date or date-time`);
    if (r.event === "order") {
      this.openReturnKey = null;
      let o = this.orders.get(r.orderId);
      const opens = !o;
      if (!o) {
        if (r.paidOn !== null && parseDay(r.paidOn) === null)
          throw new ReplayError(r.fileLine, "paid_on", `"${r.paidOn}" is not a date`);
        o = { index: this.count++, companyId: r.companyId, line: r.fileLine, gross: 0 };
        this.orders.set(r.orderId, o);
      } else if (o.companyId !== r.companyId) {
        throw new ReplayError(
          r.fileLine,
          "company_id",
          `order ${r.orderId} belongs to company ${o.companyId} (line ${o.line}), not ${r.companyId}`,
        );
      }
      o.gross += (r.quantityMilli * r.unitPriceMinor) / 1000;
      if (o.gross > MAX_ORDER_MINOR) {
        throw new ReplayError(
          r.fileLine,
          "quantity",
          `order ${r.orderId} comes to more than ${formatMinor(MAX_ORDER_MINOR, 2)}, the largest order amount the engine takes`,
        );
      }
      return { index: o.index, day, opens };
    }
    if ((r.quantityMilli * r.unitPriceMinor) / 1000 > MAX_ORDER_MINOR) {
      throw new ReplayError(
        r.fileLine,
        "quantity",
        "the returned amount is larger than any order the engine takes",
      );
    }
    const key = `${r.orderId}\u0000${day}`;
    const opens = this.openReturnKey !== key;
    if (opens) {
      this.openReturnKey = key;
      this.count++;
    }
    return { index: this.count - 1, day, opens };
  }
}

/** What the first reading of a file learns of each event: its day, its first line and its number of lines. */
export interface EventPlan {
  /** Per event, in the order events first appear in the file. */
  days: Day[];
  lines: number[];
  /** Event numbers in the replay's order (by day, then file order). */
  order: number[];
}

/** Plans the events of rows read one by one (`add` each row, then `finish`). */
export class EventPlanner {
  private readonly grouper: EventGrouper;
  private readonly days: Day[] = [];
  private readonly lines: number[] = [];

  constructor(timeZone: string) {
    this.grouper = new EventGrouper(timeZone);
  }

  add(r: OrderRow): void {
    const p = this.grouper.place(r);
    if (p.opens) {
      this.days.push(p.day);
      this.lines.push(0);
    }
    this.lines[p.index] = (this.lines[p.index] ?? 0) + 1;
  }

  finish(): EventPlan {
    const order = this.days.map((_, i) => i);
    // Stable: events of a day keep file order.
    order.sort((a, b) => (this.days[a] as Day) - (this.days[b] as Day) || a - b);
    return { days: this.days, lines: this.lines, order };
  }
}

/**
 * The events of rows read a second time, in the replay's order, each given as soon as it and every event
 * before it are complete: a file already in that order (by day, each order's lines together) is held one
 * event at a time; any other needs as much memory as its events out of place.
 */
export class EventAssembler {
  private readonly grouper: EventGrouper;
  private readonly building = new Map<number, { event: ReplayEvent; missing: number }>();
  private next = 0;

  constructor(
    timeZone: string,
    private readonly plan: EventPlan,
  ) {
    this.grouper = new EventGrouper(timeZone);
  }

  /** Adds a row; returns the events now ready, in order. */
  add(r: OrderRow): ReplayEvent[] {
    const p = this.grouper.place(r);
    let b = this.building.get(p.index);
    if (!b) {
      if (!p.opens) throw new ReplayError(r.fileLine, "order_id", "the file changed while it was read");
      b = { event: newEvent(r, p.day), missing: this.plan.lines[p.index] ?? 0 };
      this.building.set(p.index, b);
    }
    addLine(b.event, r);
    b.missing--;
    const ready: ReplayEvent[] = [];
    for (;;) {
      const k = this.plan.order[this.next];
      const done = k === undefined ? undefined : this.building.get(k);
      if (k === undefined || !done || done.missing > 0) break;
      this.building.delete(k);
      ready.push(done.event);
      this.next++;
    }
    return ready;
  }

  /** Checks that every planned event was given. */
  finish(): void {
    if (this.next !== this.plan.order.length)
      throw new ReplayError(0, "order_id", "the file changed while it was read");
  }
}

function newEvent(r: OrderRow, day: Day): ReplayEvent {
  if (r.event === "return")
    return {
      kind: "return",
      line: r.fileLine,
      ev: { type: "return", orderId: r.orderId, day, lines: [] },
      rows: [],
    };
  return {
    kind: "order",
    line: r.fileLine,
    ev: {
      type: "order",
      orderId: r.orderId,
      day,
      companyId: r.companyId,
      contactId: r.contactId,
      lines: [],
      pointsToRedeem: r.pointsToRedeem ?? 0,
      code: r.promoCode,
      paidOn: r.paidOn === null ? null : parseDay(r.paidOn),
      termMonths: r.termMonths,
      partnerId: r.partnerId,
      salesRepId: r.salesRepId,
    },
  };
}

function addLine(e: ReplayEvent, r: OrderRow): void {
  if (e.kind === "order") {
    e.ev.lines.push({
      sku: r.sku,
      category: r.category,
      quantityMilli: r.quantityMilli,
      unitPriceMinor: r.unitPriceMinor,
      unitCostMinor: r.unitCostMinor,
    });
  } else {
    e.ev.lines.push({ sku: r.sku, unitPriceMinor: r.unitPriceMinor, quantityMilli: r.quantityMilli });
    e.rows.push({ line: r.fileLine, companyId: r.companyId });
  }
}
