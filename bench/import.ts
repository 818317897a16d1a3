// The import section of `npm run bench -- --section import`: `patron import` of 100,000 × scale companies and
// 1,000,000 × scale order lines into a fresh schema of the PostgreSQL server, with the rate of every tenth of
// each file from the first to the last, to show whether imports slow down as the tables grow. The companies
// file is written and read back as it streams; the order lines are the bundled sample of the real data set
// replicated with shifted order and company ids (each copy a new set of companies), written to a gzip file in
// day order and imported as `patron import orders` reads a file: checked and planned once, then streamed.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  COMPANY_BATCH_ROWS,
  createTenant,
  type Db,
  importCompanyStream,
  importEvents,
  migrate,
  openServer,
  quoteIdent,
  verify,
} from "@patron/server";
import { orderFileEvents } from "../apps/cli/src/commands/import.ts";
import { streamCompanies } from "../packages/server/src/modules/imports/csv.ts";
import { publishProgram } from "../packages/server/src/modules/programs/service.ts";

const root = join(import.meta.dirname, "..");
const TENANT = "bench-import";

export interface Slice {
  /** Rows (companies) or lines (orders) done at the end of the slice. */
  upTo: number;
  perSecond: number;
}

export interface ImportBench {
  date: string;
  scale: number;
  companies: { rows: number; seconds: number; slices: Slice[] };
  orders: {
    lines: number;
    events: number;
    /** All of it, the first reading (checks and plan) included. */
    seconds: number;
    planSeconds: number;
    /** The importing process's resident memory at its largest, sampled after each batch. */
    peakRssMiB: number;
    slices: Slice[];
    ledgerClean: boolean;
  };
}

/** Rates over consecutive slices of `size` from (done, ms) samples taken as the import goes. */
class Slices {
  readonly out: Slice[] = [];
  private last = { done: 0, ms: performance.now() };
  constructor(private readonly size: number) {}
  sample(done: number): void {
    if (done - this.last.done < this.size) return;
    const now = performance.now();
    this.out.push({
      upTo: done,
      perSecond: ((done - this.last.done) * 1000) / Math.max(now - this.last.ms, 1),
    });
    this.last = { done, ms: now };
  }
  finish(done: number): Slice[] {
    if (done > this.last.done) {
      const now = performance.now();
      this.out.push({
        upTo: done,
        perSecond: ((done - this.last.done) * 1000) / Math.max(now - this.last.ms, 1),
      });
    }
    return this.out;
  }
}

export async function runImportBench(opts: {
  scale: number;
  serverUrl: string;
  log: (m: string) => void;
}): Promise<ImportBench> {
  const companies = Math.max(1000, Math.round(100_000 * opts.scale));
  const lines = Math.max(2000, Math.round(1_000_000 * opts.scale));
  const schema = `bench_import_${randomBytes(4).toString("hex")}`;
  const db = await openServer(opts.serverUrl, { schema, max: 4 });
  try {
    await migrate(db);
    await createTenant(db, TENANT, "Import benchmark");
    const program = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
    await db.transaction((tx) => publishProgram(tx, TENANT, program));
    const dir = mkdtempSync(join(tmpdir(), "patron-bench-import-"));
    opts.log(
      `import: ${companies.toLocaleString("en-US")} companies, ${lines.toLocaleString("en-US")} lines`,
    );
    const companyResult = await importCompanyFile(db, dir, companies);
    const orderResult = await importOrderLines(db, dir, lines, opts.log);
    return {
      date: new Date().toISOString(),
      scale: opts.scale,
      companies: companyResult,
      orders: orderResult,
    };
  } finally {
    await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => {});
    await db.close();
  }
}

async function importCompanyFile(db: Db, dir: string, n: number) {
  const header = "company_id,name,tax_id,parent_id,segment,region,joined_on";
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    const parent = i % 20 === 0 ? "" : `B${i - (i % 20)}`;
    body.push(`B${i},Company ${i},TAX${i},${parent},wholesale,EU,2024-0${1 + (i % 9)}-1${i % 10}`);
  }
  const path = join(dir, "companies.csv.gz");
  writeFileSync(path, gzipSync(`${header}\n${body.join("\n")}\n`));
  let total = 0;
  for await (const b of streamCompanies(path, COMPANY_BATCH_ROWS)) total += b.length;
  const slices = new Slices(Math.max(1, Math.round(n / 10)));
  const started = performance.now();
  await importCompanyStream(
    db,
    TENANT,
    { id: "companies", name: path },
    total,
    streamCompanies(path, 1000),
    (d) => slices.sample(d),
  );
  return { rows: n, seconds: (performance.now() - started) / 1000, slices: slices.finish(n) };
}

/**
 * The bundled sample replicated with shifted order and company ids into a gzip file of `lines` lines, each
 * sample line followed by its copies (so the file stays in day order), imported as `patron import orders`
 * reads a file: checked and planned on a first reading, then streamed.
 */
async function importOrderLines(db: Db, dir: string, lines: number, log: (m: string) => void) {
  const sample = gunzipSync(readFileSync(join(root, "examples/data/online-retail/demo-orders.csv.gz")))
    .toString("utf8")
    .trimEnd()
    .split("\n");
  const header = sample[0] as string;
  const rows = sample.slice(1);
  const copies = Math.ceil(lines / rows.length);
  const out: string[] = [header];
  for (const r of rows) {
    const f = r.split(",");
    for (let copy = 0; copy < copies && out.length <= lines; copy++) {
      f[1] = `${r.split(",")[1]}-${copy}`;
      f[3] = `${r.split(",")[3]}-${copy}`;
      out.push(f.join(","));
    }
  }
  const path = join(dir, "orders.csv.gz");
  writeFileSync(path, gzipSync(`${out.join("\n")}\n`));
  out.length = 0;
  const rss = { peak: process.memoryUsage().rss };
  const started = performance.now();
  const planned = await orderFileEvents(db, TENANT, path);
  const planSeconds = (performance.now() - started) / 1000;
  const slices = new Slices(Math.max(1, Math.round(lines / 10)));
  let lastLog = started;
  await importEvents(db, TENANT, "bench", { id: "orders", name: path }, planned, (_e, done) => {
    slices.sample(done);
    rss.peak = Math.max(rss.peak, process.memoryUsage().rss);
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      log(`import: ${done.toLocaleString("en-US")} of ${lines.toLocaleString("en-US")} lines`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const v = await verify(db, TENANT);
  return {
    lines: planned.lines,
    events: planned.total,
    seconds,
    planSeconds,
    peakRssMiB: rss.peak / 2 ** 20,
    slices: slices.finish(planned.lines),
    ledgerClean: v.differences.length === 0,
  };
}

export function formatImportReport(r: ImportBench): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const row = (s: Slice[]) => s.map((x) => n(x.perSecond)).join(" · ");
  return [
    "",
    `Import (PostgreSQL, scale ${r.scale})`,
    `  companies: ${n(r.companies.rows)} rows in ${r.companies.seconds.toFixed(1)} s; rows/s per tenth: ${row(r.companies.slices)}`,
    `  orders: ${n(r.orders.lines)} lines (${n(r.orders.events)} events), streamed from a gzip file, in ${r.orders.seconds.toFixed(1)} s (first reading ${r.orders.planSeconds.toFixed(1)} s); lines/s per tenth: ${row(r.orders.slices)}; peak RSS ${n(r.orders.peakRssMiB)} MiB`,
    `  ledger verified: ${r.orders.ledgerClean ? "yes" : "NO"}`,
    "",
  ].join("\n");
}
