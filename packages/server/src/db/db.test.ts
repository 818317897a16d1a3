// The database layer: migrations apply once, and one process at a time owns an embedded data folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testDb } from "../testing/db.ts";
import { DbLockedError, openEmbedded } from "./db.ts";
import { migrate, migrations } from "./migrate.ts";

describe("migrations", () => {
  it("apply every file once; running again applies nothing", async () => {
    const t = await testDb();
    try {
      expect(await migrate(t.db)).toEqual([]);
      const r = await t.db.query<{ version: string }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      expect(r.rows.map((x) => x.version)).toEqual(migrations().map((m) => m.version));
    } finally {
      await t.drop();
    }
  });
});

describe("the embedded database", () => {
  it("keeps its data in a folder and refuses a second owner with a clear message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "patron-db-"));
    const db = await openEmbedded(dir);
    try {
      await migrate(db);
      // Another live process holds the lock: the parent of this one.
      writeFileSync(join(dir, "patron.lock"), String(process.ppid));
      await expect(openEmbedded(dir)).rejects.toBeInstanceOf(DbLockedError);
      await expect(openEmbedded(dir)).rejects.toThrow(/is in use by process/);
    } finally {
      writeFileSync(join(dir, "patron.lock"), String(process.pid));
      await db.close();
    }
    // Closed: the folder can be opened again, with its data.
    const again = await openEmbedded(dir);
    expect(await migrate(again)).toEqual([]);
    await again.close();
  });
});
