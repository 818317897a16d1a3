// Orders files imported as they stream: the events are the ones the whole file gives (in order or not), the
// ledger equals an import of the rows held in memory, a run stopped part-way continues without doubling
// anything, and a bad line is refused by line and column before anything is written.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  EventAssembler,
  EventPlanner,
  eventsFromRows,
  type OrderRow,
  type ReplayEvent,
} from "@patron/engine";
import { createTenant, type Db, ImportError, importEvents, verify } from "@patron/server";
import { CsvInputError, parseOrdersText } from "@patron/server/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { type TestDb, testDb } from "../../../../packages/server/src/testing/db.ts";
import { loadOrderFile, loadOrders, orderFileEvents } from "./import.ts";

const root = join(import.meta.dirname, "../../../..");
const DATA = join(root, "examples/data/online-retail");
const PROGRAM = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
const LINES = 2500;
const dir = mkdtempSync(join(tmpdir(), "patron-import-stream-"));

/** The first LINES lines of the bundled sample, as text (with a few returns among them). */
function sampleText(): string {
  const all = gunzipSync(readFileSync(join(DATA, "demo-orders.csv.gz"))).toString("utf8");
  return `${all
    .split("\n")
    .slice(0, LINES + 1)
    .join("\n")}\n`;
}

/** The same lines in another order (a fixed shuffle), the header first. */
function shuffled(text: string): string {
  const [header, ...rows] = text.trimEnd().split("\n");
  let seed = 7;
  for (let i = rows.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
  }
  return `${header}\n${rows.join("\n")}\n`;
}

/** Events planned on a first reading and assembled on a second, as `patron import` does with a file. */
function streamed(rows: readonly OrderRow[], timeZone: string): { events: ReplayEvent[]; mostHeld: number } {
  // mostHeld: the most lines read but not yet given in an event (what memory holds beyond the file's reader).
  const planner = new EventPlanner(timeZone);
  for (const r of rows) planner.add(r);
  const plan = planner.finish();
  const assembler = new EventAssembler(timeZone, plan);
  const events: ReplayEvent[] = [];
  let mostHeld = 0;
  let read = 0;
  let given = 0;
  for (const r of rows) {
    read++;
    for (const e of assembler.add(r)) {
      events.push(e);
      given += e.ev.lines.length;
    }
    mostHeld = Math.max(mostHeld, read - given);
  }
  assembler.finish();
  return { events, mostHeld };
}

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

async function tenantWithProgram(db: Db, id: string): Promise<void> {
  await createTenant(db, id, id);
  await db.transaction((tx) => publishProgram(tx, id, PROGRAM));
}

async function state(db: Db, tenantId: string) {
  const orders = await db.query(
    `SELECT id, net_minor::text AS net, points_earned::text AS earned FROM orders WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const wallets = await db.query(
    "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id LIKE 'wallet:%' ORDER BY id",
    [tenantId],
  );
  const counts = await db.query(
    `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = $1) AS events,
            (SELECT count(*)::int FROM postings WHERE tenant_id = $1) AS postings`,
    [tenantId],
  );
  return { orders: orders.rows, wallets: wallets.rows, counts: counts.rows[0] };
}

describe("events planned and assembled from two readings", () => {
  it("are the whole file's events, in order or shuffled; a file in order is held an event or so at a time", () => {
    const text = sampleText();
    const rows = parseOrdersText(text, "o.csv");
    expect(rows.some((r) => r.event === "return")).toBe(true);
    const inOrder = streamed(rows, "Europe/London");
    expect(inOrder.events).toEqual(eventsFromRows(rows, "Europe/London"));
    // In file order, no more than the largest event's lines wait to be given.
    expect(inOrder.mostHeld).toBeLessThanOrEqual(Math.max(...inOrder.events.map((e) => e.ev.lines.length)));
    const mixed = parseOrdersText(shuffled(text), "s.csv");
    const out = streamed(mixed, "Europe/London");
    expect(out.events).toEqual(eventsFromRows(mixed, "Europe/London"));
    expect(out.mostHeld).toBeGreaterThan(LINES / 2);
  });
});

describe("patron import orders, streamed", { timeout: 300_000 }, () => {
  it("a gzip file and a shuffled file land as the rows imported from memory do", async () => {
    const text = sampleText();
    await tenantWithProgram(t.db, "memory");
    await loadOrders(t.db, "memory", "import", { id: "o", name: "o" }, parseOrdersText(text, "o.csv"), true);
    const gz = join(dir, "orders.csv.gz");
    writeFileSync(gz, gzipSync(text));
    await tenantWithProgram(t.db, "gzip");
    await loadOrderFile(t.db, "gzip", "import", { id: "o", name: gz }, true);
    const memory = await state(t.db, "memory");
    expect(memory.counts).toMatchObject({ events: expect.any(Number) });
    expect(await state(t.db, "gzip")).toEqual(memory);
    expect(await verify(t.db, "gzip")).toEqual({ differences: [], total: 0n });

    const mixed = shuffled(text);
    const plain = join(dir, "shuffled.csv");
    writeFileSync(plain, mixed);
    await tenantWithProgram(t.db, "shuffled");
    await loadOrderFile(t.db, "shuffled", "import", { id: "s", name: plain }, true);
    await tenantWithProgram(t.db, "shuffled-memory");
    const rows = parseOrdersText(mixed, "s.csv");
    await loadOrders(t.db, "shuffled-memory", "import", { id: "s", name: "s" }, rows, true);
    expect(await state(t.db, "shuffled")).toEqual(await state(t.db, "shuffled-memory"));
  });

  it("stopped part-way, the same file continues where it stopped, with nothing doubled", async () => {
    const file = join(dir, "resumed.csv.gz");
    writeFileSync(file, gzipSync(sampleText()));
    await tenantWithProgram(t.db, "resumed");
    const planned = await orderFileEvents(t.db, "resumed", file);
    let batches = 0;
    const stop = new Error("stopped");
    await expect(
      importEvents(t.db, "resumed", "import", { id: "o", name: file }, planned, (done) => {
        if (done > 0 && ++batches === 2) throw stop;
      }),
    ).rejects.toBe(stop);
    const part = await t.db.query<{ done: number }>("SELECT done FROM imports WHERE tenant_id = 'resumed'");
    const done = part.rows[0]?.done ?? 0;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(planned.total);
    const again = await orderFileEvents(t.db, "resumed", file);
    const report = await importEvents(t.db, "resumed", "import", { id: "o", name: file }, again);
    expect(report).toEqual({ total: planned.total, skipped: done, imported: planned.total - done });
    expect(await state(t.db, "resumed")).toEqual(await state(t.db, "memory"));
    expect(await verify(t.db, "resumed")).toEqual({ differences: [], total: 0n });
  });

  it("refuses a bad line by line and column, and an order split between companies, writing nothing", async () => {
    const lines = sampleText().trimEnd().split("\n");
    await tenantWithProgram(t.db, "refused");
    const badQuantity = [...lines];
    badQuantity[1500] = (badQuantity[1500] as string).replace(/^(([^,]*,){7})[^,]*/, "$1two");
    const f1 = join(dir, "bad-quantity.csv");
    writeFileSync(f1, `${badQuantity.join("\n")}\n`);
    const e1 = await loadOrderFile(t.db, "refused", "import", { id: "b1", name: f1 }, true).catch((e) => e);
    expect(e1).toBeInstanceOf(CsvInputError);
    expect((e1 as CsvInputError).errors).toEqual([
      expect.objectContaining({ line: 1501, field: "quantity" }),
    ]);

    const split = [...lines];
    const first = (split[1] as string).split(",");
    const other = [...first];
    other[3] = "99999";
    other[5] = "SPLIT1";
    split.push(other.join(","));
    const f2 = join(dir, "split.csv");
    writeFileSync(f2, `${split.join("\n")}\n`);
    const e2 = await loadOrderFile(t.db, "refused", "import", { id: "b2", name: f2 }, true).catch((e) => e);
    expect(e2).toBeInstanceOf(ImportError);
    expect(e2).toMatchObject({ line: split.length, field: "company_id" });

    expect(await state(t.db, "refused")).toEqual({
      orders: [],
      wallets: [],
      counts: { events: 0, postings: 0 },
    });
    const imports = await t.db.query("SELECT id FROM imports WHERE tenant_id = 'refused'");
    expect(imports.rows).toEqual([]);
  });
});
