// Cases found by review, kept so they stay fixed.
import { describe, expect, it } from "vitest";
import { ReplayError, replay } from "./replay/replay.ts";
import { example, row } from "./testing.ts";

const r = (...a: Parameters<typeof row>) => row(...a);

describe("regressions", () => {
  it("points never pay more of a line than it costs, so every refund is money back", () => {
    const p = example("01-volume-tiers");
    const out = replay(
      [p],
      [
        r("order", "O0", "2026-01-01", "C1", "Z", "x", 1, 1000), // 10 points
        r("order", "O1", "2026-01-02", "C1", "B1", "x", 1, 0.5, { pointsToRedeem: 1 }), // cap floor(50% × 2.00) = 1
        r("order", "O1", "2026-01-02", "C1", "B2", "x", 1, 0.5),
        r("order", "O1", "2026-01-02", "C1", "B3", "x", 1, 0.5),
        r("order", "O1", "2026-01-02", "C1", "B4", "x", 1, 0.5),
        r("return", "O1", "2026-01-03", "C1", "B1", "x", 1, 0.5),
        r("return", "O1", "2026-01-04", "C1", "B2", "x", 1, 0.5),
        r("return", "O1", "2026-01-05", "C1", "B3", "x", 1, 0.5),
        r("return", "O1", "2026-01-06", "C1", "B4", "x", 1, 0.5),
      ],
      [],
    );
    expect(out.orders[1]).toMatchObject({ pointsRedeemed: 1, net: "1.00", pointsEarned: 0 });
    // The point's 1.00 is spread 0.25 a line: each return refunds 0.25 and the last gives the point back.
    expect(out.returns.map((x) => [x.refund, x.pointsRefunded])).toEqual([
      ["0.25", 0],
      ["0.25", 0],
      ["0.25", 0],
      ["0.25", 1],
    ]);
  });

  it("points given back after their lot expired expire at once instead of living forever", () => {
    const p = example("03-monthly-bonus");
    const out = replay(
      [p],
      [
        r("order", "O1", "2026-01-05", "C1", "A", "x", 1, 2000), // Feb 1: 300 points, last day Feb 28
        r("order", "O4", "2026-02-10", "C1", "A", "x", 1, 1000, { pointsToRedeem: 100 }),
        r("return", "O4", "2026-03-10", "C1", "A", "x", 1, 1000), // gives back 100 points of an expired lot
        r("order", "O5", "2026-06-20", "C1", "A", "x", 1, 1000, { pointsToRedeem: 100 }),
      ],
      [],
    );
    expect(out.returns[0]).toMatchObject({ pointsRefunded: 100 });
    expect(out.journal.filter((j) => j.type === "expiry").map((j) => [j.date, j.points])).toEqual([
      ["2026-03-01", 200],
      ["2026-03-10", 100],
      ["2026-04-01", 27], // February's net 900 (O4 less its points) → 3% on Mar 1, gone at March's end
    ]);
    expect(out.orders.find((o) => o.orderId === "O5")?.pointsRedeemed).toBe(0);
  });

  it("a tier's benefits are journaled on the day the tier is reached", () => {
    const out = replay(
      [example("02-status-levels")],
      [r("order", "O1", "2026-01-10", "C1", "A", "x", 1, 1600000)],
      [],
      {
        asOf: "2026-04-02",
      },
    );
    expect(out.journal).toContainEqual(
      expect.objectContaining({
        date: "2026-04-01",
        type: "benefit",
        companyId: "C1",
        benefit: "priority-service",
      }),
    );
    expect(out.members[0]?.benefits).toEqual([
      expect.objectContaining({ code: "priority-service", date: "2026-04-01" }),
    ]);
  });

  it("a return naming another company than its order's is refused on its own line", () => {
    const run = () =>
      replay(
        [example("04-progressive-discount")],
        [
          r("order", "O1", "2026-01-05", "C1", "A", "x", 1, 100),
          r("return", "O1", "2026-01-06", "C2", "A", "x", 1, 100),
        ],
        [],
      );
    expect(run).toThrow(ReplayError);
    expect(run).toThrow(/belongs to company C1, not C2/);
  });

  it("return rows of one day are one return however the date is written, and a bad row is named", () => {
    const p = example("04-progressive-discount");
    const rows = [
      r("order", "O1", "2026-01-05", "C1", "A", "x", 2, 100),
      r("order", "O1", "2026-01-05", "C1", "B", "x", 2, 100),
      r("return", "O1", "2026-01-06T10:00", "C1", "A", "x", 1, 100),
      r("return", "O1", "2026-01-06", "C1", "B", "x", 1, 100),
    ];
    expect(replay([p], rows, []).returns).toHaveLength(1);
    const bad = [...rows, r("return", "O1", "2026-01-06", "C1", "B", "x", 5, 100)];
    try {
      replay([p], bad, []);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReplayError);
      expect((e as ReplayError).line).toBe(bad[4]?.fileLine);
      expect((e as ReplayError).field).toBe("quantity");
    }
  });

  it("an order beyond the largest amount is refused, not rounded", () => {
    const run = () =>
      replay(
        [example("04-progressive-discount")],
        [r("order", "O1", "2026-01-05", "C1", "A", "x", "9007199254740.991", "90071992547409.91")],
        [],
      );
    expect(run).toThrow(/largest order amount/);
  });
});
