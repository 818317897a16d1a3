// Levels that are more than their window (drops held back by a grace period, drops for inactivity, levels set on
// setting days) are priced from the level the tier job keeps, on the events path and in imports: orders earn
// what the engine's replay gives them, run day by day through the API's ingestion or through `patron import`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eventsFromRows, formatDay, type OrderRow, parseDay, parseProgram, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../engine/src/testing.ts";
import { ingestOrder, ingestReturn } from "../modules/events/service.ts";
import { importEvents } from "../modules/imports/service.ts";
import { balanceOf, createTenant, verify } from "../modules/ledger/service.ts";
import { walletAccount } from "../modules/members/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runJobs } from "./runner.ts";

const examples = join(import.meta.dirname, "../../../../examples/programs");
const example = (name: string) => readFileSync(join(examples, name), "utf8");

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

/** Orders of five companies, busy and quiet ones, some stopping part-way, with a few returns. */
function history(start: string, days: number, price: string, seed: number): OrderRow[] {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const first = parseDay(start) as number;
  const companies = [
    { id: "C1", every: 45, until: days },
    { id: "C2", every: 20, until: days },
    { id: "C3", every: 9, until: days / 2 },
    { id: "C4", every: 6, until: days },
    { id: "C5", every: 4, until: (days * 2) / 3 },
  ];
  const rows: OrderRow[] = [];
  let n = 0;
  for (const c of companies) {
    for (let d = rand(c.every); d < c.until; d += 1 + rand(2 * c.every)) {
      const id = `O${n++}`;
      const qty = 1 + rand(20);
      rows.push(row("order", id, formatDay(first + d), c.id, "A", "goods", qty, price));
      if (rand(7) === 0 && qty > 1)
        rows.push(row("return", id, formatDay(first + d + 1 + rand(10)), c.id, "A", "goods", 1, price));
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.fileLine - b.fileLine));
  return rows.map((r, i) => ({ ...r, fileLine: i + 2 }));
}

async function tenant(id: string, text: string) {
  await createTenant(t.db, id, id);
  return t.db.transaction((tx) => publishProgram(tx, id, text));
}

/** The orders' points and levels, the members' levels and balances, against the replay's. */
async function expectReplay(tenantId: string, text: string, rows: OrderRow[], asOf: string) {
  const parsed = parseProgram(text);
  if (!parsed.ok) throw new Error("the program does not validate");
  const program = parsed.compiled;
  const expected = replay([program], rows, [], { asOf });
  const orders = await t.db.query<{ id: string; earned: string; tier: string | null }>(
    `SELECT id, points_earned::text AS earned, outcome->>'tier' AS tier FROM orders WHERE tenant_id = $1`,
    [tenantId],
  );
  const got = new Map(orders.rows.map((o) => [o.id, `${o.earned} ${o.tier}`]));
  expect(got.size).toBe(expected.orders.length);
  const mismatched = expected.orders
    .filter((o) => got.get(o.orderId) !== `${o.pointsEarned} ${o.tier}`)
    .map((o) => `${o.orderId} ${o.date}: server ${got.get(o.orderId)}, replay ${o.pointsEarned} ${o.tier}`);
  expect(mismatched).toEqual([]);
  for (const m of expected.members) {
    expect(Number(await balanceOf(t.db, tenantId, walletAccount(m.companyId))), m.companyId).toBe(m.balance);
  }
  expect(await verify(t.db, tenantId)).toEqual({ differences: [], total: 0n });
  return expected;
}

/** Runs the day jobs before each day's events, as the scheduler does, then sends the day's events. */
async function dayByDay(tenantId: string, text: string, rows: OrderRow[], asOf: string) {
  const program = await tenant(tenantId, text);
  const events = eventsFromRows(rows, program.timeZone);
  let next = 0;
  const days = [...new Set(events.map((e) => e.ev.day))];
  for (const day of [...days, parseDay(asOf) as number]) {
    const runs = await runJobs(t.db, { tenantId, until: day });
    expect(runs.filter((r) => r.status === "failed")).toEqual([]);
    for (; next < events.length && events[next]?.ev.day === day; next++) {
      const e = events[next];
      if (e?.kind === "order") await ingestOrder(t.db, tenantId, "erp", e.ev);
      else if (e?.kind === "return") await ingestReturn(t.db, tenantId, "erp", `r${next}`, e.ev);
    }
  }
  return expectReplay(tenantId, text, rows, asOf);
}

/** Example 01 (levels read daily from a rolling window) over 90 days, with a grace period and inactivity drops. */
const dailyWithGrace = example("01-volume-tiers.yaml")
  .replace("window: { rollingDays: 365 }", "window: { rollingDays: 90 }")
  .replace(
    /(\n {2}evaluation: daily\n)/,
    "$1  graceDays: 20\n  downgrade: { inactivityDays: 60, repeatDays: 30 }\n",
  );

describe("levels kept by the tier job price the orders", () => {
  it("daily levels with a grace period and inactivity drops, day by day through ingestion, equal the replay", async () => {
    expect(dailyWithGrace).toContain("graceDays: 20");
    expect(dailyWithGrace).toContain("rollingDays: 90");
    const rows = history("2026-01-05", 420, "60000.00", 7);
    const expected = await dayByDay("daily-grace", dailyWithGrace, rows, "2027-03-10");
    const reasons = new Set(expected.journal.filter((j) => j.type === "tierChange").map((j) => j.reason));
    expect(reasons).toContain("inactivity");
    expect(reasons).toContain("graceEnded");
  }, 600_000);

  it("example 02 (quarterly levels, inactivity drops) imported through `patron import` equals the replay", async () => {
    const text = example("02-status-levels.yaml");
    const program = await tenant("import02", text);
    const rows = history("2026-01-05", 400, "90000.00", 5);
    const events = eventsFromRows(rows, program.timeZone);
    await importEvents(t.db, "import02", "import", { id: "o", name: "orders" }, events);
    const expected = await expectReplay("import02", text, rows, formatDay(events.at(-1)?.ev.day ?? 0));
    expect(new Set(expected.orders.map((o) => o.tier)).size).toBeGreaterThan(1);
  }, 600_000);

  it("daily levels with a grace period imported through `patron import` equal the replay", async () => {
    const program = await tenant("import-grace", dailyWithGrace);
    const rows = history("2026-01-05", 420, "60000.00", 7);
    const events = eventsFromRows(rows, program.timeZone);
    await importEvents(t.db, "import-grace", "import", { id: "o", name: "orders" }, events);
    await expectReplay("import-grace", dailyWithGrace, rows, formatDay(events.at(-1)?.ev.day ?? 0));
  }, 600_000);
});
