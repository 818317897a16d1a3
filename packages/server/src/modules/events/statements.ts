// The order path's reads and writes, each combined into as few statements as it can be: an order is claimed,
// its member created and locked in one round trip; what the engine reads of the member (history, balance)
// in a second one, after the lock is held; what the order writes at the end in one more.
import {
  type Day,
  formatDay,
  type HistoryArrays,
  type MemberTerm,
  newHistory,
  type OrderOutcome,
  parseDay,
  record,
} from "@patron/engine";
import type { Param, Queryable } from "../../db/db.ts";
import type { AlsoWrite } from "../ledger/service.ts";
import {
  EXPIRED,
  ISSUED,
  type MemberCounters,
  type MemberRow,
  pendingAccount,
  REDEEMED,
  walletAccount,
} from "../members/service.ts";
import { type TermColumns, termOf, termsSelect } from "../memberships/terms.ts";

export interface MemberColumns {
  id: string;
  segment: string | null;
  region: string | null;
  parent_id: string | null;
  tax_id: string | null;
  joined_on: string | null;
  enrolled_on: string | null;
  tier: string | null;
  order_count: number;
  counters: MemberCounters;
}

export const MEMBER_COLUMNS =
  "id, segment, region, parent_id, tax_id, joined_on::text AS joined_on, enrolled_on::text AS enrolled_on, tier, order_count, counters";

export function memberRow(row: MemberColumns): MemberRow {
  return {
    id: row.id,
    segment: row.segment,
    region: row.region,
    parentId: row.parent_id,
    taxId: row.tax_id,
    joinedOn: row.joined_on ? parseDay(row.joined_on) : null,
    enrolledOn: row.enrolled_on ? parseDay(row.enrolled_on) : null,
    tier: row.tier,
    orderCount: Number(row.order_count),
    counters: row.counters,
  };
}

/**
 * Claims an order event by (source, order id) and, when it is new, opens the program's accounts, creates the
 * member on its first order (with its wallet and pending account) and locks its row: one statement. The
 * member row comes back as it is once the lock is held (an upsert that changes nothing but a missing joining day
 * takes the row lock and returns the latest version; a company added without dates joins on its first order's
 * day). Null when the event was seen before: nothing else was written.
 */
export async function claimOrderAndLockMember(
  tx: Queryable,
  tenantId: string,
  source: string,
  eventId: string,
  ev: { orderId: string; day: Day; companyId: string },
  payload: unknown,
  allowDebt: boolean,
  /**
   * When the member is already locked by this transaction (a batch locks its members first), its state is
   * read in the same statement: what it sees cannot change before the lock is released.
   */
  stateSince: Day | null = null,
): Promise<{ member: MemberRow; state: (MemberState & { duplicate: boolean }) | null } | null> {
  const withState = stateSince !== null;
  const r = await tx.query<
    { claimed: boolean; member: MemberColumns | null } & Partial<StateColumns & { duplicate: boolean }>
  >(
    `WITH ev AS (
       INSERT INTO events (tenant_id, source, external_id, id, type, day, payload, result)
       VALUES ($1, $2, $3, $4, 'order', $5, $6, '{}') ON CONFLICT DO NOTHING RETURNING id
     ), accts AS (
       INSERT INTO accounts (tenant_id, id, kind, allow_negative)
       SELECT $1, a.id, a.kind, a.neg
       FROM (VALUES ($8, 'expense', true), ($9, 'expense', false), ($10, 'expired', false),
                    ($11, 'wallet', $13::boolean), ($12, 'pending', false)) AS a(id, kind, neg)
       WHERE EXISTS (SELECT 1 FROM ev)
       ON CONFLICT DO NOTHING
     ), m AS (
       INSERT INTO members AS mm (tenant_id, id, joined_on, tier)
       SELECT $1, $7, $5::date, NULL WHERE EXISTS (SELECT 1 FROM ev)
       ON CONFLICT (tenant_id, id) DO UPDATE SET joined_on = COALESCE(mm.joined_on, EXCLUDED.joined_on)
       RETURNING ${MEMBER_COLUMNS}
     )
     SELECT EXISTS (SELECT 1 FROM ev) AS claimed, (SELECT row_to_json(m) FROM m) AS member${
       withState
         ? `, EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1 AND id = $3) AS duplicate,
            ${historyAndBalance("$7", "$14::date", "$11")}`
         : ""
     }`,
    [
      tenantId,
      source,
      ev.orderId,
      eventId,
      formatDay(ev.day),
      JSON.stringify(payload),
      ev.companyId,
      ISSUED,
      REDEEMED,
      EXPIRED,
      walletAccount(ev.companyId),
      pendingAccount(ev.companyId),
      allowDebt,
      ...(withState ? [formatDay(stateSince)] : []),
    ],
  );
  const row = r.rows[0];
  if (!row?.claimed) return null;
  if (!row.member) throw new Error(`member ${ev.companyId} was neither created nor found`);
  const state = withState
    ? {
        ...stateOf({ history: row.history ?? [], balance: row.balance ?? null }),
        duplicate: row.duplicate ?? false,
      }
    : null;
  return { member: memberRow(row.member), state };
}

/** What the engine reads of a member besides its row: its daily history and its wallet's balance. */
export interface MemberState {
  history: HistoryArrays;
  balance: number;
}

/**
 * The member's daily history from a day on and its wallet's balance, as two columns; the arguments are SQL.
 * The day is compared as `day + 0` so that the history is read through the member's own key: on tables the
 * planner has no statistics of yet (a new tenant's first hours) it chose the index by (tenant, day) instead,
 * which reads every member's days and grows with the tenant.
 */
export const historyAndBalance = (member: string, since: string, wallet: string) => `
  (SELECT COALESCE(json_agg(json_build_array(d.day::text, d.net_minor::text, d.orders, d.points::text) ORDER BY d.day), '[]')
   FROM member_days d WHERE d.tenant_id = $1 AND d.member_id = ${member} AND d.day + 0 >= ${since}) AS history,
  (SELECT (a.balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
           WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text
   FROM accounts a WHERE a.tenant_id = $1 AND a.id = ${wallet}) AS balance`;

const HISTORY_AND_BALANCE = historyAndBalance("$2", "$3", "$4");

export type StateColumns = { history: [string, string, number, string][]; balance: string | null };

export function stateOf(row: StateColumns | undefined): MemberState {
  const h = newHistory();
  for (const [day, net, orders, points] of row?.history ?? []) {
    record(h, parseDay(day) as Day, Number(net), Number(orders), Number(points));
  }
  return { history: h, balance: Number(row?.balance ?? 0) };
}

/**
 * A locked member's history from `since` on and its wallet's balance, and whether `orderId` was already
 * taken (from another source): one statement, read after the lock so that it sees what the lock waited for.
 */
export async function lockedMemberState(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  since: Day,
  orderId: string,
): Promise<MemberState & { duplicate: boolean }> {
  const r = await tx.query<StateColumns & { duplicate: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1 AND id = $5) AS duplicate, ${HISTORY_AND_BALANCE}`,
    [tenantId, memberId, formatDay(since), walletAccount(memberId), orderId],
  );
  return { ...stateOf(r.rows[0]), duplicate: r.rows[0]?.duplicate ?? false };
}

/**
 * A member as it is now (null when it has no event yet), its history from `since`, its balance and, when
 * `termsOn` is given, its terms valid on that day or later (see terms.ts): one read.
 */
export async function memberWithState(
  q: Queryable,
  tenantId: string,
  memberId: string,
  since: Day,
  termsOn: Day | null = null,
): Promise<{ member: MemberRow | null; terms: MemberTerm[] } & MemberState> {
  const terms =
    termsOn === null ? "" : `, (SELECT json_agg(t) FROM (${termsSelect("$2", "$5::date")}) t) AS terms`;
  const r = await q.query<StateColumns & { member: MemberColumns | null; terms?: TermColumns[] | null }>(
    `SELECT (SELECT row_to_json(m) FROM (SELECT ${MEMBER_COLUMNS} FROM members
             WHERE tenant_id = $1 AND id = $2) m) AS member, ${HISTORY_AND_BALANCE}${terms}`,
    [
      tenantId,
      memberId,
      formatDay(since),
      walletAccount(memberId),
      ...(termsOn === null ? [] : [formatDay(termsOn)]),
    ],
  );
  const row = r.rows[0];
  return {
    member: row?.member ? memberRow(row.member) : null,
    terms: (row?.terms ?? []).map(termOf),
    ...stateOf(row),
  };
}

/** A new lot of points on an account, as one common table expression to send with the posting that adds them. */
export function lotWrite(
  name: string,
  lot: {
    tenantId: string;
    id: string;
    account: string;
    points: number;
    grantedOn: Day;
    expiresOn: Day | null;
    source: string;
  },
): AlsoWrite {
  return (p) => [
    `${name} AS (
       INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       VALUES (${p(lot.tenantId)}, ${p(lot.id)}, ${p(lot.account)}, ${p(formatDay(lot.grantedOn))}::date,
         ${p(lot.expiresOn === null ? null : formatDay(lot.expiresOn))}::date, ${p(lot.points)}::bigint, ${p(lot.source)})
     )`,
  ];
}

/** The values an order writes at its end. */
export interface OrderWrite {
  tenantId: string;
  source: string;
  orderId: string;
  memberId: string;
  day: Day;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  pointsRedeemed: number;
  pointsEarned: number;
  outcome: OrderOutcome;
  consumed: unknown;
  paidOn: Day | null;
  counters: MemberCounters;
  tier: string | null;
  result: unknown;
}

/** What the analytics read of an order, kept in columns of its own (migration 0046) so that they parse no outcome. */
export interface OrderFigures {
  lineCount: number;
  /** The net of the lines whose cost is known, and their cost (each line's rounded to a minor unit). */
  costedNetMinor: bigint;
  costMinor: bigint;
  referrerId: string | null;
  referralPoints: number | null;
}

export function orderFigures(o: OrderOutcome): OrderFigures {
  let costedNetMinor = 0n;
  let costMinor = 0n;
  for (const l of o.lines) {
    if (typeof l.unitCostMinor !== "number") continue;
    costedNetMinor += BigInt(l.netMinor);
    costMinor += (BigInt(l.unitCostMinor) * BigInt(l.quantityMilli) + 500n) / 1000n;
  }
  return {
    lineCount: o.lines.length,
    costedNetMinor,
    costMinor,
    referrerId: o.referral?.referrerId ?? null,
    referralPoints: o.referral?.points ?? null,
  };
}

/**
 * The member's counters, level and day, the day's history, the order and the event's answer, as common table
 * expressions (sent alone, or with the order's last posting).
 */
export function orderWrites(o: OrderWrite): AlsoWrite {
  return (p) => {
    const t = p(o.tenantId);
    const member = p(o.memberId);
    const day = `${p(formatDay(o.day))}::date`;
    const net = `${p(o.netMinor)}::bigint`;
    const tier = `${p(o.tier)}::text`;
    const f = orderFigures(o.outcome);
    return [
      `o_member AS (
         UPDATE members SET counters = ${p(JSON.stringify(o.counters))}::jsonb, order_count = order_count + 1,
           last_order_on = ${day}, tier = ${tier},
           tier_since = CASE WHEN tier IS DISTINCT FROM ${tier} THEN ${day} ELSE tier_since END
         WHERE tenant_id = ${t} AND id = ${member}
       )`,
      `o_day AS (
         INSERT INTO member_days (tenant_id, member_id, day, net_minor, orders, points)
         VALUES (${t}, ${member}, ${day}, ${net}, 1, ${p(o.pointsEarned)}::bigint)
         ON CONFLICT (tenant_id, member_id, day) DO UPDATE SET net_minor = member_days.net_minor + EXCLUDED.net_minor,
           orders = member_days.orders + EXCLUDED.orders, points = member_days.points + EXCLUDED.points
       )`,
      `o_answer AS (
         UPDATE events SET result = ${p(JSON.stringify(o.result))}::jsonb
         WHERE tenant_id = ${t} AND source = ${p(o.source)} AND external_id = ${p(o.orderId)}
       )`,
      `o_order AS (
         INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
           points_earned, outcome, progress, consumed, paid_on, line_count, costed_net_minor, cost_minor, referrer_id,
           referral_points)
         VALUES (${t}, ${p(o.orderId)}, ${member}, ${day}, ${p(o.grossMinor)}::bigint, ${p(o.discountMinor)}::bigint,
           ${net}, ${p(o.pointsRedeemed)}::bigint, ${p(o.pointsEarned)}::bigint, ${p(JSON.stringify(o.outcome))}::json,
           NULL, ${p(JSON.stringify(o.consumed))}::json, ${p(o.paidOn === null ? null : formatDay(o.paidOn))}::date,
           ${p(f.lineCount)}::int, ${p(String(f.costedNetMinor))}::bigint, ${p(String(f.costMinor))}::bigint,
           ${p(f.referrerId)}::text, ${p(f.referralPoints)}::bigint)
       )`,
    ];
  };
}

/** Sends common table expressions that write and read nothing back, as one statement. */
export async function writeAlone(tx: Queryable, writes: AlsoWrite): Promise<void> {
  const params: Param[] = [];
  const ctes = writes((v) => {
    params.push(v);
    return `$${params.length}`;
  });
  await tx.query(`WITH ${ctes.join(",\n")} SELECT 1`, params);
}
