// Table statistics kept up to date while a long write grows tables from empty. Statements are prepared once per
// connection, and their plans are made from what the planner knows of the tables then: a plan made while a
// table was empty (or had no statistics) reads all of a tenant's rows where it should look a few up by key, and
// is kept until the table's statistics change. A server's autovacuum refreshes them as tables grow; the embedded
// database has no autovacuum, and a server may run without it. ANALYZE also drops the plans made before. Two
// keepers: an import refreshes the tables it grows as it goes; the scheduler refreshes any table of the schema
// that has doubled in size since its statistics were taken (with autovacuum on, they seldom have). On the embedded
// database, which nothing else vacuums, the scheduler's refresh also vacuums those tables, so that the space of
// rows updated or deleted is used again rather than the tables growing with every update.
import { type Queryable, quoteIdent } from "./db.ts";

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

/** A table smaller than this many pages is left to the planner's own reading of its size. */
const SMALLEST_PAGES = 8;

/**
 * Takes the statistics of every table of the current schema that has at least doubled in size (in pages) since
 * they were last taken, or never had them and is no longer tiny; returns the tables' names. With `vacuum`, the
 * tables are vacuumed too (outside any transaction: `q` is then the database itself).
 */
export async function refreshGrownTables(q: Queryable, opts: { vacuum?: boolean } = {}): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind = 'r'
       AND pg_relation_size(c.oid) / current_setting('block_size')::int >= GREATEST(2 * c.relpages, ${SMALLEST_PAGES})
     ORDER BY c.relname`,
  );
  const names = r.rows.map((x) => x.name);
  if (names.length > 0)
    await q.query(`${opts.vacuum ? "VACUUM (ANALYZE)" : "ANALYZE"} ${names.map(quoteIdent).join(", ")}`);
  return names;
}
