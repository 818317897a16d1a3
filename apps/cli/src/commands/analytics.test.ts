// `patron analytics rebuild` and `refresh` on an embedded data folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDay } from "@patron/engine";
import { createTenant, migrate, openEmbedded } from "@patron/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestOrder } from "../../../../packages/server/src/modules/events/service.ts";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { runCommand } from "../testing/run.ts";
import { analyticsCommand } from "./analytics.ts";

const saved = { data: process.env.PATRON_DATA, url: process.env.DATABASE_URL };

beforeEach(() => {
  process.env.PATRON_DATA = join(mkdtempSync(join(tmpdir(), "patron-analytics-")), "data");
  delete process.env.DATABASE_URL;
});

afterEach(() => {
  if (saved.data === undefined) delete process.env.PATRON_DATA;
  else process.env.PATRON_DATA = saved.data;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
});

const PROGRAM = `
id: analytics
name: Analytics
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
`;

const order = (orderId: string, day: string, unitPriceMinor: number) => ({
  type: "order" as const,
  orderId,
  day: parseDay(day) as number,
  companyId: "C1",
  contactId: null,
  lines: [{ sku: "A", category: "goods", quantityMilli: 2000, unitPriceMinor, unitCostMinor: 30_000 }],
  pointsToRedeem: 0,
  code: null,
  paidOn: null,
  termMonths: null,
  partnerId: null,
  salesRepId: null,
});

describe("patron analytics", () => {
  it("rebuilds a tenant's rollups from its orders, and a refresh afterwards finds nothing new", async () => {
    const db = await openEmbedded(process.env.PATRON_DATA as string);
    await migrate(db);
    await createTenant(db, "acme", "Acme");
    await db.transaction((tx) => publishProgram(tx, "acme", PROGRAM));
    await ingestOrder(db, "acme", "erp", order("O1", "2026-01-02", 50_000));
    await ingestOrder(db, "acme", "erp", order("O2", "2026-01-02", 10_000));
    await db.close();

    const rebuilt = await runCommand(analyticsCommand, ["rebuild", "--tenant", "acme"]);
    expect(rebuilt.stderr).toBe("");
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^acme {2}rebuild {2}1 days {2}up to \S+ {2}\d+ ms\n$/);
    const again = await runCommand(analyticsCommand, ["refresh"]);
    expect(again.stdout).toMatch(/^acme {2}refresh {2}0 days /);

    const check = await openEmbedded(process.env.PATRON_DATA as string);
    const r = await check.query<Record<string, string>>(
      `SELECT day::text, active_members::text, orders::text, net_minor::text, cost_minor::text, points_earned::text
       FROM analytics_tenant_days WHERE tenant_id = 'acme'`,
    );
    await check.close();
    // Two orders of 2 × 500.00 and 2 × 100.00: 1,200.00 net, 4 units at a cost of 300.00 = 1,200.00 of cost,
    // 10% → 100 + 20 points.
    expect(r.rows).toEqual([
      {
        day: "2026-01-02",
        active_members: "1",
        orders: "2",
        net_minor: "120000",
        cost_minor: "120000",
        points_earned: "120",
      },
    ]);
  });

  it("names a tenant that does not exist and refuses an unknown subcommand", async () => {
    expect((await runCommand(analyticsCommand, ["rebuild", "--tenant", "nobody"])).code).toBe(1);
    expect((await runCommand(analyticsCommand, ["explode"])).code).toBe(2);
  });
});
