// Orders and returns in: each once (by source and external id), priced by the engine, and its points
// posted to the ledger in the same database transaction. The server computes no discount or point itself.
import {
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
  sumBetween,
} from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import { balanceOf, openAccount, post } from "../ledger/service.ts";
import {
  addToHistory,
  EXPIRED,
  findMember,
  findMemberCaseless,
  ISSUED,
  loadHistory,
  lockMember,
  type MemberRow,
  openProgramAccounts,
  pendingAccount,
  REDEEMED,
  readerFor,
  walletAccount,
} from "../members/service.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { captureHold } from "../redemptions/service.ts";

export type EventErrorCode = "no_program" | "unknown_order" | "duplicate_order" | "bad_return";

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

export interface Ingested<T> {
  eventId: string;
  /** True when the event had been received before: nothing changed, the first answer is given again. */
  replayed: boolean;
  result: T;
}

/** How far back a member's history is read for windows: the longest window a program can name. */
const HISTORY_DAYS = 3661;

/** Inserts the event once; returns its id, or the stored answer when (source, external id) was seen. */
async function claimEvent<T>(
  tx: Queryable,
  tenantId: string,
  source: string,
  externalId: string,
  type: "order" | "return",
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
  const seen = await tx.query<{ id: string; result: T }>(
    "SELECT id, result FROM events WHERE tenant_id = $1 AND source = $2 AND external_id = $3",
    [tenantId, source, externalId],
  );
  const row = seen.rows[0];
  if (!row) throw new Error("an event both exists and does not");
  return { replay: { eventId: row.id, replayed: true, result: row.result } };
}

async function programFor(tx: Queryable, tenantId: string, day: Day): Promise<CompiledProgram> {
  const p = programAt(await publishedPrograms(tx, tenantId), day);
  if (!p) throw new EventError("no_program", "program", "the tenant has no published program yet");
  return p;
}

/** Sets a daily-evaluated level from the member's window before the day's events, as the replay does. */
async function currentTier(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  m: MemberRow,
  day: Day,
  history: HistoryArrays,
): Promise<string | null> {
  const tier = tierOn(p, m.tier, day, history);
  if (tier !== m.tier) {
    await tx.query("UPDATE members SET tier = $3, tier_since = $4 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      m.id,
      tier,
      formatDay(day),
    ]);
  }
  return tier;
}

/** The level a member holds on `day`: read from its window when levels are set daily, else as stored. */
export function tierOn(
  p: CompiledProgram,
  stored: string | null,
  day: Day,
  history: HistoryArrays,
): string | null {
  const t = p.tiers;
  if (!t) return null;
  if (t.evaluation !== "daily") return stored ?? t.initial;
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
export async function quoteOrder(q: Queryable, tenantId: string, ev: OrderEvent): Promise<OrderResult> {
  const p = await programFor(q, tenantId, ev.day);
  const m: MemberRow = (await findMember(q, tenantId, ev.companyId)) ?? {
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
  const history = await loadHistory(q, tenantId, m.id, ev.day - HISTORY_DAYS);
  m.tier = tierOn(p, m.tier, ev.day, history);
  const reader = await readerFor(q, tenantId, m, history, await referrers(q, tenantId, p, ev.code));
  return resultOf(p, ev, evaluateOrder(p, reader, ev));
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
  holdId: string | null = null,
): Promise<Ingested<OrderResult>> {
  const claim = await claimEvent<OrderResult>(tx, tenantId, source, ev.orderId, "order", ev.day, ev);
  if ("replay" in claim) return claim.replay;
  const p = await programFor(tx, tenantId, ev.day);
  await openProgramAccounts(tx, tenantId);
  const seen = await tx.query("SELECT 1 FROM orders WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    ev.orderId,
  ]);
  if (seen.rows.length > 0) {
    throw new EventError(
      "duplicate_order",
      "orderId",
      `order ${ev.orderId} was already received from another source`,
    );
  }
  const m = await lockMember(tx, tenantId, ev.companyId, ev.day, p.wallet.allowDebt);
  if (holdId !== null) {
    // The held points go back to the wallet just before the engine prices the order, which spends them once.
    const held = await captureHold(tx, tenantId, holdId, m.id, ev.orderId);
    if (ev.pointsToRedeem === 0) ev = { ...ev, pointsToRedeem: held };
  }
  const history = await loadHistory(tx, tenantId, m.id, ev.day - HISTORY_DAYS);
  m.tier = await currentTier(tx, tenantId, p, m, ev.day, history);
  const known = await referrers(tx, tenantId, p, ev.code);
  const outcome = evaluateOrder(p, await readerFor(tx, tenantId, m, history, known), ev);

  for (const c of outcome.changes) {
    if (c.kind === "bandUnits") m.counters.bands[c.key] = (m.counters.bands[c.key] ?? 0) + c.deltaMilli;
    else if (c.kind === "stamps") m.counters.stamps[c.rule] = c.count;
    else m.counters.memberships[c.rule] = c.end;
  }
  await tx.query(
    `UPDATE members SET counters = $3, order_count = order_count + 1, last_order_on = $4
       WHERE tenant_id = $1 AND id = $2`,
    [tenantId, m.id, JSON.stringify(m.counters), formatDay(ev.day)],
  );
  const wallet = walletAccount(m.id);
  let consumed: Consumed[] = [];
  if (outcome.pointsRedeemed > 0) {
    consumed = await spendLots(tx, tenantId, wallet, outcome.pointsRedeemed);
    await post(tx, tenantId, {
      code: "redeem",
      cause: claim.id,
      postings: [{ from: wallet, to: REDEEMED, amount: outcome.pointsRedeemed }],
    });
  }
  const e = outcome.earned;
  for (const lot of e.lots) {
    const policy = lot.expiry ?? p.expiry;
    await earn(tx, tenantId, claim.id, m.id, wallet, lot.companyPoints, ev, e.availableOn, policy);
    if (lot.contactPoints > 0 && ev.contactId) {
      const account = `wallet:contact:${ev.contactId}`;
      await openAccount(tx, tenantId, account, "wallet");
      await earn(tx, tenantId, claim.id, m.id, account, lot.contactPoints, ev, e.availableOn, policy);
    }
  }
  if (outcome.referral && outcome.referral.points > 0) {
    const referrer = await lockMember(tx, tenantId, outcome.referral.referrerId, ev.day, p.wallet.allowDebt);
    await grantAvailable(
      tx,
      tenantId,
      claim.id,
      walletAccount(referrer.id),
      outcome.referral.points,
      ev.day,
      expiryDay(p.expiry, ev.day),
      `referral:${ev.orderId}`,
    );
  }
  await addToHistory(tx, tenantId, m.id, ev.day, outcome.netMinor, 1, e.points);
  await tx.query(
    `INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
         points_earned, outcome, progress, consumed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11)`,
    [
      tenantId,
      ev.orderId,
      m.id,
      formatDay(ev.day),
      outcome.grossMinor,
      outcome.discountMinor,
      outcome.netMinor,
      outcome.pointsRedeemed,
      e.points,
      JSON.stringify(outcome),
      JSON.stringify(consumed),
    ],
  );
  const result = resultOf(p, ev, outcome);

  await tx.query("UPDATE events SET result = $4 WHERE tenant_id = $1 AND source = $2 AND external_id = $3", [
    tenantId,
    source,
    ev.orderId,
    JSON.stringify(result),
  ]);
  return { eventId: claim.id, replayed: false, result };
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
): Promise<void> {
  if (points <= 0) return;
  if (availableOn !== null && availableOn <= ev.day) {
    await grantAvailable(tx, tenantId, cause, account, points, ev.day, expiryDay(policy, ev.day), ev.orderId);
    return;
  }
  const pending = account.startsWith("wallet:contact:")
    ? `pending:contact:${account.slice(15)}`
    : pendingAccount(memberId);
  await openAccount(tx, tenantId, pending, "pending");
  await post(tx, tenantId, {
    code: "earn.pending",
    cause,
    postings: [{ from: ISSUED, to: pending, amount: points }],
  });
  await tx.query(
    `INSERT INTO pending_lots (tenant_id, id, account_id, order_id, points, available_on, expiry)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      tenantId,
      newId("pnd"),
      account,
      ev.orderId,
      points,
      availableOn === null ? null : formatDay(availableOn),
      JSON.stringify(policy),
    ],
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
): Promise<void> {
  const before = Number((await balanceOf(tx, tenantId, account)) ?? 0n);
  await post(tx, tenantId, {
    code: "earn",
    cause,
    postings: [{ from: ISSUED, to: account, amount: points }],
  });
  const lot = points - Math.min(points, Math.max(0, -before));
  if (lot > 0) await insertLot(tx, tenantId, account, lot, day, expiresOn, source);
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

interface LotRow {
  id: string;
  remaining: string;
  granted_on: string;
  expires_on: string | null;
}

/** Takes points from a wallet's lots, oldest first; returns what it took from each, for a later refund. */
async function spendLots(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
): Promise<Consumed[]> {
  const lots = await tx.query<LotRow>(
    `SELECT id, remaining::text, granted_on::text, expires_on::text FROM lots
     WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 ORDER BY granted_on, id FOR UPDATE`,
    [tenantId, account],
  );
  const consumed: Consumed[] = [];
  let left = points;
  for (const lot of lots.rows) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.remaining));
    await tx.query("UPDATE lots SET remaining = remaining - $3 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      lot.id,
      take,
    ]);
    consumed.push({
      points: take,
      grantedOn: parseDay(lot.granted_on) as Day,
      expiresOn: lot.expires_on === null ? null : parseDay(lot.expires_on),
    });
    left -= take;
  }
  if (left > 0) throw new Error(`lots of ${account} hold ${points - left} points, less than its balance`);
  return consumed;
}

/** Takes back earned points: pending ones of the order first, then available lots oldest first, then debt. */
async function takeBack(
  tx: Queryable,
  tenantId: string,
  cause: string,
  memberId: string,
  orderId: string,
  points: number,
  allowDebt: boolean,
): Promise<number> {
  let left = points;
  const pending = await tx.query<{ id: string; points: string; account_id: string }>(
    `SELECT id, points::text, account_id FROM pending_lots
     WHERE tenant_id = $1 AND order_id = $2 AND account_id = $3 AND points > 0 ORDER BY id FOR UPDATE`,
    [tenantId, orderId, walletAccount(memberId)],
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
      code: "reverse",
      cause,
      postings: [{ from: pendingAccount(memberId), to: ISSUED, amount: take }],
    });
    left -= take;
  }
  const wallet = walletAccount(memberId);
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
): Promise<Ingested<ReturnResult>> {
  const claim = await claimEvent<ReturnResult>(tx, tenantId, source, externalId, "return", ev.day, ev);
  if ("replay" in claim) return claim.replay;
  const stored = await tx.query<{
    member_id: string;
    day: string;
    outcome: OrderOutcome;
    progress: ReturnProgress | null;
    consumed: Consumed[];
  }>(
    "SELECT member_id, day::text, outcome, progress, consumed FROM orders WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, ev.orderId],
  );
  const order = stored.rows[0];
  if (!order) throw new EventError("unknown_order", "orderId", `no order ${ev.orderId} was received`);
  const orderDay = parseDay(order.day) as Day;
  if (ev.day < orderDay)
    throw new EventError("bad_return", "date", `the return is dated before order ${ev.orderId}`);
  const versions = await publishedPrograms(tx, tenantId);
  const pOrder = programAt(versions, orderDay);
  const pNow = programAt(versions, ev.day);
  if (!pOrder || !pNow)
    throw new EventError("no_program", "program", "the tenant has no published program yet");
  const m = await lockMember(tx, tenantId, order.member_id, ev.day, pNow.wallet.allowDebt);
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
    await post(tx, tenantId, {
      code: "refund",
      cause: claim.id,
      postings: [{ from: REDEEMED, to: wallet, amount: out.pointsRefunded }],
    });
    // Given back with the dates of the lots they came from, latest consumed first; already past, they expire now.
    let left = out.pointsRefunded;
    for (let k = consumed.length - 1; k >= 0 && left > 0; k--) {
      const c = consumed[k] as Consumed;
      const take = Math.min(c.points, left);
      c.points -= take;
      left -= take;
      if (c.expiresOn !== null && c.expiresOn < ev.day) {
        await post(tx, tenantId, {
          code: "expire",
          cause: claim.id,
          postings: [{ from: wallet, to: EXPIRED, amount: take }],
        });
      } else await insertLot(tx, tenantId, wallet, take, c.grantedOn, c.expiresOn, `refund:${ev.orderId}`);
    }
  }
  const reversed =
    out.companyPointsReversed > 0
      ? await takeBack(
          tx,
          tenantId,
          claim.id,
          m.id,
          ev.orderId,
          out.companyPointsReversed,
          pNow.wallet.allowDebt,
        )
      : 0;
  await addToHistory(tx, tenantId, m.id, ev.day, -out.refundMinor, 0, -reversed);
  await tx.query("UPDATE orders SET progress = $3, consumed = $4 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    ev.orderId,
    JSON.stringify(out.progress),
    JSON.stringify(consumed),
  ]);
  const result: ReturnResult = {
    kind: "return",
    orderId: ev.orderId,
    companyId: m.id,
    date: formatDay(ev.day),
    refund: formatMinor(out.refundMinor, pOrder.digits),
    pointsReversed: reversed,
    pointsRefunded: out.pointsRefunded,
    effects: out.effects,
  };
  await tx.query("UPDATE events SET result = $4 WHERE tenant_id = $1 AND source = $2 AND external_id = $3", [
    tenantId,
    source,
    externalId,
    JSON.stringify(result),
  ]);
  return { eventId: claim.id, replayed: false, result };
}
