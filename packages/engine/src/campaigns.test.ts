import { describe, expect, it } from "vitest";
import {
  awardPrizes,
  badgesFor,
  progressMilli,
  rankBoard,
  rankTeams,
  scoreKept,
  scoreReturn,
  scoreSale,
} from "./campaigns.ts";

const sale = {
  isFirst: true,
  lines: [
    // 3 units at 1,000.00 less a 10% discount: 2,700.00 net, cost 600.00 each.
    { sku: "A-1", category: "paint", quantityMilli: 3000, netMinor: 270_000, unitCostMinor: 60_000 },
    // 2.5 units, 500.00 net, no cost known.
    { sku: "B-2", category: "tools", quantityMilli: 2500, netMinor: 50_000, unitCostMinor: null },
  ],
};

describe("scoreSale", () => {
  it("scores amount, margin, quantity and new clients by hand", () => {
    const s = scoreSale({ metric: "amount", skus: [], categories: [] }, sale);
    // 2,700.00 + 500.00; margin 2,700.00 - 3 × 600.00 = 900.00 (the line without cost adds none).
    expect(s).toEqual({
      amountMinor: 320_000,
      marginMinor: 90_000,
      quantityMilli: 5500,
      newClients: 1,
      score: 320_000,
    });
    expect(scoreSale({ metric: "margin", skus: [], categories: [] }, sale).score).toBe(90_000);
    expect(scoreSale({ metric: "quantity", skus: [], categories: [] }, sale).score).toBe(5500);
    expect(scoreSale({ metric: "newClients", skus: [], categories: [] }, sale).score).toBe(1);
  });

  it("counts only the named SKUs or categories", () => {
    expect(scoreSale({ metric: "amount", skus: ["B-2"], categories: [] }, sale).score).toBe(50_000);
    expect(scoreSale({ metric: "amount", skus: [], categories: ["paint"] }, sale).score).toBe(270_000);
    const none = scoreSale({ metric: "newClients", skus: ["Z"], categories: [] }, sale);
    expect(none).toEqual({ amountMinor: 0, marginMinor: 0, quantityMilli: 0, newClients: 0, score: 0 });
    expect(
      scoreSale({ metric: "newClients", skus: [], categories: [] }, { ...sale, isFirst: false }).score,
    ).toBe(0);
  });
});

describe("scoreReturn", () => {
  const all = { skus: [], categories: [] };

  it("takes back the returned units' refund, margin and quantity, by hand", () => {
    // 1 of the 3 units of A-1 back for 900.00: margin 900.00 - 600.00 = 300.00.
    const one = scoreReturn(
      { metric: "margin", ...all },
      sale,
      [0, 0],
      [{ index: 0, quantityMilli: 1000, refundMinor: 90_000 }],
    );
    expect(one).toEqual({
      amountMinor: 90_000,
      marginMinor: 30_000,
      quantityMilli: 1000,
      newClients: 0,
      score: 30_000,
      emptied: false,
    });
    // The line without a cost gives back its refund as amount and nothing as margin.
    const tools = scoreReturn(
      { metric: "amount", ...all },
      sale,
      [1000, 0],
      [{ index: 1, quantityMilli: 500, refundMinor: 10_000 }],
    );
    expect(tools).toMatchObject({ amountMinor: 10_000, marginMinor: 0, quantityMilli: 500, score: 10_000 });
  });

  it("takes back in parts exactly what the sale added, the cost rounded over the units returned so far", () => {
    // 3 units at a cost of 333.33: 999.99 in all. Half of them cost 499.995 → 500.00, the rest 499.99.
    const odd = {
      isFirst: false,
      lines: [
        { sku: "C-3", category: "paint", quantityMilli: 3000, netMinor: 270_001, unitCostMinor: 33_333 },
      ],
    };
    const rules = { metric: "margin" as const, ...all };
    const added = scoreSale(rules, odd);
    expect(added.marginMinor).toBe(270_001 - 99_999);
    const first = scoreReturn(rules, odd, [0], [{ index: 0, quantityMilli: 1500, refundMinor: 135_000 }]);
    const second = scoreReturn(rules, odd, [1500], [{ index: 0, quantityMilli: 1500, refundMinor: 135_001 }]);
    expect([first.marginMinor, second.marginMinor]).toEqual([135_000 - 50_000, 135_001 - 49_999]);
    expect(first.marginMinor + second.marginMinor).toBe(added.marginMinor);
    expect(first.amountMinor + second.amountMinor).toBe(added.amountMinor);
    expect([first.emptied, second.emptied]).toEqual([false, true]);
  });

  it("a sale scored after its returns keeps what the sale and its returns one by one would leave", () => {
    const odd = {
      isFirst: true,
      lines: [
        { sku: "C-3", category: "paint", quantityMilli: 3000, netMinor: 270_001, unitCostMinor: 33_333 },
      ],
    };
    const rules = { metric: "margin" as const, ...all };
    // Half returned for 1,350.00: 2,700.01 - 1,350.00 = 1,350.01 left; margin 1,350.01 less the kept half's
    // cost, 999.99 - 500.00 = 499.99: 850.02.
    const kept = scoreKept(rules, odd, [{ index: 0, quantityMilli: 1500, refundMinor: 135_000 }]);
    expect(kept).toEqual({
      amountMinor: 135_001,
      marginMinor: 85_002,
      quantityMilli: 1500,
      newClients: 1,
      score: 85_002,
      emptied: false,
    });
    const none = scoreKept(rules, odd, [{ index: 0, quantityMilli: 3000, refundMinor: 270_001 }]);
    expect(none).toMatchObject({
      amountMinor: 0,
      marginMinor: 0,
      quantityMilli: 0,
      newClients: 0,
      emptied: true,
    });
    expect(scoreKept(rules, odd, [])).toMatchObject({ amountMinor: 270_001, marginMinor: 170_002 });
  });

  it("a first order stops counting as a new client when nothing that counts is left of it", () => {
    const paint = { metric: "newClients" as const, skus: [], categories: ["paint"] };
    const back = [{ index: 0, quantityMilli: 3000, refundMinor: 270_000 }];
    // Only paint counts: all of it returned, the tools kept, and the client no longer counts.
    expect(scoreReturn(paint, sale, [0, 0], back)).toMatchObject({ newClients: 1, score: 1, emptied: true });
    // Every line counts: the tools are still there.
    const every = { metric: "newClients" as const, ...all };
    expect(scoreReturn(every, sale, [0, 0], back)).toMatchObject({ newClients: 0, emptied: false });
    const rest = [{ index: 1, quantityMilli: 2500, refundMinor: 50_000 }];
    expect(scoreReturn(every, sale, [3000, 0], rest)).toMatchObject({ newClients: 1, emptied: true });
    // Not a first order: never a new client to take back.
    expect(scoreReturn(every, { ...sale, isFirst: false }, [3000, 0], rest).newClients).toBe(0);
  });

  it("ignores the lines that do not count", () => {
    const r = scoreReturn(
      { metric: "amount", skus: ["A-1"], categories: [] },
      sale,
      [0, 0],
      [{ index: 1, quantityMilli: 2500, refundMinor: 50_000 }],
    );
    expect(r).toEqual({
      amountMinor: 0,
      marginMinor: 0,
      quantityMilli: 0,
      newClients: 0,
      score: 0,
      emptied: false,
    });
  });
});

describe("rankBoard", () => {
  it("shares places on equal scores and skips the next", () => {
    const board = rankBoard([
      { participant: "c", score: 500, target: 1000 },
      { participant: "a", score: 1500, target: 1000 },
      { participant: "b", score: 500, target: 400 },
      { participant: "d", score: 0, target: 100 },
    ]);
    expect(board.map((r) => [r.participant, r.rank, r.progressMilli, r.reachedTarget])).toEqual([
      ["a", 1, 1500, true],
      ["b", 2, 1250, true],
      ["c", 2, 500, false],
      ["d", 4, 0, false],
    ]);
  });

  it("ranks teams by summed scores against summed targets", () => {
    const teams = rankTeams([
      { participant: "a", team: "North", score: 300, target: 1000 },
      { participant: "b", team: "North", score: 400, target: 1000 },
      { participant: "c", team: "South", score: 900, target: 500 },
      { participant: "d", team: null, score: 5000, target: 1 },
    ]);
    expect(teams.map((t) => [t.participant, t.rank, t.score, t.target, t.progressMilli])).toEqual([
      ["South", 1, 900, 500, 1800],
      ["North", 2, 700, 2000, 350],
    ]);
  });
});

describe("badges and prizes", () => {
  it("gives milestone badges at 50%, 100% and 150% of target", () => {
    const m = [50, 100, 150];
    expect(badgesFor({ score: 0, target: 1000, sales: 0 }, m)).toEqual([]);
    expect(badgesFor({ score: 499, target: 1000, sales: 1 }, m)).toEqual(["first-sale"]);
    expect(badgesFor({ score: 500, target: 1000, sales: 2 }, m)).toEqual(["first-sale", "target-50"]);
    expect(badgesFor({ score: 1500, target: 1000, sales: 9 }, m)).toEqual([
      "first-sale",
      "target-50",
      "target-100",
      "target-150",
    ]);
    expect(progressMilli(2, 3)).toBe(666);
  });

  it("awards top places and target prizes, a participant several", () => {
    const board = rankBoard([
      { participant: "a", score: 1200, target: 1000 },
      { participant: "b", score: 900, target: 800 },
      { participant: "c", score: 900, target: 1000 },
      { participant: "d", score: 0, target: 1000 },
    ]);
    const awards = awardPrizes(board, [
      { top: 1, points: 5000, prize: "A trip" },
      { top: 2, points: 1000, prize: null },
      { aboveTarget: true, points: 300, prize: null },
    ]);
    expect(awards.map((a) => `${a.participant}:${a.code}:${a.points}`)).toEqual([
      "a:top-1:5000",
      "a:top-2:1000",
      "a:target:300",
      "b:top-2:1000",
      "b:target:300",
      "c:top-2:1000",
    ]);
  });
});
