// A command test's own embedded data folder (PATRON_DATA, with DATABASE_URL put aside while it runs), and a
// tenant in it with a published program and one order: the setup the jobs and export tests share.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDay } from "@patron/engine";
import { createTenant, migrate, openEmbedded } from "@patron/server";
import { ingestOrder } from "../../../../packages/server/src/modules/events/service.ts";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";

const saved = { data: process.env.PATRON_DATA, url: process.env.DATABASE_URL };

/** Points PATRON_DATA at a new empty folder and puts DATABASE_URL aside. */
export function useNewDataFolder(prefix: string): void {
  process.env.PATRON_DATA = join(mkdtempSync(join(tmpdir(), `patron-${prefix}-`)), "data");
  delete process.env.DATABASE_URL;
}

/** Gives PATRON_DATA and DATABASE_URL back the values they had before the tests. */
export function restoreEnvironment(): void {
  if (saved.data === undefined) delete process.env.PATRON_DATA;
  else process.env.PATRON_DATA = saved.data;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
}

/**
 * In the data folder: tenant `acme` with `program` published, and order O1 of company C1 on `date`, one line of
 * `unitPriceMinor`.
 */
export async function seedAcme(program: string, date: string, unitPriceMinor: number): Promise<void> {
  const db = await openEmbedded(process.env.PATRON_DATA as string);
  try {
    await migrate(db);
    await createTenant(db, "acme", "Acme");
    await db.transaction((tx) => publishProgram(tx, "acme", program));
    await ingestOrder(db, "acme", "erp", {
      type: "order",
      orderId: "O1",
      day: parseDay(date) as number,
      companyId: "C1",
      contactId: null,
      lines: [{ sku: "A", category: "goods", quantityMilli: 1000, unitPriceMinor, unitCostMinor: null }],
      pointsToRedeem: 0,
      code: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
    });
  } finally {
    await db.close();
  }
}
