// A migrated database for a test file: embedded and in memory by default, a fresh schema on the PostgreSQL
// server when DATABASE_URL is set (dropped again by `drop`).
import { randomBytes } from "node:crypto";
import { type Db, openEmbedded, openServer, quoteIdent } from "../db/db.ts";
import { migrate } from "../db/migrate.ts";

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

export async function testDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openEmbedded(null);
    await migrate(db);
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
