// Day jobs on the server (maturation, expiry) keep it equal to the engine's replay, day by day.
import { eventsFromRows, formatDay, type OrderRow, parseDay, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../engine/src/testing.ts";
import { ingestOrder, ingestReturn } from "../modules/events/service.ts";
import { balanceOf, createTenant, verify } from "../modules/ledger/service.ts";
import { EXPIRED, pendingAccount, walletAccount } from "../modules/members/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { runDailyJobs } from "./daily.ts";

const PROGRAM = `
id: pending-and-expiry
name: Pending then expiring points
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: true }
earning: { baseRate: "2%" }
pending: { untilPaid: false, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

function history(): OrderRow[] {
  const rows: OrderRow[] = [];
  let s = 7;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const start = parseDay("2026-01-05") as number;
  const orders: { id: string; day: number; c: string; qty: number }[] = [];
  for (let k = 0; k < 30; k++)
    orders.push({
      id: `O${k}`,
      day: start + rand(120),
      c: ["C1", "C2"][rand(2)] as string,
      qty: 1 + rand(20),
    });
  orders.sort((a, b) => a.day - b.day);
  for (const o of orders) {
    rows.push(
      row("order", o.id, formatDay(o.day), o.c, "A", "goods", o.qty, "1000", {
        pointsToRedeem: rand(2) ? 300 : null,
      }),
    );
    if (rand(4) === 0)
      rows.push(row("return", o.id, formatDay(o.day + rand(20)), o.c, "A", "goods", 1, "1000"));
  }
  return rows;
}

describe("daily jobs", () => {
  it("pending points mature after the return window and lots expire after 30 days, as in the replay", async () => {
    await createTenant(t.db, "jobs", "Jobs");
    const program = await t.db.transaction((tx) => publishProgram(tx, "jobs", PROGRAM));
    const rows = history();
    const events = eventsFromRows(rows, program.timeZone);
    const first = events[0]?.ev.day as number;
    const asOf = parseDay("2026-07-01") as number;
    let next = 0;
    let matured = 0;
    let expired = 0;
    for (let day = first; day <= asOf; day++) {
      const jobs = await runDailyJobs(t.db, "jobs", day);
      matured += jobs.matured;
      expired += jobs.expired;
      for (; next < events.length && events[next]?.ev.day === day; next++) {
        const e = events[next];
        if (e?.kind === "order") await ingestOrder(t.db, "jobs", "erp", e.ev);
        else if (e?.kind === "return") await ingestReturn(t.db, "jobs", "erp", `r${next}`, e.ev);
      }
    }
    const expected = replay([program], rows, [], { asOf: "2026-07-01" });
    expect(matured).toBeGreaterThan(0);
    expect(expired).toBe(expected.totals.expired);
    expect(expired).toBeGreaterThan(0);
    for (const m of expected.members) {
      expect(
        Number(await balanceOf(t.db, "jobs", walletAccount(m.companyId))),
        `${m.companyId} balance`,
      ).toBe(m.balance);
      expect(
        Number(await balanceOf(t.db, "jobs", pendingAccount(m.companyId))),
        `${m.companyId} pending`,
      ).toBe(m.pending);
    }
    expect(Number(await balanceOf(t.db, "jobs", EXPIRED))).toBe(expected.totals.expired);
    expect(await verify(t.db, "jobs")).toEqual({ differences: [], total: 0n });
  });
});
