// Orders files over HTTP (POST /v1/imports/orders): a file goes in as `patron import orders` takes it (the same
// ledger as the CLI import's path gives the same lines), the same file or the same orders sent again change
// nothing, and a bad file (a bad value, an event the server refuses, too many lines or bytes, not CSV) is
// refused naming the line and column, with nothing written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_BODY_LIMIT_BYTES, createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { publishProgram } from "../programs/service.ts";
import { parseOrdersText } from "./csv.ts";
import { MAX_ORDER_UPLOAD_LINES, type OrderUploadReport } from "./order-upload.ts";
import { eventsOf, importEventsCounted } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
const root = join(import.meta.dirname, "../../../../..");
const PROGRAM = readFileSync(join(root, "examples/programs/01-volume-tiers.yaml"), "utf8");
/** The first lines of the demo's real orders: a few hundred orders of many companies, and returns. */
const REAL_LINES = 1500;

const HEADER =
  "event,order_id,date,company_id,contact_id,sku,category,quantity,unit_price,unit_cost,points_to_redeem,promo_code";
/** Two companies' orders over three days, and a return of one unit of the first order. */
const SMALL = [
  HEADER,
  "order,A-1,2025-03-01,C1,,SKU-1,goods,2,1000.00,,,",
  "order,A-1,2025-03-01,C1,,SKU-2,tools,1,500.00,,,",
  "order,A-2,2025-03-02,C2,,SKU-1,goods,1,1000.00,,,",
  "return,A-1,2025-03-05,C1,,SKU-1,goods,1,1000.00,,,",
  "order,A-3,2025-03-05,C1,,SKU-2,tools,3,500.00,,,",
].join("\n");

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;

type Answer = OrderUploadReport & ErrorAnswer;

function upload(csv: string, opts: { as?: string; source?: string; headers?: Record<string, string> } = {}) {
  const path = `/v1/imports/orders${opts.source ? `?source=${opts.source}` : ""}`;
  return call<Answer>(app, "POST", path, {
    key: opts.as ?? key,
    body: csv,
    headers: { "content-type": "text/csv", ...opts.headers },
  });
}

/** What the tenant's ledger and orders hold, to compare two imports or a state before and after. */
async function state(tenantId: string) {
  const q = async (sql: string) => (await t.db.query(sql, [tenantId])).rows;
  return {
    orders: await q(
      `SELECT id, member_id, net_minor::text AS net, points_earned::text AS earned,
         points_redeemed::text AS redeemed FROM orders WHERE tenant_id = $1 ORDER BY id`,
    ),
    accounts: await q("SELECT id, balance::text FROM accounts WHERE tenant_id = $1 ORDER BY id"),
    lots: await q(
      `SELECT account_id, granted_on::text, expires_on::text, remaining::text FROM lots WHERE tenant_id = $1
       ORDER BY account_id, granted_on, expires_on, remaining`,
    ),
    members: await q("SELECT id, tier, counters FROM members WHERE tenant_id = $1 ORDER BY id"),
    jobs: (await q("SELECT job, day::text, status FROM job_runs WHERE tenant_id = $1 ORDER BY job, day")) as {
      job: string;
    }[],
    counts: await q(
      `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = $1) AS events,
         (SELECT count(*)::int FROM postings WHERE tenant_id = $1) AS postings,
         (SELECT count(*)::int FROM imports WHERE tenant_id = $1) AS imports,
         (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'order.import') AS audits`,
    ),
  };
}

async function tenant(id: string, program: string | null = PROGRAM): Promise<string> {
  const owner = (await bootstrap(app, id, TOKEN)).ownerKey;
  if (program !== null) await t.db.transaction((tx) => publishProgram(tx, id, program));
  return owner;
}

/** The demo's first lines, their dates moved `years` on (2010 and 2011 are no leap years, nor 2026 and 2027). */
function realLines(years: number): string {
  const gz = readFileSync(join(root, "examples/data/online-retail/demo-orders.csv.gz"));
  const lines = gunzipSync(gz)
    .toString("utf8")
    .split("\n")
    .slice(0, REAL_LINES + 1);
  const moved = lines.map((l, i) =>
    i === 0
      ? l
      : l.replace(/,(\d{4})-(\d\d-\d\dT)/, (_, y: string, rest: string) => `,${Number(y) + years}-${rest}`),
  );
  return `${moved.join("\n")}\n`;
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => new Date("2026-12-06T12:00:00Z"),
    webDir: null,
  });
  key = await tenant("acme");
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("POST /v1/imports/orders", { timeout: 300_000 }, () => {
  it("takes orders and a return, and the same file or the same orders again change nothing", async () => {
    const first = await upload(SMALL);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({
      source: "import",
      lines: 5,
      orders: { taken: 3, seen: 0 },
      returns: { taken: 1, seen: 0 },
    });
    expect(await verify(t.db, "acme")).toEqual({ differences: [], total: 0n });
    const returned = await t.db.query<{ type: string; external_id: string; source: string }>(
      "SELECT type, external_id, source FROM events WHERE tenant_id = 'acme' AND type = 'return'",
    );
    expect(returned.rows).toEqual([{ type: "return", external_id: "return:A-1:1", source: "import" }]);
    // The return took back what A-1's returned unit earned: C1's wallet holds what A-1 and A-3 leave.
    const wallet = await call<{ available: number; pending: number }>(app, "GET", "/v1/members/C1/wallet", {
      key,
    });
    expect(wallet.status).toBe(200);
    expect(wallet.body.available + wallet.body.pending).toBeGreaterThan(0);
    const after = await state("acme");

    const again = await upload(SMALL);
    expect(again.body).toEqual({
      source: "import",
      lines: 5,
      orders: { taken: 0, seen: 3 },
      returns: { taken: 0, seen: 1 },
    });
    expect(await state("acme")).toEqual(after);

    // Other bytes (a line ending, a new order) with the same orders: those are found by (source, order id).
    const more = await upload(`${SMALL}\norder,A-4,2025-03-06,C2,,SKU-1,goods,1,1000.00,,,\n`);
    expect(more.body).toEqual({
      source: "import",
      lines: 6,
      orders: { taken: 1, seen: 3 },
      returns: { taken: 0, seen: 1 },
    });
    expect(await verify(t.db, "acme")).toEqual({ differences: [], total: 0n });
    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE tenant_id = 'acme' AND action = 'order.import'",
    );
    expect(audits.rows.length).toBe(2);

    // The same order id from another source is the same order sent twice: refused, naming its line.
    const before = await state("acme");
    const other = await upload(SMALL, { source: "erp" });
    expect(other.status).toBe(422);
    expect(other.body.error.field).toBe("csv");
    expect(other.body.error.message).toMatch(
      /^line 2, order_id: order A-1 was already received from another source/,
    );
    expect(await state("acme")).toEqual(before);
  });

  // The demo's lines as they are (before the programs start: no day job falls due), and moved sixteen years on,
  // into the programs' time, under a program that keeps levels (the tier job runs day by day) and one with
  // monthly credits.
  for (const c of [
    { program: "01-volume-tiers", years: 0, job: null },
    { program: "02-status-levels", years: 16, job: "tiers" },
    { program: "03-monthly-bonus", years: 16, job: "credits" },
  ]) {
    it(`lands what the CLI import's path lands for the same real lines (${c.program}, +${c.years} years)`, async () => {
      const definition = readFileSync(join(root, `examples/programs/${c.program}.yaml`), "utf8");
      const text = realLines(c.years);
      const rows = parseOrdersText(text, "demo-orders");
      expect(rows.filter((r) => r.event === "return").length).toBeGreaterThan(3);

      const viaApi = `api-${c.program}`;
      const apiKey = await tenant(viaApi, definition);
      const r = await upload(text, { as: apiKey });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.lines).toBe(REAL_LINES);
      expect(r.body.orders.seen + r.body.returns.seen).toBe(0);
      expect(r.body.returns.taken).toBeGreaterThanOrEqual(3);

      // `patron import orders`: the file's rows as events, taken by importEvents (counted) outside any request.
      const viaCli = `cli-${c.program}`;
      await tenant(viaCli, definition);
      const events = await eventsOf(t.db, viaCli, rows);
      const cli = await importEventsCounted(
        t.db,
        viaCli,
        "import",
        { id: "orders:import:x", name: "x" },
        events,
      );
      expect(cli.orders).toEqual(r.body.orders);
      expect(cli.returns).toEqual(r.body.returns);

      const api = await state(viaApi);
      const direct = await state(viaCli);
      expect(api.orders.length).toBe(r.body.orders.taken);
      expect(api.counts[0]).toMatchObject({ imports: 1, audits: 1 });
      // Everything but the audit entry the request adds.
      expect({ ...api, counts: [{ ...api.counts[0], audits: 0 }] }).toEqual(direct);
      expect(await verify(t.db, viaApi)).toEqual({ differences: [], total: 0n });
      if (c.job) expect(api.jobs.filter((j) => j.job === c.job).length).toBeGreaterThan(30);
      else expect(api.jobs).toEqual([]);

      // The CLI's run of the same bytes under the same source finds the API's import done, and skips it whole.
      const sameFile = await importEventsCounted(
        t.db,
        viaApi,
        "import",
        { id: (await fileId(viaApi)) as string, name: "again" },
        events,
      );
      expect(sameFile).toMatchObject({ skipped: events.length, orders: { taken: 0 }, returns: { taken: 0 } });
      expect(await state(viaApi)).toEqual(api);
    });
  }

  it("a bad file is refused naming the line and column, and writes nothing", async () => {
    const k = await tenant("bad");
    const before = await state("bad");
    const cases: { csv: string; message: RegExp }[] = [
      // A missing column.
      { csv: "event,order_id,date\norder,B-1,2025-03-01\n", message: /^line 1, company_id: required column/ },
      // A quantity that is not one, and a bad date, both listed by line and column.
      {
        csv: `${HEADER}\norder,B-1,2025-03-01,C1,,S,goods,many,10.00,,,\norder,B-2,2025-02-30,C1,,S,goods,1,10.00,,,`,
        message: /^line 2, quantity: "many" is not a number; line 3, date: "2025-02-30" is not a valid date/,
      },
      // A good order, then a return of an order nobody sent: the server refuses it at its line.
      {
        csv: `${HEADER}\norder,B-1,2025-03-01,C1,,S,goods,1,10.00,,,\nreturn,NOPE,2025-03-02,C1,,S,goods,1,10.00,,,`,
        message: /^line 3, order_id: no order NOPE was received$/,
      },
      // A return of more than was bought.
      {
        csv: `${HEADER}\norder,B-1,2025-03-01,C1,,S,goods,1,10.00,,,\nreturn,B-1,2025-03-02,C1,,S,goods,5,10.00,,,`,
        message: /^line 3, quantity: returns more of SKU S than order B-1 has left to return/,
      },
      { csv: "", message: /the file is empty/ },
      { csv: `${HEADER}\n`, message: /no rows/ },
    ];
    for (const c of cases) {
      const r = await upload(c.csv, { as: k });
      expect(r.status, `${c.csv}: ${JSON.stringify(r.body)}`).toBe(422);
      expect(r.body.error.field).toBe("csv");
      expect(r.body.error.message).toMatch(c.message);
    }
    expect(await state("bad")).toEqual(before);
    expect(await verify(t.db, "bad")).toEqual({ differences: [], total: 0n });

    // A tenant without a published program cannot price orders.
    const bare = await tenant("bare", null);
    const r = await upload(SMALL, { as: bare });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/no published program/);
  });

  it("a file over the line or byte limit, or not sent as CSV, is refused with nothing written", async () => {
    const k = await tenant("big");
    const before = await state("big");
    const line = (i: number) => `order,X-${i},2025-03-01,C1,,S,goods,1,10.00,,,`;
    const many = await upload(
      [HEADER, ...Array.from({ length: MAX_ORDER_UPLOAD_LINES + 1 }, (_, i) => line(i))].join("\n"),
      { as: k },
    );
    expect(many.status).toBe(413);
    expect(many.body.error.message).toMatch(`at most ${MAX_ORDER_UPLOAD_LINES}`);
    const big = await upload(`${SMALL}\n${"x".repeat(BATCH_BODY_LIMIT_BYTES)}`, { as: k });
    expect(big.status).toBe(413);
    const json = await call<ErrorAnswer>(app, "POST", "/v1/imports/orders", { key: k, body: { csv: SMALL } });
    expect(json.status).toBe(415);
    expect(json.body.error.field).toBe("content-type");
    const plain = await upload(SMALL, { as: k, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    expect(await state("big")).toEqual(before);
  });

  it("only those who run the program import, and an Idempotency-Key replays the first answer", async () => {
    const k = await tenant("roles");
    const before = await state("roles");
    for (const role of ["finance", "support"]) {
      const r = await upload(SMALL, { as: await keyWithRole(app, k, role) });
      expect(r.status, role).toBe(403);
    }
    expect(await state("roles")).toEqual(before);
    const manager = await keyWithRole(app, k, "program_manager");
    const first = await upload(SMALL, { as: manager, headers: { "idempotency-key": "ord-1" } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await upload(SMALL, { as: manager, headers: { "idempotency-key": "ord-1" } });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });
});

/** The id of the one orders import a tenant has. */
async function fileId(tenantId: string): Promise<string | undefined> {
  const r = await t.db.query<{ id: string }>("SELECT id FROM imports WHERE tenant_id = $1", [tenantId]);
  return r.rows[0]?.id;
}
