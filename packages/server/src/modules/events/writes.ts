// A chunk's writes held back and sent together: while a chunk's events run as one (see batch.ts), what each
// order writes at its end (its ledger transactions, lots, the order, the member's counters and day, the event's
// answer, its webhook messages) is kept here and sent for many orders in one multi-row statement, instead of
// one statement per order. Any other statement sent through the buffer sends what is held first, so every
// read and every write still sees what came before it, in order.
import { type Day, formatDay } from "@patron/engine";
import type { Param, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import { explainRefusal, LedgerError, type Posting, STRIPED_KINDS, stripeOf } from "../ledger/service.ts";
import { pgArray } from "./chunk.ts";
import { type OrderWrite, orderFigures } from "./statements.ts";

/** The most orders held before they are sent: a bound on one statement's size (about 40 values an order). */
export const MAX_HELD_ORDERS = 250;

interface HeldTransaction {
  id: string;
  code: string;
  cause: string;
  postings: readonly Posting[];
}

interface HeldLot {
  id: string;
  account: string;
  points: number;
  grantedOn: Day;
  expiresOn: Day | null;
  source: string;
}

interface HeldTierChange {
  id: string;
  memberId: string;
  day: Day;
  from: string | null;
  to: string;
  benefits: unknown;
}

interface HeldPendingLot {
  account: string;
  orderId: string;
  points: number;
  availableOn: Day | null;
  expiry: unknown;
}

/**
 * A transaction's statements, with some writes held back (see the file's head). It is the `Queryable` the
 * chunk's events are given: `query` sends what is held, then the statement.
 */
export class WriteBuffer implements Queryable {
  private transactions: HeldTransaction[] = [];
  private lots: HeldLot[] = [];
  /** Points taken from lots, by lot id. */
  private takes = new Map<string, number>();
  private pendingLots: HeldPendingLot[] = [];
  private orders: OrderWrite[] = [];
  private messages: { type: string; payload: unknown }[] = [];
  private tierChanges: HeldTierChange[] = [];
  /** Accounts whose lots have a write held: their lots are read only after it is sent. */
  private lotAccounts = new Set<string>();

  /** The tenant of what is held: one per buffer. */
  private tenantId: string | null = null;

  constructor(
    /** The transaction the writes go to. */
    readonly through: Queryable,
  ) {}

  private of(tenantId: string): void {
    if (this.tenantId !== null && this.tenantId !== tenantId)
      throw new Error(`a buffer of tenant ${this.tenantId} was given a write of ${tenantId}`);
    this.tenantId = tenantId;
  }

  async query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly Param[],
  ): Promise<{ rows: T[]; rowCount: number }> {
    await this.flush();
    return this.through.query<T>(sql, params);
  }

  /** Whether a statement reading `account`'s lots may skip what is held: nothing held writes them. */
  holdsLotsOf(account: string): boolean {
    return this.lotAccounts.has(account);
  }

  /** A ledger transaction, its balances changed when it is sent (refused then, as `post` refuses it). */
  post(tenantId: string, t: { code: string; cause: string; postings: readonly Posting[] }): void {
    this.of(tenantId);
    for (const p of t.postings) {
      if (Number(p.amount) <= 0)
        throw new LedgerError("bad_posting", "a posting moves more than zero points");
      if (p.from === p.to)
        throw new LedgerError("bad_posting", "a posting moves points between two accounts", p.from);
    }
    this.transactions.push({ id: newId("txn"), ...t });
  }

  lot(tenantId: string, lot: HeldLot): void {
    this.of(tenantId);
    this.lots.push(lot);
    this.lotAccounts.add(lot.account);
  }

  /** Points taken from an account's lots (read through `through` before anything for them was held). */
  take(tenantId: string, account: string, ids: readonly string[], points: readonly number[]): void {
    this.of(tenantId);
    ids.forEach((id, i) => {
      this.takes.set(id, (this.takes.get(id) ?? 0) + (points[i] ?? 0));
    });
    this.lotAccounts.add(account);
  }

  pendingLot(tenantId: string, lot: HeldPendingLot): void {
    this.of(tenantId);
    this.pendingLots.push(lot);
  }

  /** A member's level changed by an order's evaluation (the change is its own webhook message). */
  tierChange(tenantId: string, c: HeldTierChange): void {
    this.of(tenantId);
    this.tierChanges.push(c);
  }

  /**
   * An order's own writes and its webhook messages. A member's orders held together are written as they would
   * be one after another: its row once, with the last order's counters and level; its days' sums added up.
   */
  order(o: OrderWrite, messages: readonly { type: string; payload: unknown }[]): void {
    this.of(o.tenantId);
    this.orders.push(o);
    this.messages.push(...messages);
  }

  /** Whether enough is held that it should be sent now. */
  get full(): boolean {
    return this.orders.length >= MAX_HELD_ORDERS;
  }

  /** Sends everything held, in one statement; throws a LedgerError when a balance refuses its postings. */
  async flush(): Promise<void> {
    const tenantId = this.tenantId;
    if (tenantId === null) return;
    const held = {
      transactions: this.transactions,
      lots: this.lots,
      takes: this.takes,
      pendingLots: this.pendingLots,
      orders: this.orders,
      messages: this.messages,
      tierChanges: this.tierChanges,
    };
    this.transactions = [];
    this.lots = [];
    this.takes = new Map();
    this.pendingLots = [];
    this.orders = [];
    this.messages = [];
    this.tierChanges = [];
    this.lotAccounts.clear();
    this.tenantId = null;
    await send(this.through, tenantId, stripeOf(this.through), held);
  }
}

/** The buffer a statement goes through, when it is one. */
export function bufferOf(q: Queryable): WriteBuffer | null {
  return q instanceof WriteBuffer ? q : null;
}

/**
 * Each account's change and the lowest its balance reaches on the way (the postings taken in order), so that
 * a guarded balance is checked as if each transaction were posted alone.
 */
function accountChanges(transactions: readonly HeldTransaction[]): { id: string; d: bigint; low: bigint }[] {
  const byId = new Map<string, { d: bigint; low: bigint }>();
  for (const t of transactions) {
    const delta = new Map<string, bigint>();
    for (const p of t.postings) {
      const amount = BigInt(p.amount);
      delta.set(p.from, (delta.get(p.from) ?? 0n) - amount);
      delta.set(p.to, (delta.get(p.to) ?? 0n) + amount);
    }
    for (const [id, d] of delta) {
      const a = byId.get(id) ?? { d: 0n, low: 0n };
      a.d += d;
      if (a.d < a.low) a.low = a.d;
      byId.set(id, a);
    }
  }
  return [...byId].map(([id, a]) => ({ id, ...a })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A member's row as its held orders leave it, taken in order: each order sets the counters, the level and the
 * last order's day; `order_count` grows by `n`. The level's start day is the day of the first order of the
 * last run of orders at the final level: set outright when the level changed between two held orders
 * (`changedInside`), else only when it differs from the stored level, as the first order's own write would.
 */
interface MemberWrite {
  id: string;
  counters: unknown;
  n: number;
  lastDay: Day;
  tier: string | null;
  runDay: Day;
  changedInside: boolean;
}

function memberWrites(orders: readonly OrderWrite[]): MemberWrite[] {
  const byId = new Map<string, MemberWrite>();
  for (const w of orders) {
    const m = byId.get(w.memberId);
    if (!m) {
      byId.set(w.memberId, {
        id: w.memberId,
        counters: w.counters,
        n: 1,
        lastDay: w.day,
        tier: w.tier,
        runDay: w.day,
        changedInside: false,
      });
      continue;
    }
    if (w.tier !== m.tier) {
      m.runDay = w.day;
      m.changedInside = true;
    }
    m.counters = w.counters;
    m.n += 1;
    m.lastDay = w.day;
    m.tier = w.tier;
  }
  return [...byId.values()];
}

/** The held orders' sums by member and day, as the daily history adds them up. */
function dayWrites(orders: readonly OrderWrite[]) {
  const byKey = new Map<string, { member: string; day: Day; net: number; orders: number; points: number }>();
  for (const w of orders) {
    const key = `${w.memberId}\u0000${w.day}`;
    const d = byKey.get(key);
    if (d) {
      d.net += w.netMinor;
      d.orders += 1;
      d.points += w.pointsEarned;
    } else
      byKey.set(key, { member: w.memberId, day: w.day, net: w.netMinor, orders: 1, points: w.pointsEarned });
  }
  return [...byKey.values()];
}

const date = (d: Day | null) => (d === null ? null : formatDay(d));
const text = (v: number | bigint) => String(v);

async function send(
  tx: Queryable,
  tenantId: string,
  stripe: number,
  held: {
    transactions: HeldTransaction[];
    lots: HeldLot[];
    takes: Map<string, number>;
    pendingLots: HeldPendingLot[];
    orders: OrderWrite[];
    messages: { type: string; payload: unknown }[];
    tierChanges: HeldTierChange[];
  },
): Promise<void> {
  const accounts = accountChanges(held.transactions);
  const entries = held.transactions.flatMap((t) => t.postings.map((p, seq) => ({ t: t.id, seq, ...p })));
  const params: Param[] = [tenantId, stripe];
  const arr = (values: readonly (string | null)[]) => {
    params.push(pgArray(values));
    return `$${params.length}`;
  };
  // JSON values go as one JSON array, stringified once, rather than as an array literal of JSON texts, whose
  // quotes each take an escape to build and to read back.
  const jsonArr = (values: readonly unknown[]) => {
    params.push(JSON.stringify(values));
    return `ARRAY(SELECT v FROM jsonb_array_elements($${params.length}::jsonb) WITH ORDINALITY AS j(v, i) ORDER BY i)`;
  };
  // The same for the json columns of orders (migration 0046), which keep the values' text.
  const jsonTexts = (values: readonly unknown[]) => {
    params.push(JSON.stringify(values));
    return `ARRAY(SELECT v FROM json_array_elements($${params.length}::json) WITH ORDINALITY AS j(v, i) ORDER BY i)`;
  };
  const o = held.orders;
  // Rows are found by key. The accounts are looked up one probe each (a lateral subquery); each other join to a
  // table also names its keys as an array (`id = ANY(...)`). The statement is planned once per connection, often
  // while the tables are small, and the planner then chose to read all of the tenant's rows (it thought it had a
  // few) for every later chunk.
  const accountIds = arr(accounts.map((a) => a.id));
  const takeIds = arr([...held.takes.keys()]);
  const ms = memberWrites(o);
  const days = dayWrites(o);
  const memberIds = arr(ms.map((m) => m.id));
  const orderIds = arr(o.map((w) => w.orderId));
  const figures = o.map((w) => orderFigures(w.outcome));
  const r = await tx.query<{ changed: string; entries: string }>(
    `WITH x AS (SELECT * FROM unnest(${accountIds}::text[], ${arr(accounts.map((a) => text(a.d)))}::bigint[],
                  ${arr(accounts.map((a) => text(a.low)))}::bigint[]) AS x(id, d, low)),
     target AS (
       SELECT a.id, x.d, x.low, a.kind IN ${STRIPED_KINDS} AS striped
       FROM x CROSS JOIN LATERAL (
         SELECT id, kind FROM accounts WHERE tenant_id = $1 AND id = x.id LIMIT 1
       ) a
     ),
     own AS (
       UPDATE accounts a SET balance = a.balance + t.d FROM target t
       WHERE a.tenant_id = $1 AND a.id = t.id AND a.id = ANY(${accountIds}::text[]) AND NOT t.striped AND (a.allow_negative OR a.balance + t.low >= 0)
       RETURNING a.id
     ),
     striped AS (
       INSERT INTO account_stripes (tenant_id, account_id, stripe, balance)
       SELECT $1, t.id, $2, t.d FROM target t WHERE t.striped
       ON CONFLICT (tenant_id, account_id, stripe) DO UPDATE SET balance = account_stripes.balance + EXCLUDED.balance
       RETURNING account_id
     ),
     txn AS (
       INSERT INTO ledger_transactions (tenant_id, id, code, cause)
       SELECT $1, u.id, u.code, u.cause
       FROM unnest(${arr(held.transactions.map((t) => t.id))}::text[], ${arr(held.transactions.map((t) => t.code))}::text[],
         ${arr(held.transactions.map((t) => t.cause))}::text[]) AS u(id, code, cause)
       WHERE (SELECT count(*) FROM target) = ${accounts.length}
     ),
     entries AS (
       INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
       SELECT $1, u.t, u.seq, u.f, u.tt, u.amount
       FROM unnest(${arr(entries.map((e) => e.t))}::text[], ${arr(entries.map((e) => text(e.seq)))}::int[],
         ${arr(entries.map((e) => e.from))}::text[], ${arr(entries.map((e) => e.to))}::text[],
         ${arr(entries.map((e) => text(e.amount)))}::bigint[]) AS u(t, seq, f, tt, amount)
       WHERE (SELECT count(*) FROM target) = ${accounts.length}
       RETURNING 1
     ),
     w_lots AS (
       INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       SELECT $1, u.id, u.a, u.g, u.e, u.r, u.s
       FROM unnest(${arr(held.lots.map((l) => l.id))}::text[], ${arr(held.lots.map((l) => l.account))}::text[],
         ${arr(held.lots.map((l) => formatDay(l.grantedOn)))}::date[], ${arr(held.lots.map((l) => date(l.expiresOn)))}::date[],
         ${arr(held.lots.map((l) => text(l.points)))}::bigint[], ${arr(held.lots.map((l) => l.source))}::text[])
         AS u(id, a, g, e, r, s)
     ),
     w_takes AS (
       UPDATE lots l SET remaining = l.remaining - u.take
       FROM unnest(${takeIds}::text[], ${arr([...held.takes.values()].map(text))}::bigint[]) AS u(id, take)
       WHERE l.tenant_id = $1 AND l.id = u.id AND l.id = ANY(${takeIds}::text[])
     ),
     w_pending AS (
       INSERT INTO pending_lots (tenant_id, id, account_id, order_id, points, available_on, expiry)
       SELECT $1, u.id, u.a, u.o, u.p, u.d, u.e
       FROM unnest(${arr(held.pendingLots.map(() => newId("pnd")))}::text[], ${arr(held.pendingLots.map((l) => l.account))}::text[],
         ${arr(held.pendingLots.map((l) => l.orderId))}::text[], ${arr(held.pendingLots.map((l) => text(l.points)))}::bigint[],
         ${arr(held.pendingLots.map((l) => date(l.availableOn)))}::date[],
         ${jsonArr(held.pendingLots.map((l) => l.expiry))}) AS u(id, a, o, p, d, e)
     ),
     o_in AS (
       SELECT * FROM unnest(${arr(o.map((w) => w.memberId))}::text[], ${arr(o.map((w) => formatDay(w.day)))}::date[],
         ${arr(o.map((w) => text(w.netMinor)))}::bigint[], ${arr(o.map((w) => text(w.pointsEarned)))}::bigint[],
         ${arr(o.map((w) => w.source))}::text[], ${orderIds}::text[],
         ${jsonArr(o.map((w) => w.result))}, ${arr(o.map((w) => text(w.grossMinor)))}::bigint[],
         ${arr(o.map((w) => text(w.discountMinor)))}::bigint[], ${arr(o.map((w) => text(w.pointsRedeemed)))}::bigint[],
         ${jsonTexts(o.map((w) => w.outcome))}, ${jsonTexts(o.map((w) => w.consumed))},
         ${arr(o.map((w) => date(w.paidOn)))}::date[], ${arr(figures.map((f) => text(f.lineCount)))}::int[],
         ${arr(figures.map((f) => text(f.costedNetMinor)))}::bigint[], ${arr(figures.map((f) => text(f.costMinor)))}::bigint[],
         ${arr(figures.map((f) => f.referrerId))}::text[],
         ${arr(figures.map((f) => (f.referralPoints === null ? null : text(f.referralPoints))))}::bigint[])
         AS u(member, day, net, points, source, order_id, result, gross, discount, redeemed, outcome, consumed, paid_on,
           line_count, costed_net, cost, referrer_id, referral_points)
     ),
     o_member AS (
       UPDATE members m SET counters = u.counters, order_count = m.order_count + u.n, last_order_on = u.last_day,
         tier = u.tier,
         tier_since = CASE WHEN u.changed_inside OR m.tier IS DISTINCT FROM u.tier THEN u.run_day ELSE m.tier_since END
       FROM unnest(${memberIds}::text[], ${jsonArr(ms.map((m) => m.counters))},
         ${arr(ms.map((m) => text(m.n)))}::int[], ${arr(ms.map((m) => formatDay(m.lastDay)))}::date[],
         ${arr(ms.map((m) => m.tier))}::text[], ${arr(ms.map((m) => formatDay(m.runDay)))}::date[],
         ${arr(ms.map((m) => String(m.changedInside)))}::boolean[])
         AS u(member, counters, n, last_day, tier, run_day, changed_inside)
       WHERE m.tenant_id = $1 AND m.id = u.member AND m.id = ANY(${memberIds}::text[])
     ),
     o_day AS (
       INSERT INTO member_days (tenant_id, member_id, day, net_minor, orders, points)
       SELECT $1, u.member, u.day, u.net, u.orders, u.points
       FROM unnest(${arr(days.map((d) => d.member))}::text[], ${arr(days.map((d) => formatDay(d.day)))}::date[],
         ${arr(days.map((d) => text(d.net)))}::bigint[], ${arr(days.map((d) => text(d.orders)))}::int[],
         ${arr(days.map((d) => text(d.points)))}::bigint[]) AS u(member, day, net, orders, points)
       ON CONFLICT (tenant_id, member_id, day) DO UPDATE SET net_minor = member_days.net_minor + EXCLUDED.net_minor,
         orders = member_days.orders + EXCLUDED.orders, points = member_days.points + EXCLUDED.points
     ),
     o_answer AS (
       UPDATE events e SET result = u.result FROM o_in u
       WHERE e.tenant_id = $1 AND e.source = u.source AND e.external_id = u.order_id
         AND e.external_id = ANY(${orderIds}::text[])
     ),
     o_order AS (
       INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
         points_earned, outcome, progress, consumed, paid_on, line_count, costed_net_minor, cost_minor, referrer_id,
         referral_points)
       SELECT $1, u.order_id, u.member, u.day, u.gross, u.discount, u.net, u.redeemed, u.points, u.outcome, NULL,
         u.consumed, u.paid_on, u.line_count, u.costed_net, u.cost, u.referrer_id, u.referral_points FROM o_in u
     ),
     w_tiers AS (
       INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason, benefits)
       SELECT $1, u.id, u.m, u.d, u.f, u.t, 'evaluation', u.b
       FROM unnest(${arr(held.tierChanges.map((c) => c.id))}::text[], ${arr(held.tierChanges.map((c) => c.memberId))}::text[],
         ${arr(held.tierChanges.map((c) => formatDay(c.day)))}::date[], ${arr(held.tierChanges.map((c) => c.from))}::text[],
         ${arr(held.tierChanges.map((c) => c.to))}::text[], ${jsonArr(held.tierChanges.map((c) => c.benefits))})
         AS u(id, m, d, f, t, b)
     ),
     o_outbox AS (
       INSERT INTO outbox (tenant_id, id, type, payload, occurred_at)
       SELECT $1, u.id, u.type, u.payload, clock_timestamp()
       FROM unnest(${arr(held.messages.map(() => newId("msg")))}::text[], ${arr(held.messages.map((m) => m.type))}::text[],
         ${jsonArr(held.messages.map((m) => m.payload))}) WITH ORDINALITY AS u(id, type, payload, ord)
       ORDER BY u.ord
     )
     SELECT ((SELECT count(*) FROM own) + (SELECT count(*) FROM striped))::text AS changed,
       (SELECT count(*) FROM entries)::text AS entries`,
    params,
  );
  const row = r.rows[0];
  if (Number(row?.changed ?? 0) < accounts.length || Number(row?.entries ?? 0) < entries.length)
    await explainRefusal(
      tx,
      tenantId,
      accounts.map((a) => [a.id, a.low < 0n ? a.low : a.d]),
    );
}
