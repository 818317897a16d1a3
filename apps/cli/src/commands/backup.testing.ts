// Helpers of the backup tests: a filled database, its state, and the environment put back after each test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTenant, type Db, migrate } from "@patron/server";
import { parseOrdersText } from "@patron/server/csv";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { ORDERS_HEADER } from "../testing/run.ts";
import { loadOrders } from "./import.ts";

const root = join(import.meta.dirname, "../../../..");
const PROGRAM = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
const ORDERS = `${ORDERS_HEADER}
order,O1,2026-02-01,C1,,A,goods,2,12500.00,,,
order,O2,2026-02-03,C2,,B,goods,1,400000.00,,,
order,O3,2026-02-04,C1,,A,goods,1,12500.00,,100,
return,O2,2026-02-10,C2,,B,goods,1,400000.00,,,
`;

/** A tenant with a program, three orders and a return. */
export async function fill(db: Db): Promise<void> {
  await migrate(db);
  await createTenant(db, "acme", "Acme");
  await db.transaction((tx) => publishProgram(tx, "acme", PROGRAM));
  await loadOrders(db, "acme", "import", { id: "o", name: "o" }, parseOrdersText(ORDERS, "o.csv"), true);
}

export async function state(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    accounts: await q("SELECT tenant_id, id, balance::text FROM accounts ORDER BY tenant_id, id"),
    orders: await q("SELECT tenant_id, id, points_earned::text FROM orders ORDER BY tenant_id, id"),
    events: await q("SELECT tenant_id, external_id, result FROM events ORDER BY tenant_id, external_id"),
    migrations: await q("SELECT version FROM schema_migrations ORDER BY version"),
  };
}

export const saved = { url: process.env.DATABASE_URL, data: process.env.PATRON_DATA };
export function restoreEnv(): void {
  for (const [k, v] of [
    ["DATABASE_URL", saved.url],
    ["PATRON_DATA", saved.data],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
