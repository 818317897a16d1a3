// Members (client companies) and what the engine may read of them: profile, level, counters, the history
// of purchases by day, and the wallet's balance.
import {
  type Day,
  formatDay,
  type HistoryArrays,
  type MemberReader,
  type MemberTerm,
  newHistory,
  parseDay,
  record,
  sumBetween,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { balanceOf } from "../ledger/service.ts";

export interface MemberCounters {
  stamps: Record<string, number>;
  bands: Record<string, number>;
  memberships: Record<string, number>;
}

export interface MemberRow {
  id: string;
  segment: string | null;
  region: string | null;
  parentId: string | null;
  taxId: string | null;
  joinedOn: Day | null;
  enrolledOn: Day | null;
  tier: string | null;
  orderCount: number;
  counters: MemberCounters;
}

export const walletAccount = (memberId: string) => `wallet:${memberId}`;
export const pendingAccount = (memberId: string) => `pending:${memberId}`;
export const ISSUED = "program:issued";
export const REDEEMED = "program:redeemed";
export const EXPIRED = "program:expired";

/** The program's own accounts: where points come from and where spent and expired points go. */
export async function openProgramAccounts(q: Queryable, tenantId: string): Promise<void> {
  await q.query(
    `INSERT INTO accounts (tenant_id, id, kind, allow_negative)
     VALUES ($1, $2, 'expense', true), ($1, $3, 'expense', false), ($1, $4, 'expired', false)
     ON CONFLICT DO NOTHING`,
    [tenantId, ISSUED, REDEEMED, EXPIRED],
  );
}

/**
 * Locks a member's row for the rest of the transaction, creating the member (with its wallet) on its first
 * event; `firstDay` becomes its joining day when none is known.
 */
export async function lockMember(
  q: Queryable,
  tenantId: string,
  id: string,
  firstDay: Day,
  allowDebt: boolean,
): Promise<MemberRow> {
  await q.query(
    `WITH m AS (
       INSERT INTO members (tenant_id, id, joined_on, tier) VALUES ($1, $2, $3, NULL) ON CONFLICT DO NOTHING
     )
     INSERT INTO accounts (tenant_id, id, kind, allow_negative)
     VALUES ($1, $4, 'wallet', $6), ($1, $5, 'pending', false) ON CONFLICT DO NOTHING`,
    [tenantId, id, formatDay(firstDay), walletAccount(id), pendingAccount(id), allowDebt],
  );
  const row = await selectMember(q, tenantId, id, true);
  if (!row) throw new Error(`member ${id} vanished inside its transaction`);
  return row;
}

/** A member as it is now, without locking it; null when it has no event yet. */
export function findMember(q: Queryable, tenantId: string, id: string): Promise<MemberRow | null> {
  return selectMember(q, tenantId, id, false);
}

async function selectMember(
  q: Queryable,
  tenantId: string,
  id: string,
  lock: boolean,
): Promise<MemberRow | null> {
  const r = await q.query<{
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
  }>(
    `SELECT id, segment, region, parent_id, tax_id, joined_on::text, enrolled_on::text, tier, order_count, counters
     FROM members WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) return null;
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

/** The member's daily history from `since` on, as the running sums the engine's window queries read. */
export async function loadHistory(
  q: Queryable,
  tenantId: string,
  id: string,
  since: Day,
): Promise<HistoryArrays> {
  const r = await q.query<{ day: string; net_minor: string; orders: number; points: string }>(
    `SELECT day::text, net_minor::text, orders, points::text FROM member_days
     WHERE tenant_id = $1 AND member_id = $2 AND day >= $3 ORDER BY day`,
    [tenantId, id, formatDay(since)],
  );
  const h = newHistory();
  for (const row of r.rows) {
    record(h, parseDay(row.day) as Day, Number(row.net_minor), Number(row.orders), Number(row.points));
  }
  return h;
}

/** Adds a day's purchases, orders and points to the member's history. */
export async function addToHistory(
  q: Queryable,
  tenantId: string,
  id: string,
  day: Day,
  netMinor: number,
  orders: number,
  points: number,
): Promise<void> {
  await q.query(
    `INSERT INTO member_days (tenant_id, member_id, day, net_minor, orders, points) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, member_id, day) DO UPDATE SET net_minor = member_days.net_minor + EXCLUDED.net_minor,
       orders = member_days.orders + EXCLUDED.orders, points = member_days.points + EXCLUDED.points`,
    [tenantId, id, formatDay(day), netMinor, orders, points],
  );
}

/** What the engine reads of a member, from its locked row, its history and its wallet's balance. */
export async function readerFor(
  q: Queryable,
  tenantId: string,
  m: MemberRow,
  history: HistoryArrays,
  /** Companies a referral code on the event may name, by upper-case id (looked up beforehand). */
  known: ReadonlyMap<string, string>,
): Promise<MemberReader> {
  const balance = Number((await balanceOf(q, tenantId, walletAccount(m.id))) ?? 0n);
  return memberReader(m, history, known, balance);
}

/** What the engine reads of a member, its wallet's balance already read. */
export function memberReader(
  m: MemberRow,
  history: HistoryArrays,
  known: ReadonlyMap<string, string>,
  balance: number,
  /** Memberships and individual grants the server keeps for the member. */
  terms: readonly MemberTerm[] = [],
): MemberReader {
  return {
    profile: {
      id: m.id,
      segment: m.segment,
      region: m.region,
      parentId: m.parentId,
      taxId: m.taxId,
      joinedOn: m.joinedOn,
    },
    tier: m.tier,
    orderCount: m.orderCount,
    balance,
    ordersInWindow: (day, days) => sumBetween(history, "orders", day - days, day - 1),
    purchasesInWindow: (day, days) => sumBetween(history, "net", day - days, day - 1),
    stamps: (rule) => m.counters.stamps[rule] ?? 0,
    bandUnits: (key) => m.counters.bands[key] ?? 0,
    membershipEnd: (rule) => m.counters.memberships[rule] ?? null,
    findCompany: (id) => known.get(id.toUpperCase()) ?? null,
    terms,
  };
}

/** Finds a member by id ignoring case, for referral codes. */
export async function findMemberCaseless(q: Queryable, tenantId: string, id: string): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    "SELECT id FROM members WHERE tenant_id = $1 AND upper(id) = upper($2) LIMIT 1",
    [tenantId, id],
  );
  return r.rows[0]?.id ?? null;
}
