// Monthly credits (example 03): the credits job, run with the other day jobs before each day's events, gives
// every company the credits, expiries and balances of the engine's replay of the same history; so does an
// import of the history.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eventsFromRows, formatDay, type OrderRow, parseDay, parseProgram, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../engine/src/testing.ts";
import { ingestOrder, ingestReturn } from "../modules/events/service.ts";
import { importEvents } from "../modules/imports/service.ts";
import { balanceOf, createTenant, verify } from "../modules/ledger/service.ts";
import { ledgerOf } from "../modules/members/reads.ts";
import { walletAccount } from "../modules/members/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runJobs } from "./runner.ts";

const TEXT = readFileSync(
  join(import.meta.dirname, "../../../../examples/programs/03-monthly-bonus.yaml"),
  "utf8",
);

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

/** Orders of four companies over five months, of sizes that reach each step, some spending points; returns. */
function history(seed: number): OrderRow[] {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const first = parseDay("2026-01-03") as number;
  const rows: OrderRow[] = [];
  let n = 0;
  for (const [company, every, price] of [
    ["C1", 9, "120.00"],
    ["C2", 4, "95.50"],
    ["C3", 15, "700.00"],
    ["C4", 30, "40.00"],
  ] as const) {
    for (let d = rand(every); d < 150; d += 1 + rand(2 * every)) {
      const id = `O${n++}`;
      const qty = 1 + rand(6);
      const r = row("order", id, formatDay(first + d), company, "A", "goods", qty, price);
      // Some orders spend points credited earlier (within the balance or not: the program allows debt).
      rows.push(rand(4) === 0 ? { ...r, pointsToRedeem: 5 + rand(40) } : r);
      if (rand(6) === 0 && qty > 1)
        rows.push(row("return", id, formatDay(first + d + 1 + rand(5)), company, "A", "goods", 1, price));
    }
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.fileLine - b.fileLine));
  return rows.map((r, i) => ({ ...r, fileLine: i + 2 }));
}

async function expectReplay(tenantId: string, rows: OrderRow[], asOf: string) {
  const parsed = parseProgram(TEXT);
  if (!parsed.ok) throw new Error("example 03 does not validate");
  const expected = replay([parsed.compiled], rows, [], { asOf });
  const credits = expected.journal.filter((j) => j.type === "credit");
  expect(credits.length).toBeGreaterThan(8);
  const got = await t.db.query<{ member: string; day: string; points: string }>(
    `SELECT substr(p.to_account, 8) AS member, split_part(x.cause, ':', 3) AS day, p.amount::text AS points
     FROM ledger_transactions x JOIN postings p ON p.tenant_id = x.tenant_id AND p.transaction_id = x.id
     WHERE x.tenant_id = $1 AND x.code = 'credit' ORDER BY 2, 1`,
    [tenantId],
  );
  expect(got.rows.map((r) => `${r.day} ${r.member} ${r.points}`).sort()).toEqual(
    credits.map((j) => `${j.date} ${j.companyId} ${"points" in j ? j.points : "?"}`).sort(),
  );
  // A member's history dates each credit on the day it was for, even when the jobs caught up later.
  const member = credits[0]?.companyId as string;
  const history = await ledgerOf(t.db, tenantId, member, { limit: 500 });
  expect(history.data.filter((e) => e.kind === "credit").map((e) => e.date)).toEqual(
    credits
      .filter((j) => j.companyId === member)
      .map((j) => j.date)
      .reverse(),
  );
  const expired = await t.db.query<{ n: string }>(
    `SELECT coalesce(sum(p.amount), 0)::text AS n FROM ledger_transactions x
     JOIN postings p ON p.tenant_id = x.tenant_id AND p.transaction_id = x.id
     WHERE x.tenant_id = $1 AND x.code = 'expire'`,
    [tenantId],
  );
  const expectedExpired = expected.members.reduce((sum, m) => sum + m.expired, 0);
  expect(expectedExpired).toBeGreaterThan(0);
  expect(Number(expired.rows[0]?.n)).toBe(expectedExpired);
  for (const m of expected.members) {
    expect(Number(await balanceOf(t.db, tenantId, walletAccount(m.companyId))), m.companyId).toBe(m.balance);
  }
  expect(await verify(t.db, tenantId)).toEqual({ differences: [], total: 0n });
}

describe("monthly credits (example 03)", () => {
  it("the day jobs run before each day's events credit, expire and leave balances as the replay does", async () => {
    await createTenant(t.db, "credits", "credits");
    const program = await t.db.transaction((tx) => publishProgram(tx, "credits", TEXT));
    const rows = history(3);
    const events = eventsFromRows(rows, program.timeZone);
    const asOf = "2026-06-15";
    let next = 0;
    const days = [...new Set(events.map((e) => e.ev.day))];
    for (const day of [...days, parseDay(asOf) as number]) {
      const runs = await runJobs(t.db, { tenantId: "credits", until: day });
      expect(runs.filter((r) => r.status === "failed")).toEqual([]);
      for (; next < events.length && events[next]?.ev.day === day; next++) {
        const e = events[next];
        if (e?.kind === "order") await ingestOrder(t.db, "credits", "erp", e.ev);
        else if (e?.kind === "return") await ingestReturn(t.db, "credits", "erp", `r${next}`, e.ev);
      }
    }
    await expectReplay("credits", rows, asOf);
    // Run again, the days already done credit nothing more.
    await runJobs(t.db, { tenantId: "credits", until: parseDay(asOf) as number });
    await expectReplay("credits", rows, asOf);
  }, 600_000);

  it("an import of the history credits as the replay does, up to its last day", async () => {
    await createTenant(t.db, "credits-import", "credits-import");
    const program = await t.db.transaction((tx) => publishProgram(tx, "credits-import", TEXT));
    const rows = history(3);
    const events = eventsFromRows(rows, program.timeZone);
    await importEvents(t.db, "credits-import", "import", { id: "o", name: "orders" }, events);
    await expectReplay("credits-import", rows, formatDay(events.at(-1)?.ev.day ?? 0));
  }, 600_000);
});
