import { describe, expect, it } from "vitest";
import { evaluateAction, evaluateRewardOrder, tierProgress } from "./actions.ts";
import { example } from "./testing.ts";

describe("15 rewards and training", () => {
  const p = example("15-rewards-and-training");
  const ev = {
    type: "action",
    id: "A1",
    day: 0,
    companyId: "C1",
    contactId: null,
    action: "attendance",
    subject: "T-2026-03",
  } as const;

  it("pays 500 points for attending a training, once per training", () => {
    expect(evaluateAction(p, ev, () => false)).toMatchObject({
      points: 500,
      keys: ["training-attended|T-2026-03"],
    });
    expect(evaluateAction(p, ev, () => true)).toMatchObject({
      points: 0,
      effects: [expect.objectContaining({ code: "action.alreadyEarned" })],
    });
  });

  it("an action no rule pays for earns nothing and says so", () => {
    expect(evaluateAction(p, { ...ev, action: "survey" }, () => false)).toMatchObject({
      points: 0,
      effects: [expect.objectContaining({ code: "action.noRule" })],
    });
  });

  it("prices a reward order in points and refuses one the balance cannot pay", () => {
    expect(evaluateRewardOrder(p, { tier: null, balance: 3000 }, "power-bank", 2)).toMatchObject({
      ok: true,
      points: 3000,
    });
    expect(evaluateRewardOrder(p, { tier: null, balance: 2999 }, "power-bank", 2)).toMatchObject({
      ok: false,
      code: "reward.insufficientPoints",
    });
    expect(evaluateRewardOrder(p, { tier: null, balance: 9999 }, "yacht", 1)).toMatchObject({
      ok: false,
      code: "reward.unknown",
    });
    expect(evaluateRewardOrder(p, { tier: null, balance: 9999 }, "power-bank", 0)).toMatchObject({
      ok: false,
      code: "reward.badQuantity",
    });
  });
});

describe("tier progress", () => {
  it("says how much more is needed for the next level", () => {
    const p = example("01-volume-tiers");
    // 288,000.00 bought: 12,000.00 more to Silver.
    expect(tierProgress(p, "base", 28_800_000)).toEqual({
      tier: "base",
      next: "silver",
      remaining: 1_200_000,
      amount: 28_800_000,
    });
    expect(tierProgress(p, "platinum", 400_000_000)).toMatchObject({ next: null, remaining: 0 });
  });
});
