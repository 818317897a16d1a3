// Events per second, single requests against batches, on the embedded database or the one DATABASE_URL names:
// `npx tsx packages/server/src/modules/events/measure.ts [events]`. Each run uses fresh tenants.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { formatDay, parseDay } from "@patron/engine";
import { type Db, openEmbedded, openServer, type Queryable, quoteIdent } from "../../db/db.ts";
import { migrate } from "../../db/migrate.ts";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { verify } from "../ledger/service.ts";

const EVENTS = Number(process.argv[2] ?? 2000);
const MEMBERS = 200;
const CLIENTS = 16;
const TOKEN = "measure";
/** With `--real`: the wholesaler's orders (the earliest, about 22 lines each) under the fifty-rule program. */
const REAL = process.argv.includes("--real");
const program = readFileSync(
  fileURLToPath(
    new URL(
      REAL
        ? "../../../../../bench/programs/fifty-rules.yaml"
        : "../../../../../examples/programs/01-volume-tiers.yaml",
      import.meta.url,
    ),
  ),
  "utf8",
);
const realOrders = REAL ? loadReal() : [];

function loadReal() {
  const text = gunzipSync(
    readFileSync(
      fileURLToPath(new URL("../../../../../examples/data/online-retail/orders.csv.gz", import.meta.url)),
    ),
  ).toString("utf8");
  const byId = new Map<string, { orderId: string; date: string; companyId: string; lines: object[] }>();
  for (const line of text.split("\n").slice(1)) {
    const [type, orderId = "", date = "", companyId = "", , sku, category, quantity, unitPrice] =
      line.split(",");
    if (type !== "order") continue;
    const o = byId.get(orderId) ?? { orderId, date, companyId, lines: [] };
    byId.set(orderId, o);
    o.lines.push({ sku, category, quantity, unitPrice });
  }
  return [...byId.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** `count` orders of three lines over `MEMBERS` members and 200 days; ids unique to the run. */
function orders(run: string, count: number) {
  if (REAL)
    return realOrders
      .slice(0, count)
      .map((o) => ({ ...o, type: "order", source: "erp", orderId: `${run}-${o.orderId}` }));
  const start = parseDay("2026-01-01") as number;
  return Array.from({ length: count }, (_, i) => ({
    type: "order",
    source: "erp",
    orderId: `${run}-${i}`,
    date: formatDay(start + Math.floor((i * 200) / count)),
    companyId: `M${i % MEMBERS}`,
    lines: [
      { sku: "A", category: "goods", quantity: 1 + (i % 7), unitPrice: "1250.00" },
      { sku: "B", category: "goods", quantity: 2, unitPrice: "99.90" },
      { sku: "C", category: "tools", quantity: 1 + (i % 3), unitPrice: "4500.00" },
    ],
    ...(i % 5 === 4 ? { pointsToRedeem: 50 } : {}),
  }));
}

async function open(): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openEmbedded(null);
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const schema = `measure_${Date.now()}`;
  const db = await openServer(url, { schema, max: CLIENTS + 4 });
  await migrate(db);
  return {
    db,
    async close() {
      await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await db.close();
    },
  };
}

const opened = await open();
const { close } = opened;
/** Statements and transactions sent, counted: the figures that do not depend on how busy the machine is. */
const sent = { statements: 0, transactions: 0 };
/** Statements by their first words, with `--statements`: where the round trips and the waits go. */
const byKind = new Map<string, { n: number; ms: number; bytes: number }>();
const SHOW_KINDS = process.argv.includes("--statements");
const counted = (q: Queryable): Queryable => ({
  async query(sql, params) {
    sent.statements += 1;
    if (!SHOW_KINDS) return q.query(sql, params);
    const kind = sql.replace(/\s+/g, " ").trim().slice(0, 70);
    const k = byKind.get(kind) ?? { n: 0, ms: 0, bytes: 0 };
    byKind.set(kind, k);
    k.n += 1;
    k.bytes += sql.length + (params ?? []).reduce<number>((n, p) => n + String(p).length, 0);
    const t0 = performance.now();
    try {
      return await q.query(sql, params);
    } finally {
      k.ms += performance.now() - t0;
    }
  },
});
/** With `--explain` (server only), statements over 20 ms are logged by the server with their plans. */
const EXPLAIN = process.argv.includes("--explain") && opened.db.kind === "server";
const db: Db = {
  ...opened.db,
  ...counted(opened.db),
  transaction(fn) {
    sent.transactions += 1;
    return opened.db.transaction(async (tx) => {
      if (EXPLAIN)
        for (const s of [
          "LOAD 'auto_explain'",
          "SET LOCAL auto_explain.log_min_duration = 1",
          "SET LOCAL auto_explain.log_analyze = on",
          "SET LOCAL auto_explain.log_buffers = on",
          "SET LOCAL auto_explain.log_triggers = on",
          "SET LOCAL auto_explain.log_nested_statements = on",
        ])
          await tx.query(s);
      return fn(counted(tx));
    });
  },
};
const app = createApp({ db, bootstrapToken: TOKEN });

async function tenant(id: string): Promise<string> {
  const key = (await bootstrap(app, id, TOKEN)).ownerKey;
  await call(app, "POST", "/v1/programs", { key, body: { definition: program } });
  return key;
}

async function timed(label: string, id: string, run: (key: string) => Promise<void>): Promise<void> {
  const key = await tenant(id);
  sent.statements = 0;
  sent.transactions = 0;
  byKind.clear();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await run(key);
  const cpu = process.cpuUsage(cpu0);
  const s = (performance.now() - t0) / 1000;
  // Node's own CPU time (the server's and the in-process client's), per event: does not depend on the load.
  const cpuMs = (cpu.user + cpu.system) / 1000 / EVENTS;
  // BEGIN and COMMIT are a round trip each.
  const trips = (sent.statements + 2 * sent.transactions) / EVENTS;
  const v = await verify(db, id);
  const clean = v.differences.length === 0 && v.total === 0n;
  const n = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM orders WHERE tenant_id = $1", [
    id,
  ]);
  console.log(
    `${label.padEnd(34)} ${String(Math.round(EVENTS / s)).padStart(5)} events/s, ${trips.toFixed(1)} round trips and ${(sent.transactions / EVENTS).toFixed(2)} commits per event, ${cpuMs.toFixed(2)} ms Node CPU per event (${n.rows[0]?.n} orders in ${s.toFixed(1)} s, ledger ${clean ? "clean" : "NOT CLEAN"})`,
  );
  if (SHOW_KINDS)
    for (const [kind, k] of [...byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      console.log(
        `  ${(k.n / EVENTS).toFixed(2).padStart(6)} per event, ${(k.ms / EVENTS).toFixed(2).padStart(6)} ms waited and ${String(Math.round(k.bytes / EVENTS)).padStart(6)} characters sent per event  ${kind}`,
      );
}

/** `batches` runs only the batches; `concurrent` leaves out the single requests sent one at a time. */
const BATCHES_ONLY = process.argv[3] === "batches";
const SERIAL = !BATCHES_ONLY && process.argv[3] !== "concurrent";
console.log(`${db.kind} database, ${EVENTS} orders of 3 lines over ${MEMBERS} members`);
if (SERIAL)
  await timed("single requests, one at a time", "single", async (key) => {
    for (const body of orders("s", EVENTS)) {
      const r = await call(app, "POST", "/v1/events", { key, body });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    }
  });
if (db.kind === "server" && !BATCHES_ONLY) {
  await timed(`single requests, ${CLIENTS} clients`, "single16", async (key) => {
    const all = orders("c", EVENTS);
    // Each client sends the orders of its own members, so one member's orders stay in order.
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (const body of all.filter((_, i) => (i % MEMBERS) % CLIENTS === c)) {
          const r = await call(app, "POST", "/v1/events", { key, body });
          if (r.status !== 201) throw new Error(JSON.stringify(r.body));
        }
      }),
    );
  });
}
await timed("batches of 1,000", "batch", async (key) => {
  const all = orders("b", EVENTS);
  for (let from = 0; from < all.length; from += 1000) {
    const r = await call<{ taken: number }>(app, "POST", "/v1/events/batch", {
      key,
      body: { events: all.slice(from, from + 1000) },
    });
    if (r.body.taken !== Math.min(1000, all.length - from)) throw new Error(JSON.stringify(r.body));
  }
});
await close();
