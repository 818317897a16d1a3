// Helpers of the job runner's tests: a tenant with a dozen orders, and its accounts' balances.
import { parseDay } from "@patron/engine";
import type { Db } from "../db/db.ts";
import { ingestOrder } from "../modules/events/service.ts";
import { createTenant } from "../modules/ledger/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { jobNamed } from "./registry.ts";

export const PROGRAM = `
id: runner
name: Pending then expiring points
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: true }
earning: { baseRate: "2%" }
pending: { untilPaid: false, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

export const day = (text: string) => parseDay(text) as number;

/** The day jobs' runs, without the sweeps that run on every tick (hold expiry). */
export const dayRuns = <R extends { job: string }>(runs: R[]): R[] =>
  runs.filter((r) => jobNamed(r.job)?.every === "day");

/** A tenant with the program and a dozen orders in its first ten days. */
export async function tenantWithOrders(db: Db, id: string): Promise<void> {
  await createTenant(db, id, id);
  await db.transaction((tx) => publishProgram(tx, id, PROGRAM));
  for (let k = 0; k < 12; k++) {
    await ingestOrder(db, id, "erp", {
      type: "order",
      orderId: `O${k}`,
      day: day("2026-01-02") + (k % 10),
      companyId: `C${k % 3}`,
      contactId: null,
      lines: [
        {
          sku: "A",
          category: "goods",
          quantityMilli: 1000 * (1 + k),
          unitPriceMinor: 100_000,
          unitCostMinor: null,
        },
      ],
      pointsToRedeem: 0,
      code: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
    });
  }
}

/** Every account's balance (its row and stripes) by id. */
export async function ledgerOf(db: Db, tenantId: string): Promise<Record<string, string>> {
  const r = await db.query<{ id: string; balance: string }>(
    `SELECT id, (balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
                 WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text AS balance
     FROM accounts a WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return Object.fromEntries(r.rows.map((a) => [a.id, a.balance]));
}
