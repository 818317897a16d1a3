// A member's purchase history as running sums by day, for windows such as "the 365 days before D".
import type { Day } from "../dates.ts";

export interface HistoryArrays {
  days: number[];
  net: number[];
  orders: number[];
  points: number[];
}

export function newHistory(): HistoryArrays {
  return { days: [], net: [], orders: [], points: [] };
}

/** Adds to the running sums of a history on `day` (days never go backwards). */
export function record(h: HistoryArrays, day: Day, net: number, orders: number, points: number): void {
  const n = h.days.length;
  if (n > 0 && h.days[n - 1] === day) {
    h.net[n - 1] = (h.net[n - 1] ?? 0) + net;
    h.orders[n - 1] = (h.orders[n - 1] ?? 0) + orders;
    h.points[n - 1] = (h.points[n - 1] ?? 0) + points;
    return;
  }
  h.days.push(day);
  h.net.push((n > 0 ? (h.net[n - 1] ?? 0) : 0) + net);
  h.orders.push((n > 0 ? (h.orders[n - 1] ?? 0) : 0) + orders);
  h.points.push((n > 0 ? (h.points[n - 1] ?? 0) : 0) + points);
}

/** Index of the last entry dated on or before `day`, or −1. */
export function lastAtOrBefore(h: HistoryArrays, day: Day): number {
  let lo = 0;
  let hi = h.days.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((h.days[mid] ?? 0) <= day) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Sum of a history series over the days from..to inclusive. */
export function sumBetween(
  h: HistoryArrays,
  series: "net" | "orders" | "points",
  from: Day,
  to: Day,
): number {
  if (to < from) return 0;
  const a = lastAtOrBefore(h, to);
  if (a < 0) return 0;
  const b = lastAtOrBefore(h, from - 1);
  const arr = h[series];
  return (arr[a] ?? 0) - (b >= 0 ? (arr[b] ?? 0) : 0);
}
