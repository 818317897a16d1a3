// `patron backup` and `patron restore` on a PostgreSQL server database, through pg_dump and pg_restore.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openServer, quoteIdent, verify } from "@patron/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../testing/run.ts";
import { fill, restoreEnv, saved, state } from "./backup.testing.ts";
import { backupCommand, restoreCommand } from "./backup.ts";

afterEach(restoreEnv);

describe("patron backup and restore", { timeout: 300_000 }, () => {
  describe("on the PostgreSQL server", () => {
    const names = [
      `patron_backup_${randomBytes(5).toString("hex")}`,
      `patron_restore_${randomBytes(5).toString("hex")}`,
    ];
    const admin = () => openServer(saved.url as string, { max: 1 });
    const urlOf = (name: string) => {
      const u = new URL(saved.url as string);
      u.pathname = `/${name}`;
      return u.toString();
    };
    afterAll(async () => {
      const db = await admin();
      for (const n of names) await db.query(`DROP DATABASE IF EXISTS ${quoteIdent(n)} WITH (FORCE)`);
      await db.close();
    });

    it("dumps a database with pg_dump and restores it into an empty one, refusing a full one without --force", async () => {
      const a = await admin();
      for (const n of names) await a.query(`CREATE DATABASE ${quoteIdent(n)}`);
      await a.close();
      const [from, to] = names.map(urlOf) as [string, string];
      const source = await openServer(from);
      await fill(source);
      const before = await state(source);
      await source.close();

      const file = join(mkdtempSync(join(tmpdir(), "patron-backup-")), "patron.dump");
      process.env.DATABASE_URL = from;
      expect(await runCommand(backupCommand, [file])).toMatchObject({ code: 0 });
      process.env.DATABASE_URL = to;
      expect(await runCommand(restoreCommand, [file])).toMatchObject({ code: 0 });
      const refused = await runCommand(restoreCommand, [file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--force");
      const forced = await runCommand(restoreCommand, [file, "--force"]);
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);

      const restored = await openServer(to);
      try {
        expect(await state(restored)).toEqual(before);
        expect(await verify(restored, "acme")).toEqual({ differences: [], total: 0n });
      } finally {
        await restored.close();
      }
    });
  });
});
