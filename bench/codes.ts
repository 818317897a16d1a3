// The codes section of `npm run bench`: code checks against a database holding 1,000,000 unique codes (times
// --scale), on the PostgreSQL server. Each check is what an order or `POST /v1/codes/validate` does before the
// engine: the code's row with its batch by primary key, and its limits. Half the checks name real codes, half
// unknown ones; latencies per check are reported as percentiles, one client and eight at once.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parseDay } from "../packages/engine/src/index.ts";
import { type Db, migrate, openServer } from "../packages/server/src/index.ts";
import { checkCode, createBatch, generateCodes } from "../packages/server/src/modules/codes/service.ts";
import { createTenant } from "../packages/server/src/modules/ledger/service.ts";
import { publishedPrograms, publishProgram } from "../packages/server/src/modules/programs/service.ts";

export interface CodesBenchOptions {
  scale: number;
  serverUrl: string;
  log: (m: string) => void;
}

interface Latency {
  checks: number;
  clients: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface CodesBenchResult {
  codes: number;
  generateSeconds: number;
  single: Latency;
  concurrent: Latency;
  goalP99Ms: number;
}

const GOAL_P99_MS = 5;
/** Codes generated per transaction while filling the table. */
const FILL_CHUNK = 50_000;

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function run(
  db: Db,
  tenant: string,
  samples: string[],
  clients: number,
  checks: number,
): Promise<Latency> {
  const p = (await publishedPrograms(db, tenant))[0];
  if (!p) throw new Error("no program");
  const day = parseDay("2026-02-10") as number;
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= checks) return;
      // Even: a real code; odd: one that does not exist.
      const code =
        i % 2 === 0 ? (samples[i % samples.length] as string) : `NOPE${String(i).padStart(8, "0")}`;
      const t0 = performance.now();
      const c = await checkCode(db, tenant, p, {
        code,
        companyId: `c${i % 1000}`,
        grossMinor: 2_000_000,
        day,
        orderCount: 0,
      });
      times.push(performance.now() - t0);
      if ((i % 2 === 0) !== (c !== null)) throw new Error(`check ${i} answered wrongly`);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    checks,
    clients,
    perSecond: Math.round(checks / seconds),
    p50Ms: Number(percentile(times, 0.5).toFixed(3)),
    p99Ms: Number(percentile(times, 0.99).toFixed(3)),
    maxMs: Number((times[times.length - 1] ?? 0).toFixed(3)),
  };
}

export async function runCodesBench(opts: CodesBenchOptions): Promise<CodesBenchResult> {
  const { log } = opts;
  const url = new URL(opts.serverUrl);
  const admin = new pg.Client({ connectionString: new URL("/postgres", url).toString() });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS patron_bench_codes WITH (FORCE)");
  await admin.query("CREATE DATABASE patron_bench_codes");
  await admin.end();
  const db = await openServer(new URL("/patron_bench_codes", url).toString(), { max: 10 });
  try {
    await migrate(db);
    const tenant = "bench";
    await createTenant(db, tenant, "Bench");
    const program = readFileSync(
      fileURLToPath(new URL("../examples/programs/11-codes.yaml", import.meta.url)),
      "utf8",
    );
    await db.transaction((tx) => publishProgram(tx, tenant, program));
    const total = Math.max(1000, Math.round(1_000_000 * opts.scale));
    const batch = await db.transaction((tx) =>
      createBatch(tx, tenant, { name: "bench", kind: "unique", discountId: "skidka30" }, "bench", new Date()),
    );
    const t0 = performance.now();
    for (let done = 0; done < total; done += FILL_CHUNK) {
      const n = Math.min(FILL_CHUNK, total - done);
      await db.transaction((tx) => generateCodes(tx, tenant, batch.id, n, 12, ""));
      if ((done / FILL_CHUNK) % 4 === 0) log(`codes: ${done + n} of ${total} generated`);
    }
    const generateSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    await db.query("ANALYZE codes");
    const sample = await db.query<{ code: string }>(
      "SELECT code FROM codes WHERE tenant_id = $1 ORDER BY random() LIMIT 10000",
      [tenant],
    );
    const samples = sample.rows.map((r) => r.code);
    const checks = Math.max(2000, Math.round(20_000 * Math.min(1, opts.scale * 10)));
    await run(db, tenant, samples, 1, 500); // warm the pool and the plan cache
    log(`codes: ${checks} checks, one client`);
    const single = await run(db, tenant, samples, 1, checks);
    log(`codes: ${checks} checks, eight clients`);
    const concurrent = await run(db, tenant, samples, 8, checks);
    return { codes: total, generateSeconds, single, concurrent, goalP99Ms: GOAL_P99_MS };
  } finally {
    await db.close();
  }
}

export function formatCodesReport(r: CodesBenchResult): string {
  const line = (l: Latency) =>
    `  ${l.clients} client${l.clients > 1 ? "s" : " "}: ${l.checks} checks, ${l.perSecond}/s, ` +
    `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms`;
  return [
    "",
    `## Codes: checks against ${r.codes.toLocaleString("en")} unique codes (PostgreSQL server)`,
    `  generated in ${r.generateSeconds} s`,
    line(r.single),
    line(r.concurrent),
    `  goal p99 < ${r.goalP99Ms} ms per check: ${r.single.p99Ms < r.goalP99Ms && r.concurrent.p99Ms < r.goalP99Ms ? "met" : "NOT met"}`,
    "",
  ].join("\n");
}
