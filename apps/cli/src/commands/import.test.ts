// Imports of real data: what lands equals the engine's replay of the file, a repeated or interrupted import
// doubles nothing, and an export imports again into the same ledger.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CompiledProgram, parseProgram, replay } from "@patron/engine";
import {
  companyRows,
  createTenant,
  csvCell,
  type Db,
  eventsOf,
  importEvents,
  ledgerRows,
  orderRows,
  verify,
} from "@patron/server";
import { parseCompaniesText, parseOrdersText, readCompanies, readOrders } from "@patron/server/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { type TestDb, testDb } from "../../../../packages/server/src/testing/db.ts";
import { loadCompanies, loadOrders } from "./import.ts";

const root = join(import.meta.dirname, "../../../..");
const DATA = join(root, "examples/data/online-retail");
const PROGRAM = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
const LINES = 3000;

let t: TestDb;
let program: CompiledProgram;
beforeAll(async () => {
  t = await testDb();
  const parsed = parseProgram(PROGRAM);
  if (!parsed.ok) throw new Error("the example program does not validate");
  program = parsed.compiled;
}, 120_000);
afterAll(async () => {
  await t.drop();
});

async function tenantWithProgram(db: Db, id: string): Promise<void> {
  await createTenant(db, id, id);
  await db.transaction((tx) => publishProgram(tx, id, PROGRAM));
}

/** What the database holds of a tenant's orders and wallets, to compare with a replay or another tenant. */
async function state(db: Db, tenantId: string) {
  const orders = await db.query<{ id: string; net: string; earned: string; redeemed: string }>(
    `SELECT id, net_minor::text AS net, points_earned::text AS earned, points_redeemed::text AS redeemed
     FROM orders WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const wallets = await db.query<{ id: string; balance: string }>(
    "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id LIKE 'wallet:%' ORDER BY id",
    [tenantId],
  );
  const counts = await db.query<{ events: number; postings: number }>(
    `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = $1) AS events,
            (SELECT count(*)::int FROM postings WHERE tenant_id = $1) AS postings`,
    [tenantId],
  );
  return { orders: orders.rows, wallets: wallets.rows, counts: counts.rows[0] };
}

async function csvOf(rows: AsyncGenerator<string[]>, header: readonly string[]): Promise<string> {
  let text = `${header.join(",")}\n`;
  for await (const r of rows) text += `${r.map(csvCell).join(",")}\n`;
  return text;
}

// Every order goes through ingestion, a few dozen statements each: give the embedded database time.
describe("patron import", { timeout: 300_000 }, () => {
  it("imports real orders as the engine's replay prices them, and a second run changes nothing", async () => {
    const rows = (await readOrders(join(DATA, "demo-orders.csv.gz"))).slice(0, LINES);
    const companies = await readCompanies(join(DATA, "demo-companies.csv"));
    await tenantWithProgram(t.db, "whole");
    await loadCompanies(t.db, "whole", { id: "c", name: "companies" }, companies, true);
    await loadOrders(t.db, "whole", "import", { id: "o", name: "orders" }, rows, true);

    const expected = replay([program], rows, companies);
    expect(expected.returns.length).toBeGreaterThan(3);
    const got = await state(t.db, "whole");
    expect(got.orders.length).toBe(expected.orders.length);
    const byId = new Map(got.orders.map((o) => [o.id, o]));
    for (const o of expected.orders) {
      expect(Number(byId.get(o.orderId)?.earned), o.orderId).toBe(o.pointsEarned);
    }
    const wallets = new Map(got.wallets.map((w) => [w.id, Number(w.balance)]));
    const members = expected.members.filter((m) => m.earned > 0);
    expect(members.length).toBeGreaterThan(20);
    for (const m of members) expect(wallets.get(`wallet:${m.companyId}`), m.companyId).toBe(m.balance);
    expect(await verify(t.db, "whole")).toEqual({ differences: [], total: 0n });
    const named = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM members WHERE tenant_id = 'whole' AND name LIKE 'Customer %'",
    );
    expect(named.rows[0]?.n).toBe(companies.length);

    // The same file again: the import's record says it is done, and nothing is written.
    await loadOrders(t.db, "whole", "import", { id: "o", name: "orders" }, rows, true);
    // Another name for the same file (the record lost): every event is found taken, still nothing doubles.
    await loadOrders(t.db, "whole", "import", { id: "o2", name: "orders" }, rows, true);
    expect(await state(t.db, "whole")).toEqual(got);
  });

  it("an import stopped between batches continues where it stopped, with nothing doubled", async () => {
    const rows = (await readOrders(join(DATA, "demo-orders.csv.gz"))).slice(0, LINES);
    await tenantWithProgram(t.db, "resumed");
    const events = await eventsOf(t.db, "resumed", rows);
    let batches = 0;
    const stop = new Error("stopped");
    await expect(
      importEvents(t.db, "resumed", "import", { id: "o", name: "orders" }, events, (done) => {
        if (done > 0 && ++batches === 2) throw stop;
      }),
    ).rejects.toBe(stop);
    const part = await t.db.query<{ done: number }>(
      "SELECT done FROM imports WHERE tenant_id = 'resumed' AND id = 'o'",
    );
    const done = part.rows[0]?.done ?? 0;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(events.length);
    const report = await importEvents(t.db, "resumed", "import", { id: "o", name: "orders" }, events);
    expect(report).toEqual({ total: events.length, skipped: done, imported: events.length - done });

    const whole = await state(t.db, "whole");
    expect(await state(t.db, "resumed")).toEqual(whole);
    expect(await verify(t.db, "resumed")).toEqual({ differences: [], total: 0n });
  });

  it("an export of orders and companies imports again into the same orders and balances", async () => {
    const ordersCsv = await csvOf(orderRows(t.db, "whole"), [
      "event",
      "order_id",
      "date",
      "company_id",
      "contact_id",
      "sku",
      "category",
      "quantity",
      "unit_price",
      "unit_cost",
      "points_to_redeem",
      "promo_code",
      "paid_on",
      "term_months",
      "partner_id",
      "sales_rep_id",
    ]);
    const companiesCsv = await csvOf(companyRows(t.db, "whole"), [
      "company_id",
      "name",
      "tax_id",
      "parent_id",
      "segment",
      "region",
      "joined_on",
      "enrolled_on",
    ]);
    const rows = parseOrdersText(ordersCsv, "export.csv");
    expect(rows.length).toBe(LINES);
    await tenantWithProgram(t.db, "again");
    await loadCompanies(
      t.db,
      "again",
      { id: "c", name: "c" },
      parseCompaniesText(companiesCsv, "c.csv"),
      true,
    );
    await loadOrders(t.db, "again", "import", { id: "o", name: "o" }, rows, true);
    const whole = await state(t.db, "whole");
    expect(await state(t.db, "again")).toEqual(whole);
    expect(await csvOf(orderRows(t.db, "again"), ["x"])).toEqual(
      await csvOf(orderRows(t.db, "whole"), ["x"]),
    );
    const ledger = (await csvOf(ledgerRows(t.db, "again"), ["x"])).trim().split("\n").slice(1);
    expect(ledger.length).toBe(whole.counts?.postings);
    expect(new Set(ledger.map((l) => l.split(",").slice(0, 5).join())).size).toBe(ledger.length);
    expect(await csvOf(companyRows(t.db, "again"), ["x"])).toEqual(
      await csvOf(companyRows(t.db, "whole"), ["x"]),
    );
  });
});
