// The crash section of `npm run bench -- --section crash`: `patron import orders` of the real data set
// (405,611 lines × scale, all of it at scale 1) killed with SIGKILL at 100 × scale random points, restarted
// after each, then run to the end; its ledger compared with a clean single import of the same file into another
// schema (orders, balances, lots, counts of events, transactions and postings), and verified.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { gunzipSync } from "node:zlib";
import { createTenant, type Db, migrate, openServer, quoteIdent, verify } from "@patron/server";
import { loadOrders } from "../apps/cli/src/commands/import.ts";
import { readOrders } from "../packages/server/src/modules/imports/csv.ts";
import { publishProgram } from "../packages/server/src/modules/programs/service.ts";

const root = join(import.meta.dirname, "..");
const bin = join(root, "apps/cli/bin/patron.js");
const TENANT = "crash";
const FULL_LINES = 405_611;

export interface CrashBench {
  date: string;
  scale: number;
  lines: number;
  kills: number;
  /** Events done (committed) when each kill landed. */
  killedAt: number[];
  seconds: { killedAndResumed: number; clean: number };
  equal: { orders: boolean; accounts: boolean; lots: boolean; counts: boolean };
  ledgerClean: boolean;
}

interface Schema {
  name: string;
  db: Db;
  url: string;
}

async function freshSchema(base: string, program: string): Promise<Schema> {
  const name = `bench_crash_${randomBytes(4).toString("hex")}`;
  const db = await openServer(base, { schema: name, max: 4 });
  await migrate(db);
  await createTenant(db, TENANT, "Crash benchmark");
  await db.transaction((tx) => publishProgram(tx, TENANT, program));
  const options = `options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return { name, db, url: `${base}${base.includes("?") ? "&" : "?"}${options}` };
}

async function state(db: Db) {
  const q = async (sql: string) => (await db.query(sql, [TENANT])).rows;
  return {
    orders: await q(
      `SELECT id, member_id, day::text, gross_minor::text, net_minor::text, points_earned::text,
         points_redeemed::text FROM orders WHERE tenant_id = $1 ORDER BY id`,
    ),
    accounts: await q("SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id"),
    lots: await q(
      "SELECT account_id, granted_on::text, remaining::text FROM lots WHERE tenant_id = $1 ORDER BY account_id, granted_on, remaining",
    ),
    counts: await q(
      `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = $1) AS events,
              (SELECT count(*)::int FROM ledger_transactions WHERE tenant_id = $1) AS transactions,
              (SELECT count(*)::int FROM postings WHERE tenant_id = $1) AS postings`,
    ),
  };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashBench(opts: {
  scale: number;
  serverUrl: string;
  log: (m: string) => void;
}): Promise<CrashBench> {
  const lines = Math.min(FULL_LINES, Math.max(2000, Math.round(FULL_LINES * opts.scale)));
  const kills = Math.max(1, Math.round(100 * opts.scale));
  const program = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
  const text = gunzipSync(readFileSync(join(root, "examples/data/online-retail/orders.csv.gz"))).toString();
  let end = 0;
  for (let i = 0; i <= lines && end < text.length; i++) end = text.indexOf("\n", end) + 1 || text.length;
  const file = join(mkdtempSync(join(tmpdir(), "patron-bench-crash-")), "orders.csv");
  writeFileSync(file, text.slice(0, end));
  const a = await freshSchema(opts.serverUrl, program);
  const b = await freshSchema(opts.serverUrl, program);
  try {
    opts.log(`crash: ${lines.toLocaleString("en-US")} lines, ${kills} kills`);
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
    const started = performance.now();
    const killedAt: number[] = [];
    for (let k = 0; k < kills; k++) {
      const child = run();
      const gone = exited(child);
      let finished = false;
      void gone.then(() => {
        finished = true;
      });
      // A target inside the k-th share of the file, then a random delay so the kill lands inside a batch.
      const share = (k + Math.random()) / (kills + 1);
      for (;;) {
        const p = await progress();
        if (finished || (p && p.done >= Math.max(1, Math.floor(p.total * share)))) break;
        await sleep(20);
      }
      await sleep(Math.random() * 300);
      child.kill("SIGKILL");
      await gone;
      killedAt.push((await progress())?.done ?? 0);
      if ((k + 1) % 10 === 0) opts.log(`crash: ${k + 1} kills, at ${killedAt.at(-1)} events`);
    }
    const last = run();
    let stderr = "";
    last.stderr?.on("data", (c) => {
      stderr += String(c);
    });
    if ((await exited(last)) !== 0) throw new Error(`the last import failed: ${stderr}`);
    const killedAndResumed = (performance.now() - started) / 1000;
    const cleanStarted = performance.now();
    await loadOrders(b.db, TENANT, "import", { id: "clean", name: file }, await readOrders(file), true);
    const clean = (performance.now() - cleanStarted) / 1000;
    const x = await state(a.db);
    const y = await state(b.db);
    return {
      date: new Date().toISOString(),
      scale: opts.scale,
      lines,
      kills,
      killedAt,
      seconds: { killedAndResumed, clean },
      equal: {
        orders: isDeepStrictEqual(x.orders, y.orders),
        accounts: isDeepStrictEqual(x.accounts, y.accounts),
        lots: isDeepStrictEqual(x.lots, y.lots),
        counts: isDeepStrictEqual(x.counts, y.counts),
      },
      ledgerClean: (await verify(a.db, TENANT)).differences.length === 0,
    };
  } finally {
    for (const s of [a, b]) {
      await s.db.query(`DROP SCHEMA ${quoteIdent(s.name)} CASCADE`).catch(() => {});
      await s.db.close();
    }
  }
}

export function crashOk(r: CrashBench): boolean {
  return r.ledgerClean && Object.values(r.equal).every(Boolean);
}

export function formatCrashReport(r: CrashBench): string {
  const inside = r.killedAt.filter((d) => d > 0).length;
  return [
    "",
    `Crash (PostgreSQL, scale ${r.scale}): ${r.lines.toLocaleString("en-US")} lines, ${r.kills} kills with SIGKILL (${inside} after at least one batch)`,
    `  killed and resumed: ${r.seconds.killedAndResumed.toFixed(1)} s; clean single import: ${r.seconds.clean.toFixed(1)} s`,
    `  equal to the clean import: orders ${r.equal.orders}, balances ${r.equal.accounts}, lots ${r.equal.lots}, counts ${r.equal.counts}; ledger verified: ${r.ledgerClean}`,
    "",
  ].join("\n");
}
