// `patron import companies|contacts|orders FILE`: loads a CSV file (the formats `patron simulate` reads, the
// contacts format of the README; .gz too) into a tenant, in batches of one transaction each; a run killed at
// any point continues where it stopped. `patron import rewards FILE`: the reward catalog in the format
// `patron export rewards` writes, all or nothing in one transaction.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import {
  type CompanyRow,
  EventAssembler,
  type EventPlan,
  EventPlanner,
  type OrderRow,
  ReplayError,
  type ReplayEvent,
} from "@patron/engine";
import {
  ApiError,
  COMPANY_BATCH_ROWS,
  CONTACT_BATCH_ROWS,
  type Db,
  eventsOf,
  ImportError,
  importCompanies,
  importCompanyStream,
  importContacts,
  importEvents,
  importRewards,
  ORDER_BATCH_LINES,
  ordersTimeZone,
} from "@patron/server";
import { CsvInputError, streamCompanies, streamContacts, streamOrders } from "@patron/server/csv";
import { fileHash, perSecond, progressBar, resolveTenant, withDatabase } from "./data.ts";
import { CliError } from "./load.ts";

const USAGE = "usage: patron import companies|contacts|orders|rewards FILE [--tenant ID] [--source NAME]\n";

export async function importCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`patron import: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { kind, file, tenant, source } = parsed;
  if ((kind !== "companies" && kind !== "contacts" && kind !== "orders" && kind !== "rewards") || !file) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (kind === "rewards") return importRewardFile(file, tenant);
  try {
    const hash = await fileHash(file);
    await withDatabase(async (db) => {
      const tenantId = await resolveTenant(db, tenant);
      const imported = { id: `${kind}:${source}:${hash}`, name: file };
      if (kind === "companies") await loadCompanyFile(db, tenantId, imported);
      else if (kind === "contacts") await loadContacts(db, tenantId, imported);
      else await loadOrderFile(db, tenantId, source, imported);
    });
    return 0;
  } catch (e) {
    if (e instanceof CsvInputError || e instanceof CliError) {
      process.stderr.write(`patron import: ${e.message}\n`);
      return 1;
    }
    if (e instanceof ImportError) {
      const where = e.line > 0 ? `${file} line ${e.line}${e.field ? `, field ${e.field}` : ""}: ` : "";
      process.stderr.write(
        `patron import: ${where}${e.message}\n(the batches before this line are in: fix the file and run the import again, and they are skipped)\n`,
      );
      return 1;
    }
    throw e;
  }
}

/** The reward catalog, all or nothing: a bad line is named with its column and nothing is written. */
async function importRewardFile(file: string, tenant: string | undefined): Promise<number> {
  try {
    const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`${file}: cannot read (${e.code ?? e.message})`);
    });
    const text = (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
    const done = await withDatabase(async (db) => {
      const tenantId = await resolveTenant(db, tenant);
      return db.transaction((tx) => importRewards(tx, tenantId, text, new Date()));
    });
    process.stderr.write(`${done.created} rewards added, ${done.updated} changed\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliError || e instanceof ApiError) {
      process.stderr.write(`patron import: ${e instanceof ApiError ? `${file}: ` : ""}${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { tenant: { type: "string" }, source: { type: "string", default: "import" } },
    strict: true,
  });
  return { kind: positionals[0], file: positionals[1], tenant: values.tenant, source: values.source };
}

export async function loadCompanies(
  db: Db,
  tenantId: string,
  file: { id: string; name: string },
  rows: CompanyRow[],
  quiet = false,
): Promise<void> {
  const started = performance.now();
  const bar = quiet ? null : progressBar("companies", rows.length, "rows");
  let report: Awaited<ReturnType<typeof importCompanies>>;
  try {
    report = await importCompanies(db, tenantId, file, rows, (done) => bar?.update(done));
  } finally {
    bar?.stop();
  }
  if (quiet) return;
  const ms = performance.now() - started;
  process.stdout.write(
    `${tenantId}: ${report.imported.toLocaleString("en-US")} companies imported` +
      (report.skipped ? `, ${report.skipped.toLocaleString("en-US")} already in from an earlier run` : "") +
      ` (${(ms / 1000).toFixed(1)} s, ${perSecond(report.imported, ms)} rows/s)\n`,
  );
}

/**
 * Imports a companies file as it streams: a first pass checks every row (and counts them) before anything is
 * written, a second one writes them batch by batch, skipping what an earlier run of the same file committed.
 */
export async function loadCompanyFile(
  db: Db,
  tenantId: string,
  file: { id: string; name: string },
  quiet = false,
): Promise<void> {
  let total = 0;
  for await (const batch of streamCompanies(file.name, COMPANY_BATCH_ROWS)) total += batch.length;
  const started = performance.now();
  const bar = quiet ? null : progressBar("companies", total, "rows");
  let report: Awaited<ReturnType<typeof importCompanyStream>>;
  try {
    const rows = streamCompanies(file.name, COMPANY_BATCH_ROWS);
    report = await importCompanyStream(db, tenantId, file, total, rows, (done) => bar?.update(done));
  } finally {
    bar?.stop();
  }
  if (quiet) return;
  const ms = performance.now() - started;
  process.stdout.write(
    `${tenantId}: ${report.imported.toLocaleString("en-US")} companies imported` +
      (report.skipped ? `, ${report.skipped.toLocaleString("en-US")} already in from an earlier run` : "") +
      ` (${(ms / 1000).toFixed(1)} s, ${perSecond(report.imported, ms)} rows/s)\n`,
  );
}

/**
 * Imports a contacts file as it streams: a first pass checks every row (and counts them) before anything is
 * written, a second one writes them batch by batch, skipping what an earlier run of the same file committed.
 */
export async function loadContacts(
  db: Db,
  tenantId: string,
  file: { id: string; name: string },
  quiet = false,
): Promise<void> {
  let total = 0;
  for await (const batch of streamContacts(file.name, CONTACT_BATCH_ROWS)) total += batch.length;
  const started = performance.now();
  const bar = quiet ? null : progressBar("contacts", total, "rows");
  let report: Awaited<ReturnType<typeof importContacts>>;
  try {
    report = await importContacts(
      db,
      tenantId,
      file,
      total,
      streamContacts(file.name, CONTACT_BATCH_ROWS),
      (done) => bar?.update(done),
    );
  } finally {
    bar?.stop();
  }
  if (quiet) return;
  const ms = performance.now() - started;
  process.stdout.write(
    `${tenantId}: ${report.imported.toLocaleString("en-US")} contacts imported` +
      (report.skipped ? `, ${report.skipped.toLocaleString("en-US")} already in from an earlier run` : "") +
      ` (${(ms / 1000).toFixed(1)} s, ${perSecond(report.imported, ms)} rows/s)\n`,
  );
}

/** Lines per second over the first and the last tenth of the lines this run imported. */
class RateMeter {
  private readonly samples: { ms: number; lines: number }[] = [];

  add(lines: number): void {
    this.samples.push({ ms: performance.now(), lines });
  }

  /** Lines per second from the first sample at or after `fromShare` of the lines to the first after `toShare`. */
  rate(fromShare: number, toShare: number): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.lines === first.lines) return null;
    const span = last.lines - first.lines;
    const a = this.samples.find((s) => s.lines - first.lines >= span * fromShare) ?? first;
    const b = this.samples.find((s) => s.lines - first.lines >= span * toShare) ?? last;
    return b.lines > a.lines ? ((b.lines - a.lines) * 1000) / Math.max(b.ms - a.ms, 1) : null;
  }
}

/** Imports orders already read (the demo's sample): grouped into events in memory. */
export async function loadOrders(
  db: Db,
  tenantId: string,
  source: string,
  file: { id: string; name: string },
  rows: OrderRow[],
  quiet = false,
): Promise<void> {
  const events = await eventsOf(db, tenantId, rows);
  const orders = events.filter((e) => e.kind === "order").length;
  await importOrderEvents(db, tenantId, source, file, events, rows.length, quiet, () => orders);
}

/**
 * Imports an orders file (plain or gzip) as it streams. A first reading checks every line (problems named by
 * line and column) and plans the events: each one's day and number of lines, nothing of its contents. Nothing is
 * written unless the whole file is good. A second reading assembles the events and gives them in the replay's
 * order as they complete: memory holds a batch when the file is in that order (by day, each order's lines
 * together, as exports and most order files are), and the events out of place when it is not.
 */
export async function loadOrderFile(
  db: Db,
  tenantId: string,
  source: string,
  file: { id: string; name: string },
  quiet = false,
): Promise<void> {
  const planned = await orderFileEvents(db, tenantId, file.name);
  await importOrderEvents(db, tenantId, source, file, planned, planned.lines, quiet, planned.orders);
}

/**
 * Reads an orders file once to check it and plan its events (throws CsvInputError or ImportError naming the
 * line and column at fault); returns its events to read as they stream, their count and the file's lines.
 */
export async function orderFileEvents(
  db: Db,
  tenantId: string,
  path: string,
): Promise<{ total: number; lines: number; events: AsyncIterable<ReplayEvent>; orders: () => number }> {
  const timeZone = await ordersTimeZone(db, tenantId);
  const planner = new EventPlanner(timeZone);
  let lines = 0;
  // A CSV problem anywhere is reported before a grouping problem, as when the file was read whole.
  let grouping: ReplayError | null = null;
  for await (const batch of streamOrders(path, ORDER_BATCH_LINES)) {
    lines += batch.length;
    if (grouping) continue;
    try {
      for (const r of batch) planner.add(r);
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      grouping = e;
    }
  }
  if (grouping) throw new ImportError(grouping.line, grouping.field, grouping.message);
  const plan = planner.finish();
  const kinds = { orders: 0 };
  return {
    total: plan.order.length,
    lines,
    events: assembled(path, timeZone, plan, kinds),
    orders: () => kinds.orders,
  };
}

async function* assembled(
  path: string,
  timeZone: string,
  plan: EventPlan,
  kinds: { orders: number },
): AsyncGenerator<ReplayEvent> {
  const assembler = new EventAssembler(timeZone, plan);
  try {
    for await (const batch of streamOrders(path, ORDER_BATCH_LINES))
      for (const r of batch)
        for (const e of assembler.add(r)) {
          if (e.kind === "order") kinds.orders++;
          yield e;
        }
    assembler.finish();
  } catch (e) {
    if (e instanceof ReplayError) throw new ImportError(e.line, e.field, e.message);
    throw e;
  }
}

async function importOrderEvents(
  db: Db,
  tenantId: string,
  source: string,
  file: { id: string; name: string },
  events: readonly ReplayEvent[] | { total: number; events: AsyncIterable<ReplayEvent> },
  totalLines: number,
  quiet: boolean,
  /** The orders among the events (known once they were all read). */
  orderCount: () => number,
): Promise<void> {
  const started = performance.now();
  const bar = quiet ? null : progressBar("orders", totalLines, "lines");
  const meter = new RateMeter();
  let report: Awaited<ReturnType<typeof importEvents>>;
  try {
    report = await importEvents(db, tenantId, source, file, events, (_done, lines) => {
      meter.add(lines);
      bar?.update(lines);
    });
  } finally {
    bar?.stop();
  }
  if (quiet) return;
  const ms = performance.now() - started;
  const orders = orderCount();
  const returns = report.total - orders;
  const n = (x: number) => x.toLocaleString("en-US");
  const rate = (x: number | null) => (x === null ? "–" : n(Math.round(x)));
  process.stdout.write(
    report.imported === 0
      ? `${tenantId}: ${file.name} was imported before; nothing to do\n`
      : `${tenantId}: ${n(orders)} orders and ${n(returns)} returns (${n(totalLines)} lines)` +
          (report.skipped ? `, of which ${n(report.skipped)} events were in from an earlier run,` : "") +
          ` imported in ${(ms / 1000).toFixed(1)} s: ${rate(meter.rate(0, 1))} lines/s, ` +
          `${rate(meter.rate(0, 0.1))} over the first tenth and ${rate(meter.rate(0.9, 1))} over the last\n`,
  );
}
