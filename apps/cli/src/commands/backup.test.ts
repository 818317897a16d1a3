// `patron backup` and `patron restore` round trips: the embedded database's folder, and a PostgreSQL server
// database through pg_dump and pg_restore. A restore refuses a database that holds data unless --force.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTenant, type Db, migrate, openEmbedded, openServer, quoteIdent, verify } from "@patron/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { parseOrdersText } from "../input/csv.ts";
import { ORDERS_HEADER, runCommand } from "../testing/run.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
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
async function fill(db: Db): Promise<void> {
  await migrate(db);
  await createTenant(db, "acme", "Acme");
  await db.transaction((tx) => publishProgram(tx, "acme", PROGRAM));
  await loadOrders(db, "acme", "import", { id: "o", name: "o" }, parseOrdersText(ORDERS, "o.csv"), true);
}

async function state(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    accounts: await q("SELECT tenant_id, id, balance::text FROM accounts ORDER BY tenant_id, id"),
    orders: await q("SELECT tenant_id, id, points_earned::text FROM orders ORDER BY tenant_id, id"),
    events: await q("SELECT tenant_id, external_id, result FROM events ORDER BY tenant_id, external_id"),
    migrations: await q("SELECT version FROM schema_migrations ORDER BY version"),
  };
}

const saved = { url: process.env.DATABASE_URL, data: process.env.PATRON_DATA };
afterEach(() => {
  for (const [k, v] of [
    ["DATABASE_URL", saved.url],
    ["PATRON_DATA", saved.data],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

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

  describe.skipIf(!saved.url)("on the PostgreSQL server", () => {
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
