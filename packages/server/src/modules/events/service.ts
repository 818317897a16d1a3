// Orders, returns, payments and cancellations in: each once (by source and external id), priced by the engine,
// and its points posted to the ledger in the same database transaction. The server computes no discount or
// point itself.

import {
  availableOn,
  type CompiledExpiry,
  type CompiledProgram,
  type Consumed,
  type Day,
  evaluateOrder,
  evaluateReturn,
  expiryDay,
  formatDay,
  formatMinor,
  type HistoryArrays,
  levelFor,
  newReturnProgress,
  type OrderEvent,
  type OrderOut,
  type OrderOutcome,
  parseDay,
  qualifyingWindow,
  ReturnError,
  type ReturnEvent,
  type ReturnOut,
  type ReturnProgress,
  record,
  sumBetween,
} from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import { cachedHoldoutShare, withoutHeldOutEarnings } from "../analytics/holdout.ts";
import { scoreOrder, unscoreOrder, unscoreReturn } from "../campaigns/service.ts";
import { applyCodeBatch, releaseCodeUse } from "../codes/service.ts";
import { type AlsoWrite, balanceOf, openAccount, post } from "../ledger/service.ts";
import { levelIsKept } from "../members/levels.ts";
import {
  addToHistory,
  EXPIRED,
  findMember,
  findMemberCaseless,
  ISSUED,
  lockMember,
  type MemberRow,
  memberReader,
  pendingAccount,
  REDEEMED,
  walletAccount,
} from "../members/service.ts";
import { giveBackTermUses, recordTermUses, termsFor } from "../memberships/terms.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { captureHold } from "../redemptions/service.ts";
import { voidReferralCredit } from "../referrals/service.ts";
import { emitReversal, orderMessages, orderOutboxWrite } from "../webhooks/outbox.ts";
import { type ChunkReads, HISTORY_DAYS, type LotRow, pgArray } from "./chunk.ts";
import {
  claimOrderAndLockMember,
  lockedMemberState,
  lotWrite,
  type MemberState,
  memberWithState,
  type OrderWrite,
  orderWrites,
  writeAlone,
} from "./statements.ts";
import { bufferOf } from "./writes.ts";

export type EventErrorCode =
  | "no_program"
  | "unknown_order"
  | "duplicate_order"
  | "changed_event"
  | "bad_return"
  | "bad_event"
  | "order_paid"
  | "order_cancelled";

export class EventError extends Error {
  constructor(
    readonly code: EventErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An order's answer: what `patron simulate` prints for it. */
export type OrderResult = { kind: "order" } & OrderOut;

/** A return's answer: what `patron simulate` prints for it. */
export type ReturnResult = { kind: "return" } & ReturnOut;

/** A payment's answer: the day the order's pending points become available (null: it has none waiting). */
export interface PaymentResult {
  kind: "payment";
  orderId: string;
  companyId: string;
  paidOn: string;
  availableOn: string | null;
  pendingPoints: number;
}

/** A cancellation's answer: pending points voided, spent points given back, as a full return on the order's day. */
export interface CancellationResult {
  kind: "cancellation";
  orderId: string;
  companyId: string;
  date: string;
  pointsVoided: number;
  pointsRefunded: number;
  effects: ReturnOut["effects"];
}

/** An edited order's answer: the new order, and the cancellation of the order it replaces. */
export type EditResult = OrderResult & { replaced: CancellationResult };

/**
 * What a batch loads once for all its events: the tenant's published versions, and the program's accounts
 * already opened in the batch's transaction.
 */
export interface EventContext {
  versions: readonly CompiledProgram[];
  /**
   * Members already locked in the batch's transaction, with their accounts open, by events that stay (none is
   * rolled back alone); null when events run under savepoints of their own, whose rollback drops their locks.
   */
  locked: Set<string> | null;
  /** The tenant's hold-out share when the caller read it once for all its events; else each order reads it. */
  holdoutBp?: number;
  /** What the chunk read ahead for its events (see chunk.ts); null when each event reads for itself. */
  chunk?: ChunkReads | null;
}

/** Locks a member; in a batch, one an earlier event locked is only read again, its row lock still held. */
async function lockMemberOnce(
  tx: Queryable,
  tenantId: string,
  id: string,
  firstDay: Day,
  allowDebt: boolean,
  ctx: EventContext | null,
): Promise<MemberRow> {
  ctx?.chunk?.touch(id);
  if (ctx?.locked?.has(id)) {
    const m = await findMember(tx, tenantId, id);
    if (m) return m;
  }
  const m = await lockMember(tx, tenantId, id, firstDay, allowDebt);
  ctx?.locked?.add(id);
  return m;
}

export interface Ingested<T> {
  eventId: string;
  /** True when the event had been received before: nothing changed, the first answer is given again. */
  replayed: boolean;
  result: T;
}

/** Inserts the event once; returns its id, or the stored answer when (source, external id) was seen. */
async function claimEvent<T>(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  type: "order" | "return" | "payment" | "cancellation",
  day: Day,
  payload: unknown,
): Promise<{ id: string } | { replay: Ingested<T> }> {
  const id = newId("evt");
  const r = await tx.query(
    `INSERT INTO events (tenant_id, source, external_id, id, type, day, payload, result)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '{}') ON CONFLICT DO NOTHING`,
    [tenantId, source, externalId, id, type, formatDay(day), JSON.stringify(payload)],
  );
  if (r.rowCount > 0) return { id };
  return { replay: await replayOf<T>(tx, tenantId, source, externalId, payload, type) };
}

async function programFor(
  tx: Queryable,
  tenantId: string,
  day: Day,
  ctx: EventContext | null = null,
): Promise<CompiledProgram> {
  const p = programAt(ctx?.versions ?? (await publishedPrograms(tx, tenantId)), day);
  if (!p) throw new EventError("no_program", "program", "the tenant has no published program yet");
  return p;
}

/** The level a member holds on `day`: as stored when the tier job keeps it (see levels.ts), else from its window. */
export function tierOn(
  p: CompiledProgram,
  stored: string | null,
  day: Day,
  history: HistoryArrays,
): string | null {
  const t = p.tiers;
  if (!t) return null;
  if (levelIsKept(t)) return stored ?? t.initial;
  const w = qualifyingWindow(t, day);
  return levelFor(t, sumBetween(history, t.metric === "netPurchases" ? "net" : "points", w.from, w.to));
}

/** Referral codes on an order may name companies: looked up before the engine, which does no I/O. */
async function referrers(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  code: string | null,
): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  const c = code?.trim().toUpperCase();
  for (const d of p.discounts) {
    if (d.kind !== "referral" || !c?.startsWith(d.prefix)) continue;
    const id = await findMemberCaseless(q, tenantId, c.slice(d.prefix.length));
    if (id) known.set(id.toUpperCase(), id);
  }
  return known;
}

/**
 * Prices a cart as the order it would become, changing nothing: line prices, discounts, points it may spend
 * and will earn, each explained. The member need not exist yet.
 */
export async function quoteOrder(
  q: Queryable,
  tenantId: string,
  ev: OrderEvent,
  versions: readonly CompiledProgram[] | null = null,
): Promise<OrderResult> {
  const p = await programFor(q, tenantId, ev.day, versions ? { versions, locked: null } : null);
  // The member, its history, its balance and its terms: one read, of one snapshot.
  const state = await memberWithState(q, tenantId, ev.companyId, ev.day - HISTORY_DAYS, ev.day);
  const m: MemberRow = state.member ?? {
    id: ev.companyId,
    segment: null,
    region: null,
    parentId: null,
    taxId: null,
    joinedOn: ev.day,
    enrolledOn: null,
    tier: null,
    orderCount: 0,
    counters: { stamps: {}, bands: {}, memberships: {} },
  };
  const history = state.history;
  m.tier = tierOn(p, m.tier, ev.day, history);
  const coded = await applyCodeBatch(q, tenantId, p, ev, m.orderCount);
  ev = coded.ev;
  const known = await referrers(q, tenantId, p, ev.code);
  const terms = state.member ? state.terms : [];
  // A held-out company is quoted as it would be credited: nothing earned, and the reason why.
  const outcome = await withoutHeldOutEarnings(
    q,
    tenantId,
    m.id,
    evaluateOrder(p, memberReader(m, history, known, state.balance, terms), ev),
    await cachedHoldoutShare(q, tenantId),
  );
  await coded.settle(outcome, false);
  return resultOf(p, ev, outcome);
}

function resultOf(p: CompiledProgram, ev: OrderEvent, outcome: OrderOutcome): OrderResult {
  return {
    kind: "order",
    orderId: ev.orderId,
    companyId: ev.companyId,
    date: formatDay(ev.day),
    gross: formatMinor(outcome.grossMinor, p.digits),
    discount: formatMinor(outcome.discountMinor, p.digits),
    pointsRedeemed: outcome.pointsRedeemed,
    net: formatMinor(outcome.netMinor, p.digits),
    pointsEarned: outcome.earned.points,
    tier: outcome.tier,
    version: outcome.version,
    effects: outcome.effects,
  };
}

/** Takes an order in, in its own transaction: prices it with the engine and posts what it spends and earns. */
export function ingestOrder(
  db: Db,
  tenantId: string,
  source: string,
  ev: OrderEvent,
): Promise<Ingested<OrderResult>> {
  return db.transaction((tx) => ingestOrderIn(tx, tenantId, source, ev));
}

/** Takes an order in, inside the caller's transaction; `holdId` names a redemption hold it captures. */
export async function ingestOrderIn(
  tx: Queryable,
  tenantId: string,
  source: string,
  ev: OrderEvent,
  ctx: EventContext | null = null,
  holdId: string | null = null,
): Promise<Ingested<OrderResult>> {
  const p = programAt(ctx?.versions ?? (await publishedPrograms(tx, tenantId)), ev.day);
  if (!p) {
    const claim = await claimEvent<OrderResult>(tx, tenantId, source, ev.orderId, "order", ev.day, ev);
    if ("replay" in claim) return claim.replay;
    throw new EventError("no_program", "program", "the tenant has no published program yet");
  }
  const since = ev.day - HISTORY_DAYS;
  const claimed = await claimOrder(tx, tenantId, source, ev, p.wallet.allowDebt, since, ctx);
  if (!claimed) return replayOf<OrderResult>(tx, tenantId, source, ev.orderId, ev, "order");
  const { eventId, member: m } = claimed;
  ctx?.locked?.add(m.id);
  ctx?.chunk?.touch(m.id);
  // Read after the lock: the member's history, its balance, and whether the order came from another source.
  let state = claimed.state ?? (await lockedMemberState(tx, tenantId, m.id, since, ev.orderId));
  if (state.duplicate) {
    throw new EventError(
      "duplicate_order",
      "orderId",
      `order ${ev.orderId} was already received from another source`,
    );
  }
  if (holdId !== null) {
    // The held points go back to the wallet just before the engine prices the order, which spends them once.
    const held = await captureHold(tx, tenantId, holdId, m.id, ev.orderId, ev.partnerId ?? null);
    if (ev.pointsToRedeem === 0) ev = { ...ev, pointsToRedeem: held };
    state = await lockedMemberState(tx, tenantId, m.id, ev.day - HISTORY_DAYS, ev.orderId);
  }
  const history = state.history;
  // The level the member holds on the day (stored with the order's other changes, at the end); a level reached
  // by the window since the member's last order is a change like the tier job's, told to webhooks and triggers.
  const stored = m.tier;
  m.tier = tierOn(p, m.tier, ev.day, history);
  if (m.tier !== stored && m.tier !== null && !(stored === null && m.tier === p.tiers?.initial))
    await recordTierChange(tx, tenantId, p, ev.day, { id: m.id, from: stored, to: m.tier });
  // A batch's code is checked against its limits and becomes the program's code; its use is counted once.
  const coded = await applyCodeBatch(tx, tenantId, p, ev, m.orderCount);
  ev = coded.ev;
  const known = await referrers(tx, tenantId, p, ev.code);
  // A chunk knows which of its members have no terms at all.
  const terms = ctx?.chunk?.noTerms.has(m.id) ? [] : await termsFor(tx, tenantId, m.id, ev.day);
  const outcome = await withoutHeldOutEarnings(
    tx,
    tenantId,
    m.id,
    evaluateOrder(p, memberReader(m, history, known, state.balance, terms), ev),
    ctx?.holdoutBp ?? null,
  );
  await coded.settle(outcome, true);
  if (outcome.terms.length > 0) await recordTermUses(tx, tenantId, ev.orderId, m.id, ev.day, outcome.terms);

  for (const c of outcome.changes) {
    if (c.kind === "bandUnits") m.counters.bands[c.key] = (m.counters.bands[c.key] ?? 0) + c.deltaMilli;
    else if (c.kind === "stamps") m.counters.stamps[c.rule] = c.count;
    else m.counters.memberships[c.rule] = c.end;
  }
  const wallet = walletAccount(m.id);
  let balance = state.balance;
  let consumed: Consumed[] = [];
  // In a chunk run whole, the order's writes are held and sent with other orders' (see writes.ts).
  const buffer = bufferOf(tx);
  if (buffer && outcome.pointsRedeemed > 0 && !buffer.holdsLotsOf(wallet)) {
    // Nothing held writes the wallet's lots: they are read without sending what is held.
    const spent = await lotsToSpend(buffer.through, tenantId, wallet, outcome.pointsRedeemed, claimed.lots);
    consumed = spent.consumed;
    buffer.post(tenantId, {
      code: "redeem",
      cause: eventId,
      postings: [{ from: wallet, to: REDEEMED, amount: outcome.pointsRedeemed }],
    });
    buffer.take(tenantId, wallet, spent.ids, spent.takes);
    balance -= outcome.pointsRedeemed;
  } else if (outcome.pointsRedeemed > 0) {
    // The lots taken from are written with the posting that spends them.
    const spent = await lotsToSpend(tx, tenantId, wallet, outcome.pointsRedeemed);
    consumed = spent.consumed;
    await post(
      tx,
      tenantId,
      {
        code: "redeem",
        cause: eventId,
        postings: [{ from: wallet, to: REDEEMED, amount: outcome.pointsRedeemed }],
      },
      spent.write,
    );
    balance -= outcome.pointsRedeemed;
  }
  const e = outcome.earned;
  const result = resultOf(p, ev, outcome);
  // The member's counters, level and day, the day's history, the order and the event's answer: written with
  // the order's only posting when it has one, else alone.
  const write: OrderWrite = {
    tenantId,
    source,
    orderId: ev.orderId,
    memberId: m.id,
    day: ev.day,
    grossMinor: outcome.grossMinor,
    discountMinor: outcome.discountMinor,
    netMinor: outcome.netMinor,
    pointsRedeemed: outcome.pointsRedeemed,
    pointsEarned: e.points,
    outcome,
    consumed,
    paidOn: ev.paidOn,
    counters: m.counters,
    tier: m.tier,
    result,
  };
  // The order's webhook messages go with its other writes (held in a chunk's buffer, or sent as this).
  const last: AlsoWrite | null = buffer
    ? null
    : (() => {
        const writes = orderWrites(write);
        const messages = orderOutboxWrite(tenantId, eventId, result);
        return (p) => [...writes(p), ...messages(p)];
      })();
  const withContact = (lot: (typeof e.lots)[number]) => lot.contactPoints > 0 && ev.contactId;
  const onePosting =
    e.lots.length === 1 &&
    (e.lots[0]?.companyPoints ?? 0) > 0 &&
    !e.lots.some(withContact) &&
    !(outcome.referral && outcome.referral.points > 0);
  for (const lot of e.lots) {
    const policy = lot.expiry ?? p.expiry;
    await earn(tx, tenantId, eventId, m.id, wallet, lot.companyPoints, ev, e.availableOn, policy, {
      balance,
      also: onePosting ? last : null,
    });
    if (lot.companyPoints > 0 && e.availableOn !== null && e.availableOn <= ev.day)
      balance += lot.companyPoints;
    if (lot.contactPoints > 0 && ev.contactId) {
      const account = `wallet:contact:${ev.contactId}`;
      await openAccount(tx, tenantId, account, "wallet");
      await earn(tx, tenantId, eventId, m.id, account, lot.contactPoints, ev, e.availableOn, policy);
    }
  }
  if (outcome.referral && outcome.referral.points > 0) {
    ctx?.chunk?.touch(outcome.referral.referrerId);
    const referrer = await lockMember(tx, tenantId, outcome.referral.referrerId, ev.day, p.wallet.allowDebt);
    // A program that credits after payment leaves the points pending on this order: its payment dates them.
    const when = outcome.referral.availableOn;
    if (when === null || when > ev.day) {
      const account = walletAccount(referrer.id);
      await earn(tx, tenantId, eventId, referrer.id, account, outcome.referral.points, ev, when, p.expiry);
    } else
      await grantAvailable(
        tx,
        tenantId,
        eventId,
        walletAccount(referrer.id),
        outcome.referral.points,
        ev.day,
        expiryDay(p.expiry, ev.day),
        `referral:${ev.orderId}`,
      );
  }
  if (buffer) {
    buffer.order(
      write,
      orderMessages(eventId, result).map(([type, payload]) => ({ type, payload })),
    );
    if (buffer.full) await buffer.flush();
  } else if (!onePosting && last) await writeAlone(tx, last);
  ctx?.chunk?.took(ev.orderId);
  // The member's row, history and balance as this order leaves them, for its next order in the chunk, which then
  // reads nothing (and sends nothing held) first. Only for an order that changed nothing else of the member's
  // state than what is added up here, and whose day does not go back in its history.
  const lastDay = history.days[history.days.length - 1];
  if (
    ctx?.chunk &&
    buffer &&
    holdId === null &&
    outcome.referral === null &&
    outcome.terms.length === 0 &&
    !e.lots.some(withContact) &&
    (lastDay === undefined || lastDay <= ev.day)
  ) {
    record(history, ev.day, outcome.netMinor, 1, e.points);
    ctx.chunk.carry(
      { ...m, orderCount: m.orderCount + 1, counters: structuredClone(m.counters) },
      { history, balance },
      since,
    );
  }
  // A chunk knows whether the tenant runs any campaign at all.
  if (ctx?.chunk?.campaigns !== false) await scoreOrder(tx, tenantId, ev, outcome, new Date());
  return { eventId, replayed: false, result };
}

/**
 * Claims an order by (source, order id) and locks its member; null when the order was received before. The
 * member's history and balance come with it when they could be read in the same round trip (or before, by the
 * chunk); else they are read after the lock.
 */
async function claimOrder(
  tx: Queryable,
  tenantId: string,
  source: string,
  ev: OrderEvent,
  allowDebt: boolean,
  since: Day,
  ctx: EventContext | null,
): Promise<{
  eventId: string;
  member: MemberRow;
  state: (MemberState & { duplicate: boolean }) | null;
  /** The wallet's lots with points left, as the chunk read them with the state; null when not read. */
  lots: LotRow[] | null;
} | null> {
  const ahead = ctx?.chunk?.claim(source, ev.orderId, ev.companyId, since) ?? { kind: "none" };
  if (ahead.kind === "replay") return null;
  if (ahead.kind === "claimed") {
    // Claimed by the chunk, its member locked there: its row and state as read then, or read again now.
    const fresh = ahead.fresh ?? (await memberWithState(tx, tenantId, ev.companyId, since));
    if (!fresh.member) throw new Error(`member ${ev.companyId} was locked but not found`);
    const state = "state" in fresh ? fresh.state : fresh;
    return {
      eventId: ahead.eventId,
      member: fresh.member,
      state: { history: state.history, balance: state.balance, duplicate: ahead.duplicate },
      lots: "lots" in fresh ? fresh.lots : null,
    };
  }
  // The event claimed, the program's accounts opened, the member created and locked: one statement.
  const eventId = newId("evt");
  // A member a batch locked first has its state read in the same statement.
  const preLocked = ctx?.locked?.has(ev.companyId) ?? false;
  const claimed = await claimOrderAndLockMember(
    tx,
    tenantId,
    source,
    eventId,
    ev,
    ev,
    allowDebt,
    preLocked ? since : null,
  );
  return claimed ? { eventId, ...claimed, lots: null } : null;
}

/**
 * The stored answer of an event seen before, when it is sent again as it was. Sent again with other content
 * under the same id (an order edited in the ERP and sent under its old id, a payment with another date), it is
 * refused: answering as the first time would tell the sender that what it sent now was taken.
 */
async function replayOf<T>(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  payload: unknown,
  type: "order" | "return" | "payment" | "cancellation",
): Promise<Ingested<T>> {
  const seen = await tx.query<{ id: string; result: T; type: string; same: boolean }>(
    `SELECT id, result, type, payload = $4::jsonb AS same FROM events
     WHERE tenant_id = $1 AND source = $2 AND external_id = $3`,
    [tenantId, source, externalId, JSON.stringify(payload)],
  );
  const row = seen.rows[0];
  if (!row) throw new Error("an event both exists and does not");
  if (row.type !== type || !row.same) {
    const [field, what] =
      type === "order" ? ["orderId", `order ${externalId}`] : ["externalId", `event ${externalId}`];
    const change =
      type === "order"
        ? "to change an order, send it under a new order id with `replaces` naming this one, or send a return"
        : "send what is new under an external id of its own";
    throw new EventError(
      "changed_event",
      field,
      row.type !== type
        ? `${what} from ${source} was taken before as ${row.type === "order" ? "an order" : `a ${row.type}`}`
        : `${what} from ${source} was taken before with other content: ${change}`,
    );
  }
  return { eventId: row.id, replayed: true, result: row.result };
}

/** Earned points: available at once (a lot with its expiry) or pending until their day. */
async function earn(
  tx: Queryable,
  tenantId: string,
  cause: string,
  memberId: string,
  account: string,
  points: number,
  ev: OrderEvent,
  availableOn: Day | null,
  policy: CompiledExpiry,
  /** The account's balance when known (else it is read), and other writes to send with the posting. */
  opts: { balance: number | null; also: AlsoWrite | null } = { balance: null, also: null },
): Promise<void> {
  if (points <= 0) return;
  if (availableOn !== null && availableOn <= ev.day) {
    const expiresOn = expiryDay(policy, ev.day);
    await grantAvailable(tx, tenantId, cause, account, points, ev.day, expiresOn, ev.orderId, opts);
    return;
  }
  const pending = account.startsWith("wallet:contact:")
    ? `pending:contact:${account.slice(15)}`
    : pendingAccount(memberId);
  // The member's own pending account is opened with the member.
  if (pending !== pendingAccount(memberId)) await openAccount(tx, tenantId, pending, "pending");
  const buffer = bufferOf(tx);
  if (buffer && !opts.also) {
    buffer.post(tenantId, {
      code: "earn.pending",
      cause,
      postings: [{ from: ISSUED, to: pending, amount: points }],
    });
    buffer.pendingLot(tenantId, { account, orderId: ev.orderId, points, availableOn, expiry: policy });
    return;
  }
  const pendingLot: AlsoWrite = (p) => [
    `e_pending AS (
       INSERT INTO pending_lots (tenant_id, id, account_id, order_id, points, available_on, expiry)
       VALUES (${p(tenantId)}, ${p(newId("pnd"))}, ${p(account)}, ${p(ev.orderId)}, ${p(points)}::bigint,
         ${p(availableOn === null ? null : formatDay(availableOn))}::date, ${p(JSON.stringify(policy))}::jsonb)
     )`,
    ...(opts.also ? opts.also(p) : []),
  ];
  await post(
    tx,
    tenantId,
    { code: "earn.pending", cause, postings: [{ from: ISSUED, to: pending, amount: points }] },
    pendingLot,
  );
}

/** Points available now: they first repay any debt, and the rest becomes a lot spent oldest first. */
async function grantAvailable(
  tx: Queryable,
  tenantId: string,
  cause: string,
  account: string,
  points: number,
  day: Day,
  expiresOn: Day | null,
  source: string,
  opts: { balance: number | null; also: AlsoWrite | null } = { balance: null, also: null },
): Promise<void> {
  const before = opts.balance ?? Number((await balanceOf(tx, tenantId, account)) ?? 0n);
  const lot = points - Math.min(points, Math.max(0, -before));
  const lotRow = {
    tenantId,
    id: newId("lot"),
    account,
    points: lot,
    grantedOn: day,
    expiresOn,
    source,
  };
  const buffer = bufferOf(tx);
  if (buffer && !opts.also) {
    buffer.post(tenantId, { code: "earn", cause, postings: [{ from: ISSUED, to: account, amount: points }] });
    if (lot > 0) buffer.lot(tenantId, lotRow);
    return;
  }
  // The lot is written with its posting, and so are the caller's other writes.
  const also: AlsoWrite = (p) => [
    ...(lot > 0 ? lotWrite("e_lot", lotRow)(p) : []),
    ...(opts.also ? opts.also(p) : []),
  ];
  await post(
    tx,
    tenantId,
    { code: "earn", cause, postings: [{ from: ISSUED, to: account, amount: points }] },
    also,
  );
}

async function insertLot(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
  grantedOn: Day,
  expiresOn: Day | null,
  source: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      tenantId,
      newId("lot"),
      account,
      formatDay(grantedOn),
      expiresOn === null ? null : formatDay(expiresOn),
      points,
      source,
    ],
  );
}

/** Takes points from a wallet's lots, oldest first; returns what it took from each, for a later refund. */
async function spendLots(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
): Promise<Consumed[]> {
  const spent = await lotsToSpend(tx, tenantId, account, points);
  await writeAlone(tx, spent.write);
  return spent.consumed;
}

/**
 * Locks a wallet's lots and picks what `points` take from them, oldest first: what it took from each (for a
 * later refund), and the write that takes it, to send with another statement.
 */
async function lotsToSpend(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
  /** The account's lots with points left, oldest first, when they were read (and locked) already. */
  read: LotRow[] | null = null,
): Promise<{ consumed: Consumed[]; ids: string[]; takes: number[]; write: AlsoWrite }> {
  const lots = read
    ? { rows: read }
    : await tx.query<LotRow>(
        `SELECT id, remaining::text, granted_on::text, expires_on::text FROM lots
         WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 ORDER BY granted_on, id FOR UPDATE`,
        [tenantId, account],
      );
  const consumed: Consumed[] = [];
  let left = points;
  const ids: string[] = [];
  const takes: number[] = [];
  for (const lot of lots.rows) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.remaining));
    ids.push(lot.id);
    takes.push(take);
    consumed.push({
      points: take,
      grantedOn: parseDay(lot.granted_on) as Day,
      expiresOn: lot.expires_on === null ? null : parseDay(lot.expires_on),
    });
    left -= take;
  }
  if (left > 0) throw new Error(`lots of ${account} hold ${points - left} points, less than its balance`);
  // Every lot taken from, in one statement.
  const write: AlsoWrite = (p) => [
    `s_lots AS (
       UPDATE lots l SET remaining = l.remaining - x.take::bigint
       FROM unnest(${p(pgArray(ids))}::text[], ${p(pgArray(takes.map(String)))}::text[]) AS x(id, take)
       WHERE l.tenant_id = ${p(tenantId)} AND l.id = x.id
     )`,
  ];
  return { consumed, ids, takes, write };
}

/** The two accounts earned points of an order went to: the wallet, and the pending account before it. */
interface EarnAccounts {
  wallet: string;
  pending: string;
}

const companyAccounts = (memberId: string): EarnAccounts => ({
  wallet: walletAccount(memberId),
  pending: pendingAccount(memberId),
});

const contactAccounts = (contactId: string): EarnAccounts => ({
  wallet: `wallet:contact:${contactId}`,
  pending: `pending:contact:${contactId}`,
});

/**
 * Takes back earned points: pending ones of the order first (posted as `voidCode`), then available lots oldest
 * first, then debt.
 */
async function takeBack(
  tx: Queryable,
  tenantId: string,
  cause: string,
  accounts: EarnAccounts,
  orderId: string,
  points: number,
  allowDebt: boolean,
  voidCode: "reverse" | "void" = "reverse",
): Promise<number> {
  let left = points;
  const pending = await tx.query<{ id: string; points: string; account_id: string }>(
    `SELECT id, points::text, account_id FROM pending_lots
     WHERE tenant_id = $1 AND order_id = $2 AND account_id = $3 AND points > 0 ORDER BY id FOR UPDATE`,
    [tenantId, orderId, accounts.wallet],
  );
  for (const lot of pending.rows) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.points));
    await tx.query("UPDATE pending_lots SET points = points - $3 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      lot.id,
      take,
    ]);
    await post(tx, tenantId, {
      code: voidCode,
      cause,
      postings: [{ from: accounts.pending, to: ISSUED, amount: take }],
    });
    left -= take;
  }
  const wallet = accounts.wallet;
  const available = Math.max(0, Number((await balanceOf(tx, tenantId, wallet)) ?? 0n));
  const fromLots = Math.min(left, available);
  if (fromLots > 0) {
    await spendLots(tx, tenantId, wallet, fromLots);
    left -= fromLots;
  }
  const debt = allowDebt ? left : 0;
  const fromWallet = fromLots + debt;
  if (fromWallet > 0) {
    await post(tx, tenantId, {
      code: "reverse",
      cause,
      postings: [{ from: wallet, to: ISSUED, amount: fromWallet }],
    });
  }
  return points - left + debt;
}

/**
 * Takes back what a referred order credited its referrer, once that order is returned in full: the referral
 * did not bring a client. Pending points of the order go first, then available ones, then debt where the
 * program allows it (as for any reversal). A partial return keeps the credit.
 */
async function reverseReferralCredit(
  tx: Queryable,
  tenantId: string,
  cause: string,
  order: StoredOrder,
  day: Day,
  effects: ReturnOut["effects"],
  ctx: EventContext | null,
): Promise<void> {
  const referral = order.outcome.referral;
  if (!referral || referral.points <= 0) return;
  const versions = ctx?.versions ?? (await publishedPrograms(tx, tenantId));
  const p = programAt(versions, day) ?? versions[0];
  if (!p) return;
  ctx?.chunk?.touch(referral.referrerId);
  await lockMember(tx, tenantId, referral.referrerId, day, p.wallet.allowDebt);
  const taken = await takeBack(
    tx,
    tenantId,
    cause,
    companyAccounts(referral.referrerId),
    order.id,
    referral.points,
    p.wallet.allowDebt,
    "void",
  );
  if (taken === 0) return;
  effects.push({
    code: "referral.reversed",
    version: p.version,
    params: { referrer: referral.referrerId, points: taken },
  });
}

/** An order as stored, locked for the rest of the transaction. */
interface StoredOrder {
  id: string;
  memberId: string;
  day: Day;
  outcome: OrderOutcome;
  progress: ReturnProgress | null;
  consumed: Consumed[];
  paidOn: Day | null;
  cancelledOn: Day | null;
}

async function lockOrder(tx: Queryable, tenantId: string, orderId: string): Promise<StoredOrder> {
  const r = await tx.query<{
    member_id: string;
    day: string;
    outcome: OrderOutcome;
    progress: ReturnProgress | null;
    consumed: Consumed[];
    paid_on: string | null;
    cancelled_on: string | null;
  }>(
    `SELECT member_id, day::text, outcome, progress, consumed, paid_on::text, cancelled_on::text
     FROM orders WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, orderId],
  );
  const row = r.rows[0];
  if (!row) throw new EventError("unknown_order", "orderId", `no order ${orderId} was received`);
  return {
    id: orderId,
    memberId: row.member_id,
    day: parseDay(row.day) as Day,
    outcome: row.outcome,
    progress: row.progress,
    consumed: row.consumed,
    paidOn: row.paid_on === null ? null : parseDay(row.paid_on),
    cancelledOn: row.cancelled_on === null ? null : parseDay(row.cancelled_on),
  };
}

function refuseCancelled(order: StoredOrder, what: string): void {
  if (order.cancelledOn === null) return;
  throw new EventError(
    "order_cancelled",
    "orderId",
    `order ${order.id} was cancelled on ${formatDay(order.cancelledOn)}; ${what}`,
  );
}

/** Takes a return in, in its own transaction: refunds the returned units' net, gives back points spent on them,
 * reverses points earned. */
export function ingestReturn(
  db: Db,
  tenantId: string,
  source: string,
  externalId: string,
  ev: ReturnEvent,
): Promise<Ingested<ReturnResult>> {
  return db.transaction((tx) => ingestReturnIn(tx, tenantId, source, externalId, ev));
}

/** Takes a return in, inside the caller's transaction. */
export async function ingestReturnIn(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  ev: ReturnEvent,
  ctx: EventContext | null = null,
): Promise<Ingested<ReturnResult>> {
  const claim = await claimEvent<ReturnResult>(tx, tenantId, source, externalId, "return", ev.day, ev);
  if ("replay" in claim) return claim.replay;
  const order = await lockOrder(tx, tenantId, ev.orderId);
  refuseCancelled(order, "there is nothing left to return");
  if (ev.day < order.day)
    throw new EventError("bad_return", "date", `the return is dated before order ${ev.orderId}`);
  const returnedBefore = order.progress?.returnedNetMinor ?? 0;
  const done = await applyReturn(tx, tenantId, claim.id, order, ev, ev.day, 0, ctx);
  await unscoreReturn(tx, tenantId, order.outcome, order.progress?.returnedMilli ?? [], done.out.lines);
  if (returnedBefore < order.outcome.netMinor && done.out.progress.returnedNetMinor >= order.outcome.netMinor)
    await reverseReferralCredit(tx, tenantId, claim.id, order, ev.day, done.out.effects, ctx);
  await giveBackTermUses(tx, tenantId, order.id, order.outcome, done.out.progress);
  const result: ReturnResult = {
    kind: "return",
    orderId: ev.orderId,
    companyId: order.memberId,
    date: formatDay(ev.day),
    refund: formatMinor(done.out.refundMinor, done.digits),
    pointsReversed: done.reversed,
    pointsRefunded: done.out.pointsRefunded,
    effects: done.out.effects,
  };
  await saveResult(tx, tenantId, source, externalId, result);
  await emitReversal(tx, tenantId, claim.id, result);
  return { eventId: claim.id, replayed: false, result };
}

async function saveResult(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  result: unknown,
): Promise<void> {
  await tx.query("UPDATE events SET result = $4 WHERE tenant_id = $1 AND source = $2 AND external_id = $3", [
    tenantId,
    source,
    externalId,
    JSON.stringify(result),
  ]);
}

/**
 * Applies a return the engine evaluates against a stored order: counters, points given back (expired at once
 * when their lot's day is before `today`), earned points taken back, the member's history on the return's
 * day (`orders` added to its order count), and the order's return progress.
 */
async function applyReturn(
  tx: Queryable,
  tenantId: string,
  cause: string,
  order: StoredOrder,
  ev: ReturnEvent,
  today: Day,
  orders: number,
  ctx: EventContext | null,
  voidCode: "reverse" | "void" = "reverse",
): Promise<{ out: ReturnType<typeof evaluateReturn>; reversed: number; digits: number }> {
  const versions = ctx?.versions ?? (await publishedPrograms(tx, tenantId));
  const pOrder = programAt(versions, order.day);
  const pNow = programAt(versions, today);
  if (!pOrder || !pNow)
    throw new EventError("no_program", "program", "the tenant has no published program yet");
  const m = await lockMemberOnce(tx, tenantId, order.memberId, ev.day, pNow.wallet.allowDebt, ctx);
  let out: ReturnType<typeof evaluateReturn>;
  try {
    out = evaluateReturn(
      pOrder,
      order.outcome,
      order.progress ?? newReturnProgress(order.outcome),
      ev,
      (rule) => m.counters.stamps[rule] ?? 0,
    );
  } catch (e) {
    if (e instanceof ReturnError)
      throw new EventError(
        "bad_return",
        `lines[${e.lineIndex}].${e.field === "unit_price" ? "unitPrice" : e.field}`,
        e.message,
      );
    throw e;
  }
  for (const c of out.changes) {
    if (c.kind === "bandUnits")
      m.counters.bands[c.key] = Math.max(0, (m.counters.bands[c.key] ?? 0) + c.deltaMilli);
    else if (c.kind === "stamps") m.counters.stamps[c.rule] = c.count;
    else m.counters.memberships[c.rule] = c.end;
  }
  await tx.query("UPDATE members SET counters = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    m.id,
    JSON.stringify(m.counters),
  ]);
  const wallet = walletAccount(m.id);
  const consumed = order.consumed;
  if (out.pointsRefunded > 0) {
    // Points given back repay a debt first, as any points that become available do (as the engine's wallet).
    let owed = Math.max(0, -Number((await balanceOf(tx, tenantId, wallet)) ?? 0n));
    await post(tx, tenantId, {
      code: "refund",
      cause,
      postings: [{ from: REDEEMED, to: wallet, amount: out.pointsRefunded }],
    });
    // Given back with the dates of the lots they came from, latest consumed first; already past, they expire now.
    let left = out.pointsRefunded;
    for (let k = consumed.length - 1; k >= 0 && left > 0; k--) {
      const c = consumed[k] as Consumed;
      const take = Math.min(c.points, left);
      c.points -= take;
      left -= take;
      const repay = Math.min(owed, take);
      owed -= repay;
      const rest = take - repay;
      if (rest === 0) continue;
      if (c.expiresOn !== null && c.expiresOn < today) {
        await post(tx, tenantId, {
          code: "expire",
          cause,
          postings: [{ from: wallet, to: EXPIRED, amount: rest }],
        });
      } else await insertLot(tx, tenantId, wallet, rest, c.grantedOn, c.expiresOn, `refund:${ev.orderId}`);
    }
  }
  const allowDebt = pNow.wallet.allowDebt;
  const reversed =
    out.companyPointsReversed > 0
      ? await takeBack(
          tx,
          tenantId,
          cause,
          companyAccounts(m.id),
          ev.orderId,
          out.companyPointsReversed,
          allowDebt,
          voidCode,
        )
      : 0;
  // A contact's wallet may not go below zero: what it no longer holds is not taken back.
  const contactId = order.outcome.contactId;
  const contactReversed =
    out.contactPointsReversed > 0 && contactId
      ? await takeBack(
          tx,
          tenantId,
          cause,
          contactAccounts(contactId),
          ev.orderId,
          out.contactPointsReversed,
          false,
          voidCode,
        )
      : 0;
  await addToHistory(tx, tenantId, m.id, ev.day, -out.refundMinor, orders, -reversed);
  await tx.query("UPDATE orders SET progress = $3, consumed = $4 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    ev.orderId,
    JSON.stringify(out.progress),
    JSON.stringify(consumed),
  ]);
  return { out, reversed: reversed + contactReversed, digits: pOrder.digits };
}

/** A payment: the order named was paid on `day`. */
export interface PaymentEvent {
  orderId: string;
  day: Day;
}

/**
 * Takes a payment in: the order is paid, and its pending points that waited for payment get the day they
 * become available (the engine's: the later of the order's and the payment's day, plus the return window).
 */
export async function payOrderIn(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  ev: PaymentEvent,
  ctx: EventContext | null = null,
): Promise<Ingested<PaymentResult>> {
  const claim = await claimEvent<PaymentResult>(tx, tenantId, source, externalId, "payment", ev.day, ev);
  if ("replay" in claim) return claim.replay;
  const order = await lockOrder(tx, tenantId, ev.orderId);
  ctx?.chunk?.touch(order.memberId);
  refuseCancelled(order, "a cancelled order is not paid");
  if (order.paidOn !== null) {
    throw new EventError(
      "order_paid",
      "orderId",
      `order ${ev.orderId} was already paid on ${formatDay(order.paidOn)}`,
    );
  }
  const p = programAt(ctx?.versions ?? (await publishedPrograms(tx, tenantId)), order.day);
  if (!p) throw new EventError("no_program", "program", "the tenant has no published program yet");
  const day = availableOn(p, order.day, ev.day);
  const lots = await tx.query<{ points: string }>(
    `UPDATE pending_lots SET available_on = COALESCE(available_on, $3)
     WHERE tenant_id = $1 AND order_id = $2 RETURNING points::text`,
    [tenantId, ev.orderId, day === null ? null : formatDay(day)],
  );
  await tx.query("UPDATE orders SET paid_on = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    ev.orderId,
    formatDay(ev.day),
  ]);
  const pendingPoints = lots.rows.reduce((sum, l) => sum + Number(l.points), 0);
  const result: PaymentResult = {
    kind: "payment",
    orderId: ev.orderId,
    companyId: order.memberId,
    paidOn: formatDay(ev.day),
    availableOn: pendingPoints > 0 && day !== null ? formatDay(day) : null,
    pendingPoints,
  };
  await saveResult(tx, tenantId, source, externalId, result);
  return { eventId: claim.id, replayed: false, result };
}

/** A cancellation: the order named is called off on `day`, before it was paid. */
export interface CancellationEvent {
  orderId: string;
  day: Day;
}

/**
 * Takes a cancellation in. Before the order is paid and before its points became available, it is undone as
 * the engine undoes a full return dated on the order's own day: pending points voided, points it spent given
 * back with their lots' expiry, counters and the day's history reversed, one order fewer. After that, only a
 * return can take it back.
 */
export async function cancelOrderIn(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  ev: CancellationEvent,
  ctx: EventContext | null = null,
): Promise<Ingested<CancellationResult>> {
  const claim = await claimEvent<CancellationResult>(
    tx,
    tenantId,
    source,
    externalId,
    "cancellation",
    ev.day,
    ev,
  );
  if ("replay" in claim) return claim.replay;
  const order = await lockOrder(tx, tenantId, ev.orderId);
  refuseCancelled(order, "it cannot be cancelled again");
  if (order.paidOn !== null) {
    throw new EventError(
      "order_paid",
      "orderId",
      `order ${ev.orderId} was paid on ${formatDay(order.paidOn)}: send a return instead of a cancellation`,
    );
  }
  const earned = order.outcome.earned;
  if (earned.points > 0 && earned.availableOn !== null && earned.availableOn <= ev.day) {
    throw new EventError(
      "order_paid",
      "orderId",
      `the points of order ${ev.orderId} became available on ${formatDay(earned.availableOn)}: send a return instead of a cancellation`,
    );
  }
  if (ev.day < order.day)
    throw new EventError("bad_event", "date", `the cancellation is dated before order ${ev.orderId}`);
  const full: ReturnEvent = {
    type: "return",
    orderId: ev.orderId,
    day: order.day,
    lines: leftToReturn(order),
  };
  const done = await applyReturn(tx, tenantId, claim.id, order, full, ev.day, -1, ctx, "void");
  await tx.query(
    `UPDATE members SET order_count = GREATEST(order_count - 1, 0),
       last_order_on = (SELECT max(day) FROM orders
                        WHERE tenant_id = $1 AND member_id = $2 AND id <> $3 AND cancelled_on IS NULL)
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, order.memberId, ev.orderId],
  );
  await tx.query("UPDATE orders SET cancelled_on = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    ev.orderId,
    formatDay(ev.day),
  ]);
  await releaseCodeUse(tx, tenantId, ev.orderId, new Date());
  await unscoreOrder(tx, tenantId, ev.orderId);
  await voidReferralCredit(tx, tenantId, claim.id, ev.orderId, order.outcome.referral);
  await giveBackTermUses(tx, tenantId, ev.orderId, order.outcome, null);
  const result: CancellationResult = {
    kind: "cancellation",
    orderId: ev.orderId,
    companyId: order.memberId,
    date: formatDay(ev.day),
    pointsVoided: done.reversed,
    pointsRefunded: done.out.pointsRefunded,
    effects: done.out.effects,
  };
  await saveResult(tx, tenantId, source, externalId, result);
  await emitReversal(tx, tenantId, claim.id, result);
  return { eventId: claim.id, replayed: false, result };
}

/** What of an order has not been returned yet, one line per SKU and unit price: a full return's lines. */
function leftToReturn(order: StoredOrder): ReturnEvent["lines"] {
  const returned = order.progress?.returnedMilli ?? [];
  const left = new Map<string, ReturnEvent["lines"][number]>();
  for (const [i, l] of order.outcome.lines.entries()) {
    const qty = l.quantityMilli - (returned[i] ?? 0);
    if (qty <= 0) continue;
    const key = `${l.sku}\u0000${l.unitPriceMinor}`;
    const seen = left.get(key);
    if (seen) seen.quantityMilli += qty;
    else left.set(key, { sku: l.sku, unitPriceMinor: l.unitPriceMinor, quantityMilli: qty });
  }
  return [...left.values()];
}

/** The external id a payment or cancellation is known by when the sender gives none: one per order. */
export const defaultExternalId = (kind: "payment" | "cancellation", orderId: string) => `${kind}:${orderId}`;

/**
 * Takes an edited order in: the order it replaces is cancelled and the new one taken, in the caller's
 * transaction, so the new order sees the member as if the old one had never been. Sent again, it changes
 * nothing and gives the first answer.
 */
export async function editOrderIn(
  tx: Queryable,
  tenantId: string,
  source: string,
  ev: OrderEvent,
  replaces: string,
  ctx: EventContext | null = null,
  holdId: string | null = null,
): Promise<Ingested<EditResult>> {
  const seen = await tx.query<{ id: string }>(
    "SELECT id FROM events WHERE tenant_id = $1 AND source = $2 AND external_id = $3",
    [tenantId, source, ev.orderId],
  );
  if (seen.rows[0]) return replayOf<EditResult>(tx, tenantId, source, ev.orderId, ev, "order");
  if (replaces === ev.orderId)
    throw new EventError(
      "bad_event",
      "replaces",
      "an edited order needs an id of its own, not the one it replaces",
    );
  let cancelled: Ingested<CancellationResult>;
  try {
    cancelled = await cancelOrderIn(
      tx,
      tenantId,
      source,
      defaultExternalId("cancellation", replaces),
      { orderId: replaces, day: ev.day },
      ctx,
    );
  } catch (e) {
    // What is wrong with the replaced order is wrong with the field that names it; a cancellation already
    // taken for it on another day (by an earlier edit) means it was cancelled.
    if (e instanceof EventError && e.code === "changed_event")
      throw new EventError("order_cancelled", "replaces", `order ${replaces} was already cancelled`);
    if (e instanceof EventError && e.field === "orderId") throw new EventError(e.code, "replaces", e.message);
    throw e;
  }
  if (cancelled.replayed) {
    throw new EventError("order_cancelled", "replaces", `order ${replaces} was already cancelled`);
  }
  const order = await ingestOrderIn(tx, tenantId, source, ev, ctx, holdId);
  const result: EditResult = { ...order.result, replaced: cancelled.result };
  await saveResult(tx, tenantId, source, ev.orderId, result);
  return { eventId: order.eventId, replayed: false, result };
}

/** A level the order's day brings (a rolling window's): recorded and announced as the tier job records its own. */
async function recordTierChange(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  day: Day,
  c: { id: string; from: string | null; to: string },
): Promise<void> {
  const benefits = p.tiers?.levels.find((l) => l.id === c.to)?.benefits ?? [];
  // In a chunk run whole, held with the orders' writes. The change is its own `tier.changed` message
  // (migration 0049).
  const buffer = bufferOf(tx);
  if (buffer) {
    buffer.tierChange(tenantId, {
      id: newId("tch"),
      memberId: c.id,
      day,
      from: c.from,
      to: c.to,
      benefits,
    });
    return;
  }
  await tx.query(
    `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason, benefits)
     VALUES ($1, $2, $3, $4, $5, $6, 'evaluation', $7::jsonb)`,
    [tenantId, newId("tch"), c.id, formatDay(day), c.from, c.to, JSON.stringify(benefits)],
  );
}
