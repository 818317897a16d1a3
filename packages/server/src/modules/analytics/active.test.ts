// The active sets (one bit per company per day, week and month) after random orders and cancellations,
// refreshed at random moments: every period's count of active companies, and the dashboard's per-bucket counts,
// equal a distinct count over the company days; and a rebuild writes the same sets.

import { type Day, formatDay, parseDay } from "@patron/engine";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { rebuildRollups, refreshRollups } from "./rollups.ts";
import { activeCompanies, activeSeries, coverOf, type Interval } from "./service.ts";

const TOKEN = "active-sets-tests";
const RUNS = Number(process.env.FC_RUNS ?? 4);
const PROGRAM = `
id: active
name: Active sets
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "1%" }
pending: { untilPaid: true, returnWindowDays: 7 }
`;
const START = parseDay("2026-01-01") as Day;
/** Days of the histories: a little over four months, so that weeks and months are cut and whole. */
const SPAN = 130;
/** Enough companies that the sets take more than one byte. */
const COMPANIES = 20;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let tenants = 0;

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => new Date("2026-06-01T12:00:00Z"),
    webDir: null,
  });
});
afterAll(async () => {
  await t.drop();
});

const op = fc.record({
  company: fc.integer({ min: 0, max: COMPANIES - 1 }),
  day: fc.integer({ min: 0, max: SPAN - 1 }),
  cancel: fc.boolean(),
  refresh: fc.boolean(),
});

async function distinct(tenantId: string, from: Day, to: Day): Promise<number> {
  const r = await t.db.query<{ n: string }>(
    `SELECT count(DISTINCT member_id)::text AS n FROM analytics_member_days
     WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 AND orders > 0`,
    [tenantId, formatDay(from), formatDay(to)],
  );
  return Number(r.rows[0]?.n);
}

async function sets(tenantId: string): Promise<unknown[]> {
  const r = await t.db.query(
    `SELECT kind, start::text, members, bits::text FROM analytics_active_sets WHERE tenant_id = $1
     ORDER BY kind, start`,
    [tenantId],
  );
  return r.rows;
}

describe("active sets", () => {
  it("cover a period exactly with whole months, then weeks, then days", () => {
    // 2026-01-15 (Thu) .. 2026-03-10 (Tue): February is whole. Before it, Jan 15–31 holds one whole ISO week
    // (Jan 19–25) and days on each side; after it, Mar 1–10 holds the week of Mar 2–8, Mar 1 and Mar 9–10.
    const c = coverOf(parseDay("2026-01-15") as Day, parseDay("2026-03-10") as Day);
    expect(c.month).toEqual(["2026-02-01"]);
    expect(c.week).toEqual(["2026-01-19", "2026-03-02"]);
    expect(c.day).toEqual([
      "2026-01-15",
      "2026-01-16",
      "2026-01-17",
      "2026-01-18",
      "2026-01-26",
      "2026-01-27",
      "2026-01-28",
      "2026-01-29",
      "2026-01-30",
      "2026-01-31",
      "2026-03-01",
      "2026-03-09",
      "2026-03-10",
    ]);
  });

  it("count the companies active in any period as a distinct count over the company days does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 5, maxLength: 30 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: SPAN - 1 }), fc.integer({ min: 0, max: SPAN - 1 })), {
          minLength: 4,
          maxLength: 8,
        }),
        async (ops, periods) => {
          tenants++;
          const tenantId = `active-${tenants}`;
          const { ownerKey } = await bootstrap(app, tenantId, TOKEN);
          expect(
            (await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition: PROGRAM } }))
              .status,
          ).toBe(201);
          let n = 0;
          for (const o of ops) {
            n++;
            const date = formatDay((START + o.day) as Day);
            const r = await call(app, "POST", "/v1/events", {
              key: ownerKey,
              body: {
                type: "order",
                orderId: `O${n}`,
                date,
                companyId: `C${o.company}`,
                lines: [{ sku: "A", quantity: 1, unitPrice: "100.00" }],
              },
            });
            expect(r.status).toBe(201);
            if (o.cancel) {
              const c = await call(app, "POST", "/v1/events", {
                key: ownerKey,
                body: { type: "cancellation", externalId: `X${n}`, orderId: `O${n}`, date },
              });
              expect(c.status, JSON.stringify(c.body)).toBe(201);
            }
            if (o.refresh) await refreshRollups(t.db, tenantId);
          }
          await refreshRollups(t.db, tenantId);
          const incremental = await sets(tenantId);
          for (const [a, b] of periods) {
            const from = (START + Math.min(a, b)) as Day;
            const to = (START + Math.max(a, b)) as Day;
            expect(await activeCompanies(t.db, tenantId, from, to)).toBe(await distinct(tenantId, from, to));
            for (const interval of ["day", "week", "month"] as Interval[]) {
              const series = await activeSeries(t.db, tenantId, { from, to }, interval);
              for (const [start, count] of series) {
                const s = parseDay(start) as Day;
                const end =
                  interval === "day"
                    ? s
                    : interval === "week"
                      ? ((s + 6) as Day)
                      : (((parseDay(formatDay((s + 31) as Day).slice(0, 8) + "01") as Day) - 1) as Day);
                const a2 = (s < from ? from : s) as Day;
                const b2 = (end > to ? to : end) as Day;
                expect(count, `${interval} ${start}`).toBe(await distinct(tenantId, a2, b2));
              }
            }
          }
          await rebuildRollups(t.db, tenantId);
          expect(await sets(tenantId)).toEqual(incremental);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
