// The tier job, run day by day before each day's events, gives every member the level, the level changes and
// the balances that the engine's replay (`patron simulate`) gives for the same history.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CompanyRow,
  type Day,
  eventsFromRows,
  formatDay,
  isSettingDay,
  type OrderRow,
  parseDay,
  parseProgram,
  replay,
} from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../engine/src/testing.ts";
import { ingestOrder, ingestReturn } from "../modules/events/service.ts";
import { balanceOf, createTenant, verify } from "../modules/ledger/service.ts";
import { walletAccount } from "../modules/members/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runJobs } from "./runner.ts";
import { decideTier } from "./tiers.ts";

const examples = join(import.meta.dirname, "../../../../examples/programs");
const example = (name: string) => readFileSync(join(examples, name), "utf8");

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

/**
 * Orders of six companies over `days` days from `start`, busy ones and quiet ones, some stopping halfway (so
 * levels go down as well as up), with a few returns; `sparse` spaces orders out (fewer, larger ones keep a test
 * short).
 */
function history(start: string, days: number, price: string, seed: number, sparse: number): OrderRow[] {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const first = parseDay(start) as number;
  const companies = [
    { id: "C1", everyDays: 40 * sparse, until: days },
    { id: "C2", everyDays: 12 * sparse, until: days },
    { id: "C3", everyDays: 5 * sparse, until: days / 2 },
    { id: "C4", everyDays: 3 * sparse, until: days },
    { id: "C5", everyDays: 2 * sparse, until: (days * 2) / 3 },
    { id: "C6", everyDays: 8 * sparse, until: days / 3 },
  ];
  const orders: { id: string; day: number; c: string; qty: number }[] = [];
  let n = 0;
  for (const c of companies) {
    for (let d = rand(c.everyDays); d < c.until; d += 1 + rand(2 * c.everyDays)) {
      orders.push({ id: `O${n++}`, day: first + d, c: c.id, qty: 1 + rand(20) });
    }
  }
  orders.sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1));
  const rows: OrderRow[] = [];
  const returns: OrderRow[] = [];
  for (const o of orders) {
    rows.push(row("order", o.id, formatDay(o.day), o.c, "A", "goods", o.qty, price));
    if (rand(6) === 0 && o.qty > 1)
      returns.push(row("return", o.id, formatDay(o.day + 1 + rand(10)), o.c, "A", "goods", 1, price));
  }
  const all = [...rows, ...returns];
  all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.fileLine - b.fileLine));
  return all;
}

interface ChangeRow {
  member_id: string;
  day: string;
  from_tier: string;
  to_tier: string;
  reason: string;
}

/** Feeds the history to the server with the jobs run before each day's events, then compares with the replay. */
async function compareWithReplay(
  tenantId: string,
  programText: string,
  rows: OrderRow[],
  asOf: string,
  companies: CompanyRow[] = [],
) {
  await createTenant(t.db, tenantId, tenantId);
  const program = await t.db.transaction((tx) => publishProgram(tx, tenantId, programText));
  for (const c of companies) {
    await t.db.query("INSERT INTO members (tenant_id, id, parent_id) VALUES ($1, $2, $3)", [
      tenantId,
      c.companyId,
      c.parentId,
    ]);
  }
  const events = eventsFromRows(rows, program.timeZone);
  const last = parseDay(asOf) as number;
  let next = 0;
  // Each call catches up every day before the events of its day, in order, as the scheduler would.
  const eventDays = [...new Set(events.map((e) => e.ev.day))];
  for (const day of [...eventDays, last]) {
    const runs = await runJobs(t.db, { tenantId, until: day });
    expect(runs.filter((r) => r.status === "failed")).toEqual([]);
    // A setting day reads every member (the days run here come before this day's events make new ones).
    const parsed = parseProgram(programText);
    const tiers = parsed.ok ? parsed.compiled.tiers : null;
    const count = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM members WHERE tenant_id = $1",
      [tenantId],
    );
    for (const r of runs.filter(
      (x) => x.job === "tiers" && tiers && isSettingDay(tiers, parseDay(x.day) as Day),
    ))
      expect(r.result, `the tier job of ${r.day}`).toMatchObject({ evaluated: count.rows[0]?.n });
    for (; next < events.length && events[next]?.ev.day === day; next++) {
      const e = events[next];
      if (e?.kind === "order") await ingestOrder(t.db, tenantId, "erp", e.ev);
      else if (e?.kind === "return") await ingestReturn(t.db, tenantId, "erp", `r${next}`, e.ev);
    }
  }
  const expected = replay([program], rows, companies, { asOf });
  const members = await t.db.query<{ id: string; tier: string | null }>(
    "SELECT id, tier FROM members WHERE tenant_id = $1 ORDER BY id",
    [tenantId],
  );
  const initial = program.tiers?.initial;
  expect(
    Object.fromEntries(members.rows.map((m) => [m.id, m.tier ?? initial])),
    "levels as of the last day",
  ).toEqual(Object.fromEntries(expected.members.map((m) => [m.companyId, m.tier])));
  const changes = await t.db.query<ChangeRow>(
    `SELECT member_id, day::text, from_tier, to_tier, reason FROM tier_changes
     WHERE tenant_id = $1 ORDER BY day, member_id`,
    [tenantId],
  );
  const expectedChanges = expected.journal
    .filter((j) => j.type === "tierChange")
    .map((j) => `${j.date} ${j.companyId} ${j.from}→${j.to} ${j.reason}`)
    .sort();
  const got = changes.rows
    .map((c) => `${c.day} ${c.member_id} ${c.from_tier}→${c.to_tier} ${c.reason}`)
    .sort();
  expect(got).toEqual(expectedChanges);
  // Each change recorded (by the job or by an order) is announced by one `tier.changed` message saying it.
  const messages = await t.db.query<{ payload: Record<string, unknown> }>(
    "SELECT payload FROM messages WHERE tenant_id = $1 AND type = 'tier.changed'",
    [tenantId],
  );
  const byKey = (x: Record<string, unknown>) => `${x.date} ${x.memberId} ${x.from} ${x.to} ${x.reason}`;
  const sortedBy = <T extends Record<string, unknown>>(xs: T[]) =>
    xs.sort((a, b) => (byKey(a) < byKey(b) ? -1 : byKey(a) > byKey(b) ? 1 : 0));
  expect(sortedBy(messages.rows.map((m) => m.payload))).toEqual(
    sortedBy(
      changes.rows.map((c) => ({
        memberId: c.member_id,
        from: c.from_tier,
        to: c.to_tier,
        reason: c.reason,
        date: c.day,
      })),
    ),
  );
  for (const m of expected.members) {
    expect(Number(await balanceOf(t.db, tenantId, walletAccount(m.companyId))), `${m.companyId}`).toBe(
      m.balance,
    );
  }
  expect(await verify(t.db, tenantId)).toEqual({ differences: [], total: 0n });
  return { expected, changes: changes.rows };
}

describe("tier re-evaluation", () => {
  it("4 tiers on a rolling 365-day window, set daily (example 01): levels, changes and balances equal the replay", async () => {
    const rows = history("2026-01-05", 450, "60000.00", 11, 3);
    const { changes } = await compareWithReplay(
      "tiers01",
      example("01-volume-tiers.yaml"),
      rows,
      "2027-04-15",
    );
    const reasons = new Set(changes.map((c) => c.reason));
    expect(reasons).toEqual(new Set(["evaluation"]));
    // Levels went up and, for the companies that stopped buying, came down again.
    expect(changes.some((c) => c.to_tier === "platinum")).toBe(true);
    expect(changes.some((c) => c.from_tier === "platinum" || c.from_tier === "gold")).toBe(true);
  }, 600_000);

  it("levels set quarterly with inactivity drops (example 02) equal the replay", async () => {
    const rows = history("2026-01-05", 420, "90000.00", 5, 3);
    const { changes } = await compareWithReplay(
      "tiers02",
      example("02-status-levels.yaml"),
      rows,
      "2027-04-10",
    );
    expect(changes.some((c) => c.reason === "inactivity")).toBe(true);
    expect(changes.some((c) => c.reason === "evaluation")).toBe(true);
    // Each change carries the benefits of the level it leads to (gold has one, the others none).
    const recorded = await t.db.query<{ to_tier: string; benefits: string[] }>(
      "SELECT DISTINCT to_tier, benefits FROM tier_changes WHERE tenant_id = 'tiers02' ORDER BY to_tier",
    );
    expect(recorded.rows.length).toBeGreaterThan(1);
    for (const r of recorded.rows)
      expect(r.benefits).toEqual(r.to_tier === "gold" ? ["priority-service"] : []);
  }, 600_000);

  it("levels pooled by a holding (pool: parent) are its group's: equal the replay, the holding's included", async () => {
    const text = example("02-status-levels.yaml").replace(
      "  metric: netPurchases",
      "  metric: netPurchases\n  pool: parent",
    );
    const rows = history("2026-01-05", 420, "90000.00", 5, 3);
    // H holds C1 and C3, C1 holds C2 (two steps up), C4 holds C6; C5 stands alone. H itself never buys.
    const parents: Record<string, string | null> = {
      H: null,
      C1: "H",
      C2: "C1",
      C3: "H",
      C4: null,
      C5: null,
      C6: "C4",
    };
    const companies: CompanyRow[] = Object.entries(parents).map(([companyId, parentId], i) => ({
      fileLine: i + 2,
      companyId,
      name: companyId,
      taxId: null,
      parentId,
      segment: null,
      region: null,
      joinedOn: null,
      enrolledOn: null,
    }));
    const { expected, changes } = await compareWithReplay("tiers02p", text, rows, "2027-04-10", companies);
    // Pooling changed the outcome: the group's levels differ from what each company would reach alone.
    const solo = parseProgram(example("02-status-levels.yaml"));
    if (!solo.ok) throw new Error("example 02 does not parse");
    const alone = replay([solo.compiled], rows, companies, { asOf: "2027-04-10" });
    const levels = (r: typeof expected) =>
      r.journal.filter((j) => j.type === "tierChange").map((j) => `${j.date} ${j.companyId} ${j.to}`);
    expect(levels(expected)).not.toEqual(levels(alone));
    // Every company of a group changed on the same days to the same levels, the holding too.
    const of = (id: string) => changes.filter((c) => c.member_id === id).map((c) => `${c.day} ${c.to_tier}`);
    expect(of("H").length).toBeGreaterThan(0);
    expect(of("C1")).toEqual(of("H"));
    expect(of("C2")).toEqual(of("H"));
    expect(of("C6")).toEqual(of("C4"));
  }, 600_000);

  it("levels set monthly with a 20-day grace period before a drop equal the replay", async () => {
    const text = example("02-status-levels.yaml")
      .replace("window: { previous: quarter }", "window: { previous: month }")
      .replace("evaluation: quarterly", "evaluation: monthly\n  graceDays: 20");
    const rows = history("2026-01-05", 300, "90000.00", 3, 3);
    const { changes } = await compareWithReplay("tiers02g", text, rows, "2026-12-20");
    expect(changes.some((c) => c.reason === "graceEnded")).toBe(true);
    const benefits = await t.db.query<{ benefits: string[] }>(
      "SELECT benefits FROM tier_changes WHERE tenant_id = 'tiers02g' AND to_tier = 'gold' LIMIT 1",
    );
    expect(benefits.rows[0]?.benefits).toEqual(["priority-service"]);
  }, 600_000);
});

describe("decideTier", () => {
  const program = `
id: p
name: P
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
tiers:
  window: { previous: month }
  evaluation: monthly
  graceDays: 10
  levels:
    - { id: a, from: 0 }
    - { id: b, from: 100 }
`;
  it("holds a drop for the grace period, then takes the level the window gives on the due day", async () => {
    await createTenant(t.db, "decide", "Decide");
    const p = await t.db.transaction((tx) => publishProgram(tx, "decide", program));
    const tiers = p.tiers;
    if (!tiers) throw new Error("no tiers");
    expect(decideTier(tiers, "a", 10_000, null, 100)).toEqual({
      kind: "change",
      to: "b",
      reason: "evaluation",
    });
    expect(decideTier(tiers, "b", 0, null, 100)).toEqual({ kind: "hold", to: "a", dueOn: 110 });
    expect(decideTier(tiers, "b", 0, { dueOn: 110 }, 105)).toEqual({ kind: "keep", clearDrop: false });
    expect(decideTier(tiers, "b", 0, { dueOn: 110 }, 110)).toEqual({
      kind: "change",
      to: "a",
      reason: "graceEnded",
    });
    expect(decideTier(tiers, "b", 10_000, { dueOn: 110 }, 105)).toEqual({ kind: "keep", clearDrop: true });
  });
});
