// The analytics routes through the API: the dashboard's figures on a small hand-computed history, the roles
// that may read them, and bad periods.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Dashboard } from "./service.ts";

const PROGRAM = `
id: dash
name: Dashboard
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

const line = (quantity: number, unitPrice: string) => ({ sku: "A", category: "goods", quantity, unitPrice });

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    now: () => new Date("2026-03-04T12:00:00Z"),
    bootstrapToken: "dash-tests",
    webDir: null,
  });
  owner = (await bootstrap(app, "acme", "dash-tests")).ownerKey;
  await bootstrap(app, "globex", "dash-tests");
  const send = async (path: string, body: unknown) => {
    const r = await call(app, "POST", path, { key: owner, body });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };
  await send("/v1/programs", { definition: PROGRAM });
  const order = (orderId: string, date: string, companyId: string, lines: unknown[]) => ({
    type: "order",
    orderId,
    date,
    companyId,
    lines,
  });
  await send("/v1/events", order("O1", "2026-03-01", "C1", [line(2, "500.00")]));
  await send("/v1/events", order("O2", "2026-03-02", "C2", [line(1, "300.00")]));
  await send("/v1/events", {
    type: "return",
    externalId: "R1",
    orderId: "O1",
    date: "2026-03-03",
    lines: [line(1, "500.00")],
  });
});

afterAll(async () => {
  await t.drop();
});

describe("the dashboard", () => {
  it("adds up members, orders, revenue, points and the liability of the period, day by day", async () => {
    const r = await call<Dashboard>(app, "GET", "/v1/analytics/dashboard?from=2026-03-01&to=2026-03-03", {
      key: owner,
    });
    expect(r.status).toBe(200);
    // O1: 2 × 500.00 = 1,000.00 → 10% = 100 points; O2: 300.00 → 30 points; R1 returns one unit of O1:
    // 500.00 refunded, 50 points reversed. Revenue 1,000 + 300 − 500 = 800.00; points owed 130 − 50 = 80,
    // worth 80.00 at the default point value of 1 RUB.
    expect(r.body.totals).toEqual({
      members: 2,
      activeMembers: 2,
      orders: 2,
      revenue: "800.00",
      pointsIssued: 130,
      pointsSpent: 0,
      pointsExpired: 0,
      liabilityPoints: 80,
      liability: "80.00",
    });
    expect(r.body.interval).toBe("day");
    expect(r.body.currency).toBe("RUB");
    expect(r.body.series.map((p) => [p.start, p.members, p.orders, p.revenue, p.liabilityPoints])).toEqual([
      ["2026-03-01", 1, 1, "1000.00", 100],
      ["2026-03-02", 2, 1, "300.00", 130],
      ["2026-03-03", 2, 0, "-500.00", 80],
    ]);
    expect(r.body.tiers).toEqual([{ tier: null, members: 2 }]);
    expect(r.body.definitions.liability).toBe("docs/metrics.md#outstanding-liability");
  });

  it("carries the liability from before the period into it, and counts only the period's orders", async () => {
    const r = await call<Dashboard>(app, "GET", "/v1/analytics/dashboard?from=2026-03-02&to=2026-03-03", {
      key: owner,
    });
    expect(r.body.totals).toMatchObject({
      orders: 1,
      revenue: "-200.00",
      activeMembers: 1,
      liabilityPoints: 80,
    });
    expect(r.body.series[0]?.liabilityPoints).toBe(130);
  });

  it("is filed as CSV and as 1C CSV: the totals, then one line per day, with the same figures", async () => {
    const csv = await app.request("/v1/analytics/dashboard?from=2026-03-01&to=2026-03-03&format=csv", {
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="dashboard-2026-03-01-2026-03-03.csv"',
    );
    // The figures of the first test: totals, then the three days.
    expect(await csv.text()).toBe(
      [
        "section,start,currency,members,active_members,orders,revenue,points_issued,points_spent,points_expired,liability_points",
        "total,2026-03-01,RUB,2,2,2,800.00,130,0,0,80",
        "day,2026-03-01,RUB,1,1,1,1000.00,100,0,0,100",
        "day,2026-03-02,RUB,2,1,1,300.00,30,0,0,130",
        "day,2026-03-03,RUB,2,0,0,-500.00,0,0,0,80",
        "",
      ].join("\n"),
    );
    const oneC = await app.request("/v1/analytics/dashboard?from=2026-03-01&to=2026-03-03&format=1c", {
      headers: { authorization: `Bearer ${owner}` },
    });
    const text = await oneC.text();
    expect(text.split("\r\n")[1]).toBe("total;01.03.2026;RUB;2;2;2;800,00;130;0;0;80");
  });

  it("is read by owners, admins, program managers and finance only", async () => {
    for (const role of ["finance", "program_manager"]) {
      const key = await keyWithRole(app, owner, role);
      expect((await call(app, "GET", "/v1/analytics/dashboard", { key })).status).toBe(200);
    }
    for (const role of ["sales_manager", "support"]) {
      const key = await keyWithRole(app, owner, role);
      expect((await call(app, "GET", "/v1/analytics/dashboard", { key })).status).toBe(403);
    }
  });

  it("refuses a period that ends before it starts, naming the field, and a tenant without a program", async () => {
    const bad = await call<ErrorAnswer>(app, "GET", "/v1/analytics/dashboard?from=2026-03-05&to=2026-03-01", {
      key: owner,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("from");
    const notDate = await call<ErrorAnswer>(app, "GET", "/v1/analytics/dashboard?to=2026-02-31", {
      key: owner,
    });
    expect(notDate.status).toBe(422);
    expect(notDate.body.error.field).toBe("to");
    const { ownerKey } = await bootstrap(app, "initech", "dash-tests");
    const none = await call<ErrorAnswer>(app, "GET", "/v1/analytics/dashboard", { key: ownerKey });
    expect(none.status).toBe(409);
  });
});
