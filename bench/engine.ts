// The engine section of `npm run bench`: the real data set, replicated with dates shifted by whole years,
// replayed through a program of about fifty rules; pure evaluation of every order; and the same decisions
// made by json-rules-engine on a sample, with the totals checked against ours.
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readCompanies, readOrders } from "../apps/cli/src/input/csv.ts";
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
import { RulesEngineAdapter } from "./rules-engine-adapter.ts";

export interface EngineBenchOptions {
  /** Multiplier of the work: 1 = the data set three times (≈1.2 M lines). */
  scale: number;
  /** The repository root. */
  root: string;
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
export class RssSampler {
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
/** A full garbage collection between phases, so a phase's memory is not the previous phase's garbage. */
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
export function buildDataset(base: readonly OrderRow[], scale: number): Dataset {
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
export function makeMembers(
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
export function evaluatePass(
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
// The section

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
    check: {
      orders: number;
      mismatchedOrders: number;
      ours: { points: number; discountMinor: number };
      theirs: { points: number; discountMinor: number };
      match: boolean;
      firstMismatches: { orderId: string; ours: unknown; theirs: unknown }[];
    };
  };
  memory: { maxRssBytes: number };
  goals: {
    linesPerSecPerCore: number;
    replayMeets: boolean;
    evaluateMeets: boolean;
    ratio: number;
    ratioMeets: boolean;
  };
}

export async function runEngineBench(opts: EngineBenchOptions): Promise<EngineBenchReport> {
  const { scale, root, log } = opts;
  const rss = new RssSampler();
  const programFile = "bench/programs/fifty-rules.yaml";
  const parsed = parseProgram(readFileSync(join(root, programFile), "utf8"));
  if (!parsed.ok) {
    throw new Error(
      `${programFile}: ${parsed.issues.map((i) => `${i.path} (line ${i.line}): ${i.message}`).join("; ")}`,
    );
  }
  const p = parsed.compiled;
  const adapter = new RulesEngineAdapter(p);

  // ---- Data (not timed) ------------------------------------------------------------------------------------
  const dataDir = join(root, "examples/data/online-retail");
  log("reading examples/data/online-retail/orders.csv.gz …");
  const load = await timedAsync(async () => ({
    base: await readOrders(join(dataDir, "orders.csv.gz"), { minorDigits: p.digits }),
    companies: await readCompanies(join(dataDir, "companies.csv")),
  }));
  const { base, companies } = load.value;
  const built = timed(() => buildDataset(base, scale));
  const data = built.value;
  log(
    `${data.rows.length.toLocaleString("en-US")} lines (${data.copies} cop${data.copies === 1 ? "y" : "ies"}) ` +
      `built in ${built.seconds.toFixed(1)} s; replaying …`,
  );

  // ---- (a) Full replay ---------------------------------------------------------------------------------------
  collectGarbage();
  rss.reset();
  const replayRssBefore = rss.sample();
  const rep = timed(() =>
    replay([p], data.rows, companies, {
      onProgress: () => {
        rss.sample();
      },
    }),
  );
  rss.sample();
  const replayOut = {
    seconds: rep.seconds,
    cpuSeconds: rep.cpuSeconds,
    orderLinesPerSec: data.orderLines / rep.seconds,
    linesPerSec: data.rows.length / rep.seconds,
    rssBeforeBytes: replayRssBefore,
    rssPeakBytes: rss.peak,
    orders: rep.value.totals.orders,
    returns: rep.value.totals.returns,
    pointsEarned: rep.value.totals.earned,
    discount: rep.value.totals.discount,
    members: rep.value.members.length,
  };
  (rep as { value: unknown }).value = null; // let the replay's result go before the next phase
  log(`replay: ${fmtRate(replayOut.orderLinesPerSec)} order lines/s; evaluating …`);

  // ---- (b) Pure evaluation of every order ----------------------------------------------------------------
  const events: OrderEvent[] = [];
  for (const e of eventsFromRows(data.rows, p.timeZone)) if (e.kind === "order") events.push(e.ev);
  let eventLines = 0;
  for (const e of events) eventLines += e.lines.length;
  const members = makeMembers(p, companies, base, events);
  collectGarbage();
  rss.reset();
  const evalRssBefore = rss.sample();
  // Warm-up on the first few thousand orders, then full passes from a fresh state.
  evaluatePass(p, events.slice(0, Math.min(events.length, 2_000)), members, rss, false);
  const passes: PassResult[] = [];
  for (let i = 0; i < EVALUATE_PASSES; i++) {
    passes.push(evaluatePass(p, events, members, rss, false));
    log(`evaluate pass ${i + 1}: ${fmtRate(eventLines / (passes[i] as PassResult).seconds)} lines/s`);
  }
  const evalRates = passes.map((x) => x.lines / x.seconds);
  const evaluateOut = {
    orders: events.length,
    orderLines: eventLines,
    passes: passes.map((x) => ({
      seconds: x.seconds,
      cpuSeconds: x.cpuSeconds,
      linesPerSec: x.lines / x.seconds,
    })),
    medianLinesPerSec: median(evalRates),
    bestLinesPerSec: Math.max(...evalRates),
    points: (passes[0] as PassResult).points,
    discountMinor: (passes[0] as PassResult).discountMinor,
    rssBeforeBytes: evalRssBefore,
    rssPeakBytes: rss.peak,
  };

  // ---- (c) json-rules-engine on a sample, and the check ------------------------------------------------------
  const targetLines = Math.min(SAMPLE_LINES, Math.max(MIN_SAMPLE_LINES, Math.round(SAMPLE_LINES * scale)));
  const sample = sampleOrders(events, eventLines, targetLines);
  let sampleLines = 0;
  for (const e of sample) sampleLines += e.lines.length;
  log(`json-rules-engine on ${sampleLines.toLocaleString("en-US")} lines (${sample.length} orders) …`);
  const ourCheck = evaluatePass(p, sample, members, rss, true);
  const oursSample: number[] = [];
  for (let i = 0; i < SAMPLE_PASSES_OURS; i++) {
    const x = evaluatePass(p, sample, members, rss, false);
    oursSample.push(x.lines / x.seconds);
  }
  // Warm-up of json-rules-engine on the first orders of the sample, then the timed pass from a fresh state.
  await adapterPass(adapter, sample.slice(0, Math.min(sample.length, 300)), members, rss);
  collectGarbage();
  rss.reset();
  const theirs = await adapterPass(adapter, sample, members, rss);
  const theirsRssPeak = rss.peak;
  const theirRate = theirs.lines / theirs.seconds;
  const mismatches: EngineBenchReport["comparison"]["check"]["firstMismatches"] = [];
  let mismatched = 0;
  for (let i = 0; i < sample.length; i++) {
    const a = ourCheck.perOrder?.[i];
    const b = theirs.perOrder?.[i];
    if (a && b && a.points === b.points && a.discountMinor === b.discountMinor) continue;
    mismatched++;
    if (mismatches.length < 5)
      mismatches.push({ orderId: (sample[i] as OrderEvent).orderId, ours: a, theirs: b });
  }
  const oursSampleMedian = median(oursSample);
  const comparison = {
    sampleOrders: sample.length,
    sampleLines,
    ours: { passes: oursSample, medianLinesPerSec: oursSampleMedian },
    jsonRulesEngine: {
      seconds: theirs.seconds,
      cpuSeconds: theirs.cpuSeconds,
      linesPerSec: theirRate,
      rssPeakBytes: theirsRssPeak,
    },
    ratioSameSample: oursSampleMedian / theirRate,
    ratioFullRun: evaluateOut.medianLinesPerSec / theirRate,
    check: {
      orders: sample.length,
      mismatchedOrders: mismatched,
      ours: { points: ourCheck.points, discountMinor: ourCheck.discountMinor },
      theirs: { points: theirs.points, discountMinor: theirs.discountMinor },
      match:
        mismatched === 0 &&
        ourCheck.points === theirs.points &&
        ourCheck.discountMinor === theirs.discountMinor,
      firstMismatches: mismatches,
    },
  };

  const cpu = cpus();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
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
      loadAverage1m: loadavg()[0] ?? 0,
    },
    program: {
      file: programFile,
      tierLevels: p.tiers?.levels.length ?? 0,
      orderSteps: p.discounts.reduce((s, d) => s + (d.kind === "orderSteps" ? d.steps.length : 0), 0),
      discounts: p.discounts.length,
      earnRules: p.earning.rules.length,
      excludeCodes: p.earning.excludeCodes.size,
      jsonRulesEngineRules: { order: adapter.orderRules, line: adapter.lineRules, total: adapter.ruleCount },
    },
    data: {
      source: "examples/data/online-retail/orders.csv.gz",
      baseLines: base.length,
      copies: data.copies,
      lines: data.rows.length,
      orderLines: data.orderLines,
      returnLines: data.returnLines,
      orders: events.length,
      firstDate: data.firstDate,
      lastDate: data.lastDate,
      promoCodes: data.codes,
      loadSeconds: load.seconds,
      buildSeconds: built.seconds,
    },
    replay: replayOut,
    evaluate: evaluateOut,
    comparison,
    memory: { maxRssBytes },
    goals: {
      linesPerSecPerCore: GOAL_LINES_PER_SEC,
      replayMeets: replayOut.orderLinesPerSec >= GOAL_LINES_PER_SEC,
      evaluateMeets: evaluateOut.medianLinesPerSec >= GOAL_LINES_PER_SEC,
      ratio: GOAL_RATIO,
      ratioMeets: comparison.ratioSameSample >= GOAL_RATIO,
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

const mark = (ok: boolean) => (ok ? "meets" : "BELOW");

export function formatEngineReport(r: EngineBenchReport): string {
  const c = r.comparison;
  const lines = [
    `Engine — ${r.command} (scale ${r.scale}), ${r.date}`,
    `  machine   ${r.machine.cpu}, ${r.machine.cores} cores, ${fmtMiB(r.machine.memoryBytes)}, node ${r.machine.node} ` +
      `(${r.machine.platform}), load ${r.machine.loadAverage1m.toFixed(2)}; single thread = one core`,
    `  program   ${r.program.file}: ${r.program.tierLevels} tier levels, ${r.program.orderSteps} order steps, ` +
      `${r.program.discounts} discounts, ${r.program.earnRules} earning rules ` +
      `(${r.program.jsonRulesEngineRules.total} json-rules-engine rules: ${r.program.jsonRulesEngineRules.order} ` +
      `per order + ${r.program.jsonRulesEngineRules.line} per line)`,
    `  data      ${fmtInt(r.data.lines)} lines = ${r.data.copies} × the real data set (${fmtInt(r.data.baseLines)}) ` +
      `shifted by whole years, ${r.data.firstDate} … ${r.data.lastDate}; ${fmtInt(r.data.orderLines)} order lines ` +
      `in ${fmtInt(r.data.orders)} orders, ${fmtInt(r.data.returnLines)} return lines; read in ` +
      `${r.data.loadSeconds.toFixed(1)} s + built in ${r.data.buildSeconds.toFixed(1)} s (not timed)`,
    "",
    `  (a) replay()   ${fmtRate(r.replay.orderLinesPerSec)} order lines/s ` +
      `(${fmtRate(r.replay.linesPerSec)} lines/s with returns) — ${r.replay.seconds.toFixed(2)} s wall, ` +
      `${r.replay.cpuSeconds.toFixed(2)} s CPU  [goal ${fmtInt(r.goals.linesPerSecPerCore)}: ${mark(r.goals.replayMeets)}]`,
    `                 RSS ${fmtMiB(r.replay.rssBeforeBytes)} before → peak ${fmtMiB(r.replay.rssPeakBytes)}; ` +
      `${fmtInt(r.replay.orders)} orders, ${fmtInt(r.replay.returns)} returns, ${fmtInt(r.replay.pointsEarned)} ` +
      `points earned, ${r.replay.discount} RUB discount, ${fmtInt(r.replay.members)} members`,
    `  (b) evaluateOrder()   ${fmtRate(r.evaluate.medianLinesPerSec)} order lines/s median of ` +
      `${r.evaluate.passes.length} (best ${fmtRate(r.evaluate.bestLinesPerSec)}; ` +
      `${r.evaluate.passes.map((x) => `${x.seconds.toFixed(2)} s`).join(", ")})  ` +
      `[goal ${fmtInt(r.goals.linesPerSecPerCore)}: ${mark(r.goals.evaluateMeets)}]`,
    `                 RSS ${fmtMiB(r.evaluate.rssBeforeBytes)} before → peak ${fmtMiB(r.evaluate.rssPeakBytes)}; ` +
      `${fmtInt(r.evaluate.points)} points, ${fmtMinor(r.evaluate.discountMinor)} RUB discount per pass`,
    `  (c) json-rules-engine on a sample of ${fmtInt(c.sampleLines)} lines (${fmtInt(c.sampleOrders)} orders, every ` +
      `k-th order): ${fmtRate(c.jsonRulesEngine.linesPerSec)} lines/s (${c.jsonRulesEngine.seconds.toFixed(2)} s)`,
    `                 ours on the same sample: ${fmtRate(c.ours.medianLinesPerSec)} lines/s (median of ` +
      `${c.ours.passes.length})`,
    `                 ratio ours/json-rules-engine per line: ${c.ratioSameSample.toFixed(1)}× on the sample, ` +
      `${c.ratioFullRun.toFixed(1)}× against the full evaluation rate  [goal ${r.goals.ratio}×: ` +
      `${mark(r.goals.ratioMeets)}]`,
    `                 check: ${c.check.match ? "totals MATCH" : "totals DIFFER"} — ours ${fmtInt(c.check.ours.points)} ` +
      `points / ${fmtMinor(c.check.ours.discountMinor)} RUB, json-rules-engine ${fmtInt(c.check.theirs.points)} ` +
      `points / ${fmtMinor(c.check.theirs.discountMinor)} RUB; ${fmtInt(c.check.mismatchedOrders)} of ` +
      `${fmtInt(c.check.orders)} orders differ`,
    `  peak memory (process max RSS): ${fmtMiB(r.memory.maxRssBytes)}`,
  ];
  for (const m of c.check.firstMismatches) lines.push(`    differs: ${m.orderId} ${JSON.stringify(m)}`);
  return `${lines.join("\n")}\n`;
}
