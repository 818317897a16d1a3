// Random histories for the property tests: operations of a few members over a few months (orders, returns,
// payments, cancellations, holds, adjustments) sent through the HTTP app with the day's jobs run day by day,
// the invariants every history must keep, and the rows the engine's replay reads for the same history.
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type Day, formatDay, type OrderRow, parseDay } from "@patron/engine";
import fc from "fast-check";
import { expect } from "vitest";
import { row } from "../../../../engine/src/testing.ts";
import type { Db } from "../../db/db.ts";
import type { AppEnv } from "../../http/context.ts";
import { call } from "../../http/testing.ts";
import { runDailyJobs } from "../../jobs/daily.ts";
import { verify } from "../ledger/service.ts";
import { expireHolds } from "../redemptions/service.ts";

/** A small catalogue: cheap and dear lines, so that tiers are reached and points paid in a few orders. */
export const CATALOGUE = [
  { sku: "BIG", category: "goods", price: "12500.00" },
  { sku: "LAMP-PACK", category: "lighting", price: "10.00" },
  { sku: "LENS-1", category: "lenses", price: "45.50" },
  { sku: "PROMO-A", category: "promo", price: "199.99" },
] as const;

export const MEMBERS = ["M1", "M2", "M3"] as const;

type Lines = { item: number; qty: number }[];

/** One operation, with selectors that name earlier orders and holds by index (taken modulo their count). */
export type Op = { wait: number } & (
  | { kind: "order"; member: number; lines: Lines; redeem: number | null; paid: boolean }
  | { kind: "return"; order: number; line: number; qty: number }
  | { kind: "payment"; order: number }
  | { kind: "cancel"; order: number }
  | { kind: "hold"; member: number; points: number; ttlMinutes: number }
  | { kind: "capture"; hold: number; lines: Lines }
  | { kind: "release"; hold: number }
  | { kind: "expireHolds" }
  | { kind: "adjust"; member: number; points: number }
);

/** Days to wait before an operation: mostly the same day or the next two, now and then weeks. */
const wait = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 25 }) },
);
const lines = fc.array(
  fc.record({ item: fc.nat({ max: CATALOGUE.length - 1 }), qty: fc.integer({ min: 1, max: 12 }) }),
  { minLength: 1, maxLength: 3 },
);
const member = fc.nat({ max: MEMBERS.length - 1 });
const pick = fc.nat({ max: 1000 });

const order = fc.record({
  wait,
  kind: fc.constant("order" as const),
  member,
  lines,
  redeem: fc.option(fc.integer({ min: 1, max: 8000 }), { nil: null, freq: 2 }),
  paid: fc.boolean(),
});
const ret = fc.record({
  wait,
  kind: fc.constant("return" as const),
  order: pick,
  line: pick,
  qty: fc.integer({ min: 1, max: 14 }),
});
const payment = fc.record({ wait, kind: fc.constant("payment" as const), order: pick });

/**
 * A history: its operations, and whether the day's jobs run on every day or, as a scheduler that missed days
 * would, only on the days something happens (they must then catch up to the same state).
 */
export interface History {
  everyDay: boolean;
  ops: Op[];
}

const history = (ops: fc.Arbitrary<Op[]>): fc.Arbitrary<History> =>
  fc.record({ everyDay: fc.boolean(), ops });

/** What the engine's replay understands: orders, returns and payments (as the order's paid day). */
export const engineOps: fc.Arbitrary<History> = history(
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: order },
      { weight: 2, arbitrary: ret },
      { weight: 2, arbitrary: payment },
    ),
    { minLength: 15, maxLength: 30 },
  ),
);

/** Every kind of operation. */
export const allOps: fc.Arbitrary<History> = history(
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: order },
      { weight: 2, arbitrary: ret },
      { weight: 2, arbitrary: payment },
      { weight: 1, arbitrary: fc.record({ wait, kind: fc.constant("cancel" as const), order: pick }) },
      {
        weight: 2,
        arbitrary: fc.record({
          wait,
          kind: fc.constant("hold" as const),
          member,
          points: fc.integer({ min: 1, max: 1200 }),
          ttlMinutes: fc.constantFrom(30, 24 * 60, 3 * 24 * 60, 7 * 24 * 60),
        }),
      },
      { weight: 3, arbitrary: fc.record({ wait, kind: fc.constant("capture" as const), hold: pick, lines }) },
      { weight: 1, arbitrary: fc.record({ wait, kind: fc.constant("release" as const), hold: pick }) },
      { weight: 1, arbitrary: fc.record({ wait, kind: fc.constant("expireHolds" as const) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          wait,
          kind: fc.constant("adjust" as const),
          member,
          points: fc.integer({ min: -3000, max: 3000 }).filter((n) => n !== 0),
        }),
      },
    ),
    { minLength: 15, maxLength: 30 },
  ),
);

/**
 * Histories that surely hold what random ones only may, run before the random ones so that a property's check
 * of what its histories exercised cannot fail by chance: an unpaid order paid later, points spent, a return, and
 * a month's wait for pending points to mature and lots to expire.
 */
export const coveringEngineOps: History = {
  everyDay: false,
  ops: [
    { wait: 0, kind: "order", member: 0, lines: [{ item: 0, qty: 6 }], redeem: null, paid: false },
    { wait: 1, kind: "payment", order: 1 },
    { wait: 1, kind: "return", order: 0, line: 0, qty: 2 },
    { wait: 10, kind: "order", member: 0, lines: [{ item: 2, qty: 3 }], redeem: 100, paid: true },
    { wait: 40, kind: "order", member: 1, lines: [{ item: 1, qty: 1 }], redeem: null, paid: true },
  ],
};

/** The same, with a hold captured, an adjustment and a cancellation. */
export const coveringAllOps: History = {
  everyDay: true,
  ops: [
    ...coveringEngineOps.ops,
    { wait: 0, kind: "hold", member: 0, points: 50, ttlMinutes: 24 * 60 },
    { wait: 0, kind: "capture", hold: 0, lines: [{ item: 1, qty: 2 }] },
    { wait: 1, kind: "adjust", member: 0, points: 500 },
    { wait: 0, kind: "order", member: 1, lines: [{ item: 3, qty: 1 }], redeem: null, paid: false },
    { wait: 0, kind: "cancel", order: 1 },
  ],
};

type App = OpenAPIHono<AppEnv>;

/** A request as sent, to send again with the same external id or Idempotency-Key. */
interface Sent {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey: string | null;
  status: number;
  answer: unknown;
}

interface OrderState {
  id: string;
  member: string;
  day: Day;
  lines: { sku: string; category: string; qty: number; price: string }[];
  redeem: number | null;
  paidDay: Day | null;
  cancelled: boolean;
  /** Units returned so far by SKU and price. */
  returned: Map<string, number>;
}

interface HoldState {
  id: string;
  member: string;
}

/** A history as the server took it: what was sent, and what the engine's replay needs of it. */
export interface Taken {
  firstDay: Day;
  lastDay: Day;
  sent: Sent[];
  orders: OrderState[];
  /** Accepted orders' and returns' answers, in the order they were taken. */
  orderResults: Record<string, unknown>[];
  returnResults: Record<string, unknown>[];
  /** Accepted orders and returns as rows of an orders file, in the order they were taken. */
  rows: OrderRow[];
  /** Operations by outcome (`order`, `hold.refused`, ...), to show what the histories exercised. */
  counts: Record<string, number>;
}

/** The simulated clock: 09:00 in Moscow on day `d`, plus `minutes`. */
const at = (d: Day, minutes = 0) => new Date(Date.parse(`${formatDay(d)}T06:00:00Z`) + minutes * 60_000);
/** The first instant of day `d` in Moscow: when the day's jobs run. */
const dayStart = (d: Day) => new Date(Date.parse(`${formatDay(d)}T00:00:00+03:00`));

export interface Runner {
  app: App;
  db: Db;
  tenantId: string;
  key: string;
  clock: { now: Date };
  allowDebt: boolean;
}

/**
 * Sends `ops` to a fresh tenant, running the day's jobs (maturation, expiry, hold expiry) before each day's
 * operations and one day past the last, and checks each answer against what the history so far allows.
 */
export async function runHistory(r: Runner, h: History, start = "2026-01-05"): Promise<Taken> {
  const firstDay = parseDay(start) as Day;
  const taken: Taken = {
    firstDay,
    lastDay: firstDay,
    sent: [],
    orders: [],
    orderResults: [],
    returnResults: [],
    rows: [],
    counts: {},
  };
  const count = (what: string) => {
    taken.counts[what] = (taken.counts[what] ?? 0) + 1;
  };
  const rowsByOrder = new Map<string, OrderRow[]>();
  const holds: HoldState[] = [];
  const ordered = new Set<string>();
  let day = firstDay;
  let minute = 0;
  let n = 0;
  const runJobs = async (d: Day) => {
    r.clock.now = dayStart(d);
    await expireHolds(r.db, r.tenantId, r.clock.now);
    await runDailyJobs(r.db, r.tenantId, d);
  };
  await runJobs(day);

  const send = async (
    method: string,
    path: string,
    body: unknown,
    idempotent: boolean,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const idempotencyKey = idempotent ? `idem-${n}` : null;
    const res = await call<Record<string, unknown>>(r.app, method, path, {
      key: r.key,
      body,
      ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
    });
    if (res.status >= 500)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    taken.sent.push({ method, path, body, idempotencyKey, status: res.status, answer: res.body });
    return res;
  };
  /** A refused request must change nothing. */
  let kind = "";
  const refusedCleanly = async (
    before: string,
    res: { status: number; body: Record<string, unknown> },
    codes: string[],
  ) => {
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    const error = res.body.error as { code: string; field: string | null };
    expect(codes, JSON.stringify(res.body)).toContain(error.code);
    count(`${kind}.refused`);
    expect(error.field).not.toBeNull();
    expect(await fingerprint(r.db, r.tenantId)).toBe(before);
  };

  for (const op of h.ops) {
    n++;
    if (op.wait > 0) {
      for (let d = h.everyDay ? day + 1 : day + op.wait; d <= day + op.wait; d++) await runJobs(d as Day);
      day = (day + op.wait) as Day;
      minute = 0;
    }
    minute += 10;
    r.clock.now = at(day, minute);
    const date = formatDay(day);
    kind = op.kind;
    // What a refusal must leave as it was (a plain order is never refused).
    const before =
      op.kind === "order" || op.kind === "expireHolds" ? "" : await fingerprint(r.db, r.tenantId);
    switch (op.kind) {
      case "order":
      case "capture": {
        const hold = op.kind === "capture" ? recent(holds, op.hold) : undefined;
        if (op.kind === "capture" && !hold) break;
        const companyId = hold ? hold.member : (MEMBERS[op.kind === "order" ? op.member : 0] as string);
        const orderLines = op.lines.map((l) => {
          const c = CATALOGUE[l.item] as (typeof CATALOGUE)[number];
          return { sku: c.sku, category: c.category, qty: l.qty, price: c.price };
        });
        const redeem = op.kind === "order" ? op.redeem : null;
        const paid = op.kind === "order" && op.paid;
        const held = hold ? await holdStatus(r.db, r.tenantId, hold.id) : null;
        const o: OrderState = {
          id: `O${n}`,
          member: companyId,
          day,
          lines: orderLines,
          redeem,
          paidDay: paid ? day : null,
          cancelled: false,
          returned: new Map(),
        };
        const res = await send(
          "POST",
          "/v1/events",
          {
            type: "order",
            source: "erp",
            orderId: o.id,
            date,
            companyId,
            lines: orderLines.map((l) => ({
              sku: l.sku,
              category: l.category,
              quantity: l.qty,
              unitPrice: l.price,
            })),
            ...(redeem === null ? {} : { pointsToRedeem: redeem }),
            ...(paid ? { paidOn: date } : {}),
            ...(hold ? { holdId: hold.id } : {}),
          },
          false,
        );
        if (held !== null && held !== "held") {
          await refusedCleanly(before, res, ["conflict"]);
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        taken.orders.push(o);
        ordered.add(companyId);
        const rows = orderLines.map((l, i) =>
          row("order", o.id, date, companyId, l.sku, l.category, l.qty, l.price, {
            pointsToRedeem: i === 0 ? redeem : null,
            paidOn: paid ? date : null,
          }),
        );
        rowsByOrder.set(o.id, rows);
        taken.rows.push(...rows);
        if (!hold) taken.orderResults.push(res.body.result as Record<string, unknown>);
        if (hold) expect(await holdStatus(r.db, r.tenantId, hold.id)).toBe("captured");
        count(op.kind);
        if (((res.body.result as { pointsRedeemed?: number }).pointsRedeemed ?? 0) > 0)
          count("order.redeemed");
        break;
      }
      case "return": {
        const o = taken.orders[op.order % Math.max(1, taken.orders.length)];
        if (!o) break;
        const l = o.lines[op.line % o.lines.length] as OrderState["lines"][number];
        const key = `${l.sku}@${l.price}`;
        const bought = o.lines
          .filter((x) => x.sku === l.sku && x.price === l.price)
          .reduce((s, x) => s + x.qty, 0);
        const left = bought - (o.returned.get(key) ?? 0);
        const res = await send(
          "POST",
          "/v1/events",
          {
            type: "return",
            source: "erp",
            externalId: `R${n}`,
            orderId: o.id,
            date,
            lines: [{ sku: l.sku, unitPrice: l.price, quantity: op.qty }],
          },
          false,
        );
        if (o.cancelled || op.qty > left) {
          await refusedCleanly(before, res, o.cancelled ? ["conflict"] : ["validation_failed"]);
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        o.returned.set(key, (o.returned.get(key) ?? 0) + op.qty);
        taken.rows.push(row("return", o.id, date, o.member, l.sku, l.category, op.qty, l.price));
        taken.returnResults.push(res.body.result as Record<string, unknown>);
        count("return");
        break;
      }
      case "payment":
      case "cancel": {
        // Mostly an order still open; now and then any order, which may be refused.
        const open = taken.orders.filter((x) => x.paidDay === null && !x.cancelled);
        const pool = op.order % 4 === 0 || open.length === 0 ? taken.orders : open;
        const o = pool[op.order % Math.max(1, pool.length)];
        if (!o) break;
        const type = op.kind === "payment" ? "payment" : "cancellation";
        const res = await send(
          "POST",
          "/v1/events",
          { type, source: "erp", externalId: `${type}-${n}`, orderId: o.id, date },
          false,
        );
        if (o.cancelled || o.paidDay !== null) {
          await refusedCleanly(before, res, ["conflict"]);
          break;
        }
        if (op.kind === "payment") {
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          o.paidDay = day;
          count("payment");
          for (const x of rowsByOrder.get(o.id) ?? []) x.paidOn = date;
        } else if (res.status === 201) {
          o.cancelled = true;
          count("cancel");
        }
        // A cancellation after the order's points became available is refused: a return must take them back.
        else await refusedCleanly(before, res, ["conflict"]);
        break;
      }
      case "hold": {
        const memberId = MEMBERS[op.member] as string;
        if (!ordered.has(memberId)) break;
        const spendable = await lotsOf(r.db, r.tenantId, memberId);
        const res = await send(
          "POST",
          "/v1/redemptions",
          { memberId, points: op.points, expiresInMinutes: op.ttlMinutes },
          true,
        );
        if (op.points > spendable) {
          await refusedCleanly(before, res, ["insufficient_points", "validation_failed"]);
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        holds.push({ id: res.body.id as string, member: memberId });
        count("hold");
        break;
      }
      case "release": {
        const hold = recent(holds, op.hold);
        if (!hold) break;
        const held = await holdStatus(r.db, r.tenantId, hold.id);
        const res = await send("POST", `/v1/redemptions/${hold.id}/cancel`, undefined, true);
        if (held !== "held") {
          await refusedCleanly(before, res, ["conflict"]);
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.status).toBe("cancelled");
        count("release");
        break;
      }
      case "expireHolds":
        await expireHolds(r.db, r.tenantId, r.clock.now);
        break;
      case "adjust": {
        const memberId = MEMBERS[op.member] as string;
        if (!ordered.has(memberId)) break;
        const balance = await balanceOfWallet(r.db, r.tenantId, memberId);
        const res = await send(
          "POST",
          `/v1/members/${memberId}/adjustments`,
          { points: op.points, reason: `property test ${n}` },
          true,
        );
        if (op.points < 0 && -op.points > Math.max(0, balance) && !r.allowDebt) {
          await refusedCleanly(before, res, ["validation_failed"]);
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.status).toBe("posted");
        count(op.points > 0 ? "credit" : "debit");
        break;
      }
    }
  }
  // One more day: what came back past its last day expires, and what is due matures.
  day = (day + 1) as Day;
  await runJobs(day);
  taken.lastDay = day;
  const codes = await r.db.query<{ code: string; n: string }>(
    "SELECT code, count(*)::text AS n FROM ledger_transactions WHERE tenant_id = $1 GROUP BY code",
    [r.tenantId],
  );
  for (const c of codes.rows) taken.counts[`ledger.${c.code}`] = Number(c.n);
  return taken;
}

/** One of the last three holds: holds are captured or cancelled soon after they are made. */
function recent<T>(items: readonly T[], pick: number): T | undefined {
  return items[items.length - 1 - (pick % Math.min(3, Math.max(1, items.length)))];
}

/** Everything a refused or repeated request must leave as it was: balances, lots, events, holds. */
export async function fingerprint(db: Db, tenantId: string): Promise<string> {
  const r = await db.query<Record<string, string | null>>(
    `SELECT (SELECT count(*) FROM postings WHERE tenant_id = $1)::text AS postings,
       (SELECT string_agg(id || '=' || balance::text, ',' ORDER BY id) FROM accounts WHERE tenant_id = $1) AS accounts,
       (SELECT coalesce(sum(balance), 0) FROM account_stripes WHERE tenant_id = $1)::text AS stripes,
       (SELECT string_agg(account_id || ':' || remaining::text || ':' || coalesce(expires_on::text, '-'), ','
          ORDER BY account_id, granted_on, expires_on, remaining) FROM lots WHERE tenant_id = $1 AND remaining > 0) AS lots,
       (SELECT string_agg(id || ':' || points::text || ':' || coalesce(available_on::text, '-'), ',' ORDER BY id)
          FROM pending_lots WHERE tenant_id = $1) AS pending,
       (SELECT count(*) FROM events WHERE tenant_id = $1)::text AS events,
       (SELECT count(*) FROM orders WHERE tenant_id = $1)::text AS orders,
       (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM holds WHERE tenant_id = $1) AS holds,
       (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM adjustments WHERE tenant_id = $1) AS adjustments,
       (SELECT string_agg(id || ':' || coalesce(tier, '-') || ':' || order_count::text || ':' || counters::text, ','
          ORDER BY id) FROM members WHERE tenant_id = $1) AS members`,
    [tenantId],
  );
  return JSON.stringify(r.rows[0]);
}

async function holdStatus(db: Db, tenantId: string, id: string): Promise<string> {
  const r = await db.query<{ status: string }>("SELECT status FROM holds WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    id,
  ]);
  return r.rows[0]?.status ?? "none";
}

/** The points a member's wallet may spend: what is left of its lots. */
async function lotsOf(db: Db, tenantId: string, memberId: string): Promise<number> {
  const r = await db.query<{ left: string }>(
    "SELECT coalesce(sum(remaining), 0)::text AS left FROM lots WHERE tenant_id = $1 AND account_id = $2",
    [tenantId, `wallet:${memberId}`],
  );
  return Number(r.rows[0]?.left ?? 0);
}

async function balanceOfWallet(db: Db, tenantId: string, memberId: string): Promise<number> {
  const r = await db.query<{ balance: string }>(
    "SELECT balance::text FROM accounts WHERE tenant_id = $1 AND id = $2",
    [tenantId, `wallet:${memberId}`],
  );
  return Number(r.rows[0]?.balance ?? 0);
}

/**
 * What holds after any history: the ledger re-adds to its balances and sums to zero; no wallet is below zero
 * unless the program allows debt; a wallet's lots hold exactly what it may spend (nothing while in debt);
 * pending and hold accounts hold exactly their pending lots and held holds; the day's jobs left nothing due.
 */
export async function expectInvariants(r: Runner, lastDay: Day): Promise<void> {
  expect(await verify(r.db, r.tenantId)).toEqual({ differences: [], total: 0n });
  const accounts = await r.db.query<{
    id: string;
    kind: string;
    balance: string;
    allow_negative: boolean;
    lots: string;
    pending: string;
    held: string;
  }>(
    `SELECT a.id, a.kind, a.balance::text, a.allow_negative,
       (SELECT coalesce(sum(remaining), 0) FROM lots l WHERE l.tenant_id = a.tenant_id AND l.account_id = a.id)::text AS lots,
       (SELECT coalesce(sum(points), 0) FROM pending_lots p
          WHERE p.tenant_id = a.tenant_id AND 'pending:' || substr(p.account_id, 8) = a.id)::text AS pending,
       (SELECT coalesce(sum(points), 0) FROM holds h
          WHERE h.tenant_id = a.tenant_id AND 'hold:' || h.member_id = a.id AND h.status = 'held')::text AS held
     FROM accounts a WHERE a.tenant_id = $1 AND a.kind IN ('wallet', 'pending', 'hold') ORDER BY a.id`,
    [r.tenantId],
  );
  // A history in which nothing took effect (every order returned or refused before it earned) moves nothing
  // and opens no wallet; otherwise the checks below must have wallets to check.
  const moved = await r.db.query("SELECT 1 FROM ledger_transactions WHERE tenant_id = $1 LIMIT 1", [
    r.tenantId,
  ]);
  if (moved.rows.length > 0) expect(accounts.rows.length).toBeGreaterThan(0);
  for (const a of accounts.rows) {
    const balance = Number(a.balance);
    if (a.kind === "wallet") {
      if (!r.allowDebt) expect(balance, `${a.id} balance`).toBeGreaterThanOrEqual(0);
      expect(a.allow_negative, `${a.id} allows debt`).toBe(r.allowDebt);
      expect(Number(a.lots), `${a.id} lots against its balance ${balance}`).toBe(Math.max(0, balance));
    } else if (a.kind === "pending") {
      expect(balance, `${a.id} against its pending lots`).toBe(Number(a.pending));
    } else {
      expect(balance, `${a.id} against its held holds`).toBe(Number(a.held));
    }
  }
  const due = await r.db.query(
    `SELECT 'lot' AS what, id FROM lots WHERE tenant_id = $1 AND remaining > 0 AND expires_on < $2
     UNION ALL
     SELECT 'pending', id FROM pending_lots WHERE tenant_id = $1 AND points > 0 AND available_on <= $2`,
    [r.tenantId, formatDay(lastDay)],
  );
  expect(due.rows).toEqual([]);
}

/** Sends every request again with its external id or Idempotency-Key: the same answers, and nothing changes. */
export async function expectReplaysChangeNothing(r: Runner, taken: Taken): Promise<void> {
  const before = await fingerprint(r.db, r.tenantId);
  for (const s of taken.sent) {
    // An event refused is not stored: only accepted events are replayed by their external ids.
    if (s.idempotencyKey === null && s.status >= 400) continue;
    const again = await call<Record<string, unknown>>(r.app, s.method, s.path, {
      key: r.key,
      body: s.body,
      ...(s.idempotencyKey ? { headers: { "idempotency-key": s.idempotencyKey } } : {}),
    });
    if (s.idempotencyKey === null) {
      expect(again.status, `${s.path} ${JSON.stringify(s.body)}`).toBe(200);
      const first = s.answer as { eventId: string; result: unknown };
      expect(again.body).toEqual({ eventId: first.eventId, replayed: true, result: first.result });
    } else {
      expect(again.status, `${s.path} ${JSON.stringify(s.body)}`).toBe(s.status);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      const { requestId: _, ...firstError } = ((s.answer as { error?: object }).error ?? {}) as Record<
        string,
        unknown
      >;
      const { requestId: __, ...againError } = ((again.body as { error?: object }).error ?? {}) as Record<
        string,
        unknown
      >;
      if (s.status >= 400) expect(againError).toEqual(firstError);
      else expect(again.body).toEqual(s.answer);
    }
  }
  expect(await fingerprint(r.db, r.tenantId)).toBe(before);
}
