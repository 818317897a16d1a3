// Tier qualification, pure: the window a level is read from, the level an amount earns, and when levels
// are set. The replay and the server both decide levels with these functions.
import type { CompiledTiers } from "./compile.ts";
import { civilFromDay, type Day, periodStart } from "./dates.ts";

/** The days (inclusive) whose purchases or points qualify for a level evaluated on `day`. */
export function qualifyingWindow(t: CompiledTiers, day: Day): { from: Day; to: Day } {
  if ("rollingDays" in t.window) return { from: day - t.window.rollingDays, to: day - 1 };
  const period = t.window.previous;
  const to = periodStart(day, period) - 1;
  return { from: periodStart(to, period), to };
}

/** The highest level whose threshold the amount reaches; the lowest level below every threshold. */
export function levelFor(t: CompiledTiers, amount: number): string {
  let id = (t.levels[0] as CompiledTiers["levels"][number]).id;
  for (const l of t.levels) if (amount >= l.from) id = l.id;
  return id;
}

export function levelIndex(t: CompiledTiers, id: string): number {
  return t.levels.findIndex((l) => l.id === id);
}

/** The level one below `id`, or `id` itself at the bottom (an inactivity drop). */
export function levelBelow(t: CompiledTiers, id: string): string {
  const i = levelIndex(t, id);
  return i > 0 ? (t.levels[i - 1] as CompiledTiers["levels"][number]).id : id;
}

/** Whether `day` is a day the program sets every member's level (the 1st of its month, quarter or year). */
export function isSettingDay(t: CompiledTiers, day: Day): boolean {
  const { m, d } = civilFromDay(day);
  if (d !== 1) return false;
  if (t.evaluation === "monthly") return true;
  if (t.evaluation === "quarterly") return (m - 1) % 3 === 0;
  if (t.evaluation === "yearly") return m === 1;
  return false;
}
