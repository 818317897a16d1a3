// Migration 0046: orders written before it keep their outcome, now as json, and get the figures the analytics
// read (lines, costed net and cost, the referrer's credit) from it; new orders get them from the engine's outcome.
import type { OrderOutcome } from "@patron/engine";
import { describe, expect, it } from "vitest";
import { orderFigures } from "../modules/events/statements.ts";
import { createTenant } from "../modules/ledger/service.ts";
import { migrateBefore, unmigratedDb } from "../testing/db.ts";
import { migrate } from "./migrate.ts";

const VERSION = "0046_json_outcomes";

const line = (netMinor: number, quantityMilli: number, unitCostMinor: number | null) => ({
  sku: "S",
  category: "goods",
  quantityMilli,
  unitPriceMinor: netMinor,
  netMinor,
  unitCostMinor,
});

/** Three lines, two with a cost (one whose cost rounds: 333 × 1.5 = 499.5), and a referrer's credit. */
const OUTCOME = {
  lines: [line(10_000, 2000, 3000), line(7_000, 1500, 333), line(5_000, 1000, null)],
  referral: { referrerId: "ref-1", points: 40, availableOn: null },
  effects: [{ rule: "base", points: 220 }],
};

describe("migration 0046", () => {
  it("keeps older orders' outcomes, as json, with their figures", { timeout: 60_000 }, async () => {
    const { db, drop } = await unmigratedDb();
    try {
      // The database as it was before 0046: every migration before it applied.
      const upgrade = await migrateBefore(db, VERSION);
      await createTenant(db, "old", "Old");
      await db.exec("INSERT INTO members (tenant_id, id, joined_on) VALUES ('old', 'c1', '2026-01-01')");
      const insert = (id: string, outcome: unknown) =>
        db.query(
          `INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
             points_earned, outcome, consumed)
           VALUES ('old', $1, 'c1', '2026-01-02', 22000, 0, 22000, 0, 220, $2::jsonb, '[]')`,
          [id, JSON.stringify(outcome)],
        );
      await insert("o1", OUTCOME);
      await insert("o2", { lines: [], referral: null });
      expect(await migrate(db)).toEqual(upgrade);

      const r = await db.query<Record<string, unknown>>(
        `SELECT id, outcome, line_count, costed_net_minor::text, cost_minor::text, referrer_id,
           referral_points::text, pg_typeof(outcome)::text AS type
         FROM orders WHERE tenant_id = 'old' ORDER BY id`,
      );
      expect(r.rows).toEqual([
        {
          id: "o1",
          outcome: OUTCOME,
          line_count: 3,
          costed_net_minor: "17000",
          // 3000 × 2 = 6000, and 333 × 1.5 = 499.5 rounded up to 500.
          cost_minor: "6500",
          referrer_id: "ref-1",
          referral_points: "40",
          type: "json",
        },
        {
          id: "o2",
          outcome: { lines: [], referral: null },
          line_count: 0,
          costed_net_minor: "0",
          cost_minor: "0",
          referrer_id: null,
          referral_points: null,
          type: "json",
        },
      ]);
      // The engine's outcome gives a new order the same figures the migration gave an older one.
      const f = orderFigures(OUTCOME as unknown as OrderOutcome);
      expect(f).toEqual({
        lineCount: 3,
        costedNetMinor: 17000n,
        costMinor: 6500n,
        referrerId: "ref-1",
        referralPoints: 40,
      });
    } finally {
      await drop();
    }
  });
});
