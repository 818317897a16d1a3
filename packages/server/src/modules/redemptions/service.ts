// Redemption holds, two-phase: points are reserved from a member's wallet into its hold account (taken from
// lots oldest first), then released into the order that captures them, or back to the wallet with their lots'
// own dates when the hold is cancelled or expires. Every move is a balanced ledger transaction.
import { assertCursor } from "../../db/cursor.ts";
import type { Db, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { openAccount, post } from "../ledger/service.ts";
import { openProgramAccounts, REDEEMED, walletAccount } from "../members/service.ts";
import { emitHoldCreated, emitHolds } from "../webhooks/outbox.ts";

export const holdAccount = (memberId: string) => `hold:${memberId}`;

/** How long a hold lasts when the request does not say, and the bounds a request may choose within. */
export const DEFAULT_HOLD_TTL_MINUTES = 30;
export const MIN_HOLD_TTL_MINUTES = 1;
export const MAX_HOLD_TTL_MINUTES = 7 * 24 * 60;

/** Expired holds released per transaction by `expireHolds`; it loops until none is due. */
export const EXPIRE_BATCH = 500;

export type HoldStatus = "held" | "captured" | "cancelled" | "expired";

/** Points taken from one lot, with the lot's dates, so that they can be given back as they were. */
export interface HeldLot {
  points: number;
  grantedOn: string;
  expiresOn: string | null;
}

export interface Hold {
  id: string;
  memberId: string;
  points: number;
  status: HoldStatus;
  expiresAt: string;
  createdAt: string;
  settledAt: string | null;
  /** The order that captured the hold. */
  orderId: string | null;
  /** The coalition partner that made the hold through its key (null: the program owner's). */
  partnerId: string | null;
  lots: HeldLot[];
}

interface HoldRow {
  id: string;
  member_id: string;
  points: string;
  status: HoldStatus;
  consumed: HeldLot[];
  expires_at: Date | string;
  created_at: Date | string;
  settled_at: Date | string | null;
  order_id: string | null;
  partner_id: string | null;
}

const HOLD_COLUMNS =
  "id, member_id, points::text, status, consumed, expires_at, created_at, settled_at, order_id, partner_id";

const iso = (v: Date | string) => new Date(v).toISOString();

function toHold(r: HoldRow): Hold {
  return {
    id: r.id,
    memberId: r.member_id,
    points: Number(r.points),
    status: r.status,
    expiresAt: iso(r.expires_at),
    createdAt: iso(r.created_at),
    settledAt: r.settled_at === null ? null : iso(r.settled_at),
    orderId: r.order_id,
    partnerId: r.partner_id,
    lots: r.consumed,
  };
}

/** What the engine says a cart may spend, read from its `redeem.points` explanation. */
export interface CartLimit {
  redeemed: number;
  limitedBy: string | null;
  cap: number | null;
  minimum: number;
}

export interface HoldRequest {
  memberId: string;
  points: number;
  now: Date;
  expiresAt: Date;
  /** The program's smallest redemption, checked when there is no cart (the engine checks it for a cart). */
  minimumPoints: number;
  cart: unknown;
  /** The partner making the hold through its key; only its own order captures it. */
  partnerId?: string | null | undefined;
}

/**
 * Reserves points for a member. The member's row is locked first, so that `priceCart` (the engine's quote of
 * the cart, which reads the balance) and the reservation see the same balance; the points are then taken
 * from the wallet's locked lots, all or nothing, so two holds can never take the same points.
 */
export async function createHold(
  tx: Queryable,
  tenantId: string,
  req: HoldRequest,
  priceCart: (() => Promise<CartLimit>) | null,
): Promise<Hold> {
  await lockHolder(tx, tenantId, req.memberId, "memberId");
  if (priceCart) {
    const limit = await priceCart();
    if (limit.redeemed < req.points) refuse(req, limit);
  } else if (req.points < req.minimumPoints) {
    throw new ApiError(
      "validation_failed",
      `the program spends at least ${req.minimumPoints} points`,
      "points",
    );
  }
  const wallet = walletAccount(req.memberId);
  const hold = holdAccount(req.memberId);
  await openAccount(tx, tenantId, hold, "hold");
  const id = newId("hld", req.now.getTime());
  // The lots add up to what the wallet may spend (a wallet in debt has none) and are locked as they are
  // taken: the check holds even where the program lets a wallet go negative, which the posting allows.
  const consumed = await takeLots(tx, tenantId, wallet, req.points);
  const taken = consumed.reduce((sum, l) => sum + l.points, 0);
  if (taken < req.points) {
    throw new ApiError(
      "insufficient_points",
      `member ${req.memberId} has ${taken} points available, fewer than the ${req.points} asked`,
      "points",
    );
  }
  await post(tx, tenantId, {
    code: "hold",
    cause: id,
    postings: [{ from: wallet, to: hold, amount: req.points }],
  });
  const r = await tx.query<HoldRow>(
    `INSERT INTO holds (tenant_id, id, member_id, points, status, consumed, cart, expires_at, created_at,
       partner_id)
     VALUES ($1, $2, $3, $4, 'held', $5, $6, $7, $8, $9) RETURNING ${HOLD_COLUMNS}`,
    [
      tenantId,
      id,
      req.memberId,
      req.points,
      JSON.stringify(consumed),
      req.cart === null ? null : JSON.stringify(req.cart),
      req.expiresAt,
      req.now,
      req.partnerId ?? null,
    ],
  );
  await emitHoldCreated(tx, tenantId, id, req);
  return toHold(r.rows[0] as HoldRow);
}

function refuse(req: HoldRequest, limit: CartLimit): never {
  switch (limit.limitedBy) {
    case "balance":
      throw new ApiError(
        "insufficient_points",
        `member ${req.memberId} has ${limit.redeemed} points available, fewer than the ${req.points} asked`,
        "points",
      );
    case "minimum":
      throw new ApiError(
        "validation_failed",
        `the program spends at least ${limit.minimum} points`,
        "points",
      );
    default:
      throw new ApiError(
        "validation_failed",
        `this cart may spend at most ${limit.redeemed} points${limit.cap === null ? "" : ` (its cap is ${limit.cap})`}`,
        "points",
      );
  }
}

/** Locks the member's row: every change to a member's points takes this lock first. */
async function lockHolder(tx: Queryable, tenantId: string, memberId: string, field: string): Promise<void> {
  const r = await tx.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [
    tenantId,
    memberId,
  ]);
  if (r.rows.length === 0) throw new ApiError("not_found", `no member ${memberId}`, field);
}

/**
 * Takes up to `points` from a wallet's lots, oldest first (by grant day, then id), in one statement; returns
 * what it took from each lot, less than `points` in all when the lots hold less.
 */
async function takeLots(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
): Promise<HeldLot[]> {
  const r = await tx.query<{ take: string; granted_on: string; expires_on: string | null }>(
    `WITH locked AS (
       SELECT id, remaining, granted_on, expires_on FROM lots
       WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 FOR UPDATE
     ), ordered AS (
       SELECT id, granted_on, expires_on,
              least(remaining, $3::bigint - (sum(remaining) OVER (ORDER BY granted_on, id) - remaining)) AS take
       FROM locked
     ), taken AS (
       UPDATE lots l SET remaining = l.remaining - o.take FROM ordered o
       WHERE l.tenant_id = $1 AND l.id = o.id AND o.take > 0
       RETURNING o.take, o.granted_on, o.expires_on
     )
     SELECT take::text, granted_on::text, expires_on::text FROM taken ORDER BY granted_on, expires_on`,
    [tenantId, account, points],
  );
  return r.rows.map((x) => ({ points: Number(x.take), grantedOn: x.granted_on, expiresOn: x.expires_on }));
}

export async function getHold(q: Queryable, tenantId: string, id: string): Promise<Hold> {
  const r = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no hold ${id}`, "id");
  return toHold(row);
}

/** A partner's own hold; any other hold (the owner's, another partner's) is not found, as if it did not exist. */
export async function getPartnerHold(
  q: Queryable,
  tenantId: string,
  partnerId: string,
  id: string,
): Promise<Hold> {
  const r = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE tenant_id = $1 AND id = $2 AND partner_id = $3`,
    [tenantId, id, partnerId],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no hold ${id} of this partner`, "id");
  // The capturing order under the id the partner gave it.
  const head = `${partnerId}:`;
  const orderId = row.order_id?.startsWith(head) ? row.order_id.slice(head.length) : row.order_id;
  return toHold({ ...row, order_id: orderId });
}

/** The most holds one page lists. */
export const MAX_HOLD_PAGE = 200;

/**
 * Holds newest first: a member's, a partner's (`partnerId`), or a member's at any partner (`partnerId: "*"`),
 * of one status when given.
 */
export async function listHolds(
  q: Queryable,
  tenantId: string,
  filter: {
    memberId?: string | undefined;
    partnerId?: string | undefined;
    status?: HoldStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ data: Hold[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, Math.trunc(filter.limit)), MAX_HOLD_PAGE);
  if (filter.memberId === undefined && filter.partnerId === undefined)
    throw new Error("holds are listed by member or by partner");
  await assertCursor(q, "holds", tenantId, filter.cursor);
  const params: (string | number)[] = [tenantId];
  const where = ["tenant_id = $1"];
  if (filter.memberId !== undefined) {
    params.push(filter.memberId);
    where.push(`member_id = $${params.length}`);
  }
  if (filter.partnerId === "*") where.push("partner_id IS NOT NULL");
  else if (filter.partnerId !== undefined) {
    params.push(filter.partnerId);
    where.push(`partner_id = $${params.length}`);
  }
  if (filter.status !== undefined) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  if (filter.cursor !== undefined) {
    params.push(filter.cursor);
    where.push(`id < $${params.length}`);
  }
  params.push(limit + 1);
  const r = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toHold);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

/** A hold's row, locked after its member's row (the order every change to a member's points locks in). */
async function lockHold(tx: Queryable, tenantId: string, id: string, field: string): Promise<HoldRow> {
  const found = await tx.query<{ member_id: string }>(
    "SELECT member_id FROM holds WHERE tenant_id = $1 AND id = $2",
    [tenantId, id],
  );
  const memberId = found.rows[0]?.member_id;
  if (memberId === undefined) throw new ApiError("not_found", `no hold ${id}`, field);
  await lockHolder(tx, tenantId, memberId, field);
  const r = await tx.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  return r.rows[0] as HoldRow;
}

function notHeld(h: HoldRow, field: string): ApiError {
  const what =
    h.status === "captured"
      ? `was captured by order ${h.order_id}`
      : `was ${h.status} at ${iso(h.settled_at ?? "")}`;
  return new ApiError("conflict", `hold ${h.id} ${what}; only a held hold can be settled`, field);
}

/** Cancels a held hold: its points go back to the wallet in lots with their own dates. */
export async function cancelHold(tx: Queryable, tenantId: string, id: string, now: Date): Promise<Hold> {
  const h = await lockHold(tx, tenantId, id, "id");
  if (h.status !== "held") throw notHeld(h, "id");
  await release(tx, tenantId, [h], "cancelled", now, null);
  return getHold(tx, tenantId, id);
}

/**
 * Captures a hold for an order, inside the order's transaction and before the engine prices it: the held
 * points go back to the wallet (in their lots) so that the order spends them, once, as any redemption.
 * Returns the points that were held. The caller has locked the member's row. A partner's hold is captured
 * only by that partner's order (`partnerId`), so that its points count as redeemed at that partner, and an
 * owner's hold only by an order of no partner.
 */
export async function captureHold(
  tx: Queryable,
  tenantId: string,
  id: string,
  memberId: string,
  orderId: string,
  partnerId: string | null = null,
): Promise<number> {
  const found = await tx.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  const h = found.rows[0];
  if (!h) throw new ApiError("validation_failed", `no hold ${id}`, "holdId");
  if (h.partner_id !== partnerId) {
    // Another partner's hold is as unknown to this one as a hold that does not exist.
    if (partnerId !== null) throw new ApiError("validation_failed", `no hold ${id}`, "holdId");
    throw new ApiError("validation_failed", `hold ${id} was made by partner ${h.partner_id}`, "holdId");
  }
  if (h.member_id !== memberId) {
    throw new ApiError("validation_failed", `hold ${id} is not for member ${memberId}`, "holdId");
  }
  if (h.status !== "held") throw notHeld(h, "holdId");
  await release(tx, tenantId, [h], "captured", new Date(), orderId);
  return Number(h.points);
}

/**
 * Spends a held hold where no order prices it (a reward order shipped): the held points go from the hold
 * account to the program's redeemed account, caused by `cause`; their lots were taken when the hold was made.
 */
export async function spendHold(
  tx: Queryable,
  tenantId: string,
  id: string,
  cause: string,
  now: Date,
): Promise<number> {
  const h = await lockHold(tx, tenantId, id, "id");
  if (h.status !== "held") throw notHeld(h, "id");
  await openProgramAccounts(tx, tenantId);
  const points = Number(h.points);
  await post(tx, tenantId, {
    code: "reward",
    cause,
    postings: [{ from: holdAccount(h.member_id), to: REDEEMED, amount: points }],
  });
  await tx.query(
    "UPDATE holds SET status = 'captured', settled_at = $3, order_id = $4 WHERE tenant_id = $1 AND id = $2",
    [tenantId, id, now, cause],
  );
  return points;
}

/**
 * Releases expired holds of a tenant, in batches of `batchSize` (EXPIRE_BATCH), each batch one database transaction of a
 * fixed number of set-based statements. Holds being settled by another transaction are skipped, not waited
 * for. Returns how many holds and points were released.
 */
export async function expireHolds(
  db: Db,
  tenantId: string,
  now: Date,
  batchSize = EXPIRE_BATCH,
): Promise<{ holds: number; points: number }> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > EXPIRE_BATCH) {
    throw new Error(`a batch releases 1 to ${EXPIRE_BATCH} holds`);
  }
  const total = { holds: 0, points: 0 };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      // Members first, then holds: the order every change to a member's points locks in.
      const due = await tx.query<{ member_id: string }>(
        `SELECT DISTINCT member_id FROM (
           SELECT member_id FROM holds WHERE tenant_id = $1 AND status = 'held' AND expires_at <= $2
           ORDER BY expires_at LIMIT ${batchSize}) d`,
        [tenantId, now],
      );
      if (due.rows.length === 0) return { holds: 0, points: 0 };
      const members = due.rows.map((r) => r.member_id).sort();
      await tx.query(
        `SELECT 1 FROM members WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))
         ORDER BY id FOR UPDATE`,
        [tenantId, JSON.stringify(members)],
      );
      const held = await tx.query<HoldRow>(
        `SELECT ${HOLD_COLUMNS} FROM holds
         WHERE tenant_id = $1 AND status = 'held' AND expires_at <= $2
           AND member_id IN (SELECT jsonb_array_elements_text($3::jsonb))
         ORDER BY expires_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
        [tenantId, now, JSON.stringify(members)],
      );
      await release(tx, tenantId, held.rows, "expired", now, null);
      return { holds: held.rows.length, points: held.rows.reduce((s, h) => s + Number(h.points), 0) };
    });
    total.holds += batch.holds;
    total.points += batch.points;
    if (batch.holds < batchSize) return total;
  }
}

/**
 * Settles held holds whose members' rows the caller has locked: one ledger transaction per hold (hold account →
 * wallet, caused by the hold), and its points back in the wallet as lots with their own dates (a lot already
 * past its last day leaves at the next expiry run). Points that come back to a wallet in debt repay the debt
 * first, as any points that become available do. A fixed number of statements, whatever the number of holds.
 */
async function release(
  tx: Queryable,
  tenantId: string,
  holds: readonly HoldRow[],
  status: Exclude<HoldStatus, "held">,
  at: Date,
  orderId: string | null,
): Promise<void> {
  if (holds.length === 0) return;
  const wallets = [...new Set(holds.map((h) => walletAccount(h.member_id)))];
  const balances = await tx.query<{ id: string; balance: string }>(
    `SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))
     ORDER BY id FOR UPDATE`,
    [tenantId, JSON.stringify(wallets)],
  );
  const debt = new Map(balances.rows.map((r) => [r.id, Math.max(0, -Number(r.balance))]));
  const delta = new Map<string, number>();
  const transactions: { id: string; cause: string; from: string; to: string; amount: number }[] = [];
  const lots: {
    id: string;
    account: string;
    grantedOn: string;
    expiresOn: string | null;
    points: number;
    source: string;
  }[] = [];
  const code = `hold.${status === "captured" ? "capture" : status === "cancelled" ? "cancel" : "expire"}`;
  for (const h of holds) {
    if (h.status !== "held") throw new Error(`hold ${h.id} is ${h.status}, not held`);
    const wallet = walletAccount(h.member_id);
    const from = holdAccount(h.member_id);
    const points = Number(h.points);
    transactions.push({ id: newId("txn"), cause: h.id, from, to: wallet, amount: points });
    delta.set(from, (delta.get(from) ?? 0) - points);
    delta.set(wallet, (delta.get(wallet) ?? 0) + points);
    let owed = debt.get(wallet) ?? 0;
    let given = 0;
    for (const lot of h.consumed) {
      const repay = Math.min(owed, lot.points);
      owed -= repay;
      given += lot.points;
      if (lot.points - repay > 0) {
        lots.push({
          id: newId("lot"),
          account: wallet,
          grantedOn: lot.grantedOn,
          expiresOn: lot.expiresOn,
          points: lot.points - repay,
          source: `hold:${h.id}`,
        });
      }
    }
    debt.set(wallet, owed);
    if (given !== points) throw new Error(`hold ${h.id} holds ${points} points but its lots ${given}`);
  }
  const accounts = [...delta.keys()].sort();
  await tx.query(
    `SELECT 1 FROM accounts WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))
     ORDER BY id FOR UPDATE`,
    [tenantId, JSON.stringify(accounts)],
  );
  await tx.query(
    `UPDATE accounts a SET balance = a.balance + x.amount
     FROM jsonb_to_recordset($2::jsonb) AS x(account text, amount bigint)
     WHERE a.tenant_id = $1 AND a.id = x.account`,
    [tenantId, JSON.stringify(accounts.map((account) => ({ account, amount: delta.get(account) })))],
  );
  await tx.query(
    `INSERT INTO ledger_transactions (tenant_id, id, code, cause)
     SELECT $1, x.id, $3, x.cause FROM jsonb_to_recordset($2::jsonb) AS x(id text, cause text)`,
    [tenantId, JSON.stringify(transactions), code],
  );
  await tx.query(
    `INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
     SELECT $1, x.id, 0, x."from", x."to", x.amount
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, "from" text, "to" text, amount bigint)`,
    [tenantId, JSON.stringify(transactions)],
  );
  if (lots.length > 0) {
    await tx.query(
      `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       SELECT $1, x.id, x.account, x."grantedOn", x."expiresOn", x.points, x.source
       FROM jsonb_to_recordset($2::jsonb)
         AS x(id text, account text, "grantedOn" date, "expiresOn" date, points bigint, source text)`,
      [tenantId, JSON.stringify(lots)],
    );
  }
  await tx.query(
    `UPDATE holds SET status = $3, settled_at = $4, order_id = $5
     WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [tenantId, JSON.stringify(holds.map((h) => h.id)), status, at, orderId],
  );
  await emitHolds(tx, tenantId, holds, status, orderId);
}
