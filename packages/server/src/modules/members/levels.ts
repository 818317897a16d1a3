// Where a member's level comes from. A level that is a function of its window alone (read daily from a
// rolling window, nothing held back, nothing dropped for inactivity) is read from the window at the event; any
// other is state the tier job keeps (set on setting days, drops held by a grace period, inactivity drops), and
// events are priced from the level stored with the member, as the replay prices them from its own state.
import type { CompiledProgram, CompiledTiers } from "@patron/engine";

/** Whether the tier job keeps the level (true), or the window at the event gives it (false). */
export function levelIsKept(t: CompiledTiers): boolean {
  return t.evaluation !== "daily" || t.graceDays > 0 || t.inactivityDays !== null;
}

/** Whether any of the versions keeps levels in the tier job, which must then run before each day's events. */
export function keepsLevels(versions: readonly CompiledProgram[]): boolean {
  return versions.some((p) => p.tiers !== null && p.tiers !== undefined && levelIsKept(p.tiers));
}
