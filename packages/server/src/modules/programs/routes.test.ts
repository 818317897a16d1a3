// Program versions through the API: drafts with their issues, publishing at effective dates, rollback,
// ingestion using the version of each event's date, and a simulation equal to the engine's own replay.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type OrderRow, parseProgram, type ReplayResult, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
const base = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);
/** The example with the Base level earning `rate` and Silver starting at `silverFrom`. */
const variant = (rate: string, silverFrom = "300000") =>
  base
    .replace(
      '{ id: base, name: Base, from: 0, earnRate: "1%" }',
      `{ id: base, name: Base, from: 0, earnRate: "${rate}" }`,
    )
    .replace("from: 300000,", `from: ${silverFrom},`);

interface Version {
  id: string;
  version: number | null;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  valid: boolean;
  issueCount: number;
  basedOn: number | null;
  comment: string | null;
  createdBy: string | null;
  publishedBy: string | null;
  text: string;
  definition: Record<string, unknown> | null;
  issues: { path: string; line: number | null; column: number | null; message: string }[];
}

interface Totals {
  earned: number;
  redeemed: number;
  expired: number;
  reversed: number;
  refunded: number;
  balance: number;
  pending: number;
  discount: string;
  net: string;
  gross: string;
  refund: string;
  liability: string;
  orders: number;
  returns: number;
}

interface Side {
  versions: number[];
  totals: Totals;
  tiers: Record<string, number>;
}

interface Simulation {
  asOf: string;
  orders: number;
  returns: number;
  skippedReturns: number;
  truncated: boolean;
  draft: Side;
  published: Side | null;
  difference: Record<string, string | number>;
}

interface Ingested {
  result: { pointsEarned: number; version: number; pointsReversed?: number };
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let manager: string;
let finance: string;
let support: string;
let other: string;
let ownerKeyId: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  const b = await bootstrap(app, "acme", TOKEN);
  owner = b.ownerKey;
  ownerKeyId = b.answer.apiKey.id;
  manager = await keyWithRole(app, owner, "program_manager");
  finance = await keyWithRole(app, owner, "finance");
  support = await keyWithRole(app, owner, "support");
  other = (await bootstrap(app, "other", TOKEN)).ownerKey;
}, 120_000);
afterAll(async () => {
  await t.drop();
});

async function draft(key: string, definition: string, comment?: string) {
  return call<Version>(app, "POST", "/v1/programs/drafts", {
    key,
    body: comment === undefined ? { definition } : { definition, comment },
  });
}

async function publish(key: string, id: string, effectiveFrom: string, comment?: string) {
  return call<Version & ErrorAnswer>(app, "POST", `/v1/programs/drafts/${id}/publish`, {
    key,
    body: comment === undefined ? { effectiveFrom } : { effectiveFrom, comment },
  });
}

/** One order, as the API takes it and as a row of an orders file for the engine's replay. */
interface Spec {
  orderId: string;
  date: string;
  companyId: string;
  amount: string;
}
const sent: Spec[] = [];
const returned: { orderId: string; date: string; companyId: string; amount: string }[] = [];

async function order(s: Spec): Promise<Ingested> {
  const r = await call<Ingested>(app, "POST", "/v1/events", {
    key: owner,
    body: {
      type: "order",
      source: "erp",
      orderId: s.orderId,
      date: s.date,
      companyId: s.companyId,
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: s.amount }],
    },
  });
  expect(r.status).toBe(201);
  sent.push(s);
  return r.body;
}

function rows(): OrderRow[] {
  const out: OrderRow[] = [];
  const base = {
    contactId: null,
    sku: "A",
    category: "goods",
    quantityMilli: 1000,
    unitCostMinor: null,
    pointsToRedeem: null,
    promoCode: null,
    paidOn: null,
    termMonths: null,
    partnerId: null,
    salesRepId: null,
    lineId: null,
  };
  const minor = (amount: string) => Math.round(Number(amount) * 100);
  sent.forEach((s, i) => {
    out.push({
      ...base,
      fileLine: i + 2,
      event: "order",
      orderId: s.orderId,
      date: s.date,
      companyId: s.companyId,
      unitPriceMinor: minor(s.amount),
    });
  });
  returned.forEach((s, i) => {
    out.push({
      ...base,
      fileLine: 100 + i,
      event: "return",
      orderId: s.orderId,
      date: s.date,
      companyId: s.companyId,
      category: "",
      unitPriceMinor: minor(s.amount),
    });
  });
  return out;
}

function compiled(text: string) {
  const r = parseProgram(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.compiled;
}

function tiersOf(r: ReplayResult): Record<string, number> {
  const out: Record<string, number> = { base: 0, silver: 0, gold: 0, platinum: 0 };
  for (const m of r.members) out[m.tier ?? "none"] = (out[m.tier ?? "none"] ?? 0) + 1;
  return out;
}

describe("drafts", () => {
  let id: string;

  it("keeps a draft that does not validate, with its author, comment and every issue at its line", async () => {
    const broken = base.replace('capShare: "50%"', 'capShare: "half"').replace("from: 1000000,", "from: -5,");
    const r = await draft(manager, broken, "first try");
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(r.body).toMatchObject({ status: "draft", version: null, valid: false, comment: "first try" });
    expect(r.body.createdBy).toMatch(/^key_/);
    const lines = broken.split("\n");
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const cap = r.body.issues.find((i) => i.path === "redemption.capShare");
    expect(cap?.line).toBe(lineOf('capShare: "half"'));
    expect(cap?.column).toBeGreaterThan(1);
    const gold = r.body.issues.find((i) => i.path.startsWith("tiers.levels[2]"));
    expect(gold?.line).toBe(lineOf("from: -5,"));
    expect(r.body.issueCount).toBe(r.body.issues.length);
    expect(r.body.text).toBe(broken);
    expect(r.body.definition).toBeNull();
  });

  it("validate lists the same issues; publishing it is refused naming the definition and its line", async () => {
    const v = await call<{ valid: boolean; issues: Version["issues"] }>(
      app,
      "POST",
      `/v1/programs/drafts/${id}/validate`,
      { key: finance },
    );
    expect(v.status).toBe(200);
    expect(v.body.valid).toBe(false);
    expect(v.body.issues.map((i) => i.path)).toContain("redemption.capShare");
    const p = await publish(manager, id, "2026-01-01");
    expect(p.status).toBe(422);
    expect(p.body.error.field).toBe("definition");
    expect(p.body.error.message).toMatch(/line \d+, column \d+/);
  });

  it("an edit that fixes the draft makes it valid; the parsed definition is shown", async () => {
    const r = await call<Version>(app, "PUT", `/v1/programs/drafts/${id}`, {
      key: manager,
      body: { definition: base, comment: "fixed the cap" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ valid: true, issueCount: 0, issues: [], comment: "fixed the cap" });
    expect(r.body.definition).toMatchObject({ id: "volume-tiers", currency: "RUB" });
    const v = await call<{ valid: boolean }>(app, "POST", `/v1/programs/drafts/${id}/validate`, {
      key: manager,
    });
    expect(v.body.valid).toBe(true);
  });

  it("roles: finance reads but cannot write; support cannot read; another tenant sees nothing", async () => {
    expect((await draft(finance, base)).status).toBe(403);
    expect((await call(app, "GET", "/v1/programs", { key: finance })).status).toBe(200);
    expect((await call(app, "GET", "/v1/programs", { key: support })).status).toBe(403);
    expect((await call(app, "GET", `/v1/programs/${id}`, { key: support })).status).toBe(403);
    expect((await call(app, "GET", `/v1/programs/${id}`, { key: other })).status).toBe(404);
    expect((await call(app, "POST", `/v1/programs/drafts/${id}/validate`, { key: other })).status).toBe(404);
    expect((await publish(other, id, "2026-01-01")).status).toBe(404);
    const list = await call<{ data: Version[] }>(app, "GET", "/v1/programs", { key: other });
    expect(list.body.data).toEqual([]);
  });

  it("publishes it as version 1; a published version cannot be edited or published again", async () => {
    const p = await publish(manager, id, "2026-01-01", "launch");
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      id,
      version: 1,
      status: "published",
      effectiveFrom: "2026-01-01",
      effectiveTo: null,
    });
    expect(p.body.publishedBy).toMatch(/^key_/);
    expect((await publish(manager, id, "2026-02-01")).status).toBe(409);
    const edit = await call<ErrorAnswer>(app, "PUT", `/v1/programs/drafts/${id}`, {
      key: manager,
      body: { definition: base },
    });
    expect(edit.status).toBe(409);
  });
});

describe("versions over time", () => {
  it("each event uses the version of its date; rollback publishes an earlier definition as a new version", async () => {
    // Version 1 (Base 1%) from 1 January.
    expect(
      (await order({ orderId: "O1", date: "2026-02-10", companyId: "C1", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 100, version: 1 });
    // Version 2 (Base 4%) from 1 March.
    const d2 = await draft(manager, variant("4%"), "double the base rate for spring");
    const early = await publish(manager, d2.body.id, "2025-12-01");
    expect(early.status).toBe(422);
    expect(early.body.error.field).toBe("effectiveFrom");
    expect((await publish(manager, d2.body.id, "2026-03-01")).body).toMatchObject({ version: 2 });
    expect(
      (await order({ orderId: "O2", date: "2026-03-05", companyId: "C1", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 400, version: 2 });
    // Arriving late, an order of February still uses version 1.
    expect(
      (await order({ orderId: "O3", date: "2026-02-20", companyId: "C2", amount: "350000.00" })).result,
    ).toMatchObject({ pointsEarned: 3500, version: 1 });
    // C2 is Silver (2%) from the day after its 350,000 order.
    expect(
      (await order({ orderId: "O4", date: "2026-03-06", companyId: "C2", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 200, version: 2 });

    // Roll back to version 1's rules from 1 April: a new version 3, based on 1.
    const rb = await call<Version>(app, "POST", "/v1/programs/rollback", {
      key: manager,
      body: { effectiveFrom: "2026-04-01", comment: "spring offer over" },
    });
    expect(rb.status).toBe(201);
    expect(rb.body).toMatchObject({
      version: 3,
      basedOn: 1,
      status: "published",
      effectiveFrom: "2026-04-01",
    });
    expect(
      (await order({ orderId: "O5", date: "2026-04-10", companyId: "C1", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 100, version: 3 });
    expect(
      (await order({ orderId: "O6", date: "2026-03-31", companyId: "C1", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 400, version: 2 });

    // Days already priced by a version cannot be given to another: history is never rewritten.
    const late = await call<ErrorAnswer>(app, "POST", "/v1/programs/rollback", {
      key: owner,
      body: { effectiveFrom: "2026-04-01", toVersion: 2 },
    });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe("effectiveFrom");
    expect(late.body.error.message).toContain("2026-04-11");

    // Version 4 (version 2's rules) from 1 June; then a rollback on the same day shadows it: 4 is retired
    // and version 5 (version 3's rules, the one in force before 4) applies.
    const v4 = await call<Version>(app, "POST", "/v1/programs/rollback", {
      key: owner,
      body: { effectiveFrom: "2026-06-01", toVersion: 2, comment: "spring rate for the summer" },
    });
    expect(v4.body).toMatchObject({ version: 4, basedOn: 2 });
    const v5 = await call<Version>(app, "POST", "/v1/programs/rollback", {
      key: owner,
      body: { effectiveFrom: "2026-06-01", comment: "no, keep the base rate" },
    });
    expect(v5.body).toMatchObject({ version: 5, basedOn: 3 });
    expect(
      (await order({ orderId: "O7", date: "2026-06-15", companyId: "C1", amount: "10000.00" })).result,
    ).toMatchObject({ pointsEarned: 100, version: 5 });
    const ret = await call<Ingested>(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "return",
        source: "erp",
        externalId: "R1",
        orderId: "O2",
        date: "2026-06-20",
        lines: [{ sku: "A", unitPrice: "10000.00", quantity: 1 }],
      },
    });
    expect(ret.status).toBe(201);
    expect(ret.body.result.pointsReversed).toBe(400);
    returned.push({ orderId: "O2", date: "2026-06-20", companyId: "C1", amount: "10000.00" });

    const list = await call<{ data: Version[] }>(app, "GET", "/v1/programs", { key: finance });
    const byVersion = new Map(list.body.data.map((v) => [v.version, v]));
    expect(byVersion.get(1)).toMatchObject({
      status: "published",
      effectiveFrom: "2026-01-01",
      effectiveTo: "2026-02-28",
    });
    expect(byVersion.get(2)).toMatchObject({
      status: "published",
      effectiveFrom: "2026-03-01",
      effectiveTo: "2026-03-31",
    });
    expect(byVersion.get(3)).toMatchObject({
      status: "published",
      effectiveFrom: "2026-04-01",
      effectiveTo: "2026-05-31",
    });
    expect(byVersion.get(4)).toMatchObject({ status: "retired", effectiveFrom: "2026-06-01", basedOn: 2 });
    expect(byVersion.get(4)?.effectiveTo).toBeNull();
    expect(byVersion.get(5)).toMatchObject({
      status: "published",
      effectiveFrom: "2026-06-01",
      effectiveTo: null,
      basedOn: 3,
    });
    const v3 = await call<Version>(app, "GET", "/v1/programs/3", { key: finance });
    expect(v3.body.definition).toMatchObject({ version: 3, effectiveFrom: "2026-04-01" });
    expect(v3.body.text).toBe(base);
    expect((await call(app, "GET", "/v1/programs/99", { key: finance })).status).toBe(404);
  });

  it("every change is in the audit log with its comment", async () => {
    const r = await t.db.query<{ action: string; target: string | null; comment: string | null }>(
      "SELECT action, target, comment FROM audit_log WHERE tenant_id = 'acme' AND action LIKE 'program.%' ORDER BY id",
    );
    const rows = r.rows.map((x) => [x.action, x.comment]);
    expect(rows).toEqual([
      ["program.draft.create", "first try"],
      ["program.draft.update", "fixed the cap"],
      ["program.publish", "launch"],
      ["program.draft.create", "double the base rate for spring"],
      ["program.publish", null],
      ["program.rollback", "spring offer over"],
      ["program.rollback", "spring rate for the summer"],
      ["program.rollback", "no, keep the base rate"],
    ]);
    const actor = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = 'acme' AND action = 'program.rollback' AND actor = $1",
      [ownerKeyId],
    );
    expect(actor.rows[0]?.n).toBe(2);
  });
});

describe("simulation over the tenant's history", () => {
  it("answers the engine replay's totals for the draft and for the published versions, and their difference", async () => {
    // Base 3%, Silver only from 400,000: C2 stays at Base.
    const text = variant("3%", "400000");
    const d = await draft(manager, text);
    const sim = await call<Simulation>(app, "POST", `/v1/programs/drafts/${d.body.id}/simulate`, {
      key: finance,
      body: {},
    });
    expect(sim.status).toBe(200);
    expect(sim.body).toMatchObject({
      orders: 7,
      returns: 1,
      skippedReturns: 0,
      truncated: false,
      asOf: "2026-06-20",
    });

    const direct = replay([compiled(text)], rows(), []);
    expect(sim.body.draft.totals).toEqual(direct.totals);
    expect(sim.body.draft.tiers).toEqual(tiersOf(direct));
    expect(sim.body.draft.tiers).toMatchObject({ base: 2, silver: 0 });

    const versions = await Promise.all(
      [1, 2, 3, 5].map(async (v) => {
        const r = await call<Version>(app, "GET", `/v1/programs/${v}`, { key: finance });
        return compiled(JSON.stringify(r.body.definition));
      }),
    );
    const live = replay(versions, rows(), []);
    expect(sim.body.published?.versions).toEqual([1, 2, 3, 5]);
    expect(sim.body.published?.totals).toEqual(live.totals);
    expect(sim.body.published?.tiers).toMatchObject({ base: 1, silver: 1 });
    // The published side is what ingestion posted: 100 + 400 + 3500 + 200 + 100 + 400 + 100 earned, 400 reversed.
    expect(sim.body.published?.totals).toMatchObject({
      earned: 4800,
      reversed: 400,
      net: "410000.00",
      refund: "10000.00",
    });
    // The draft: C1 at 3% on 50,000; C2 at Base 3% on 360,000; the return takes back 3% of 10,000.
    expect(sim.body.draft.totals).toMatchObject({ earned: 1500 + 10800, reversed: 300 });
    expect(sim.body.difference).toMatchObject({
      earned: 12300 - 4800,
      reversed: 300 - 400,
      discount: "0.00",
      net: "0.00",
      balance: direct.totals.balance - live.totals.balance,
    });
  });

  it("is bounded by a date range and a limit", async () => {
    const d = await draft(manager, variant("3%"));
    const path = `/v1/programs/drafts/${d.body.id}/simulate`;
    const feb = await call<Simulation>(app, "POST", path, { key: finance, body: { to: "2026-02-28" } });
    expect(feb.body).toMatchObject({ orders: 2, returns: 0, asOf: "2026-02-28", truncated: false });
    expect(feb.body.draft.totals.earned).toBe(300 + 10500);
    // The return of O2 (5 March) is left out when March is not replayed.
    const april = await call<Simulation>(app, "POST", path, { key: finance, body: { from: "2026-04-01" } });
    expect(april.body).toMatchObject({ orders: 2, returns: 0, skippedReturns: 1 });
    const two = await call<Simulation>(app, "POST", path, { key: finance, body: { limit: 2 } });
    expect(two.body).toMatchObject({ orders: 2, truncated: true, asOf: "2026-02-20" });
    const wrong = await call<ErrorAnswer>(app, "POST", path, {
      key: finance,
      body: { from: "2026-05-01", to: "2026-04-01" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe("to");
    const tooMany = await call<ErrorAnswer>(app, "POST", path, { key: finance, body: { limit: 1_000_000 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.field).toBe("limit");
    expect((await call(app, "POST", path, { key: support, body: {} })).status).toBe(403);
  });

  it("refuses to simulate a draft with issues, naming the definition", async () => {
    const d = await draft(manager, base.replace('capShare: "50%"', 'capShare: "half"'));
    const r = await call<ErrorAnswer>(app, "POST", `/v1/programs/drafts/${d.body.id}/simulate`, {
      key: manager,
      body: {},
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed", field: "definition" });
  });
});

describe("bad input", () => {
  it("is a 4xx naming the field, and changes nothing", async () => {
    const before = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM programs WHERE tenant_id = 'acme' AND status <> 'draft'",
    );
    const euro = await draft(manager, base.replace("currency: RUB", "currency: EUR"));
    expect(euro.body.valid).toBe(true);
    const wrongCurrency = await publish(manager, euro.body.id, "2027-01-01");
    expect(wrongCurrency.status).toBe(422);
    expect(wrongCurrency.body.error.field).toBe("definition");
    expect(wrongCurrency.body.error.message).toContain("currency");
    const simEuro = await call<ErrorAnswer>(app, "POST", `/v1/programs/drafts/${euro.body.id}/simulate`, {
      key: manager,
      body: {},
    });
    expect([simEuro.status, simEuro.body.error.field]).toEqual([422, "definition"]);
    const d = await draft(manager, base);
    const cases: [string, string, unknown, string][] = [
      ["POST", `/v1/programs/drafts/${d.body.id}/publish`, { effectiveFrom: "2027-02-30" }, "effectiveFrom"],
      ["POST", `/v1/programs/drafts/${d.body.id}/publish`, { effectiveFrom: "soon" }, "effectiveFrom"],
      ["POST", `/v1/programs/drafts/${d.body.id}/publish`, {}, "effectiveFrom"],
      ["POST", "/v1/programs/drafts", { definition: "" }, "definition"],
      ["POST", "/v1/programs/drafts", { definition: base, extra: true }, "extra"],
      ["POST", "/v1/programs/rollback", { effectiveFrom: "2027-01-01", toVersion: 0 }, "toVersion"],
      ["POST", `/v1/programs/drafts/${d.body.id}/simulate`, { limit: "many" }, "limit"],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await call<ErrorAnswer>(app, method, path, { key: manager, body });
      expect([path, r.status, r.body.error?.field]).toEqual([path, 422, field]);
    }
    const missing = await call<ErrorAnswer>(app, "PUT", "/v1/programs/drafts/prg_nope", {
      key: manager,
      body: { definition: base },
    });
    expect([missing.status, missing.body.error.field]).toEqual([404, "id"]);
    const unknownVersion = await call<ErrorAnswer>(app, "POST", "/v1/programs/rollback", {
      key: manager,
      body: { effectiveFrom: "2027-01-01", toVersion: 42 },
    });
    expect(unknownVersion.status).toBe(404);
    // A tenant with no versions has nothing to roll back.
    const none = await call<ErrorAnswer>(app, "POST", "/v1/programs/rollback", {
      key: other,
      body: { effectiveFrom: "2027-01-01" },
    });
    expect(none.status).toBe(409);
    const after = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM programs WHERE tenant_id = 'acme' AND status <> 'draft'",
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
