// Non-purchase events (trainings attended, surveys answered, …) and reward orders from the catalog.
import type { CompiledProgram } from "./compile.ts";
import type { MemberReader } from "./pricing.ts";
import type { ActionEvent, Explanation } from "./types.ts";

export interface ActionOutcome {
  points: number;
  /** Keys of the rules that paid, to remember for once-per-subject rules. */
  keys: string[];
  effects: Explanation[];
}

/** Points for an action event. `alreadyEarned(key)` tells whether a once-per-subject rule already paid. */
export function evaluateAction(
  p: CompiledProgram,
  ev: ActionEvent,
  alreadyEarned: (key: string) => boolean,
): ActionOutcome {
  const out: ActionOutcome = { points: 0, keys: [], effects: [] };
  for (const a of p.actions) {
    if (a.event !== ev.action) continue;
    if (a.subject !== null && a.subject !== ev.subject) continue;
    const key = `${a.id}|${ev.subject ?? ""}`;
    if (a.oncePerSubject && alreadyEarned(key)) {
      out.effects.push({
        code: "action.alreadyEarned",
        rule: a.id,
        version: p.version,
        params: { subject: ev.subject },
      });
      continue;
    }
    out.points += a.points;
    out.keys.push(key);
    out.effects.push({
      code: "action.points",
      rule: a.id,
      version: p.version,
      params: { action: ev.action, subject: ev.subject, points: a.points },
    });
  }
  if (out.effects.length === 0) {
    out.effects.push({
      code: "action.noRule",
      version: p.version,
      params: { action: ev.action, subject: ev.subject },
    });
  }
  return out;
}

export type RewardOutcome =
  | { ok: true; rewardId: string; quantity: number; points: number; effects: Explanation[] }
  | {
      ok: false;
      code: "reward.unknown" | "reward.tierNotAllowed" | "reward.insufficientPoints" | "reward.badQuantity";
      message: string;
    };

/** Prices a reward order in points and checks that the member may place it; changes nothing. */
export function evaluateRewardOrder(
  p: CompiledProgram,
  member: Pick<MemberReader, "tier" | "balance">,
  rewardId: string,
  quantity: number,
): RewardOutcome {
  const r = p.rewards.get(rewardId);
  if (!r)
    return { ok: false, code: "reward.unknown", message: `there is no reward "${rewardId}" in the catalog` };
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    return {
      ok: false,
      code: "reward.badQuantity",
      message: "quantity must be a whole number of at least 1",
    };
  }
  if (r.tiers && (member.tier === null || !r.tiers.has(member.tier))) {
    return {
      ok: false,
      code: "reward.tierNotAllowed",
      message: `"${r.name}" is for the tiers ${[...r.tiers].join(", ")}; the member is ${member.tier ?? "in no tier"}`,
    };
  }
  const points = r.pricePoints * quantity;
  if (member.balance < points) {
    return {
      ok: false,
      code: "reward.insufficientPoints",
      message: `"${r.name}" × ${quantity} costs ${points} points; ${Math.max(0, member.balance)} are available`,
    };
  }
  return {
    ok: true,
    rewardId,
    quantity,
    points,
    effects: [
      {
        code: "reward.ordered",
        rule: rewardId,
        version: p.version,
        params: { reward: r.name, kind: r.kind, quantity, points },
      },
    ],
  };
}

export interface TierProgress {
  tier: string | null;
  next: string | null;
  /** Qualifying amount still missing to reach the next level (minor units, or points for pointsEarned). */
  remaining: number;
  amount: number;
}

/** How far a member is from the next level, given the qualifying amount in the current window. */
export function tierProgress(p: CompiledProgram, tier: string | null, amount: number): TierProgress {
  const levels = p.tiers?.levels ?? [];
  const idx = levels.findIndex((l) => l.id === tier);
  const next = levels.find((l, i) => i > idx && l.from > amount) ?? null;
  return { tier, next: next?.id ?? null, remaining: next ? next.from - amount : 0, amount };
}
