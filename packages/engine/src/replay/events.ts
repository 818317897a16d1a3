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
