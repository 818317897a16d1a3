// `patron backup` and `patron restore` round trips of the embedded database's folder (the server's, through
// pg_dump and pg_restore: backup.pg.test.ts). A restore refuses a database that holds data unless --force.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openEmbedded, verify } from "@patron/server";
import { afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../testing/run.ts";
import { fill, restoreEnv, state } from "./backup.testing.ts";
import { backupCommand, restoreCommand } from "./backup.ts";

afterEach(restoreEnv);

describe("patron backup and restore", { timeout: 300_000 }, () => {
  it("copies the embedded database and restores it into an empty folder, refusing a full one without --force", async () => {
    delete process.env.DATABASE_URL;
    const tmp = mkdtempSync(join(tmpdir(), "patron-backup-"));
    const source = join(tmp, "source");
    const db = await openEmbedded(source);
    await fill(db);
    const before = await state(db);
    expect(before.orders.length).toBe(3);
    await db.close();

    process.env.PATRON_DATA = source;
    const file = join(tmp, "patron.tar.gz");
    expect(await runCommand(backupCommand, [file])).toMatchObject({ code: 0 });

    const target = join(tmp, "target");
    process.env.PATRON_DATA = target;
    expect(await runCommand(restoreCommand, [file])).toMatchObject({ code: 0 });
    const refused = await runCommand(restoreCommand, [file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect(await runCommand(restoreCommand, [file, "--force"])).toMatchObject({ code: 0 });

    const restored = await openEmbedded(target);
    try {
      expect(await state(restored)).toEqual(before);
      expect(await verify(restored, "acme")).toEqual({ differences: [], total: 0n });
    } finally {
      await restored.close();
    }
    // A PostgreSQL server cannot take an embedded copy: the error says what the file is.
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    const wrong = await runCommand(restoreCommand, [file]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("embedded database");
  });
});
