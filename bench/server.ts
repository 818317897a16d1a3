// The server section of `npm run bench`: a real `patron serve` process over HTTP, on the PostgreSQL server and
// on the embedded database, each figure beside its baseline from the same run:
// (a) order events ingested per second, one per request from 16 concurrent clients, then in batches; the ledger
//     verified after; baseline: pgbench simple-update transactions per second on the same server;
// (b) quote latency p50/p99 at a fixed request rate, a 20-line cart against the fifty-rule program;
// (c) the day's expiry over a million members' lots (a typical day's and a catch-up day's) and a quarter's tier
//     re-evaluation of the same members, beside one full aggregate scan of an orders table of the same members;
// and the server's peak resident memory.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { parseDay } from "../packages/engine/src/index.ts";
import { type Db, migrate, openEmbedded, openServer, verify } from "../packages/server/src/index.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BOOTSTRAP = "bench-bootstrap-token";
const CLIENTS = 16;
const QUOTE_LINES = 20;

export interface ServerBenchOptions {
  scale: number;
  log: (message: string) => void;
  /** The PostgreSQL server to measure; its databases `patron_bench` and `patron_pgbench` are dropped and made anew. */
  serverUrl: string;
  /** Also measure the embedded database. */
  embedded: boolean;
}

export interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
  errors: number;
  /** CPU milliseconds per event, where /proc tells them (see `CpuClock`). */
  cpuMs?: CpuMs;
}

/**
 * CPU milliseconds per event or transaction: the PostgreSQL server's processes (null when it is not on this
 * machine or is embedded in the server), the Patron server's process (null for pgbench), and the load generator.
 */
export interface CpuMs {
  postgres: number | null;
  server: number | null;
  client: number;
}

export interface DbFigures {
  database: "server" | "embedded";
  single: Rate;
  batched: Rate | null;
  batchSize: number;
  ledgerClean: boolean;
  quote: { rate: number; requests: number; p50: number; p99: number; max: number; errors: number };
  peakRssMiB: number;
  jobs: JobsFigures;
}

/**
 * The jobs over the same members, each case beside one full aggregate scan of their orders table: a typical
 * day (the lots due that day, about 1/365 of them, as the daily job meets them in production) and a catch-up
 * day (every member's lot due at once: the worst case); the quarter's tier re-evaluation of every member (the
 * tier job's heaviest day) and the tier job of an ordinary day after it.
 */
export interface JobsFigures {
  members: number;
  lots: number;
  orderRows: number;
  /** The median of three scans; `scanRange` the fastest and slowest. */
  scanSeconds: number;
  scanRange: [number, number];
  /** A typical day: the lots whose last day was yesterday. */
  typicalExpiredLots: number;
  typicalExpirySeconds: number;
  /** A catch-up day: one lot of every member due at once. */
  catchUpExpiredLots: number;
  expirySeconds: number;
  /** The quarter's setting day: every member's window read, one in ten moves up. */
  tierSeconds: number;
  tierChanges: number;
  /** The tier job of the ordinary day after it (no member due). */
  tierOrdinaryDaySeconds: number;
  /** (typical expiry + the quarter's re-evaluation) / scan, and (catch-up expiry + re-evaluation) / scan. */
  typicalRatio: number;
  catchUpRatio: number;
}

export interface ServerBenchResult {
  machine: { cpu: string; cores: number; loadavg: number[] };
  pgbench: { tps: number; clients: number; seconds: number; cpuMs?: CpuMs } | null;
  results: DbFigures[];
}

// ---------------------------------------------------------------------------------------------------------
// Data: the real data set's orders as API bodies, in day order

interface OrderBody {
  type: "order";
  source: string;
  orderId: string;
  date: string;
  companyId: string;
  lines: { sku: string; category: string; quantity: string; unitPrice: string }[];
}

function loadOrders(): OrderBody[] {
  const text = gunzipSync(readFileSync(join(ROOT, "examples/data/online-retail/orders.csv.gz"))).toString(
    "utf8",
  );
  const byId = new Map<string, OrderBody>();
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]?.split(",");
    if (!f || f.length < 9 || f[0] !== "order") continue;
    const [
      ,
      orderId = "",
      date = "",
      companyId = "",
      ,
      sku = "",
      category = "",
      quantity = "",
      unitPrice = "",
    ] = f;
    let o = byId.get(orderId);
    if (!o) {
      o = { type: "order", source: "bench", orderId, date, companyId, lines: [] };
      byId.set(orderId, o);
    }
    o.lines.push({ sku, category, quantity, unitPrice });
  }
  return [...byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// CPU time, read from /proc: what each party spends per event, which the machine's load does not change much

const TICKS_PER_SECOND = 100;

/** utime + stime, and the exited children's cutime + cstime, of a process, in seconds; null when unreadable. */
function procTimes(pid: number): { own: number; children: number; ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const f = stat.slice(close + 2).split(" ");
    const n = (i: number) => Number(f[i - 3]);
    return {
      own: (n(14) + n(15)) / TICKS_PER_SECOND,
      children: (n(16) + n(17)) / TICKS_PER_SECOND,
      ppid: n(4),
      comm,
    };
  } catch {
    return null;
  }
}

/** The CPU seconds of a PostgreSQL server so far: its postmaster, its live processes and those that exited. */
function postgresSeconds(postmaster: number): number | null {
  const root = procTimes(postmaster);
  if (root?.comm !== "postgres") return null;
  let total = root.own + root.children;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = procTimes(Number(entry));
    if (p && p.ppid === postmaster) total += p.own;
  }
  return total;
}

/** The postmaster's process id, when the server at `url` runs on this machine (its backend's parent). */
async function postmasterOf(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const backend = procTimes(r.rows[0]?.pid ?? -1);
    return backend && backend.comm === "postgres" ? backend.ppid : null;
  } finally {
    await c.end();
  }
}

/** Reads the CPU seconds of the parties of a measurement; `since` gives milliseconds per unit of work. */
class CpuClock {
  constructor(
    private readonly postmaster: number | null,
    private readonly serverPid: number | null,
  ) {}

  read(): { postgres: number | null; server: number | null; client: number } {
    const self = procTimes(process.pid);
    const usage = process.cpuUsage();
    return {
      postgres: this.postmaster === null ? null : postgresSeconds(this.postmaster),
      server: this.serverPid === null ? null : (procTimes(this.serverPid)?.own ?? null),
      // This process and the children it waited for (pgbench).
      client: (usage.user + usage.system) / 1e6 + (self?.children ?? 0),
    };
  }

  since(before: ReturnType<CpuClock["read"]>, units: number): CpuMs {
    const now = this.read();
    const per = (a: number | null, b: number | null) =>
      a === null || b === null ? null : ((a - b) * 1000) / units;
    return {
      postgres: per(now.postgres, before.postgres),
      server: per(now.server, before.server),
      client: ((now.client - before.client) * 1000) / units,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The server process

interface Running {
  child: ChildProcess;
  base: string;
  peakRssMiB(): number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>, port: number): Promise<Running> {
  // The server's log goes to a file, not to a pipe this process reads: reading a line per request would wake
  // the load generator in the middle of the requests it times.
  const logDir = mkdtempSync(join(tmpdir(), "patron-bench-serve-"));
  const logPath = join(logDir, "stdout.log");
  const logFd = openSync(logPath, "w");
  const child = spawn(
    process.execPath,
    [
      // PATRON_BENCH_PROFILE=<folder>: the server writes its CPU profile there when it stops.
      ...(process.env.PATRON_BENCH_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PATRON_BENCH_PROFILE}`]
        : []),
      join(ROOT, "apps/cli/bin/patron.js"),
      "serve",
      "--port",
      String(port),
    ],
    {
      env: { ...process.env, ...env, PATRON_BOOTSTRAP_TOKEN: BOOTSTRAP },
      stdio: ["ignore", logFd, "pipe"],
    },
  );
  closeSync(logFd);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  for (;;) {
    if (exited !== undefined) {
      rmSync(logDir, { recursive: true, force: true });
      throw new Error(`patron serve exited with ${exited}: ${stderr}`);
    }
    if (readFileSync(logPath, "utf8").includes("Patron API on")) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    peakRssMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        return m ? Number(m[1]) / 1024 : 0;
      } catch {
        return 0;
      }
    },
    async stop() {
      agent.destroy();
      if (exited === undefined) {
        const done = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await done;
      }
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

async function call(base: string, key: string | null, method: string, path: string, body?: unknown) {
  try {
    return await request(base, key, method, path, body);
  } catch (e) {
    // A request the server never answered (a timeout under overload) counts as an error, not a crash.
    return { status: 0, body: { error: { code: "no_answer", message: (e as Error).message } } };
  }
}

/**
 * Kept-alive connections for every request of the load generator, through node:http: lighter than fetch, which
 * spends about as much CPU per request as the server does, on the cores the server runs on.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function request(base: string, key: string | null, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = {
    ...(payload ? { "content-type": "application/json", "content-length": String(payload.length) } : {}),
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  };
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({
            status: res.statusCode ?? 0,
            body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

async function setUpTenant(base: string): Promise<string> {
  const t = await call(base, BOOTSTRAP, "POST", "/v1/tenants", {
    id: "bench",
    name: "Benchmark Wholesale",
    owner: { email: "owner@bench.example", name: "Owner" },
  });
  if (t.status !== 201) throw new Error(`bootstrap: ${t.status} ${JSON.stringify(t.body)}`);
  const key = (t.body.apiKey as { secret: string }).secret;
  const definition = readFileSync(join(ROOT, "bench/programs/fifty-rules.yaml"), "utf8");
  const p = await call(base, key, "POST", "/v1/programs", { definition });
  if (p.status >= 300) throw new Error(`publish: ${p.status} ${JSON.stringify(p.body)}`);
  return key;
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

/** Sends every body once, one request each, from `clients` concurrent clients. */
async function ingestSingly(
  base: string,
  key: string,
  orders: readonly OrderBody[],
  clients: number,
): Promise<Rate> {
  let next = 0;
  let errors = 0;
  let firstError = "";
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < orders.length) {
        const o = orders[next++] as OrderBody;
        const r = await call(base, key, "POST", "/v1/events", o);
        if (r.status >= 300) {
          errors++;
          firstError ||= `${r.status} ${JSON.stringify(r.body)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (firstError) process.stderr.write(`[bench] first event error: ${firstError}\n`);
  return { count: orders.length, seconds, perSecond: orders.length / seconds, errors };
}

/** Sends the bodies in batches through `/v1/events/batch`, two requests at a time; null when the route is absent. */
async function ingestBatched(
  base: string,
  key: string,
  orders: readonly OrderBody[],
  size: number,
): Promise<Rate | null> {
  // The single events' connections are closed first: the server may be closing those left idle as one is reused.
  agent.destroy();
  const probe = await call(base, key, "POST", "/v1/events/batch", { events: [] });
  if (probe.status === 404 && (probe.body.error as { code?: string } | undefined)?.code === "not_found")
    return null;
  const batches: OrderBody[][] = [];
  for (let i = 0; i < orders.length; i += size) batches.push(orders.slice(i, i + size));
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as OrderBody[];
        const r = await call(base, key, "POST", "/v1/events/batch", { events: batch });
        if (r.status >= 300) errors += batch.length;
        else {
          const results = (r.body.results ?? []) as { error?: unknown }[];
          errors += results.filter((x) => x.error).length;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { count: orders.length, seconds, perSecond: orders.length / seconds, errors };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * A POST of one body, sent again and again over kept-alive connections with node:http, resolving to the
 * answer's status once its last byte is in. Lighter than fetch (which spends about as much CPU per request as
 * the server does), so that the load generator takes less from the machine it shares with the server.
 */
function repeatedPost(base: string, key: string, path: string, body: unknown) {
  // Connections of its own: none left idle by an earlier phase, which the server may be closing as it is reused.
  const agent = new Agent({ keepAlive: true });
  const payload = Buffer.from(JSON.stringify(body));
  const headers = {
    "content-type": "application/json",
    "content-length": String(payload.length),
    authorization: `Bearer ${key}`,
  };
  const send = () =>
    new Promise<number>((resolve) => {
      const req = httpRequest(`${base}${path}`, { method: "POST", agent, headers }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      });
      // A request the server never answered counts as an error, not a crash.
      req.on("error", () => resolve(0));
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/**
 * Quotes at a fixed rate, open loop: each latency counts from the moment its request was due until the last
 * byte of its answer. The rate is `maxRate`, or half of what the server answered one at a time after the
 * warm-up when that is less (the embedded database on a busy machine), so the figure is latency, not a queue;
 * the report gives the rate used.
 */
async function quoteLatency(base: string, key: string, cart: unknown, maxRate: number, seconds: number) {
  const client = repeatedPost(base, key, "/v1/quote", cart);
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < 20; i++) await client.send(); // warm-up: compiled code, caches, connections
  // A rate the server can serve one request at a time: at most half of what warm requests showed.
  const w0 = performance.now();
  for (let i = 0; i < 20; i++) await client.send();
  const capacity = 20 / ((performance.now() - w0) / 1000);
  const rate = Math.max(1, Math.min(maxRate, Math.floor(capacity / 2)));
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const status = await client.send();
      latencies.push(performance.now() - due);
      if (status !== 200) errors++;
    }),
  );
  client.close();
  latencies.sort((a, b) => a - b);
  return {
    rate,
    requests: total,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    errors,
  };
}

/** A 20-line cart of the best-selling SKUs for a company with history. */
function quoteCart(orders: readonly OrderBody[]): unknown {
  const bySku = new Map<string, { n: number; line: OrderBody["lines"][number] }>();
  for (const o of orders)
    for (const l of o.lines) {
      const e = bySku.get(l.sku);
      if (e) e.n++;
      else bySku.set(l.sku, { n: 1, line: l });
    }
  const lines = [...bySku.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, QUOTE_LINES)
    .map((e) => e.line);
  const last = orders[orders.length - 1] as OrderBody;
  return { companyId: last.companyId, date: last.date, lines };
}

/** The jobs tenant's program: levels set on the 1st of each quarter from the previous quarter's purchases. */
const JOBS_PROGRAM = `
id: bench-jobs
name: Quarterly levels and expiring points
currency: RUB
timeZone: Europe/Moscow
startsOn: "2024-01-01"
wallet: { earner: company, allowDebt: false }
earning: { baseRate: "1%" }
expiry: { policy: afterDays, days: 365 }
tiers:
  metric: netPurchases
  window: { previous: quarter }
  evaluation: quarterly
  initial: base
  levels:
    - { id: base, from: 0, earnRate: "1%" }
    - { id: silver, from: 3700, earnRate: "2%" }
    - { id: gold, from: 100000, earnRate: "3%" }
`;

/**
 * A million members (× scale) with a wallet each and two lots, and an orders table of two orders per member in
 * the first quarter of 2025 (with the members' daily history made from it). One lot of each member expires on
 * one of the 365 days from 2025-12-31 (member number modulo 365): the typical day, 2026-01-01, expires those of
 * 2025-12-31, 1/365 of the members; the other lot of every member expires on 2026-01-01, so the catch-up day
 * after it, 2026-01-02, expires one lot of every member (and the spread lots of 2026-01-01). Then the quarter's
 * tier re-evaluation of every member (one in ten moves up a level) and the next, ordinary, day's tier job.
 * Each against one aggregate scan of the orders. Fixtures are made by set-based INSERT ... SELECT inside the
 * database.
 */
export async function jobsOverMembers(db: Db, members: number) {
  const tenant = await loadJobsFixture(db, members);
  return timeJobs(db, tenant, members);
}

/** The jobs tenant with its members, wallets, lots, orders and daily history; returns the tenant id. */
export async function loadJobsFixture(db: Db, members: number): Promise<string> {
  const tenant = "jobs";
  await db.exec(`INSERT INTO tenants (id, name) VALUES ('${tenant}', 'Jobs benchmark')`);
  const { publishProgram } = await import("../packages/server/src/modules/programs/service.ts");
  await db.transaction((tx) => publishProgram(tx, tenant, JOBS_PROGRAM));
  const chunk = 100_000;
  for (let from = 1; from <= members; from += chunk) {
    const to = Math.min(members, from + chunk - 1);
    await db.exec(`
      INSERT INTO members (tenant_id, id, joined_on) SELECT '${tenant}', 'm' || g, DATE '2025-01-01' FROM generate_series(${from}, ${to}) g;
      INSERT INTO accounts (tenant_id, id, kind, balance) SELECT '${tenant}', 'wallet:m' || g, 'wallet', 300 FROM generate_series(${from}, ${to}) g;
      INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
        SELECT '${tenant}', 'lot' || g || k, 'wallet:m' || g, DATE '2025-01-01' + k, CASE WHEN k = 0 THEN DATE '2026-01-01' ELSE DATE '2025-12-31' + g % 365 END, 150, 'bench'
        FROM generate_series(${from}, ${to}) g, generate_series(0, 1) k;
      INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed, points_earned, outcome, consumed, line_count, costed_net_minor, cost_minor)
        SELECT '${tenant}', 'o' || g || k, 'm' || g, DATE '2025-01-15' + k * 30, 100000 + (g % 10) * 10000, 0, 100000 + (g % 10) * 10000, 0, 1000, '{}', '{}', 0, 0, 0
        FROM generate_series(${from}, ${to}) g, generate_series(0, 1) k;
      INSERT INTO member_days (tenant_id, member_id, day, net_minor, orders, points)
        SELECT '${tenant}', 'm' || g, DATE '2025-01-15' + k * 30, 100000 + (g % 10) * 10000, 1, 1000
        FROM generate_series(${from}, ${to}) g, generate_series(0, 1) k;`);
  }
  // Vacuumed as well as analysed, as autovacuum leaves a loaded table: the rows' hint bits set and the pages
  // marked all-visible, so that the jobs' first reads do not write them (the scan's warm-up read does that for
  // the orders).
  for (const t of ["members", "accounts", "lots", "orders", "member_days", "tier_drops"])
    await db.exec(`VACUUM (ANALYZE) ${t}`);
  // And written out, as a checkpoint would have done with data loaded earlier: otherwise the checkpoints the
  // loading set off are still writing it back while the jobs and the scan are timed.
  await db.exec("CHECKPOINT");
  return tenant;
}

/** Members m1..m<members> whose number modulo 365 is r: the spread lots expiring on 2025-12-31 + r days. */
const spreadDue = (members: number, r: number) => Math.floor((members - r) / 365) + (r === 0 ? 0 : 1);

async function timeJobs(db: Db, tenant: string, members: number): Promise<JobsFigures> {
  const { expireDue } = await import("../packages/server/src/jobs/daily.ts");
  const { reevaluateTiers } = await import("../packages/server/src/jobs/tiers.ts");
  const scan = async () => {
    const t = performance.now();
    await db.query(
      "SELECT member_id, sum(net_minor), count(*) FROM orders WHERE tenant_id = $1 GROUP BY member_id",
      [tenant],
    );
    return (performance.now() - t) / 1000;
  };
  await scan(); // the table read once into the cache, as the jobs' tables are after loading
  // The baseline is the median of three scans: one scan's time moved by a third from run to run on this machine.
  const scans = [await scan(), await scan(), await scan()].sort((a, b) => a - b);
  const scanSeconds = scans[1] as number;
  const seconds = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const out = await fn();
    return [out, (performance.now() - t) / 1000];
  };
  const day = (d: string) => {
    const x = parseDay(d);
    if (x === null) throw new Error(`bad day ${d}`);
    return x;
  };
  // A typical day: yesterday's lots, 1/365 of the members' spread lots.
  const typicalExpiredLots = spreadDue(members, 0);
  const [typical, typicalExpirySeconds] = await seconds(() =>
    db.transaction((tx) => expireDue(tx, tenant, day("2026-01-01"))),
  );
  if (typical !== typicalExpiredLots * 150)
    throw new Error(`typical expiry: ${typical} points expired, expected ${typicalExpiredLots * 150}`);
  // The tier job of a setting day, after that day's expiry as a day's jobs run (before the catch-up day: its
  // million lots' writes would leave a checkpoint running under the tier job).
  const [tiers, tierSeconds] = await seconds(() =>
    db.transaction((tx) => reevaluateTiers(tx, tenant, day("2025-04-01"))),
  );
  const expectedUp = Math.floor(members / 10);
  if (tiers.evaluated !== members || Math.abs(tiers.changed - expectedUp) > 1)
    throw new Error(`tiers: ${JSON.stringify(tiers)}, expected ${members} evaluated, ~${expectedUp} changed`);
  const [ordinary, tierOrdinaryDaySeconds] = await seconds(() =>
    db.transaction((tx) => reevaluateTiers(tx, tenant, day("2025-04-02"))),
  );
  if (ordinary.changed !== 0) throw new Error(`tiers on an ordinary day: ${JSON.stringify(ordinary)}`);
  // The catch-up day: one lot of every member, and the next 1/365 of the spread lots.
  const catchUpExpiredLots = members + spreadDue(members, 1);
  const [expired, expirySeconds] = await seconds(() =>
    db.transaction((tx) => expireDue(tx, tenant, day("2026-01-02"))),
  );
  if (expired !== catchUpExpiredLots * 150)
    throw new Error(`catch-up expiry: ${expired} points expired, expected ${catchUpExpiredLots * 150}`);
  return {
    members,
    lots: members * 2,
    orderRows: members * 2,
    scanSeconds,
    scanRange: [scans[0] as number, scans[2] as number],
    typicalExpiredLots,
    typicalExpirySeconds,
    catchUpExpiredLots,
    expirySeconds,
    tierSeconds,
    tierChanges: tiers.changed,
    tierOrdinaryDaySeconds,
    typicalRatio: (typicalExpirySeconds + tierSeconds) / scanSeconds,
    catchUpRatio: (expirySeconds + tierSeconds) / scanSeconds,
  };
}

// ---------------------------------------------------------------------------------------------------------

function runPgbench(
  url: URL,
  clients: number,
  seconds: number,
  log: (m: string) => void,
  postmaster: number | null,
): ServerBenchResult["pgbench"] {
  const conn = [
    "-h",
    url.hostname,
    "-p",
    url.port || "5432",
    "-U",
    decodeURIComponent(url.username || "postgres"),
  ];
  try {
    execFileSync("pgbench", [...conn, "-i", "-q", "-s", "10", "patron_pgbench"], { stdio: "pipe" });
    const clock = new CpuClock(postmaster, null);
    const before = clock.read();
    const out = execFileSync(
      "pgbench",
      [...conn, "-N", "-c", String(clients), "-j", "2", "-T", String(seconds), "patron_pgbench"],
      { stdio: "pipe" },
    ).toString();
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
    const done = /number of transactions actually processed: (\d+)/.exec(out);
    const cpuMs = done ? clock.since(before, Number(done[1])) : undefined;
    return m ? { tps: Number(m[1]), clients, seconds, ...(cpuMs ? { cpuMs } : {}) } : null;
  } catch (e) {
    log(`pgbench did not run: ${(e as Error).message.split("\n")[0]}`);
    return null;
  }
}

async function recreateDatabases(url: URL, names: string[]) {
  const admin = new pg.Client({ connectionString: new URL("/postgres", url).toString() });
  await admin.connect();
  try {
    for (const n of names) {
      await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${n}`);
    }
  } finally {
    await admin.end();
  }
}

async function measure(
  database: "server" | "embedded",
  env: Record<string, string>,
  openAfter: () => Promise<Db>,
  orders: readonly OrderBody[],
  opts: ServerBenchOptions,
  port: number,
  postmaster: number | null,
): Promise<DbFigures> {
  const { log, scale } = opts;
  const server = await startServer(env, port);
  let single: Rate;
  let batched: Rate | null;
  let quote: DbFigures["quote"];
  let peakRssMiB = 0;
  const batchSize = 500;
  try {
    const key = await setUpTenant(server.base);
    const nSingle = Math.max(200, Math.round(4_000 * scale));
    const nBatched = Math.max(500, Math.round(12_000 * scale));
    log(`${database}: ${nSingle} events, one per request, ${CLIENTS} clients`);
    const clock = new CpuClock(postmaster, server.child.pid ?? null);
    let before = clock.read();
    single = await ingestSingly(server.base, key, orders.slice(0, nSingle), CLIENTS);
    single.cpuMs = clock.since(before, single.count);
    log(`${database}: ${nBatched} events in batches of ${batchSize}`);
    before = clock.read();
    batched = await ingestBatched(server.base, key, orders.slice(nSingle, nSingle + nBatched), batchSize);
    if (batched) batched.cpuMs = clock.since(before, batched.count);
    const seen = orders.slice(0, nSingle + (batched ? nBatched : 0));
    const rate = 100;
    const secs = Math.max(3, Math.round(20 * Math.min(1, scale)));
    log(`${database}: quotes at up to ${rate}/s for ${secs} s`);
    quote = await quoteLatency(server.base, key, quoteCart(seen), rate, secs);
    peakRssMiB = server.peakRssMiB();
  } finally {
    await server.stop();
  }
  const db = await openAfter();
  try {
    const { differences } = await verify(db, "bench");
    const members = Math.max(10_000, Math.round(1_000_000 * scale));
    log(`${database}: expiry and tier re-evaluation over ${members} members`);
    const jobs = await jobsOverMembers(db, members);
    return {
      database,
      single,
      batched,
      batchSize,
      ledgerClean: differences.length === 0,
      quote,
      peakRssMiB,
      jobs,
    };
  } finally {
    await db.close();
  }
}

export async function runServerBench(opts: ServerBenchOptions): Promise<ServerBenchResult> {
  const { log } = opts;
  const orders = loadOrders();
  log(`server: ${orders.length} orders loaded`);
  const url = new URL(opts.serverUrl);
  const results: DbFigures[] = [];
  await recreateDatabases(url, ["patron_bench", "patron_pgbench"]);
  const pgSeconds = Math.max(5, Math.round(20 * Math.min(1, opts.scale)));
  log(`pgbench -N, ${CLIENTS} clients, ${pgSeconds} s`);
  const postmaster = await postmasterOf(new URL("/patron_pgbench", url).toString());
  const pgbench = runPgbench(url, CLIENTS, pgSeconds, log, postmaster);
  const benchUrl = new URL("/patron_bench", url).toString();
  results.push(
    await measure(
      "server",
      { DATABASE_URL: benchUrl },
      () => openServer(benchUrl),
      orders,
      opts,
      38_411,
      postmaster,
    ),
  );
  log(`server figures: ${JSON.stringify({ pgbench, ...results[0] })}`);
  if (opts.embedded) {
    const dir = mkdtempSync(join(tmpdir(), "patron-bench-"));
    try {
      const env = { PATRON_DATA: dir, DATABASE_URL: "" };
      const open = async () => {
        const db = await openEmbedded(dir);
        await migrate(db);
        return db;
      };
      results.push(await measure("embedded", env, open, orders, opts, 38_412, null));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cpus = (await import("node:os")).cpus();
  return {
    machine: {
      cpu: cpus[0]?.model ?? "unknown",
      cores: cpus.length,
      loadavg: (await import("node:os")).loadavg(),
    },
    pgbench,
    results,
  };
}

const f0 = (n: number) => Math.round(n).toLocaleString("en-US");
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

/** "PostgreSQL 0.21 ms, server 1.10 ms, client 0.30 ms", leaving out what /proc could not tell. */
function cpuText(c: CpuMs): string {
  const parts = [
    c.postgres === null ? null : `PostgreSQL ${f2(c.postgres)} ms`,
    c.server === null ? null : `server ${f2(c.server)} ms`,
    `client ${f2(c.client)} ms`,
  ];
  return parts.filter((x) => x !== null).join(", ");
}

export function formatServerReport(r: ServerBenchResult): string {
  const out: string[] = ["", "## Server", ""];
  const pgb = r.pgbench ? `${f0(r.pgbench.tps)} tps` : "not run";
  out.push(
    `pgbench simple-update (-N, ${CLIENTS} clients): ${pgb}${r.pgbench?.cpuMs ? `, CPU per transaction ${cpuText(r.pgbench.cpuMs)}` : ""}`,
  );
  for (const x of r.results) {
    const ratio = (v: number) => (r.pgbench ? ` (${(v / r.pgbench.tps).toFixed(2)}× pgbench)` : "");
    out.push(
      "",
      `### ${x.database}`,
      `events, single, ${CLIENTS} clients: ${f0(x.single.perSecond)}/s${ratio(x.single.perSecond)}, ${x.single.count} events, ${x.single.errors} errors${x.single.cpuMs ? `; CPU per event ${cpuText(x.single.cpuMs)}` : ""}`,
      x.batched
        ? `events, batches of ${x.batchSize}: ${f0(x.batched.perSecond)}/s${ratio(x.batched.perSecond)}, ${x.batched.count} events, ${x.batched.errors} errors${x.batched.cpuMs ? `; CPU per event ${cpuText(x.batched.cpuMs)}` : ""}`
        : "events, batched: the batch route is not there",
      `ledger after ingestion: ${x.ledgerClean ? "verified, no difference" : "DIFFERENCES"}`,
      `quote, 20-line cart, fifty-rule program, ${x.quote.rate}/s for ${x.quote.requests} requests: p50 ${f1(x.quote.p50)} ms, p99 ${f1(x.quote.p99)} ms, max ${f1(x.quote.max)} ms, ${x.quote.errors} errors`,
      `server peak RSS: ${f0(x.peakRssMiB)} MiB`,
      jobsLine(x.jobs),
    );
  }
  return `${out.join("\n")}\n`;
}

export interface JobsBenchResult {
  date: string;
  scale: number;
  loadavg: number[];
  results: { database: "server" | "embedded"; jobs: JobsFigures }[];
}

/**
 * `--section jobs`: only the jobs part of the server section, at 1,000,000 × scale members, in a schema of its
 * own on the PostgreSQL server (and on a fresh embedded database unless --no-embedded).
 */
export async function runJobsBench(opts: ServerBenchOptions): Promise<JobsBenchResult> {
  const members = Math.max(10_000, Math.round(1_000_000 * opts.scale));
  const results: JobsBenchResult["results"] = [];
  const schema = `bench_jobs_${Date.now().toString(36)}`;
  const db = await openServer(opts.serverUrl, { schema, max: 2 });
  try {
    await migrate(db);
    opts.log(`server: expiry and tier re-evaluation over ${members} members (schema ${schema})`);
    results.push({ database: "server", jobs: await jobsOverMembers(db, members) });
    opts.log(`server: ${JSON.stringify(results[0]?.jobs)} (load average ${loadavg().map(f2).join(", ")})`);
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
  if (opts.embedded) {
    const dir = mkdtempSync(join(tmpdir(), "patron-bench-jobs-"));
    try {
      const edb = await openEmbedded(dir);
      try {
        await migrate(edb);
        opts.log(`embedded: expiry and tier re-evaluation over ${members} members`);
        results.push({ database: "embedded", jobs: await jobsOverMembers(edb, members) });
        opts.log(
          `embedded: ${JSON.stringify(results.at(-1)?.jobs)} (load average ${loadavg().map(f2).join(", ")})`,
        );
      } finally {
        await edb.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { date: new Date().toISOString(), scale: opts.scale, loadavg: loadavg(), results };
}

export function formatJobsReport(r: JobsBenchResult): string {
  const out: string[] = ["", "## Jobs", "", `load average at the end: ${r.loadavg.map(f2).join(", ")}`];
  for (const x of r.results) out.push("", `### ${x.database}`, jobsLine(x.jobs));
  return `${out.join("\n")}\n`;
}

function jobsLine(j: JobsFigures): string {
  const scan = `one aggregate scan of ${f0(j.orderRows)} order rows: ${f2(j.scanSeconds)} s (median of three, ${f2(j.scanRange[0])}-${f2(j.scanRange[1])} s)`;
  const tiers = `tier re-evaluation of the quarter, ${f0(j.members)} members (${f0(j.tierChanges)} changes): ${f2(j.tierSeconds)} s`;
  return [
    `jobs over ${f0(j.members)} members (${f0(j.lots)} lots); ${scan}; ${tiers}; the tier job of an ordinary day: ${f2(j.tierOrdinaryDaySeconds)} s`,
    `jobs, typical day: expiry of ${f0(j.typicalExpiredLots)} lots ${f2(j.typicalExpirySeconds)} s + tiers ${f2(j.tierSeconds)} s = ${f2(j.typicalExpirySeconds + j.tierSeconds)} s (ratio to the scan ${f1(j.typicalRatio)}, goal ≤ 3)`,
    `jobs, catch-up day (every member's lot due): expiry of ${f0(j.catchUpExpiredLots)} lots ${f2(j.expirySeconds)} s + tiers ${f2(j.tierSeconds)} s = ${f2(j.expirySeconds + j.tierSeconds)} s (ratio to the scan ${f1(j.catchUpRatio)}, goal ≤ 3)`,
  ].join("\n");
}
