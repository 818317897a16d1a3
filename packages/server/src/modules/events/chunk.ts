// What a chunk of events (a batch's, or a group of single events) reads once for all its events, before the
// first one runs: its members created and locked in id order; then, once the locks are held, its orders
// claimed by (source, order id) in one statement, with each member's row, history and balance as its first
// order there needs them, which orders existed already, and whether the tenant has terms or running
// campaigns that an order must look up. An order then costs the chunk only the statement that writes it.
//
// Everything read here is used at most once and only while nothing in the chunk has changed it: a member's
// prefetched state is dropped as soon as any event of the chunk touches that member. An order that changes
// nothing of its member but what it adds up itself (see `carry`) leaves the state as it left it for the
// member's next order, which then reads nothing first.
import { type Day, formatDay, type OrderEvent } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import {
  EXPIRED,
  ISSUED,
  type MemberRow,
  pendingAccount,
  REDEEMED,
  walletAccount,
} from "../members/service.ts";
import {
  historyAndBalance,
  MEMBER_COLUMNS,
  type MemberColumns,
  type MemberState,
  memberRow,
  type StateColumns,
  stateOf,
} from "./statements.ts";

/** How far back a member's history is read for windows: the longest window a program can name. */
export const HISTORY_DAYS = 3661;

/** A member a chunk's orders name, with the day and wallet rule of its first order there. */
export interface ChunkMember {
  id: string;
  firstDay: Day;
  allowDebt: boolean;
}

/** An order the chunk may claim ahead: new orders only (no edit, no hold), with a program on their day. */
export interface ChunkOrder {
  source: string;
  ev: OrderEvent;
}

/** A lot with points left, as the spending of an order reads it. */
export interface LotRow {
  id: string;
  remaining: string;
  granted_on: string;
  expires_on: string | null;
}

/** A member's state as the chunk read it: its row, history and balance, and its wallet's lots when its order spends. */
export interface FreshState {
  member: MemberRow;
  state: MemberState;
  /** The wallet's lots with points left, oldest first, locked; null when they were not read. */
  lots: LotRow[] | null;
}

/** How an order's claim stands after the chunk's reads. */
export type Claim =
  | { kind: "none" }
  | { kind: "replay" }
  | {
      kind: "claimed";
      eventId: string;
      fresh: FreshState | null;
      duplicate: boolean;
    };

export class ChunkReads {
  /** Claims made ahead, by source and order id: the event's id while unused, "seen" once used or already stored. */
  private readonly claims = new Map<string, string | "seen">();
  /** Members' rows and states as read before any event ran, with the day their history starts. */
  private readonly states = new Map<string, FreshState & { since: Day }>();
  /** Order ids the chunk claimed ahead that were already taken (from any source) before the chunk. */
  private readonly existing = new Set<string>();
  /** Order ids the chunk's events have taken. */
  private readonly taken = new Set<string>();

  constructor(
    /** Members known to have no membership and no discount grant: their orders need not look terms up. */
    readonly noTerms: ReadonlySet<string>,
    /** Whether the tenant has a running campaign: without one, orders need not be scored. */
    readonly campaigns: boolean,
  ) {}

  /** The claim of an order: made ahead (with its member's state while still untouched), seen, or not made. */
  claim(source: string, orderId: string, memberId: string, since: Day): Claim {
    const key = claimKey(source, orderId);
    const made = this.claims.get(key);
    if (made === undefined) return { kind: "none" };
    if (made === "seen") return { kind: "replay" };
    this.claims.set(key, "seen");
    const s = this.states.get(memberId);
    this.states.delete(memberId);
    // A history read from an earlier day on holds all the order's windows need (they reach back at most
    // HISTORY_DAYS); one read from a later day does not.
    const fresh = s && s.since <= since ? { member: s.member, state: s.state, lots: s.lots } : null;
    return {
      kind: "claimed",
      eventId: made,
      fresh,
      duplicate: this.existing.has(orderId) || this.taken.has(orderId),
    };
  }

  /** A member an event of the chunk has changed (or may have): what was read of it before is no longer used. */
  touch(memberId: string): void {
    this.states.delete(memberId);
  }

  /**
   * A member's row, history from `since` on and balance as the order just taken leaves them (its writes held or
   * sent), for the member's next order in the chunk. Its lots are read again when that order spends.
   */
  carry(member: MemberRow, state: MemberState, since: Day): void {
    this.states.set(member.id, { member, state, lots: null, since });
  }

  /** An order the chunk has taken: another source's order with its id is then a duplicate. */
  took(orderId: string): void {
    this.taken.add(orderId);
  }

  /** Records the reads (see `readChunk`). */
  load(
    claimed: ReadonlyMap<string, string>,
    seen: Iterable<string>,
    states: Iterable<[string, FreshState & { since: Day }]>,
    existing: Iterable<string>,
  ): void {
    for (const [key, id] of claimed) this.claims.set(key, id);
    for (const key of seen) this.claims.set(key, "seen");
    for (const [id, s] of states) this.states.set(id, s);
    for (const id of existing) this.existing.add(id);
  }
}

/** The key of an event claimed by (source, external id), as `readChunk` compares them. */
export const claimKey = (source: string, id: string) => `${source}\u0000${id}`;

const ESCAPED = /["\\]/;
const ESCAPE_ALL = /["\\]/g;

/** A PostgreSQL array literal of text values (both drivers take it for a `text[]` parameter). */
export function pgArray(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string | null;
    if (i > 0) out += ",";
    out += v === null ? "NULL" : `"${ESCAPED.test(v) ? v.replace(ESCAPE_ALL, "\\$&") : v}"`;
  }
  return `${out}}`;
}

/**
 * Creates the members a chunk's orders name (on the day of each one's first order, as its first event would)
 * with their accounts, and locks them all in id order; then claims the chunk's new orders and reads what their
 * first events need. `otherKeys` are the (source, external id) pairs the chunk's other events claim one by
 * one: an order sharing one is left to claim itself in its turn, so that whichever comes first wins as it would
 * one event at a time.
 */
export async function readChunk(
  tx: Queryable,
  tenantId: string,
  members: readonly ChunkMember[],
  orders: readonly ChunkOrder[],
  otherKeys: ReadonlySet<string>,
): Promise<{ locked: Set<string>; reads: ChunkReads }> {
  // One statement: the program's accounts and the members' own opened, and every member inserted or, when
  // it exists, locked by an upsert whose update is made only for a member without a joining day (a company
  // added without dates joins on its first order's day, as the replay has it; otherwise the row is locked all
  // the same, and no new version of it is written), in id order (so that concurrent batches queue instead of
  // deadlocking); with the facts about terms and campaigns its orders need. The members' rows are read with
  // their state, once the locks are held.
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = pgArray(sorted.map((m) => m.id));
  const locked = await tx.query<{
    with_terms: string[] | null;
    campaigns: boolean;
  }>(
    `WITH accts AS (
       INSERT INTO accounts (tenant_id, id, kind, allow_negative)
       SELECT $1, id, kind, debt::boolean FROM unnest($4::text[], $5::text[], $6::text[]) AS x(id, kind, debt)
       ON CONFLICT DO NOTHING
     ), m AS (
       INSERT INTO members AS mm (tenant_id, id, joined_on, tier)
       SELECT $1, id, day::date, NULL FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(id, day, ord)
       ORDER BY ord
       ON CONFLICT (tenant_id, id) DO UPDATE SET joined_on = EXCLUDED.joined_on WHERE mm.joined_on IS NULL
     )
     SELECT (SELECT json_agg(DISTINCT t.company_id) FROM (
          SELECT company_id FROM memberships WHERE tenant_id = $1 AND company_id = ANY($2::text[])
          UNION ALL
          SELECT company_id FROM discount_grants WHERE tenant_id = $1 AND company_id = ANY($2::text[])) t) AS with_terms,
       EXISTS (SELECT 1 FROM sales_campaigns WHERE tenant_id = $1 AND status = 'running') AS campaigns`,
    [
      tenantId,
      ids,
      pgArray(sorted.map((m) => formatDay(m.firstDay))),
      pgArray([
        ISSUED,
        REDEEMED,
        EXPIRED,
        ...sorted.flatMap((m) => [walletAccount(m.id), pendingAccount(m.id)]),
      ]),
      pgArray(["expense", "expense", "expired", ...sorted.flatMap(() => ["wallet", "pending"])]),
      pgArray(["true", "false", "false", ...sorted.flatMap((m) => [String(m.allowDebt), "false"])]),
    ],
  );
  const head = locked.rows[0];
  const withTerms = new Set(head?.with_terms ?? []);
  const reads = new ChunkReads(
    new Set(sorted.filter((m) => !withTerms.has(m.id)).map((m) => m.id)),
    head?.campaigns ?? true,
  );
  const lockedIds = new Set(members.map((m) => m.id));

  // The orders to claim ahead: each (source, order id) once, its member locked above, no other event's key.
  const claimable: ChunkOrder[] = [];
  const keys = new Set<string>();
  for (const o of orders) {
    const key = claimKey(o.source, o.ev.orderId);
    if (keys.has(key) || otherKeys.has(key) || !lockedIds.has(o.ev.companyId)) continue;
    keys.add(key);
    claimable.push(o);
  }
  if (claimable.length === 0) return { locked: lockedIds, reads };
  const eventIds = claimable.map(() => newId("evt"));
  // The wallets whose lots the member's first order here asks to spend from: read with the state it uses.
  const spenders = new Set<string>();
  const firstOrder = new Set<string>();
  for (const o of claimable) {
    if (firstOrder.has(o.ev.companyId)) continue;
    firstOrder.add(o.ev.companyId);
    if (o.ev.pointsToRedeem > 0) spenders.add(walletAccount(o.ev.companyId));
  }
  // Read after the locks are held (a statement of its own, so that it sees what they waited for). The spenders'
  // lots are read wallet by wallet (a lateral subquery): planned once per connection while the tables were small,
  // a filter by the array read every lot of the tenant for each chunk.
  const r = await tx.query<{
    claimed: string[] | null;
    existing: string[] | null;
    states: (StateColumns & { id: string; member: MemberColumns | null })[] | null;
    lots: [string, string, string, string, string | null][] | null;
  }>(
    `WITH ev AS (
       INSERT INTO events (tenant_id, source, external_id, id, type, day, payload, result)
       SELECT $1, s, x, i, 'order', d::date, p, '{}'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[],
         ARRAY(SELECT v FROM jsonb_array_elements($6::jsonb) WITH ORDINALITY AS j(v, i) ORDER BY i)) AS u(s, x, i, d, p)
       ON CONFLICT DO NOTHING RETURNING id
     )
     SELECT (SELECT json_agg(id) FROM ev) AS claimed,
       (SELECT json_agg(id) FROM orders WHERE tenant_id = $1 AND id = ANY($3::text[])) AS existing,
       (SELECT json_agg(row_to_json(s)) FROM (
          SELECT u.id, row_to_json(m) AS member, ${historyAndBalance("u.id", "u.since::date", "u.wallet")}
          FROM unnest($7::text[], $8::text[], $9::text[]) AS u(id, since, wallet)
          LEFT JOIN (SELECT ${MEMBER_COLUMNS} FROM members WHERE tenant_id = $1 AND id = ANY($7::text[])) m
            ON m.id = u.id) s) AS states,
       (SELECT json_agg(json_build_array(l.account_id, l.id, l.remaining::text, l.granted_on::text, l.expires_on::text)
          ORDER BY l.account_id, l.granted_on, l.id)
        FROM unnest($10::text[]) AS w(id) CROSS JOIN LATERAL (
          SELECT account_id, id, remaining, granted_on, expires_on FROM lots
          WHERE tenant_id = $1 AND account_id = w.id AND remaining > 0 FOR UPDATE) l) AS lots`,
    [
      tenantId,
      pgArray(claimable.map((o) => o.source)),
      pgArray(claimable.map((o) => o.ev.orderId)),
      pgArray(eventIds),
      pgArray(claimable.map((o) => formatDay(o.ev.day))),
      // The payloads as one JSON array (see writes.ts).
      JSON.stringify(claimable.map((o) => o.ev)),
      pgArray(sorted.map((m) => m.id)),
      pgArray(sorted.map((m) => formatDay(m.firstDay - HISTORY_DAYS))),
      pgArray(sorted.map((m) => walletAccount(m.id))),
      pgArray([...spenders]),
    ],
  );
  const row = r.rows[0];
  const lots = new Map<string, LotRow[]>([...spenders].map((w) => [w, []]));
  for (const [account, id, remaining, granted_on, expires_on] of row?.lots ?? [])
    lots.get(account)?.push({ id, remaining, granted_on, expires_on });
  const inserted = new Set(row?.claimed ?? []);
  const claimed = new Map<string, string>();
  const seen: string[] = [];
  claimable.forEach((o, i) => {
    const key = claimKey(o.source, o.ev.orderId);
    const id = eventIds[i] as string;
    if (inserted.has(id)) claimed.set(key, id);
    else seen.push(key);
  });
  const firstDays = new Map(sorted.map((m) => [m.id, m.firstDay]));
  const states: [string, FreshState & { since: Day }][] = [];
  for (const s of row?.states ?? []) {
    const first = firstDays.get(s.id);
    if (s.member && first !== undefined)
      states.push([
        s.id,
        {
          member: memberRow(s.member),
          state: stateOf(s),
          lots: lots.get(walletAccount(s.id)) ?? null,
          since: first - HISTORY_DAYS,
        },
      ]);
  }
  reads.load(claimed, seen, states, row?.existing ?? []);
  return { locked: lockedIds, reads };
}
