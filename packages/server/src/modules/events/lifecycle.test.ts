// An order's life through the API: paid (its pending points then mature), cancelled before payment (pending
// voided, spent points given back), edited (a cancellation and a new order together).
import { parseDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { runDailyJobs } from "../../jobs/daily.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { balanceOf, verify } from "../ledger/service.ts";
import { pendingAccount, walletAccount } from "../members/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const TENANT = "life";

/** Points wait for payment and then 14 days; 2% of the net; a lot lasts 30 days. */
const PROGRAM = `
id: lifecycle
name: Paid then available
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
earning: { baseRate: "2%" }
pending: { untilPaid: true, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  key = (await bootstrap(app, TENANT, TOKEN)).ownerKey;
  const r = await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
}, 60_000);
afterAll(async () => {
  await t.drop();
});

const order = (orderId: string, date: string, companyId: string, qty: number, extra = {}) => ({
  type: "order",
  source: "erp",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity: qty, unitPrice: "1000.00" }],
  ...extra,
});

const send = <T = Record<string, unknown>>(body: unknown, headers?: Record<string, string>) =>
  call<T>(app, "POST", "/v1/events", { key, body, ...(headers ? { headers } : {}) });

const day = (text: string) => parseDay(text) as number;

async function wallet(member: string): Promise<{ available: number; pending: number }> {
  return {
    available: Number(await balanceOf(t.db, TENANT, walletAccount(member))),
    pending: Number(await balanceOf(t.db, TENANT, pendingAccount(member))),
  };
}

async function lots(member: string): Promise<{ granted: string; expires: string | null; left: number }[]> {
  const r = await t.db.query<{ granted_on: string; expires_on: string | null; remaining: string }>(
    `SELECT granted_on::text, expires_on::text, remaining::text FROM lots
     WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 ORDER BY granted_on, expires_on`,
    [TENANT, walletAccount(member)],
  );
  return r.rows.map((l) => ({ granted: l.granted_on, expires: l.expires_on, left: Number(l.remaining) }));
}

async function memberDay(member: string, date: string) {
  const r = await t.db.query<{ net_minor: string; orders: number; points: string }>(
    "SELECT net_minor::text, orders, points::text FROM member_days WHERE tenant_id = $1 AND member_id = $2 AND day = $3",
    [TENANT, member, date],
  );
  const d = r.rows[0];
  return d ? { net: Number(d.net_minor), orders: Number(d.orders), points: Number(d.points) } : null;
}

async function expectLedgerClean(): Promise<void> {
  expect(await verify(t.db, TENANT)).toEqual({ differences: [], total: 0n });
}

describe("order lifecycle", () => {
  it("a payment sets the day pending points mature, and the daily job then makes them available", async () => {
    // 10 × 1,000.00 at 2% → 200 points, pending with no day while the order is unpaid.
    expect((await send(order("P1", "2026-02-01", "PAY", 10))).status).toBe(201);
    await runDailyJobs(t.db, TENANT, day("2026-03-15"));
    expect(await wallet("PAY")).toEqual({ available: 0, pending: 200 });

    const paid = await send({ type: "payment", source: "erp", orderId: "P1", date: "2026-02-10" });
    expect(paid.status).toBe(201);
    // Paid on 10 February + a 14-day return window → available on 24 February.
    expect(paid.body).toMatchObject({
      replayed: false,
      result: { kind: "payment", paidOn: "2026-02-10", availableOn: "2026-02-24", pendingPoints: 200 },
    });
    const again = await send({ type: "payment", source: "erp", orderId: "P1", date: "2026-02-10" });
    expect(again).toMatchObject({ status: 200, body: { replayed: true, result: paid.body.result } });
    const other = await send<ErrorAnswer>({
      type: "payment",
      source: "erp",
      externalId: "bank-77",
      orderId: "P1",
      date: "2026-02-12",
    });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: "conflict", field: "orderId" });

    await runDailyJobs(t.db, TENANT, day("2026-02-23"));
    expect(await wallet("PAY")).toEqual({ available: 0, pending: 200 });
    await runDailyJobs(t.db, TENANT, day("2026-02-24"));
    expect(await wallet("PAY")).toEqual({ available: 200, pending: 0 });
    // A 30-day lot from its day of maturity.
    expect(await lots("PAY")).toEqual([{ granted: "2026-02-24", expires: "2026-03-25", left: 200 }]);
    await expectLedgerClean();
  });

  it("a cancellation after payment is refused with a 409 that asks for a return, and changes nothing", async () => {
    const r = await send<ErrorAnswer>({
      type: "cancellation",
      source: "erp",
      orderId: "P1",
      date: "2026-03-01",
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "conflict", field: "orderId" });
    expect(r.body.error.message).toContain("send a return");
    expect(await wallet("PAY")).toEqual({ available: 200, pending: 0 });
    const status = await t.db.query("SELECT cancelled_on FROM orders WHERE tenant_id = $1 AND id = 'P1'", [
      TENANT,
    ]);
    expect(status.rows).toEqual([{ cancelled_on: null }]);
    await expectLedgerClean();
  });

  it("a cancellation voids pending points and gives back spent points with their lots' expiry", async () => {
    // 200 points paid at once on 10 January: available on 24 January, lasting until 22 February (30 days).
    await send(order("K1", "2026-01-10", "CAN", 10, { paidOn: "2026-01-10" }));
    await runDailyJobs(t.db, TENANT, day("2026-01-24"));
    expect(await lots("CAN")).toEqual([{ granted: "2026-01-24", expires: "2026-02-22", left: 200 }]);
    // 5,000.00 less 150 points paid → net 4,850.00 → 97 points pending (unpaid).
    const k2 = await send(order("K2", "2026-02-01", "CAN", 5, { pointsToRedeem: 150 }));
    expect(k2.body).toMatchObject({ result: { pointsRedeemed: 150, net: "4850.00", pointsEarned: 97 } });
    expect(await wallet("CAN")).toEqual({ available: 50, pending: 97 });

    const cancel = { type: "cancellation", source: "erp", orderId: "K2", date: "2026-02-03" };
    const r = await send(cancel);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      result: {
        kind: "cancellation",
        orderId: "K2",
        date: "2026-02-03",
        pointsVoided: 97,
        pointsRefunded: 150,
      },
    });
    expect(await wallet("CAN")).toEqual({ available: 200, pending: 0 });
    // The 150 points come back with the dates of the lot they were taken from.
    expect(await lots("CAN")).toEqual([
      { granted: "2026-01-24", expires: "2026-02-22", left: 50 },
      { granted: "2026-01-24", expires: "2026-02-22", left: 150 },
    ]);
    // The order's day is as if it had never been: no purchase, no order, no points.
    expect(await memberDay("CAN", "2026-02-01")).toEqual({ net: 0, orders: 0, points: 0 });
    const m = await t.db.query<{ order_count: number; last_order_on: string }>(
      "SELECT order_count, last_order_on::text FROM members WHERE tenant_id = $1 AND id = 'CAN'",
      [TENANT],
    );
    expect(m.rows[0]).toEqual({ order_count: 1, last_order_on: "2026-01-10" });
    const voided = await t.db.query<{ code: string; amount: string }>(
      `SELECT t.code, p.amount::text FROM ledger_transactions t JOIN postings p
         ON p.tenant_id = t.tenant_id AND p.transaction_id = t.id
       WHERE t.tenant_id = $1 AND t.cause = $2 ORDER BY t.code`,
      [TENANT, (r.body as { eventId: string }).eventId],
    );
    expect(voided.rows).toEqual([
      { code: "refund", amount: "150" },
      { code: "void", amount: "97" },
    ]);

    // Sent again: the same answer; another cancellation, a return or a payment of it: refused.
    expect(await send(cancel)).toMatchObject({ status: 200, body: { replayed: true } });
    const twice = await send<ErrorAnswer>({ ...cancel, externalId: "c-2" });
    expect(twice.status).toBe(409);
    const ret = await send<ErrorAnswer>({
      type: "return",
      source: "erp",
      externalId: "r-k2",
      orderId: "K2",
      date: "2026-02-04",
      lines: [{ sku: "A", unitPrice: "1000.00", quantity: 1 }],
    });
    expect(ret.status).toBe(409);
    expect(ret.body.error.field).toBe("orderId");
    const pay = await send({ type: "payment", source: "erp", orderId: "K2", date: "2026-02-05" });
    expect(pay.status).toBe(409);
    expect(await wallet("CAN")).toEqual({ available: 200, pending: 0 });

    // The given-back points expire on the day their lot would have.
    await runDailyJobs(t.db, TENANT, day("2026-02-22"));
    expect(await wallet("CAN")).toEqual({ available: 200, pending: 0 });
    await runDailyJobs(t.db, TENANT, day("2026-02-23"));
    expect(await wallet("CAN")).toEqual({ available: 0, pending: 0 });
    await expectLedgerClean();
  });

  it("refuses a cancellation once an unpaid order's points are available, where points do not wait for payment", async () => {
    const other = (await bootstrap(app, "life-window", TOKEN)).ownerKey;
    const definition = PROGRAM.replace(
      "untilPaid: true, returnWindowDays: 14",
      "untilPaid: false, returnWindowDays: 7",
    );
    await call(app, "POST", "/v1/programs", { key: other, body: { definition } });
    const post = (body: unknown) => call<ErrorAnswer>(app, "POST", "/v1/events", { key: other, body });
    await post(order("W1", "2026-03-01", "WIN", 10));
    await post(order("W2", "2026-03-01", "WIN", 5));
    // Available on 8 March: the day before, a cancellation voids the 200 points; on the day, it is refused.
    const early = await post({ type: "cancellation", orderId: "W1", date: "2026-03-07" });
    expect(early.status).toBe(201);
    const late = await post({ type: "cancellation", orderId: "W2", date: "2026-03-08" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain("became available on 2026-03-08");
    expect(Number(await balanceOf(t.db, "life-window", pendingAccount("WIN")))).toBe(100);
    expect(await verify(t.db, "life-window")).toEqual({ differences: [], total: 0n });
  });

  it("an edited order cancels the one it replaces and is taken in its place, in one go", async () => {
    await send(order("E1", "2026-03-01", "EDIT", 10));
    expect(await wallet("EDIT")).toEqual({ available: 0, pending: 200 });
    const edit = order("E1-2", "2026-03-02", "EDIT", 8, { replaces: "E1" });
    const r = await send(edit);
    expect(r.status).toBe(201);
    // 8 × 1,000.00 at 2% → 160 points; the 200 of E1 voided.
    expect(r.body).toMatchObject({
      result: {
        kind: "order",
        orderId: "E1-2",
        pointsEarned: 160,
        replaced: { kind: "cancellation", orderId: "E1", pointsVoided: 200, pointsRefunded: 0 },
      },
    });
    expect(await wallet("EDIT")).toEqual({ available: 0, pending: 160 });
    expect(await memberDay("EDIT", "2026-03-01")).toEqual({ net: 0, orders: 0, points: 0 });
    expect(await memberDay("EDIT", "2026-03-02")).toEqual({ net: 800_000, orders: 1, points: 160 });
    expect(await send(edit)).toMatchObject({ status: 200, body: { replayed: true, result: r.body.result } });

    // Replacing a paid order is refused whole: the new order is not taken either.
    const paid = await send<ErrorAnswer>(order("P1-2", "2026-03-03", "PAY", 1, { replaces: "P1" }));
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: "conflict", field: "replaces" });
    const own = await send<ErrorAnswer>(order("E1-2b", "2026-03-03", "EDIT", 1, { replaces: "E1" }));
    expect(own.status).toBe(409);
    const gone = await t.db.query(
      "SELECT id FROM orders WHERE tenant_id = $1 AND id IN ('P1-2', 'E1-2b') UNION ALL SELECT external_id FROM events WHERE tenant_id = $1 AND external_id IN ('P1-2', 'E1-2b')",
      [TENANT],
    );
    expect(gone.rows).toEqual([]);
    const self = await send<ErrorAnswer>(order("E9", "2026-03-03", "EDIT", 1, { replaces: "E9" }));
    expect(self.status).toBe(422);
    expect(self.body.error.field).toBe("replaces");
    expect(await wallet("EDIT")).toEqual({ available: 0, pending: 160 });
    await expectLedgerClean();
  });

  it("honours an Idempotency-Key on a cancellation", async () => {
    await send(order("I1", "2026-03-05", "IDEM", 3));
    const headers = { "idempotency-key": "cancel-i1" };
    const body = { type: "cancellation", source: "erp", orderId: "I1", date: "2026-03-06" };
    const first = await send(body, headers);
    const again = await send(body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await send({ ...body, date: "2026-03-07" }, headers);
    expect(other.status).toBe(409);
    expect(await wallet("IDEM")).toEqual({ available: 0, pending: 0 });
  });
});
