// Ids: prefixed, time-ordered, and in the order they were made within one millisecond.
import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("ids", () => {
  it("ids made in one millisecond sort in the order they were made", () => {
    const at = Date.now() + 3_600_000; // later than any id made so far
    const ids = Array.from({ length: 1000 }, () => newId("evt", at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^evt_[0-9a-hjkmnp-tv-z]{26}$/.test(id))).toBe(true);
  });

  it("an id of a later millisecond sorts after, one of an earlier one before", () => {
    const at = Date.now() + 7_200_000;
    const now = newId("evt", at);
    expect(newId("evt", at + 1) > now).toBe(true);
    expect(newId("evt", at - 1) < now).toBe(true);
  });
});
