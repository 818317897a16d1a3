// The engine section of `npm run bench`: the real data set, replicated with dates shifted by whole years,
// (a) replayed through a program of about fifty rules; (b) every order evaluated alone with evaluateOrder;
// (c) the same decisions made by json-rules-engine on a sample, with the totals checked against ours.
// (a) and (b)+(c) each run in a child process of their own (`bench/engine.ts --phase replay|evaluate`).
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  type CompanyRow,
  type CompiledProgram,
  evaluateOrder,
  eventsFromRows,
  lineAmountMinor,
  type MemberProfile,
  type MemberReader,
  type OrderEvent,
  type OrderRow,
  parseDay,
  parseProgram,
  replay,
} from "../packages/engine/src/index.ts";
import { readCompanies, readOrders } from "../packages/server/src/modules/imports/csv.ts";
import { RulesEngineAdapter } from "./rules-engine-adapter.ts";

export interface EngineBenchOptions {
  /** Multiplier of the work: 1 = the data set three times (≈1.2 M lines). */
  scale: number;
  /** Progress messages (to stderr). */
  log: (message: string) => void;
}

/** Copies of the data set at scale 1 (405,611 lines each: ≈1.2 M lines). */
const COPIES_AT_SCALE_1 = 3;
/** Lines of the json-rules-engine sample at scale 1 (and the least at any scale). */
const SAMPLE_LINES = 50_000;
const MIN_SAMPLE_LINES = 2_000;
const EVALUATE_PASSES = 3;
const SAMPLE_PASSES_OURS = 5;
const GOAL_LINES_PER_SEC = 200_000;
const GOAL_RATIO = 10;

/** Promo codes given to a share of orders (per 1000, by a hash of the order id): the data has none. */
const CODES: { code: string; perMille: number }[] = [
  { code: "SPRING10", perMille: 40 },
  { code: "BONUS2X", perMille: 20 },
  { code: "WELCOME5", perMille: 10 },
  { code: "CLEARANCE", perMille: 10 },
  { code: "XMAS99", perMille: 5 }, // unknown to the program
];

// ---------------------------------------------------------------------------------------------------------
// Measurement helpers

/** Peak resident set size, sampled at phase boundaries and every few thousand orders. */
class RssSampler {
  peak = 0;
  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }
  reset(): void {
    this.peak = 0;
    this.sample();
  }
}

let gcFn: (() => void) | null | undefined;
/** A full garbage collection before a timed pass, so that it does not pay for the previous pass's garbage. */
function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gcFn = runInNewContext("gc") as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function timed<T>(f: () => T): { value: T } & Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function timedAsync<T>(f: () => Promise<T>): Promise<{ value: T } & Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** FNV-1a, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function codeFor(orderId: string): string | null {
  let bucket = hash(orderId) % 1000;
  for (const c of CODES) {
    if (bucket < c.perMille) return c.code;
    bucket -= c.perMille;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Data

interface Dataset {
  rows: OrderRow[];
  copies: number;
  orderLines: number;
  returnLines: number;
  codes: Record<string, number>;
  firstDate: string;
  lastDate: string;
}

/**
 * The data set `scale × 3` times: copy k has its dates shifted by k years and its order ids suffixed "~k";
 * each order gets a promo code by a hash of its id. At scales below 1 it stops at an order boundary.
 */
function buildDataset(base: readonly OrderRow[], scale: number): Dataset {
  const target = Math.max(1, Math.round(scale * COPIES_AT_SCALE_1 * base.length));
  const rows: OrderRow[] = [];
  const codes: Record<string, number> = {};
  const codedOrders = new Set<string>();
  let orderLines = 0;
  let returnLines = 0;
  let copies = 0;
  for (let k = 0; rows.length < target; k++) {
    copies = k + 1;
    const suffix = k === 0 ? "" : `~${k}`;
    for (let i = 0; i < base.length; i++) {
      const r = base[i] as OrderRow;
      if (rows.length >= target && r.orderId + suffix !== rows[rows.length - 1]?.orderId) break;
      const orderId = r.orderId + suffix;
      const date = k === 0 ? r.date : String(Number(r.date.slice(0, 4)) + k) + r.date.slice(4);
      let promoCode = r.promoCode;
      if (r.event === "order") {
        orderLines++;
        promoCode = codeFor(orderId);
        if (promoCode !== null && !codedOrders.has(orderId)) {
          codedOrders.add(orderId);
          codes[promoCode] = (codes[promoCode] ?? 0) + 1;
        }
      } else returnLines++;
      rows.push({ ...r, fileLine: rows.length + 2, orderId, date, promoCode });
    }
  }
  let firstDate = "9999";
  let lastDate = "0000";
  for (const r of rows) {
    if (r.date < firstDate) firstDate = r.date;
    if (r.date > lastDate) lastDate = r.date;
  }
  return {
    rows,
    copies,
    orderLines,
    returnLines,
    codes,
    firstDate: firstDate.slice(0, 10),
    lastDate: lastDate.slice(0, 10),
  };
}

// ---------------------------------------------------------------------------------------------------------
// An in-memory member store for pure evaluation (no windows, no wallet: the benchmark program reads neither)

class BenchMember implements MemberReader {
  orderCount = 0;
  balance = 0;
  private readonly bands = new Map<string, number>();

  constructor(
    readonly profile: MemberProfile,
    readonly tier: string | null,
  ) {}

  ordersInWindow(): number {
    return 0;
  }
  purchasesInWindow(): number {
    return 0;
  }
  stamps(): number {
    return 0;
  }
  bandUnits(key: string): number {
    return this.bands.get(key) ?? 0;
  }
  addBandUnits(key: string, deltaMilli: number): void {
    this.bands.set(key, (this.bands.get(key) ?? 0) + deltaMilli);
  }
  membershipEnd(): null {
    return null;
  }
  findCompany(): null {
    return null;
  }
  reset(): void {
    this.orderCount = 0;
    this.bands.clear();
  }
}

/**
 * One member per company. The tier is fixed: the level of the company's yearly purchases in the original data
 * (the replay, by contrast, moves tiers day by day).
 */
function makeMembers(
  p: CompiledProgram,
  companies: readonly CompanyRow[],
  base: readonly OrderRow[],
  events: readonly OrderEvent[],
): Map<string, BenchMember> {
  const yearly = new Map<string, number>();
  for (const r of base) {
    if (r.event !== "order") continue;
    yearly.set(
      r.companyId,
      (yearly.get(r.companyId) ?? 0) + lineAmountMinor(r.quantityMilli, r.unitPriceMinor),
    );
  }
  const tierOf = (id: string): string | null => {
    const t = p.tiers;
    if (!t) return null;
    const amount = yearly.get(id) ?? 0;
    let tier = t.initial;
    for (const l of t.levels) if (amount >= l.from) tier = l.id;
    return tier;
  };
  const members = new Map<string, BenchMember>();
  const add = (id: string, row: CompanyRow | undefined) => {
    if (members.has(id)) return;
    const profile: MemberProfile = {
      id,
      segment: row?.segment ?? null,
      region: row?.region ?? null,
      parentId: row?.parentId ?? null,
      taxId: row?.taxId ?? null,
      joinedOn: row?.joinedOn ? parseDay(row.joinedOn) : null,
    };
    members.set(id, new BenchMember(profile, tierOf(id)));
  };
  for (const c of companies) add(c.companyId, c);
  for (const e of events) add(e.companyId, undefined);
  return members;
}

interface PassResult extends Timing {
  lines: number;
  orders: number;
  points: number;
  discountMinor: number;
  /** Per order, when asked: points and discount. */
  perOrder: { points: number; discountMinor: number }[] | null;
}

/** Evaluates every order with Patron's engine, applying the unit counters it proposes. */
function evaluatePass(
  p: CompiledProgram,
  events: readonly OrderEvent[],
  members: Map<string, BenchMember>,
  rss: RssSampler,
  keep: boolean,
): PassResult {
  for (const m of members.values()) m.reset();
  const perOrder: PassResult["perOrder"] = keep ? [] : null;
  let lines = 0;
  let points = 0;
  let discountMinor = 0;
  const t = timed(() => {
    for (let k = 0; k < events.length; k++) {
      const ev = events[k] as OrderEvent;
      const m = members.get(ev.companyId) as BenchMember;
      const out = evaluateOrder(p, m, ev);
      for (const c of out.changes) if (c.kind === "bandUnits") m.addBandUnits(c.key, c.deltaMilli);
      m.orderCount++;
      lines += ev.lines.length;
      points += out.earned.points;
      discountMinor += out.discountMinor;
      perOrder?.push({ points: out.earned.points, discountMinor: out.discountMinor });
      if ((k & 4095) === 0) rss.sample();
    }
  });
  rss.sample();
  return {
    seconds: t.seconds,
    cpuSeconds: t.cpuSeconds,
    lines,
    orders: events.length,
    points,
    discountMinor,
    perOrder,
  };
}

/** The same orders through json-rules-engine, one after another, applying the same unit counters. */
async function adapterPass(
  adapter: RulesEngineAdapter,
  events: readonly OrderEvent[],
  members: Map<string, BenchMember>,
  rss: RssSampler,
): Promise<PassResult> {
  for (const m of members.values()) m.reset();
  const perOrder: NonNullable<PassResult["perOrder"]> = [];
  let lines = 0;
  let points = 0;
  let discountMinor = 0;
  const t = await timedAsync(async () => {
    for (let k = 0; k < events.length; k++) {
      const ev = events[k] as OrderEvent;
      const m = members.get(ev.companyId) as BenchMember;
      const out = await adapter.evaluate(ev, m);
      for (const c of out.changes) m.addBandUnits(c.key, c.deltaMilli);
      m.orderCount++;
      lines += ev.lines.length;
      points += out.points;
      discountMinor += out.discountMinor;
      perOrder.push({ points: out.points, discountMinor: out.discountMinor });
      if ((k & 255) === 0) rss.sample();
    }
  });
  rss.sample();
  return {
    seconds: t.seconds,
    cpuSeconds: t.cpuSeconds,
    lines,
    orders: events.length,
    points,
    discountMinor,
    perOrder,
  };
}

/** Every k-th order, k chosen so the sample has about `targetLines` lines spread over the whole period. */
function sampleOrders(events: readonly OrderEvent[], totalLines: number, targetLines: number): OrderEvent[] {
  const stride = Math.max(1, Math.floor(totalLines / targetLines));
  const out: OrderEvent[] = [];
  let lines = 0;
  for (let k = 0; k < events.length && lines < targetLines; k += stride) {
    const ev = events[k] as OrderEvent;
    out.push(ev);
    lines += ev.lines.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The section: two phases, each in a child process of its own, so that neither phase's heap, garbage or JIT
// feedback (replay() hands evaluateOrder its own member readers) colours the other's figures, and each
// phase's peak memory is its own process's.

type Phase = "replay" | "evaluate";

interface Loaded {
  p: CompiledProgram;
  base: OrderRow[];
  companies: CompanyRow[];
  data: Dataset;
  loadSeconds: number;
  buildSeconds: number;
}

const PROGRAM_FILE = "bench/programs/fifty-rules.yaml";

/** Reads the program and the data set and builds the shifted copies (not timed). */
async function loadAll(scale: number, root: string, log: (m: string) => void): Promise<Loaded> {
  const parsed = parseProgram(readFileSync(join(root, PROGRAM_FILE), "utf8"));
  if (!parsed.ok) {
    throw new Error(
      `${PROGRAM_FILE}: ${parsed.issues.map((i) => `${i.path} (line ${i.line}): ${i.message}`).join("; ")}`,
    );
  }
  const p = parsed.compiled;
  const dataDir = join(root, "examples/data/online-retail");
  const load = await timedAsync(async () => ({
    base: await readOrders(join(dataDir, "orders.csv.gz"), { minorDigits: p.digits }),
    companies: await readCompanies(join(dataDir, "companies.csv")),
  }));
  const built = timed(() => buildDataset(load.value.base, scale));
  log(
    `${built.value.rows.length.toLocaleString("en-US")} lines (${built.value.copies} ` +
      `cop${built.value.copies === 1 ? "y" : "ies"} of the data set) read and built in ` +
      `${(load.seconds + built.seconds).toFixed(1)} s`,
  );
  return {
    p,
    base: load.value.base,
    companies: load.value.companies,
    data: built.value,
    loadSeconds: load.seconds,
    buildSeconds: built.seconds,
  };
}

interface ReplayPhase {
  data: EngineBenchReport["data"];
  replay: EngineBenchReport["replay"];
}

/** (a) The full replay: day jobs, tiers, wallets, pending points, expiry and returns. */
async function phaseReplay(scale: number, root: string, log: (m: string) => void): Promise<ReplayPhase> {
  const rss = new RssSampler();
  const { p, base, companies, data, loadSeconds, buildSeconds } = await loadAll(scale, root, log);
  log("replaying …");
  collectGarbage();
  rss.reset();
  const before = rss.sample();
  const rep = timed(() => replay([p], data.rows, companies, { onProgress: () => void rss.sample() }));
  rss.sample();
  const t = rep.value.totals;
  log(`replay: ${fmtRate(data.orderLines / rep.seconds)} order lines/s`);
  return {
    data: {
      source: "examples/data/online-retail/orders.csv.gz",
      baseLines: base.length,
      copies: data.copies,
      lines: data.rows.length,
      orderLines: data.orderLines,
      returnLines: data.returnLines,
      orders: t.orders,
      firstDate: data.firstDate,
      lastDate: data.lastDate,
      promoCodes: data.codes,
      loadSeconds,
      buildSeconds,
    },
    replay: {
      seconds: rep.seconds,
      cpuSeconds: rep.cpuSeconds,
      orderLinesPerSec: data.orderLines / rep.seconds,
      linesPerSec: data.rows.length / rep.seconds,
      rssBeforeBytes: before,
      rssPeakBytes: rss.peak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      orders: t.orders,
      returns: t.returns,
      pointsEarned: t.earned,
      discount: t.discount,
      members: rep.value.members.length,
    },
  };
}

interface EvaluatePhase {
  program: EngineBenchReport["program"];
  evaluate: EngineBenchReport["evaluate"];
  comparison: EngineBenchReport["comparison"];
}

/** (b) evaluateOrder over every order, and (c) json-rules-engine against it on a sample. */
async function phaseEvaluate(scale: number, root: string, log: (m: string) => void): Promise<EvaluatePhase> {
  const rss = new RssSampler();
  const { p, base, companies, data } = await loadAll(scale, root, log);
  const adapter = new RulesEngineAdapter(p);
  const events: OrderEvent[] = [];
  for (const e of eventsFromRows(data.rows, p.timeZone)) if (e.kind === "order") events.push(e.ev);
  let eventLines = 0;
  for (const e of events) eventLines += e.lines.length;
  const members = makeMembers(p, companies, base, events);

  // Warm-up on the first orders, then full passes, each from a fresh state and a collected heap.
  evaluatePass(p, events.slice(0, Math.min(events.length, 2_000)), members, rss, false);
  collectGarbage();
  rss.reset();
  const before = rss.sample();
  const passes: PassResult[] = [];
  for (let i = 0; i < EVALUATE_PASSES; i++) {
    collectGarbage();
    const x = evaluatePass(p, events, members, rss, false);
    passes.push(x);
    log(`evaluateOrder pass ${i + 1}: ${fmtRate(x.lines / x.seconds)} order lines/s`);
  }
  const evalPeak = rss.peak;
  const rates = passes.map((x) => x.lines / x.seconds);
  const evaluate: EngineBenchReport["evaluate"] = {
    orders: events.length,
    orderLines: eventLines,
    passes: passes.map((x) => ({
      seconds: x.seconds,
      cpuSeconds: x.cpuSeconds,
      linesPerSec: x.lines / x.seconds,
    })),
    medianLinesPerSec: median(rates),
    bestLinesPerSec: Math.max(...rates),
    points: (passes[0] as PassResult).points,
    discountMinor: (passes[0] as PassResult).discountMinor,
    rssBeforeBytes: before,
    rssPeakBytes: evalPeak,
  };

  // The sample: every k-th order over the whole period, from a fresh state for both engines.
  const targetLines = Math.min(SAMPLE_LINES, Math.max(MIN_SAMPLE_LINES, Math.round(SAMPLE_LINES * scale)));
  const sample = sampleOrders(events, eventLines, targetLines);
  let sampleLines = 0;
  for (const e of sample) sampleLines += e.lines.length;
  log(`json-rules-engine on ${sampleLines.toLocaleString("en-US")} lines (${sample.length} orders) …`);
  // Ours: a collected heap, the check pass (which also warms up), then at least SAMPLE_PASSES_OURS passes and
  // a second in all, so that a small sample still gives a steady median. (No collection between these short
  // passes: a forced full collection shrinks the young generation and slows the next fraction of a second.)
  collectGarbage();
  const ourCheck = evaluatePass(p, sample, members, rss, true);
  const oursSample: number[] = [];
  for (let i = 0, spent = 0; i < SAMPLE_PASSES_OURS || (spent < 1 && i < 500); i++) {
    const x = evaluatePass(p, sample, members, rss, false);
    oursSample.push(x.lines / x.seconds);
    spent += x.seconds;
  }
  // json-rules-engine alike: a collected heap, a warm-up on the first orders, then the timed pass.
  collectGarbage();
  rss.reset();
  await adapterPass(adapter, sample.slice(0, Math.min(sample.length, 300)), members, rss);
  const theirs = await adapterPass(adapter, sample, members, rss);
  const theirRate = theirs.lines / theirs.seconds;
  log(`json-rules-engine: ${fmtRate(theirRate)} lines/s`);
  const firstMismatches: EngineBenchReport["comparison"]["check"]["firstMismatches"] = [];
  let mismatched = 0;
  for (let i = 0; i < sample.length; i++) {
    const a = ourCheck.perOrder?.[i];
    const b = theirs.perOrder?.[i];
    if (a && b && a.points === b.points && a.discountMinor === b.discountMinor) continue;
    mismatched++;
    if (firstMismatches.length < 5)
      firstMismatches.push({ orderId: (sample[i] as OrderEvent).orderId, ours: a, theirs: b });
  }
  const oursMedian = median(oursSample);
  return {
    program: {
      file: PROGRAM_FILE,
      tierLevels: p.tiers?.levels.length ?? 0,
      orderSteps: p.discounts.reduce((s, d) => s + (d.kind === "orderSteps" ? d.steps.length : 0), 0),
      discounts: p.discounts.length,
      earnRules: p.earning.rules.length,
      excludeCodes: p.earning.excludeCodes.size,
      jsonRulesEngineRules: { order: adapter.orderRules, line: adapter.lineRules, total: adapter.ruleCount },
    },
    evaluate,
    comparison: {
      sampleOrders: sample.length,
      sampleLines,
      ours: { passes: oursSample, medianLinesPerSec: oursMedian },
      jsonRulesEngine: {
        seconds: theirs.seconds,
        cpuSeconds: theirs.cpuSeconds,
        linesPerSec: theirRate,
        rssPeakBytes: rss.peak,
      },
      ratioSameSample: oursMedian / theirRate,
      ratioFullRun: evaluate.medianLinesPerSec / theirRate,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      check: {
        orders: sample.length,
        mismatchedOrders: mismatched,
        ours: { points: ourCheck.points, discountMinor: ourCheck.discountMinor },
        theirs: { points: theirs.points, discountMinor: theirs.discountMinor },
        match:
          mismatched === 0 &&
          ourCheck.points === theirs.points &&
          ourCheck.discountMinor === theirs.discountMinor,
        firstMismatches,
      },
    },
  };
}

const THIS_FILE = fileURLToPath(import.meta.url);

/** Runs a phase in a child process (same node and loader flags) and returns what it sends back. */
function runPhase<T>(phase: Phase, scale: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(THIS_FILE, ["--phase", phase, "--scale", String(scale)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | null = null;
    child.on("message", (m) => {
      result = m as typeof result;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const r = result as typeof result;
      if (r?.ok) resolvePromise(r.value);
      else reject(new Error(r ? r.error : `the ${phase} phase exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** Child side: `node --import tsx bench/engine.ts --phase replay|evaluate --scale N`. */
async function childMain(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { phase: { type: "string" }, scale: { type: "string" } },
  });
  const scale = Number(values.scale ?? 1);
  const log = (m: string) => process.stderr.write(`[bench ${values.phase}] ${m}\n`);
  const root = join(dirname(THIS_FILE), "..");
  let message: unknown;
  try {
    const value =
      values.phase === "replay"
        ? await phaseReplay(scale, root, log)
        : values.phase === "evaluate"
          ? await phaseEvaluate(scale, root, log)
          : null;
    if (value === null) throw new Error(`unknown phase ${values.phase}`);
    message = { ok: true, value };
  } catch (e) {
    message = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  if (process.send) process.send(message, () => process.disconnect());
  else process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === THIS_FILE) await childMain();

export interface EngineBenchReport {
  section: "engine";
  date: string;
  command: string;
  scale: number;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    node: string;
    v8: string;
    platform: string;
    loadAverage1m: number;
  };
  program: {
    file: string;
    tierLevels: number;
    orderSteps: number;
    discounts: number;
    earnRules: number;
    excludeCodes: number;
    jsonRulesEngineRules: { order: number; line: number; total: number };
  };
  data: {
    source: string;
    baseLines: number;
    copies: number;
    lines: number;
    orderLines: number;
    returnLines: number;
    orders: number;
    firstDate: string;
    lastDate: string;
    promoCodes: Record<string, number>;
    loadSeconds: number;
    buildSeconds: number;
  };
  replay: {
    seconds: number;
    cpuSeconds: number;
    orderLinesPerSec: number;
    linesPerSec: number;
    rssBeforeBytes: number;
    rssPeakBytes: number;
    /** Peak RSS of the replay's process (node, the program, the data set in memory, the replay). */
    maxRssBytes: number;
    orders: number;
    returns: number;
    pointsEarned: number;
    discount: string;
    members: number;
  };
  evaluate: {
    orders: number;
    orderLines: number;
    passes: { seconds: number; cpuSeconds: number; linesPerSec: number }[];
    medianLinesPerSec: number;
    bestLinesPerSec: number;
    points: number;
    discountMinor: number;
    rssBeforeBytes: number;
    rssPeakBytes: number;
  };
  comparison: {
    sampleOrders: number;
    sampleLines: number;
    ours: { passes: number[]; medianLinesPerSec: number };
    jsonRulesEngine: { seconds: number; cpuSeconds: number; linesPerSec: number; rssPeakBytes: number };
    ratioSameSample: number;
    ratioFullRun: number;
    /** Peak RSS of the evaluation phase's process. */
    maxRssBytes: number;
    check: {
      orders: number;
      mismatchedOrders: number;
      ours: { points: number; discountMinor: number };
      theirs: { points: number; discountMinor: number };
      match: boolean;
      firstMismatches: { orderId: string; ours: unknown; theirs: unknown }[];
    };
  };
  goals: {
    linesPerSecPerCore: number;
    replayMeets: boolean;
    evaluateMeets: boolean;
    ratio: number;
    ratioMeets: boolean;
  };
}

/** The engine section: the replay phase, then the evaluation phase, one child process each. */
export async function runEngineBench(opts: EngineBenchOptions): Promise<EngineBenchReport> {
  const { scale, log } = opts;
  const load = loadavg()[0] ?? 0;
  log(`engine: replay phase (scale ${scale}) …`);
  const a = await runPhase<ReplayPhase>("replay", scale);
  log("engine: evaluation phase …");
  const b = await runPhase<EvaluatePhase>("evaluate", scale);
  const cpu = cpus();
  return {
    section: "engine",
    date: new Date().toISOString(),
    command: `npm run bench${scale === 1 ? "" : ` -- --scale ${scale}`}`,
    scale,
    machine: {
      cpu: cpu[0]?.model ?? "unknown",
      cores: cpu.length,
      memoryBytes: totalmem(),
      node: process.version,
      v8: process.versions.v8,
      platform: `${process.platform} ${process.arch}`,
      loadAverage1m: load,
    },
    program: b.program,
    data: a.data,
    replay: a.replay,
    evaluate: b.evaluate,
    comparison: b.comparison,
    goals: {
      linesPerSecPerCore: GOAL_LINES_PER_SEC,
      replayMeets: a.replay.orderLinesPerSec >= GOAL_LINES_PER_SEC,
      evaluateMeets: b.evaluate.medianLinesPerSec >= GOAL_LINES_PER_SEC,
      ratio: GOAL_RATIO,
      ratioMeets: b.comparison.ratioSameSample >= GOAL_RATIO,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The readable report

function fmtRate(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

function fmtInt(x: number): string {
  return x.toLocaleString("en-US");
}

function fmtMiB(bytes: number): string {
  return `${Math.round(bytes / 1048576).toLocaleString("en-US")} MiB`;
}

function fmtMinor(minor: number): string {
  return (minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "3007373.17" → "3,007,373.17". */
function groupDigits(decimal: string): string {
  return decimal.replace(/^(\d+)/, (whole) => Number(whole).toLocaleString("en-US"));
}

const mark = (ok: boolean) => (ok ? "meets" : "BELOW");
/** Below scale 0.5 the rates are start-up and warm-up, not the engine's: say so next to each goal. */
const smoke = (scale: number) => (scale < 0.5 ? " (smoke scale: rate not meaningful)" : "");

export function formatEngineReport(r: EngineBenchReport): string {
  const c = r.comparison;
  const goal = fmtInt(r.goals.linesPerSecPerCore);
  const codes = Object.values(r.data.promoCodes).reduce((s, n) => s + n, 0);
  const row = (label: string, rate: string, time: string, memory: string, target: string) =>
    `  ${label.padEnd(42)}${rate.padStart(14)}${time.padStart(10)}${memory.padStart(12)}   ${target}`;
  const lines = [
    `Engine benchmark — ${r.command} — ${r.date}`,
    `  machine  ${r.machine.cpu}, ${r.machine.cores} cores, ${fmtMiB(r.machine.memoryBytes)} RAM, node ${r.machine.node} ` +
      `(${r.machine.platform}); load ${r.machine.loadAverage1m.toFixed(2)} at start; one thread = one core`,
    `  program  ${r.program.file}: ${r.program.tierLevels} tier levels, ${r.program.orderSteps} order steps, ` +
      `${r.program.discounts} discounts, ${r.program.earnRules} earning rules, ${r.program.excludeCodes} excluded code ` +
      `= ${r.program.jsonRulesEngineRules.total} json-rules-engine rules (${r.program.jsonRulesEngineRules.order} ` +
      `per order, ${r.program.jsonRulesEngineRules.line} per line)`,
    `  data     ${fmtInt(r.data.lines)} lines = ${r.scale < 1 ? `a ${r.scale} share of ` : ""}${r.data.copies} × the real data set (${fmtInt(r.data.baseLines)} lines), ` +
      `dates shifted by whole years, ${r.data.firstDate} … ${r.data.lastDate}`,
    `           ${fmtInt(r.data.orderLines)} order lines in ${fmtInt(r.data.orders)} orders, ` +
      `${fmtInt(r.data.returnLines)} return lines; promo codes on ${fmtInt(codes)} orders; ` +
      `read ${r.data.loadSeconds.toFixed(1)} s + built ${r.data.buildSeconds.toFixed(1)} s (not timed)`,
    "",
    row("", "order lines/s", "time", "peak RSS", "goal"),
    row(
      "(a) replay(): days, tiers, wallets, returns",
      fmtRate(r.replay.orderLinesPerSec),
      `${r.replay.seconds.toFixed(2)} s`,
      fmtMiB(r.replay.maxRssBytes),
      `${goal}: ${mark(r.goals.replayMeets)}${smoke(r.scale)}`,
    ),
    row(
      `(b) evaluateOrder(), median of ${r.evaluate.passes.length} passes`,
      fmtRate(r.evaluate.medianLinesPerSec),
      `${median(r.evaluate.passes.map((x) => x.seconds)).toFixed(2)} s`,
      fmtMiB(r.comparison.maxRssBytes),
      `${goal}: ${mark(r.goals.evaluateMeets)}${smoke(r.scale)}`,
    ),
    row(
      `(c) json-rules-engine, ${fmtInt(c.sampleLines)}-line sample`,
      fmtRate(c.jsonRulesEngine.linesPerSec),
      `${c.jsonRulesEngine.seconds.toFixed(2)} s`,
      "",
      "",
    ),
    row(`    evaluateOrder(), the same sample`, fmtRate(c.ours.medianLinesPerSec), "", "", ""),
    row(
      "    ratio ours / json-rules-engine",
      `${c.ratioSameSample.toFixed(1)}×`,
      "",
      "",
      `${r.goals.ratio}×: ${mark(r.goals.ratioMeets)}`,
    ),
    "",
    `  (a) ${fmtRate(r.replay.linesPerSec)} lines/s counting return lines; ${r.replay.cpuSeconds.toFixed(2)} s CPU; ` +
      `RSS ${fmtMiB(r.replay.rssBeforeBytes)} with the data loaded, ${fmtMiB(r.replay.rssPeakBytes)} at most ` +
      `during the replay; ${fmtInt(r.replay.orders)} orders, ${fmtInt(r.replay.returns)} returns, ` +
      `${fmtInt(r.replay.pointsEarned)} points, ${groupDigits(r.replay.discount)} RUB discount, ${fmtInt(r.replay.members)} members`,
    `  (b) passes ${r.evaluate.passes.map((x) => fmtRate(x.linesPerSec)).join(", ")} order lines/s ` +
      `(${fmtInt(r.evaluate.orders)} orders each, fixed tiers); ${fmtInt(r.evaluate.points)} points, ` +
      `${fmtMinor(r.evaluate.discountMinor)} RUB discount`,
    `  (c) every k-th order (${fmtInt(c.sampleOrders)} orders); ours ${c.ratioFullRun.toFixed(1)}× faster at the full ` +
      `run's rate; check: ${c.check.match ? "MATCH" : "DIFFER"} — ours ${fmtInt(c.check.ours.points)} points / ` +
      `${fmtMinor(c.check.ours.discountMinor)} RUB, json-rules-engine ${fmtInt(c.check.theirs.points)} points / ` +
      `${fmtMinor(c.check.theirs.discountMinor)} RUB; ${fmtInt(c.check.mismatchedOrders)} of ` +
      `${fmtInt(c.check.orders)} orders differ`,
  ];
  for (const m of c.check.firstMismatches) lines.push(`      differs: ${JSON.stringify(m)}`);
  return `${lines.join("\n")}\n`;
}
