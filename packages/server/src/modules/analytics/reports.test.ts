// The analytics reports on a small history computed by hand (the arithmetic in the comments): the finance
// report (reconciled, per version and tier, agreeing with the ledger, as CSV and 1C CSV), cohort retention
// and NPS over time; who may read them; bad periods.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { staffWithKey } from "../companies/testing.ts";
import type { Cohorts } from "./cohorts.ts";
import { toCsv } from "./csv.ts";
import type { FinanceReport } from "./finance.ts";
import type { NpsReport } from "./nps.ts";
import type { CategoryPurchase, ShareOfWallet } from "./shareOfWallet.ts";

const PROGRAM = `
id: reports
name: Reports
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
pointValue: 1
earning: { baseRate: "10%" }
redemption: { capShare: "50%" }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

const line = (quantity: number, unitPrice: string) => ({ sku: "A", category: "goods", quantity, unitPrice });

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    now: () => new Date("2026-04-02T12:00:00Z"),
    bootstrapToken: "rep",
    webDir: null,
  });
  owner = (await bootstrap(app, "acme", "rep")).ownerKey;
  await bootstrap(app, "globex", "rep");
  const send = async (path: string, body: unknown) => {
    const r = await call<{ id?: string }>(app, "POST", path, { key: owner, body });
    if (r.status >= 300) throw new Error(`${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await send("/v1/programs", { definition: PROGRAM });
  const order = (orderId: string, date: string, companyId: string, lines: unknown[], extra = {}) =>
    send("/v1/events", { type: "order", orderId, date, companyId, lines, ...extra });
  await order("O1", "2026-01-16", "A", [line(1, "100.00")]);
  await order("O3", "2026-01-25", "B", [line(1, "300.00")]);
  await order("O4", "2026-02-05", "C", [line(1, "500.00")]);
  await order("O2", "2026-02-10", "A", [line(1, "200.00")]);
  await order("O5", "2026-03-05", "A", [line(1, "100.00")], { pointsToRedeem: 20 });
  await order("O7", "2026-03-10", "D", [line(2, "500.00")]);
  await order("O6", "2026-03-12", "B", [line(1, "100.00")]);
  await send("/v1/events", {
    type: "return",
    externalId: "R1",
    orderId: "O4",
    date: "2026-03-15",
    lines: [line(1, "500.00")],
  });
  // Version 2 values a point at 2 RUB from 20 March; nothing happens after it in March.
  const draft = await send("/v1/programs/drafts", {
    definition: PROGRAM.replace("pointValue: 1", "pointValue: 2"),
  });
  await send(`/v1/programs/drafts/${draft.id}/publish`, { effectiveFrom: "2026-03-20" });
  // An adjustment, posted now: after March, so only in the ledger check.
  await send("/v1/members/B/adjustments", { points: 5, reason: "goodwill" });
  await t.db.query("UPDATE members SET tier = 'gold' WHERE tenant_id = 'acme' AND id IN ('A', 'B')");
}, 300_000);

afterAll(async () => {
  await t.drop();
});

describe("the finance report", () => {
  it("reconciles the month's liability in total, per version and per tier, and agrees with the ledger", async () => {
    const r = await call<FinanceReport>(app, "GET", "/v1/analytics/finance?from=2026-03-01&to=2026-03-31", {
      key: owner,
    });
    expect(r.status).toBe(200);
    // Before March: A 10 (O1) + 20 (O2), B 30 (O3), C 50 (O4) = 110 points owed.
    // March: O5 100.00 with 20 points paid → 80.00 net → 8 points; O7 2 × 500.00 → 100; O6 → 10: issued 118.
    // Spent 20 (O5). R1 returns all of O4: C's 50 points reversed. Closing 110 + 118 − 20 − 0 − 50 = 158.
    // Valued at version 2's 2.00 RUB a point, in force on 31 March.
    expect(r.body.total).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-31",
      openingPoints: 110,
      issuedPoints: 118,
      spentPoints: 20,
      expiredPoints: 0,
      reversedPoints: 50,
      closingPoints: 158,
      pointValue: "2.00",
      opening: "220.00",
      issued: "236.00",
      spent: "40.00",
      reversed: "100.00",
      closing: "316.00",
    });
    // Version 1 until 19 March carries every movement at 1.00; version 2 from the 20th opens with its closing.
    expect(
      r.body.byVersion.map((x) => [
        x.key,
        x.from,
        x.to,
        x.openingPoints,
        x.issuedPoints,
        x.closingPoints,
        x.closing,
      ]),
    ).toEqual([
      ["1", "2026-03-01", "2026-03-19", 110, 118, 158, "158.00"],
      ["2", "2026-03-20", "2026-03-31", 158, 0, 158, "316.00"],
    ]);
    // Gold (A, B): 30 + 30 = 60 opening; 8 + 10 issued; 20 spent → 58. No tier (C, D): 50 + 100 − 50 = 100.
    expect(
      r.body.byTier.map((x) => [
        x.key,
        x.openingPoints,
        x.issuedPoints,
        x.spentPoints,
        x.reversedPoints,
        x.closingPoints,
      ]),
    ).toEqual([
      ["gold", 60, 18, 20, 0, 58],
      [null, 50, 100, 0, 50, 100],
    ]);
    // All movements ever: 158 + the 5-point adjustment = 163, what the wallets hold now.
    expect(r.body.ledger).toEqual({ movementsPoints: 163, balancesPoints: 163, agrees: true });
    const wallets = await t.db.query<{ n: string }>(
      "SELECT sum(balance)::text AS n FROM accounts WHERE tenant_id = 'acme' AND kind IN ('wallet', 'pending', 'hold')",
    );
    expect(wallets.rows[0]?.n).toBe("163");
    expect(r.body.definitions.closing).toBe("docs/metrics.md#finance-closing");
  });

  it("every row adds up: opening + issued − spent − expired − reversed = closing", async () => {
    const r = await call<FinanceReport>(app, "GET", "/v1/analytics/finance?from=2026-01-01&to=2026-04-30", {
      key: owner,
    });
    for (const x of [r.body.total, ...r.body.byVersion, ...r.body.byTier])
      expect(x.openingPoints + x.issuedPoints - x.spentPoints - x.expiredPoints - x.reversedPoints).toBe(
        x.closingPoints,
      );
    // Through April the adjustment (posted on the clock's day, or the machine's) is in or after the period.
    expect(r.body.total.openingPoints).toBe(0);
    expect(r.body.ledger.agrees).toBe(true);
  });

  it("defaults to the current month", async () => {
    const r = await call<FinanceReport>(app, "GET", "/v1/analytics/finance", { key: owner });
    expect([r.body.from, r.body.to]).toEqual(["2026-04-01", "2026-04-02"]);
  });

  it("exports CSV, and the 1C variant with semicolons, decimal commas, dotted dates and a BOM", async () => {
    const csv = await call<string>(
      app,
      "GET",
      "/v1/analytics/finance?from=2026-03-01&to=2026-03-31&format=csv",
      {
        key: owner,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = String(csv.body).trim().split("\n");
    expect(lines[0]).toBe(
      "section,key,date_from,date_to,currency,point_value,opening_points,issued_points,spent_points,expired_points,reversed_points,closing_points,opening,issued,spent,expired,reversed,closing",
    );
    expect(lines[1]).toBe(
      "total,,2026-03-01,2026-03-31,RUB,2.00,110,118,20,0,50,158,220.00,236.00,40.00,0.00,100.00,316.00",
    );
    expect(lines).toHaveLength(1 + 1 + 2 + 2);
    const onec = await call<string>(
      app,
      "GET",
      "/v1/analytics/finance?from=2026-03-01&to=2026-03-31&format=1c",
      {
        key: owner,
      },
    );
    // The BOM is there in the bytes (a text decoder drops it): EF BB BF.
    const raw = await app.request("/v1/analytics/finance?from=2026-03-01&to=2026-03-31&format=1c", {
      headers: { authorization: `Bearer ${owner}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(onec.headers.get("content-disposition")).toContain("-1c.csv");
    expect(String(onec.body).split("\r\n")[1]).toBe(
      "total;;01.03.2026;31.03.2026;RUB;2,00;110;118;20;0;50;158;220,00;236,00;40,00;0,00;100,00;316,00",
    );
  });

  it("is read by owners, program managers and finance; not sales managers or support; not another tenant's", async () => {
    for (const role of ["finance", "program_manager"]) {
      const key = await keyWithRole(app, owner, role);
      expect((await call(app, "GET", "/v1/analytics/finance", { key })).status).toBe(200);
    }
    for (const role of ["sales_manager", "support"]) {
      const key = await keyWithRole(app, owner, role);
      for (const path of ["/v1/analytics/finance", "/v1/analytics/cohorts", "/v1/analytics/nps"])
        expect((await call(app, "GET", path, { key })).status).toBe(403);
    }
    const { ownerKey } = await bootstrap(app, "initech", "rep");
    await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition: PROGRAM } });
    const other = await call<FinanceReport>(
      app,
      "GET",
      "/v1/analytics/finance?from=2026-01-01&to=2026-03-31",
      {
        key: ownerKey,
      },
    );
    expect(other.body.total.closingPoints).toBe(0);
    expect(other.body.byTier).toEqual([]);
  });

  it("refuses a period that ends before it starts, and a bad format, naming the field", async () => {
    const bad = await call<ErrorAnswer>(app, "GET", "/v1/analytics/finance?from=2026-03-05&to=2026-03-01", {
      key: owner,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("from");
    const format = await call<ErrorAnswer>(app, "GET", "/v1/analytics/finance?format=xls", { key: owner });
    expect(format.status).toBe(422);
    expect(format.body.error.field).toBe("format");
  });
});

describe("cohorts", () => {
  it("gives retention by joining month as a triangle, and by tier", async () => {
    const r = await call<Cohorts>(app, "GET", "/v1/analytics/cohorts?from=2026-01-01&to=2026-03-31", {
      key: owner,
    });
    expect(r.status).toBe(200);
    // Joined (first order): A and B in January, C in February, D in March. O4 of C is returned in March, but
    // returning is not ordering: C ordered only in February.
    // January (A, B): month 0 both ordered (O1, O3) → 1; month 1 A (O2) → 0.5; month 2 A, B (O5, O6) → 1.
    // February (C): month 0 → 1; month 1 → 0. March (D): month 0 → 1.
    expect(r.body.cohorts).toEqual([
      { cohort: "2026-01-01", size: 2, active: [2, 1, 2], retention: [1, 0.5, 1] },
      { cohort: "2026-02-01", size: 1, active: [1, 0], retention: [1, 0] },
      { cohort: "2026-03-01", size: 1, active: [1], retention: [1] },
    ]);
    // Gold (A, B, both January): months 0-2 observed for both: 2/2, 1/2, 2/2. No tier (C in February, D in
    // March): month 0 both → 2/2; month 1 only C has reached it and did not order → 0/1; month 2 nobody.
    expect(r.body.tiers).toEqual([
      { tier: "gold", size: 2, active: [2, 1, 2], observed: [2, 2, 2], retention: [1, 0.5, 1] },
      { tier: null, size: 2, active: [2, 0, 0], observed: [2, 1, 0], retention: [1, 0, null] },
    ]);
    expect(r.body.definitions.cohorts).toBe("docs/metrics.md#cohorts");
  });

  it("exports the cohorts as CSV lines, one per cohort and month", async () => {
    const r = await call<string>(
      app,
      "GET",
      "/v1/analytics/cohorts?from=2026-02-01&to=2026-03-31&format=csv",
      {
        key: owner,
      },
    );
    expect(String(r.body).trim().split("\n")).toEqual([
      "kind,group,size,month_offset,active,base,retention",
      "cohort,2026-02-01,1,0,1,1,1",
      "cohort,2026-02-01,1,1,0,1,0",
      "cohort,2026-03-01,1,0,1,1,1",
      "tier,,2,0,2,2,1",
      "tier,,2,1,0,1,0",
    ]);
  });

  it("refuses more than ten years of cohorts", async () => {
    const r = await call<ErrorAnswer>(app, "GET", "/v1/analytics/cohorts?from=2010-01-01&to=2026-03-31", {
      key: owner,
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("from");
  });
});

describe("NPS over time", () => {
  it("gives NPS per segment and month from the survey answers", async () => {
    // Answers stored as the surveys module stores them: A (wholesale) 10 and 3 in February, 9 in March;
    // B (retail) 8 in March.
    await t.db.query("UPDATE members SET segment = 'wholesale' WHERE tenant_id = 'acme' AND id = 'A'");
    await t.db.query(
      `INSERT INTO surveys (tenant_id, id, name, question, roles, circles, send, every_days, points, active, created_at, created_by)
       VALUES ('acme', 'srv_1', 'NPS', 'Would you recommend us?', '{}', '{}', 'afterOrder', NULL, 0, true, now(), 'test')`,
    );
    await t.db.query(
      `INSERT INTO contacts (tenant_id, id, company_id, name, email, role, created_at, updated_at)
       VALUES ('acme', 'K1', 'A', 'Ann', 'ann@a.example', 'buyer', now(), now())`,
    );
    const answers: [string, string, number, string | null, string | null][] = [
      ["1", "2026-02-03", 10, "wholesale", "gold"],
      ["2", "2026-02-20", 3, "wholesale", "gold"],
      ["3", "2026-03-04", 9, "wholesale", "gold"],
      ["4", "2026-03-09", 8, "retail", null],
    ];
    for (const [n, day, score, segment, tier] of answers) {
      await t.db.query(
        `INSERT INTO survey_requests (tenant_id, id, survey_id, contact_id, member_id, reason, created_at, answered_at)
         VALUES ('acme', $1, 'srv_1', 'K1', 'A', $1, now(), now())`,
        [`req_${n}`],
      );
      await t.db.query(
        `INSERT INTO survey_responses (tenant_id, id, survey_id, request_id, contact_id, member_id, score, day, segment, tier, answered_at)
         VALUES ('acme', $1, 'srv_1', $2, 'K1', 'A', $3, $4, $5, $6, now())`,
        [`rsp_${n}`, `req_${n}`, score, day, segment, tier],
      );
    }
    const r = await call<NpsReport>(app, "GET", "/v1/analytics/nps?from=2026-01-01&to=2026-03-31", {
      key: owner,
    });
    expect(r.status).toBe(200);
    // Retail: one passive in March → 0. Wholesale: February 1 promoter, 1 detractor of 2 → 0; March 1 promoter
    // of 1 → 100; over the period 2 promoters, 1 detractor of 3 → 100 × 1/3 = 33.3.
    expect(
      r.body.groups.map((g) => [g.group, g.responses, g.nps, g.months.map((m) => [m.period, m.nps])]),
    ).toEqual([
      ["retail", 1, 0, [["2026-03-01", 0]]],
      [
        "wholesale",
        3,
        33.3,
        [
          ["2026-02-01", 0],
          ["2026-03-01", 100],
        ],
      ],
    ]);
    const byTier = await call<NpsReport>(
      app,
      "GET",
      "/v1/analytics/nps?from=2026-01-01&to=2026-03-31&groupBy=tier",
      {
        key: owner,
      },
    );
    expect(byTier.body.groups.map((g) => [g.group, g.responses])).toEqual([
      [null, 1],
      ["gold", 3],
    ]);
    const csv = await call<string>(app, "GET", "/v1/analytics/nps?from=2026-01-01&to=2026-03-31&format=1c", {
      key: owner,
    });
    expect(String(csv.body).split("\r\n").slice(0, 3)).toEqual([
      "group;month;responses;promoters;passives;detractors;nps",
      "retail;01.03.2026;1;0;1;0;0",
      "wholesale;01.02.2026;2;1;0;1;0",
    ]);
  });
});

describe("share of wallet", () => {
  it("compares clients' category purchases with our sales, per company and per segment", async () => {
    await t.db.query(
      "UPDATE members SET segment = 'wholesale' WHERE tenant_id = 'acme' AND id IN ('A', 'B')",
    );
    // Entered on A's page: 500.00 of goods in March, against O5's 100.00 (paid partly with points, still our
    // sale) → 0.2.
    const put = await call<{ data: CategoryPurchase[] }>(app, "PUT", "/v1/companies/A/category-purchases", {
      key: owner,
      body: { category: "goods", from: "2026-03-01", to: "2026-03-31", total: "500.00" },
    });
    expect(put.status).toBe(200);
    expect(put.body.data.map((x) => [x.category, x.total, x.ours, x.share, x.source])).toEqual([
      ["goods", "500.00", "100.00", 0.2, "entered"],
    ]);
    // Imported: B bought 1,000.00 of goods in the quarter (ours O3 300.00 + O6 100.00 = 400.00 → 0.4); D 4,000.00
    // in March (ours O7 1,000.00 → 0.25); A 100.00 of paint, of which none from us → 0.
    const imported = await call<{ imported: number }>(app, "POST", "/v1/analytics/share-of-wallet/import", {
      key: owner,
      body: {
        rows: [
          { companyId: "B", category: "goods", from: "2026-01-01", to: "2026-03-31", total: "1000.00" },
          { companyId: "D", category: "goods", from: "2026-03-01", to: "2026-03-31", total: "4000.00" },
          { companyId: "A", category: "paint", from: "2026-03-01", to: "2026-03-31", total: "100.00" },
        ],
      },
    });
    expect(imported.body).toEqual({ imported: 3 });
    const r = await call<ShareOfWallet>(
      app,
      "GET",
      "/v1/analytics/share-of-wallet?from=2026-01-01&to=2026-03-31",
      {
        key: owner,
      },
    );
    expect(r.body.companies.map((x) => [x.key, x.category, x.total, x.ours, x.share])).toEqual([
      ["A", "goods", "500.00", "100.00", 0.2],
      ["A", "paint", "100.00", "0.00", 0],
      ["B", "goods", "1000.00", "400.00", 0.4],
      ["D", "goods", "4000.00", "1000.00", 0.25],
    ]);
    // Wholesale (A, B) goods: (100 + 400) / (500 + 1,000) = 0.3333; paint 0 / 100; D has no segment: 0.25.
    expect(r.body.segments.map((x) => [x.key, x.category, x.companies, x.share])).toEqual([
      ["wholesale", "goods", 2, 0.3333],
      ["wholesale", "paint", 1, 0],
      [null, "goods", 1, 0.25],
    ]);
    // A figure outside the period is left out.
    const march = await call<ShareOfWallet>(
      app,
      "GET",
      "/v1/analytics/share-of-wallet?from=2026-03-01&to=2026-03-31",
      {
        key: owner,
      },
    );
    expect(march.body.companies.map((x) => x.key)).toEqual(["A", "A", "D"]);
    const csv = await call<string>(
      app,
      "GET",
      "/v1/analytics/share-of-wallet?from=2026-03-01&to=2026-03-31&format=csv",
      { key: owner },
    );
    expect(String(csv.body).split("\n")[1]).toBe("company,A,goods,1,RUB,500.00,100.00,0.2");
  });

  it("takes what was returned of our sales off them, whenever the return, including the part paid with points", async () => {
    const key = (await bootstrap(app, "returns-co", "rep")).ownerKey;
    const send = async (body: unknown) => {
      const r = await call(app, "POST", "/v1/events", { key, body });
      if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    };
    expect((await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } })).status).toBe(
      201,
    );
    const paint = { sku: "P", category: "paint", quantity: 1, unitPrice: "30.00" };
    const order = (orderId: string, date: string, lines: unknown[], extra = {}) =>
      send({ type: "order", orderId, date, companyId: "E", lines, ...extra });
    const giveBack = (externalId: string, orderId: string, date: string, lines: unknown[]) =>
      send({ type: "return", externalId, orderId, date, lines });
    // P1: 4 × 50.00 goods + 30.00 paint, one unit of goods returned; it earns 23 points (10% of 230.00).
    await order("P1", "2026-03-02", [line(4, "50.00"), paint]);
    await giveBack("R1", "P1", "2026-03-20", [line(1, "50.00")]);
    // P2: 100.00 of goods, returned whole on 1 April, after the figure's days: still not a sale of March's.
    await order("P2", "2026-03-25", [line(1, "100.00")]);
    await giveBack("R2", "P2", "2026-04-01", [line(1, "100.00")]);
    // P3: 2 × 40.00 goods, 20.00 of it paid with 20 points; one unit returned takes back half of each: 30.00 of
    // money refunded and 10.00 paid with points, 40.00 of the sale.
    await order("P3", "2026-03-26", [line(2, "40.00")], { pointsToRedeem: 20 });
    await giveBack("R3", "P3", "2026-03-28", [line(1, "40.00")]);
    const put = await call(app, "PUT", "/v1/companies/E/category-purchases", {
      key,
      body: { category: "goods", from: "2026-03-01", to: "2026-03-31", total: "950.00" },
    });
    expect(put.status).toBe(200);
    await call(app, "PUT", "/v1/companies/E/category-purchases", {
      key,
      body: { category: "paint", from: "2026-03-01", to: "2026-03-31", total: "300.00" },
    });
    // Goods: sold 200.00 + 100.00 + 80.00 = 380.00, returned 50.00 + 100.00 + 40.00 = 190.00 → 190.00 / 950.00
    // = 0.2 (without the returns it would read 0.4). Paint: 30.00 / 300.00 = 0.1, nothing returned.
    const r = await call<ShareOfWallet>(
      app,
      "GET",
      "/v1/analytics/share-of-wallet?from=2026-03-01&to=2026-03-31",
      { key },
    );
    expect(r.body.companies.map((x) => [x.key, x.category, x.total, x.ours, x.share])).toEqual([
      ["E", "goods", "950.00", "190.00", 0.2],
      ["E", "paint", "300.00", "30.00", 0.1],
    ]);
    const page = await call<{ data: CategoryPurchase[] }>(app, "GET", "/v1/companies/E/category-purchases", {
      key,
    });
    expect(page.body.data.map((x) => [x.category, x.ours])).toEqual([
      ["goods", "190.00"],
      ["paint", "30.00"],
    ]);
  });

  it("limits a sales manager to their own clients, and refuses bad rows whole, naming the field", async () => {
    const rep = await staffWithKey(app, owner, "rep@acme.example");
    await t.db.query("UPDATE members SET sales_rep_id = $1 WHERE tenant_id = 'acme' AND id = 'B'", [
      rep.userId,
    ]);
    const mine = await call<ShareOfWallet>(
      app,
      "GET",
      "/v1/analytics/share-of-wallet?from=2026-01-01&to=2026-03-31",
      {
        key: rep.key,
      },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.companies.map((x) => x.key)).toEqual(["B"]);
    expect(mine.body.segments.map((x) => [x.key, x.share])).toEqual([["wholesale", 0.4]]);
    expect((await call(app, "GET", "/v1/companies/A/category-purchases", { key: rep.key })).status).toBe(404);
    const notMine = await call<ErrorAnswer>(app, "POST", "/v1/analytics/share-of-wallet/import", {
      key: rep.key,
      body: {
        rows: [
          { companyId: "B", category: "goods", from: "2026-04-01", to: "2026-04-30", total: "10.00" },
          { companyId: "A", category: "goods", from: "2026-04-01", to: "2026-04-30", total: "10.00" },
        ],
      },
    });
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.field).toBe("rows[1].companyId");
    const backwards = await call<ErrorAnswer>(app, "PUT", "/v1/companies/B/category-purchases", {
      key: rep.key,
      body: { category: "goods", from: "2026-04-30", to: "2026-04-01", total: "10.00" },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.field).toBe("to");
    const amount = await call<ErrorAnswer>(app, "PUT", "/v1/companies/B/category-purchases", {
      key: rep.key,
      body: { category: "goods", from: "2026-04-01", to: "2026-04-30", total: "10.005" },
    });
    expect(amount.status).toBe(422);
    expect(amount.body.error.field).toBe("total");
    // Nothing of April was written by the refused requests.
    const april = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM category_purchases WHERE tenant_id = 'acme' AND period_from = '2026-04-01'",
    );
    expect(Number(april.rows[0]?.n)).toBe(0);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = 'acme' AND action LIKE 'categoryPurchase.%'",
    );
    expect(Number(audit.rows[0]?.n)).toBe(4);
  });
});

describe("the metrics as CSV", () => {
  it("gives one line per metric and per lift, with its definition", async () => {
    const r = await call<string>(
      app,
      "GET",
      "/v1/analytics/metrics?from=2026-03-01&to=2026-03-31&format=1c",
      {
        key: owner,
      },
    );
    expect(r.status).toBe(200);
    const lines = String(r.body).split("\r\n");
    expect(lines[0]).toBe("key;unit;participants;holdout;low;high;definition");
    // Revenue in March: O5 80.00 (100.00 less 20 points) + O7 1,000.00 + O6 100.00 − R1's 500.00 = 680.00.
    expect(lines).toContain("revenue;money;680,00;;;;docs/metrics.md#revenue");
    expect(lines.some((l) => l.startsWith("lift:rpr;ratio;"))).toBe(true);
  });
});

describe("CSV", () => {
  it("quotes cells holding the separator, quotes or line breaks", () => {
    const cols = [
      { name: "a", kind: "text" as const },
      { name: "b", kind: "decimal" as const },
    ];
    expect(toCsv(cols, [['x,"y"', "1.50"]], "csv")).toBe('a,b\n"x,""y""",1.50\n');
    expect(toCsv(cols, [["x;y", "-1.50"]], "1c")).toBe('\uFEFFa;b\r\n"x;y";-1,50\r\n');
  });
});
