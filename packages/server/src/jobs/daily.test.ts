// Day jobs on the server (maturation, expiry) keep it equal to the engine's replay, day by day.
import { eventsFromRows, formatDay, type OrderRow, parseDay, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../engine/src/testing.ts";
import { ingestOrder, ingestReturn } from "../modules/events/service.ts";
import { balanceOf, createTenant, openAccount, post, verify } from "../modules/ledger/service.ts";
import {
  EXPIRED,
  ISSUED,
  openProgramAccounts,
  pendingAccount,
  REDEEMED,
  walletAccount,
} from "../modules/members/service.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { matureDue, runDailyJobs } from "./daily.ts";

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

  it("maturation repays a wallet's debt lot by lot, oldest day first, as one posting at a time would", async () => {
    const T = "mature";
    await createTenant(t.db, T, "Maturation");
    const on = parseDay("2026-03-10") as number;
    const [a, b] = ["A", "B"];
    await t.db.transaction(async (tx) => {
      await openProgramAccounts(tx, T);
      for (const m of [a, b]) {
        await openAccount(tx, T, walletAccount(m), "wallet", true);
        await openAccount(tx, T, pendingAccount(m), "pending");
      }
      // A owes 60 points; its pending lots: 50 available the day before, then 30 and 70 on the day (in id order).
      await post(tx, T, { code: "redeem", postings: [{ from: walletAccount(a), to: REDEEMED, amount: 60 }] });
      const lots: [string, string, number, number, object][] = [
        ["p1", a, 50, on - 1, { policy: "never" }],
        ["p2", a, 30, on, { policy: "afterDays", days: 30 }],
        ["p3", a, 70, on, { policy: "afterDays", days: 30 }],
        ["p4", b, 40, on + 1, { policy: "never" }],
      ];
      for (const [id, m, points, day, expiry] of lots) {
        await post(tx, T, {
          code: "earn.pending",
          postings: [{ from: ISSUED, to: pendingAccount(m), amount: points }],
        });
        await tx.query(
          `INSERT INTO pending_lots (tenant_id, id, account_id, order_id, points, available_on, expiry)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [T, id, walletAccount(m), `order-${id}`, points, formatDay(day), JSON.stringify(expiry)],
        );
      }
    });
    const matured = await t.db.transaction((tx) => matureDue(tx, T, on));
    expect(matured).toBe(150);
    expect(Number(await balanceOf(t.db, T, walletAccount(a)))).toBe(90);
    expect(Number(await balanceOf(t.db, T, pendingAccount(a)))).toBe(0);
    expect(Number(await balanceOf(t.db, T, pendingAccount(b)))).toBe(40);
    // 50 and 10 of the 30 repaid the debt; 20 and 70 are lots with the day's expiry (30 days, the day included).
    const lots = await t.db.query<{
      remaining: string;
      granted_on: string;
      expires_on: string | null;
      source: string;
    }>(
      "SELECT remaining::text, granted_on::text, expires_on::text, source FROM lots WHERE tenant_id = $1 ORDER BY source",
      [T],
    );
    expect(lots.rows).toEqual([
      { remaining: "20", granted_on: "2026-03-10", expires_on: "2026-04-08", source: "order-p2" },
      { remaining: "70", granted_on: "2026-03-10", expires_on: "2026-04-08", source: "order-p3" },
    ]);
    const txns = await t.db.query<{ cause: string; amount: string }>(
      `SELECT t.cause, p.amount::text FROM ledger_transactions t
       JOIN postings p ON p.tenant_id = t.tenant_id AND p.transaction_id = t.id
       WHERE t.tenant_id = $1 AND t.code = 'mature' ORDER BY t.cause`,
      [T],
    );
    expect(txns.rows).toEqual([
      { cause: "order-p1", amount: "50" },
      { cause: "order-p2", amount: "30" },
      { cause: "order-p3", amount: "70" },
    ]);
    const left = await t.db.query<{ id: string; points: string }>(
      "SELECT id, points::text FROM pending_lots WHERE tenant_id = $1 AND points > 0",
      [T],
    );
    expect(left.rows).toEqual([{ id: "p4", points: "40" }]);
    expect(await t.db.transaction((tx) => matureDue(tx, T, on))).toBe(0);
    expect(await verify(t.db, T)).toEqual({ differences: [], total: 0n });
  });
});
