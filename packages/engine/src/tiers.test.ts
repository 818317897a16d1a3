import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "./dates.ts";
import { example } from "./testing.ts";
import { isSettingDay, levelBelow, levelFor, qualifyingWindow } from "./tiers.ts";

const day = (iso: string) => parseDay(iso) as number;
const tiers = (name: string) => {
  const t = example(name).tiers;
  if (!t) throw new Error("no tiers");
  return t;
};

describe("tier qualification", () => {
  it("reads the 365 days before the day, or the previous calendar quarter", () => {
    const w1 = qualifyingWindow(tiers("01-volume-tiers"), day("2027-01-11"));
    expect([formatDay(w1.from), formatDay(w1.to)]).toEqual(["2026-01-11", "2027-01-10"]);
    const w2 = qualifyingWindow(tiers("02-status-levels"), day("2026-04-01"));
    expect([formatDay(w2.from), formatDay(w2.to)]).toEqual(["2026-01-01", "2026-03-31"]);
  });

  it("gives the highest level whose threshold is reached, and steps down one level at a time", () => {
    const t = tiers("01-volume-tiers");
    expect(levelFor(t, 29_999_999)).toBe("base");
    expect(levelFor(t, 30_000_000)).toBe("silver");
    expect(levelFor(t, 300_000_000)).toBe("platinum");
    expect(levelBelow(t, "gold")).toBe("silver");
    expect(levelBelow(t, "base")).toBe("base");
  });

  it("sets quarterly levels on the 1st of a quarter only", () => {
    const t = tiers("02-status-levels");
    expect(
      ["2026-01-01", "2026-04-01", "2026-05-01", "2026-04-02"].map((d) => isSettingDay(t, day(d))),
    ).toEqual([true, true, false, false]);
  });
});
