// Table statistics kept up to date while a long write grows tables from empty. Statements are prepared once per
// connection, and their plans are made from what the planner knows of the tables then: a plan made while a
// table was empty (or had no statistics) reads all of a tenant's rows where it should look a few up by key, and
// is kept until the table's statistics change. A server's autovacuum refreshes them as tables grow; the embedded
// database has no autovacuum, and a server may run without it. ANALYZE also drops the plans made before.
import type { Queryable } from "./db.ts";

/** The tables an import of orders and returns grows. */
export const ORDER_TABLES = [
  "members",
  "member_days",
  "accounts",
  "events",
  "orders",
  "lots",
  "pending_lots",
  "ledger_transactions",
  "postings",
  "outbox",
  "tier_changes",
] as const;

/** Rows written before the first refresh; each later one waits until the rows written have doubled. */
const FIRST_REFRESH = 1000;

/**
 * Refreshes the statistics of `tables` whenever the count of rows written since the start has doubled since
 * the last refresh: about twenty times over a billion rows, each a sample of at most 30,000 rows per table.
 */
export class GrowingTables {
  private next = FIRST_REFRESH;

  constructor(private readonly tables: readonly string[]) {}

  /** Called after each committed batch with the rows (or records) written so far. */
  async grew(q: Queryable, written: number): Promise<boolean> {
    if (written < this.next) return false;
    this.next = written * 2;
    await q.query(`ANALYZE ${this.tables.join(", ")}`);
    return true;
  }
}
