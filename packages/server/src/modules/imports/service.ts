// Imports of companies and of order history: batched, each batch one database transaction that also records
// how far the file got, so an import killed at any point continues where it stopped, with nothing doubled.
// Orders and returns go through the same ingestion as the events API, so the engine prices every one, and each
// day's events of a batch are read ahead together as a batch request's chunk is (events/chunk.ts).
// Errors: ImportError (an event the server refuses, or a company row that would close a cycle or make too deep a
// hierarchy with companies already there, with the file line it came from), no_tenant.
import {
  type CompanyRow,
  type Day,
  eventsFromRows,
  formatDay,
  type OrderRow,
  ReplayError,
  type ReplayEvent,
} from "@patron/engine";
import type { Db, Param, Queryable } from "../../db/db.ts";
import { GrowingTables, ORDER_TABLES } from "../../db/statistics.ts";
import { runDailyJobs } from "../../jobs/daily.ts";
import { runJobs } from "../../jobs/runner.ts";
import { holdoutShare } from "../analytics/holdout.ts";
import { lockHierarchy, MAX_HIERARCHY_DEPTH } from "../companies/service.ts";
import { type ChunkMember, type ChunkOrder, readChunk } from "../events/chunk.ts";
import { type EventContext, EventError, ingestOrderIn, ingestReturnIn } from "../events/service.ts";
import { pgArray } from "../ledger/service.ts";
import { keepsLevels } from "../members/levels.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";

/** Companies written per multi-row statement and transaction. */
export const COMPANY_BATCH_ROWS = 1000;
/** Order lines priced per transaction (a batch also ends where a day ends, so the day's jobs run between). */
export const ORDER_BATCH_LINES = 1000;

export class ImportError extends Error {
  constructor(
    /** The file line of the event at fault (0 when it is not about one line). */
    readonly line: number,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportFile {
  /** Names the file within the tenant: its kind and a hash of its bytes, so a changed file starts over. */
  id: string;
  /** The path as given, for people reading the imports table. */
  name: string;
}

export interface ImportReport {
  /** Records (companies, or order and return events) in the file. */
  total: number;
  /** Records found already imported by an earlier run of the same file, and skipped. */
  skipped: number;
  /** Records imported by this run. */
  imported: number;
}

/** The import's record: created on the first run, read on the next ones. Returns how many records are done. */
export async function begin(
  db: Db,
  tenantId: string,
  kind: "companies" | "orders" | "contacts",
  file: ImportFile,
  total: number,
): Promise<number> {
  const tenant = await db.query("SELECT 1 FROM tenants WHERE id = $1", [tenantId]);
  if (tenant.rows.length === 0) throw new ImportError(0, "tenant", `there is no tenant ${tenantId}`);
  await db.query(
    `INSERT INTO imports (tenant_id, id, kind, file, total) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, id) DO NOTHING`,
    [tenantId, file.id, kind, file.name, total],
  );
  const r = await db.query<{ done: number }>("SELECT done FROM imports WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    file.id,
  ]);
  return Number(r.rows[0]?.done ?? 0);
}

export async function advance(tx: Queryable, tenantId: string, id: string, done: number, total: number) {
  await tx.query(
    `UPDATE imports SET done = $3, updated_at = now(), finished_at = CASE WHEN $3 >= total THEN now() END
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, done],
  );
  if (done > total) throw new Error(`import ${id} counted ${done} of ${total} records`);
}

const COMPANY_COLUMNS = 8;

/**
 * Adds or updates companies (members), a thousand rows per statement. A company that already has orders
 * keeps its level, counters and history; its profile takes the file's values.
 */
export async function importCompanies(
  db: Db,
  tenantId: string,
  file: ImportFile,
  rows: readonly CompanyRow[],
  onProgress?: (done: number) => void,
): Promise<ImportReport> {
  return importCompanyStream(db, tenantId, file, rows.length, [rows], onProgress);
}

/**
 * As importCompanies, from rows pulled as they are read (so a file of any size needs memory for one batch):
 * `total` is the number of rows in the file; those an earlier run of the same file committed are skipped.
 */
export async function importCompanyStream(
  db: Db,
  tenantId: string,
  file: ImportFile,
  total: number,
  rows: AsyncIterable<readonly CompanyRow[]> | Iterable<readonly CompanyRow[]>,
  onProgress?: (done: number) => void,
): Promise<ImportReport> {
  const skipped = await begin(db, tenantId, "companies", file, total);
  onProgress?.(skipped);
  let seen = 0;
  let done = skipped;
  let batch: CompanyRow[] = [];
  // The hierarchy check walks the companies by key: its plan needs statistics of the table as it grows.
  const growing = new GrowingTables(["members"]);
  const flush = async () => {
    if (batch.length === 0) return;
    done += batch.length;
    await writeCompanies(db, tenantId, file, batch, done, total);
    batch = [];
    await growing.grew(db, done - skipped);
    onProgress?.(done);
  };
  for await (const chunk of rows) {
    for (const row of chunk) {
      seen++;
      if (seen <= skipped) continue;
      batch.push(row);
      if (batch.length >= COMPANY_BATCH_ROWS) await flush();
    }
  }
  await flush();
  if (seen !== total) throw new Error(`the companies file gave ${seen} rows, ${total} were counted`);
  return { total, skipped, imported: total - skipped };
}

async function writeCompanies(
  db: Db,
  tenantId: string,
  file: ImportFile,
  batch: readonly CompanyRow[],
  done: number,
  total: number,
): Promise<void> {
  const params: Param[] = [tenantId];
  const values: string[] = [];
  for (const c of batch) {
    const n = params.length;
    const slots = Array.from({ length: COMPANY_COLUMNS }, (_, k) => `$${n + 1 + k}`);
    values.push(`($1, ${slots.join(", ")})`);
    params.push(
      c.companyId,
      c.name || null,
      c.taxId,
      c.parentId,
      c.segment,
      c.region,
      c.joinedOn,
      c.enrolledOn,
    );
  }
  const parented = batch.filter((c) => c.parentId !== null);
  await db.transaction(async (tx) => {
    if (parented.length > 0) await lockHierarchy(tx, tenantId);
    await tx.query(
      `INSERT INTO members (tenant_id, id, name, tax_id, parent_id, segment, region, joined_on, enrolled_on)
       VALUES ${values.join(", ")}
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = COALESCE(EXCLUDED.name, members.name), tax_id = EXCLUDED.tax_id,
         parent_id = EXCLUDED.parent_id, segment = EXCLUDED.segment, region = EXCLUDED.region,
         joined_on = COALESCE(EXCLUDED.joined_on, members.joined_on),
         enrolled_on = COALESCE(EXCLUDED.enrolled_on, members.enrolled_on)`,
      params,
    );
    if (parented.length > 0) await checkHierarchy(tx, tenantId, parented);
    await advance(tx, tenantId, file.id, done, total);
  });
}

/**
 * The API's hierarchy rules (companies/service.ts checkParent) for a batch just written, in one statement: no
 * company of it may be its own ancestor, and none may sit in a hierarchy of more than MAX_HIERARCHY_DEPTH
 * levels. The file's reader has refused cycles among its own rows; this finds those it closes with companies
 * already in the database. Judged on the hierarchy as it stands after the batch, so rows of one batch may
 * re-parent each other in any order. Throws ImportError on the first row at fault, in file order.
 */
async function checkHierarchy(tx: Queryable, tenantId: string, parented: readonly CompanyRow[]) {
  // up: each company's ancestors, itself at depth 1, until the root, itself again (a cycle) or the bound; down:
  // its subsidiaries, to the bound. The walks look companies up one by one by key (a scalar subquery, a LATERAL
  // one the planner keeps apart): joined whole, the planner reads all of the tenant's companies at each level.
  // The ids start in the keys' collation, as the walk's rows are (a recursive query's columns keep one collation).
  const r = await tx.query<{ id: string; cycle: boolean; above: number; below: number }>(
    `WITH RECURSIVE
       up(start, id, depth) AS (
         SELECT id, id, 1 FROM unnest($2::text[] COLLATE "C") AS s(id)
         UNION ALL SELECT up.start,
           (SELECT m.parent_id FROM members m WHERE m.tenant_id = $1 AND m.id = up.id), up.depth + 1
         FROM up WHERE up.id IS NOT NULL AND up.depth <= $3 AND (up.depth = 1 OR up.id <> up.start)),
       down(start, id, depth) AS (
         SELECT id, id, 0 FROM unnest($2::text[] COLLATE "C") AS s(id)
         UNION ALL SELECT down.start, c.id, down.depth + 1 FROM down
           CROSS JOIN LATERAL (SELECT m.id FROM members m WHERE m.tenant_id = $1 AND m.parent_id = down.id OFFSET 0) c
         WHERE down.depth < $3),
       ups AS (SELECT start, bool_or(depth > 1 AND id = start) AS cycle, count(id) AS above FROM up GROUP BY start),
       downs AS (SELECT start, max(depth) AS below FROM down GROUP BY start)
     SELECT ups.start AS id, ups.cycle, ups.above::int AS above, downs.below::int AS below
     FROM ups JOIN downs USING (start)
     WHERE ups.cycle OR ups.above + downs.below > $3`,
    [tenantId, pgArray(parented.map((c) => c.companyId)), MAX_HIERARCHY_DEPTH],
  );
  if (r.rows.length === 0) return;
  // A cycle first: the companies under one find no root, so they seem too deep as well.
  const cycle = parented.find((c) => r.rows.some((f) => f.cycle && f.id === c.companyId));
  if (cycle) {
    throw new ImportError(
      cycle.fileLine,
      "parent_id",
      `${cycle.parentId} is a subsidiary of ${cycle.companyId}: making it the parent would close a cycle`,
    );
  }
  const faults = new Map(r.rows.map((f) => [f.id, f.above + f.below]));
  const row = parented.find((c) => faults.has(c.companyId)) as CompanyRow;
  throw new ImportError(
    row.fileLine,
    "parent_id",
    `under ${row.parentId} the hierarchy would have ${faults.get(row.companyId)} levels; at most ${MAX_HIERARCHY_DEPTH} are allowed`,
  );
}

/** What an orders import did with each kind of event. */
export interface EventImportReport extends ImportReport {
  /** Orders taken by this run, and those found taken before (by an earlier run of the same file, or by any
   * request or file with the same source and order id), which changed nothing. */
  orders: { taken: number; seen: number };
  /** Returns, counted as orders are (a return's id is `return:<order id>:<n>`). */
  returns: { taken: number; seen: number };
}

/** Events given one by one (an orders file read as it streams), with their count known beforehand. */
export interface EventSource {
  total: number;
  events: AsyncIterable<ReplayEvent>;
}

/** An iterator that can look at its next item before taking it. */
class Ahead<T> {
  private head: IteratorResult<T> | null = null;
  constructor(private readonly it: AsyncIterator<T>) {}
  async peek(): Promise<T | undefined> {
    this.head ??= await this.it.next();
    return this.head.done ? undefined : this.head.value;
  }
  async take(): Promise<T | undefined> {
    const v = await this.peek();
    this.head = null;
    return v;
  }
  /** Lets the source go (a file stream closes) when the import stops early. */
  async close(): Promise<void> {
    await this.it.return?.();
  }
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * Takes orders and returns in, in the order given (the replay's: by day, then file order), each priced by
 * the engine and posted once. Before the first event of a day on which pending points mature or lots expire,
 * the tenant's day jobs run, as the replay runs them, so the ledger equals the replay of the same history.
 * The events may come as a stream (memory then holds one batch); a run after a crash skips those an earlier
 * run committed. `onProgress` gets the events and order lines done so far.
 */
export async function importEvents(
  db: Db,
  tenantId: string,
  source: string,
  file: ImportFile,
  given: readonly ReplayEvent[] | EventSource,
  onProgress?: (doneEvents: number, doneLines: number) => void,
): Promise<ImportReport> {
  const { total, skipped, imported } = await importEventsCounted(
    db,
    tenantId,
    source,
    file,
    given,
    onProgress,
  );
  return { total, skipped, imported };
}

/** As importEvents, with the orders and returns taken and found taken before counted apart. */
export async function importEventsCounted(
  db: Db,
  tenantId: string,
  source: string,
  file: ImportFile,
  given: readonly ReplayEvent[] | EventSource,
  onProgress?: (doneEvents: number, doneLines: number) => void,
): Promise<EventImportReport> {
  const total = "total" in given ? given.total : given.length;
  const events = new Ahead(("total" in given ? given.events : fromArray(given))[Symbol.asyncIterator]());
  try {
    return await takeEvents(db, tenantId, source, file, total, events, onProgress);
  } finally {
    await events.close();
  }
}

async function takeEvents(
  db: Db,
  tenantId: string,
  source: string,
  file: ImportFile,
  total: number,
  events: Ahead<ReplayEvent>,
  onProgress?: (doneEvents: number, doneLines: number) => void,
): Promise<EventImportReport> {
  const skipped = await begin(db, tenantId, "orders", file, total);
  const counts = { order: { taken: 0, seen: 0 }, return: { taken: 0, seen: 0 } };
  // The external id of each return: `return:<order id>:<n>`, counted over every event, skipped ones too.
  const returns = new Map<string, number>();
  const returnId = (e: ReplayEvent): string | null => {
    if (e.kind !== "return") return null;
    const n = (returns.get(e.ev.orderId) ?? 0) + 1;
    returns.set(e.ev.orderId, n);
    return `return:${e.ev.orderId}:${n}`;
  };
  let lines = 0;
  for (let k = 0; k < skipped; k++) {
    const e = await events.take();
    if (!e) throw new Error(`import ${file.id} has ${k} events, ${skipped} were done`);
    returnId(e);
    lines += e.ev.lines.length;
    counts[e.kind].seen++;
  }
  onProgress?.(skipped, lines);
  let i = skipped;
  // Levels the tier job keeps, and monthly credits, must be set before each day's events, as the replay does.
  const versions = await publishedPrograms(db, tenantId);
  const dayJobs = [
    ...(versions.some((p) => p.credits.length > 0) ? ["credits"] : []),
    ...(keepsLevels(versions) ? ["tiers"] : []),
  ];
  const levelDays = dayJobs.length > 0;
  // The jobs of the first day run even when a restart lands mid-day: run again, they find nothing to do.
  let jobsDue = true;
  // The statistics of the tables the import grows, refreshed as they grow (see db/statistics.ts).
  const growing = new GrowingTables(ORDER_TABLES);
  for (let first = await events.peek(); first; first = await events.peek()) {
    if (jobsDue) await runDailyJobs(db, tenantId, first.ev.day);
    if (levelDays) await runDayJobs(db, tenantId, dayJobs, first.ev.day);
    const from = i;
    const batch = await db.transaction(async (tx) => {
      // Read once a batch: a version published or a hold-out share set meanwhile applies from the next batch.
      const ctx: EventContext = {
        versions: await publishedPrograms(tx, tenantId),
        locked: new Set(),
        holdoutBp: await holdoutShare(tx, tenantId),
      };
      let end = from;
      let batchLines = 0;
      let due = false;
      let prevDay: Day | null = null;
      for (let e = await events.peek(); e; e = await events.peek()) {
        if (end > from && batchLines + e.ev.lines.length > ORDER_BATCH_LINES) break;
        if (
          prevDay !== null &&
          prevDay !== e.ev.day &&
          (levelDays || (await jobsDueOn(tx, tenantId, e.ev.day)))
        ) {
          due = true;
          break;
        }
        // The day's orders up to its next return that fit in the batch: their members locked and the orders
        // claimed together, in file order. A return is taken alone.
        const day = e.ev.day;
        const group: { e: ReplayEvent; returnId: string | null }[] = [];
        for (let g = await events.peek(); g && g.ev.day === day; g = await events.peek()) {
          if (end + group.length > from && batchLines + g.ev.lines.length > ORDER_BATCH_LINES) break;
          if (g.kind === "return" && group.length > 0) break;
          await events.take();
          group.push({ e: g, returnId: returnId(g) });
          batchLines += g.ev.lines.length;
          if (g.kind === "return") break;
        }
        if (group[0]?.e.kind === "order") await readOrders(tx, tenantId, source, group, ctx);
        for (const g of group) {
          const replayed = await ingest(tx, tenantId, source, g.e, g.returnId, ctx);
          counts[g.e.kind][replayed ? "seen" : "taken"]++;
        }
        end += group.length;
        prevDay = day;
      }
      await advance(tx, tenantId, file.id, end, total);
      return { end, batchLines, due };
    });
    i = batch.end;
    lines += batch.batchLines;
    jobsDue = batch.due;
    await growing.grew(db, i - skipped);
    onProgress?.(i, lines);
  }
  if (i !== total) throw new Error(`import ${file.id} gave ${i} events of ${total}`);
  return { total, skipped, imported: total - skipped, orders: counts.order, returns: counts.return };
}

/**
 * The batch path's chunk reads for a run of one day's orders (see events/chunk.ts): their members created and
 * locked in id order, the orders claimed, and the members' rows, histories, balances and whether they hold
 * terms read, in two statements, so that each order then costs only the statement that writes it.
 */
async function readOrders(
  tx: Queryable,
  tenantId: string,
  source: string,
  group: readonly { e: ReplayEvent }[],
  ctx: EventContext,
): Promise<void> {
  const members = new Map<string, ChunkMember>();
  const orders: ChunkOrder[] = [];
  for (const { e } of group) {
    const p = programAt(ctx.versions, e.ev.day);
    if (e.kind !== "order" || !p) continue; // an order without a program is refused when taken
    orders.push({ source, ev: e.ev });
    if (!members.has(e.ev.companyId))
      members.set(e.ev.companyId, { id: e.ev.companyId, firstDay: e.ev.day, allowDebt: p.wallet.allowDebt });
  }
  const read = await readChunk(tx, tenantId, [...members.values()], orders, new Set());
  for (const id of read.locked) ctx.locked?.add(id);
  ctx.chunk = read.reads;
}

/** The jobs named for every day up to `day` not run yet (recorded as the scheduler records its runs). */
async function runDayJobs(db: Db, tenantId: string, jobs: string[], day: Day): Promise<void> {
  await runJobs(db, { tenantId, until: day, jobs, wait: true });
}

/** Whether pending points mature or lots expire on `day`: both read along partial indexes. */
async function jobsDueOn(tx: Queryable, tenantId: string, day: Day): Promise<boolean> {
  const d = formatDay(day);
  const r = await tx.query<{ due: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pending_lots WHERE tenant_id = $1 AND points > 0 AND available_on <= $2)
         OR EXISTS (SELECT 1 FROM lots WHERE tenant_id = $1 AND remaining > 0 AND expires_on < $2) AS due`,
    [tenantId, d],
  );
  return r.rows[0]?.due === true;
}

/** Takes one event in; true when it had been taken before (nothing changed). */
async function ingest(
  tx: Queryable,
  tenantId: string,
  source: string,
  e: ReplayEvent,
  returnId: string | null,
  ctx: EventContext,
): Promise<boolean> {
  try {
    const done =
      e.kind === "order"
        ? await ingestOrderIn(tx, tenantId, source, e.ev, ctx)
        : await ingestReturnIn(tx, tenantId, source, returnId as string, e.ev, ctx);
    return done.replayed;
  } catch (err) {
    if (err instanceof EventError) throw new ImportError(e.line, csvColumn(err.field), err.message);
    throw err;
  }
}

/** The CSV column an API field stands for: `lines[2].unitPrice` → `unit_price`, `orderId` → `order_id`. */
function csvColumn(field: string): string {
  return field.replace(/^lines\[\d+\]\./, "").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Whether the tenant exists and has a published program (orders cannot be priced without one). */
export async function hasProgram(q: Queryable, tenantId: string): Promise<boolean> {
  const r = await q.query("SELECT 1 FROM programs WHERE tenant_id = $1 AND status = 'published' LIMIT 1", [
    tenantId,
  ]);
  return r.rows.length > 0;
}

/** The rows of an orders file as the tenant's events, in the replay's order, read in the program's time zone. */
export async function eventsOf(
  q: Queryable,
  tenantId: string,
  rows: readonly OrderRow[],
): Promise<ReplayEvent[]> {
  const timeZone = await ordersTimeZone(q, tenantId);
  try {
    return eventsFromRows(rows, timeZone);
  } catch (e) {
    if (e instanceof ReplayError) throw new ImportError(e.line, e.field, e.message);
    throw e;
  }
}

/** The time zone an orders file's dates are read in: the tenant's first published program's. */
export async function ordersTimeZone(q: Queryable, tenantId: string): Promise<string> {
  const first = (await publishedPrograms(q, tenantId))[0];
  if (!first)
    throw new ImportError(0, "program", `tenant ${tenantId} has no published program to price orders with`);
  return first.timeZone;
}
