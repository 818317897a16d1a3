// A migrated database for a test file: embedded and in memory by default, a fresh schema on the PostgreSQL
// server when DATABASE_URL is set (dropped again by `drop`).
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Db, openEmbedded, openServer, quoteIdent } from "../db/db.ts";
import { migrate, migrations } from "../db/migrate.ts";

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

export async function testDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openEmbedded(null, { from: await migratedSnapshot() });
    await migrate(db); // a no-op on the snapshot; kept so that a stale snapshot could never go unnoticed
    return { db, drop: () => db.close() };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const db = await openServer(url, { schema, max: 60 });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await db.close();
    },
  };
}

/**
 * A database with no migration applied (embedded and in memory, or a fresh schema on the server), for the tests
 * of a migration that build the database as it was before it.
 */
export async function unmigratedDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openEmbedded(null);
    return { db, drop: () => db.close() };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const db = await openServer(url, { schema, max: 4 });
  return {
    db,
    async drop() {
      await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await db.close();
    },
  };
}

/**
 * Brings an unmigrated database (see unmigratedDb) to where it stood before `version`: every earlier migration
 * applied. Returns the versions an upgrade from there applies, `version` first.
 */
export async function migrateBefore(db: Db, version: string): Promise<string[]> {
  const upgrade = migrations()
    .map((m) => m.version)
    .filter((v) => v >= version);
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  for (const v of upgrade) await db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [v]);
  await migrate(db);
  for (const v of upgrade) await db.query("DELETE FROM schema_migrations WHERE version = $1", [v]);
  return upgrade;
}

let snapshot: Promise<Blob> | undefined;

/**
 * An embedded database with every migration applied, as an archive kept in the temporary folder under a name
 * made from the migrations and the database's version, so that test files skip creating and migrating a
 * cluster each (about four seconds a file). Made once by whichever test process comes first; written under
 * a temporary name and renamed, so a reader never sees half a file.
 */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite"); // …/pglite/dist/index.cjs
    const hash = createHash("sha256").update(readFileSync(join(dirname(entry), "..", "package.json")));
    for (const m of migrations()) hash.update(m.version).update("\0").update(m.sql).update("\0");
    const file = join(tmpdir(), `patron-test-db-${hash.digest("hex").slice(0, 16)}.tar`);
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      const db = await openEmbedded(null);
      await migrate(db);
      const blob = await db.snapshot();
      await db.close();
      const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
      renameSync(partial, file);
      return blob;
    }
  })();
  return snapshot;
}
