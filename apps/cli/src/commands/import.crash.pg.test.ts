// Crash test, on the PostgreSQL server only: `patron import` of 20,000 real invoice lines killed with SIGKILL
// at five random points, restarted each time, ends with the same orders, balances and postings as a clean
// single import into another schema: nothing lost, nothing doubled, the ledger verified.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createTenant, type Db, migrate, openServer, quoteIdent, verify } from "@patron/server";
import { readOrders } from "@patron/server/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { loadOrders } from "./import.ts";

const url = process.env.DATABASE_URL;
const root = join(import.meta.dirname, "../../../..");
const bin = join(root, "apps/cli/bin/patron.js");
const PROGRAM = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
const LINES = 20_000;
const KILLS = 5;
const TENANT = "crash";

interface Schema {
  name: string;
  db: Db;
  url: string;
}

async function freshSchema(base: string): Promise<Schema> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const db = await openServer(base, { schema: name, max: 4 });
  await migrate(db);
  await createTenant(db, TENANT, "Crash test");
  await db.transaction((tx) => publishProgram(tx, TENANT, PROGRAM));
  const options = `options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return { name, db, url: `${base}${base.includes("?") ? "&" : "?"}${options}` };
}

async function state(db: Db) {
  const q = async (sql: string) => (await db.query(sql, [TENANT])).rows;
  return {
    orders: await q(
      `SELECT id, member_id, day::text, gross_minor::text, net_minor::text, points_earned::text, points_redeemed::text,
              progress FROM orders WHERE tenant_id = $1 ORDER BY id`,
    ),
    accounts: await q("SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id"),
    lots: await q(
      "SELECT account_id, granted_on::text, remaining::text FROM lots WHERE tenant_id = $1 ORDER BY account_id, granted_on, remaining",
    ),
    counts: await q(
      `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = $1) AS events,
              (SELECT count(*)::int FROM ledger_transactions WHERE tenant_id = $1) AS transactions,
              (SELECT count(*)::int FROM postings WHERE tenant_id = $1) AS postings,
              (SELECT count(*)::int FROM member_days WHERE tenant_id = $1) AS days`,
    ),
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("patron import killed and restarted", () => {
  let a: Schema;
  let b: Schema;
  let file: string;
  beforeAll(async () => {
    a = await freshSchema(url as string);
    b = await freshSchema(url as string);
    const text = gunzipSync(readFileSync(join(root, "examples/data/online-retail/orders.csv.gz"))).toString();
    let end = 0;
    for (let i = 0; i <= LINES; i++) end = text.indexOf("\n", end) + 1;
    file = join(mkdtempSync(join(tmpdir(), "patron-crash-")), "orders.csv");
    writeFileSync(file, text.slice(0, end));
  }, 60_000);
  afterAll(async () => {
    for (const s of [a, b]) {
      if (!s) continue;
      await s.db.query(`DROP SCHEMA ${quoteIdent(s.name)} CASCADE`);
      await s.db.close();
    }
  });

  it(`${KILLS} kills at random points, then a clean finish, equal a single import`, async () => {
    const run = () =>
      spawn(process.execPath, [bin, "import", "orders", file, "--tenant", TENANT], {
        env: { ...process.env, DATABASE_URL: a.url },
        stdio: ["ignore", "ignore", "pipe"],
      });
    const progress = async () => {
      const r = await a.db.query<{ done: number; total: number }>(
        "SELECT done, total FROM imports WHERE tenant_id = $1",
        [TENANT],
      );
      return r.rows[0] ?? null;
    };
    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = run();
      const gone = exited(child);
      let finished = false;
      void gone.then(() => {
        finished = true;
      });
      // A target inside the k-th sixth of the file, then a random delay so the kill lands inside a batch.
      const share = (k + Math.random()) / (KILLS + 1);
      for (;;) {
        const p = await progress();
        if (finished || (p && p.done >= Math.max(1, Math.floor(p.total * share)))) break;
        await sleep(20);
      }
      await sleep(Math.random() * 300);
      child.kill("SIGKILL");
      await gone;
      killedAt.push((await progress())?.done ?? 0);
    }
    // Each kill stopped the import part of the way, and each restart went further.
    const p = await progress();
    expect(p).not.toBeNull();
    expect(killedAt.filter((d) => d > 0 && d < (p?.total ?? 0)).length, `killed at ${killedAt}`).toBe(KILLS);

    const last = run();
    let stderr = "";
    last.stderr?.on("data", (c) => {
      stderr += String(c);
    });
    expect(await exited(last), stderr).toBe(0);
    expect((await progress())?.done).toBe(p?.total);

    await loadOrders(b.db, TENANT, "import", { id: "clean", name: file }, await readOrders(file), true);
    const crashed = await state(a.db);
    const clean = await state(b.db);
    expect(crashed.counts).toEqual(clean.counts);
    expect(crashed.counts[0]).toMatchObject({ events: p?.total });
    expect(crashed.orders).toEqual(clean.orders);
    expect(crashed.accounts).toEqual(clean.accounts);
    expect(crashed.lots).toEqual(clean.lots);
    expect(await verify(a.db, TENANT)).toEqual({ differences: [], total: 0n });
  }, 600_000);
});
