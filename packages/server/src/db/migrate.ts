// Applies the numbered SQL files in db/migrations once each, in order, each in its own transaction.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./db.ts";

const DIR = join(import.meta.dirname, "migrations");

export interface Migration {
  version: string;
  sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ""), sql: readFileSync(join(DIR, f), "utf8") }));
}

/** Brings the schema up to date; returns the versions applied now. Safe to run from several processes. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const applied: string[] = [];
  for (const m of migrations()) {
    const done = await db.transaction(async (tx) => {
      // The table lock makes a second process wait here, then see the version and skip it.
      await tx.query("LOCK TABLE schema_migrations IN EXCLUSIVE MODE");
      const seen = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (seen.rows.length > 0) return false;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** Splits a migration file on semicolons at the end of a line (migrations keep one statement per block). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}
