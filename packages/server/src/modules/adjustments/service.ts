// Manual adjustments of a member's points, with a reason. Up to the tenant's threshold one is posted at
// once; above it, it waits (nothing posted) until a second person approves or rejects it. A credit moves
// points from the program into the wallet as a lot with an expiry; a debit takes them back, from the
// oldest lots first, never below zero unless the program allows debt.
// Errors: not_found (member, adjustment), conflict (already decided), forbidden (deciding one's own
// request), validation_failed (a debit beyond the balance: `points`; an expiry on a debit or in the past).
import { type CompiledProgram, type Day, expiryDay, formatDay, localDay, parseDay } from "@patron/engine";
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { balanceOf, openAccount, post } from "../ledger/service.ts";
import { ISSUED, openProgramAccounts, walletAccount } from "../members/service.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { getSettings } from "../settings/service.ts";
import { emitAdjustment } from "../webhooks/outbox.ts";

export type AdjustmentStatus = "pending_approval" | "posted" | "rejected";

export interface Adjustment {
  id: string;
  memberId: string;
  /** Positive: a credit; negative: a debit. */
  points: number;
  reason: string;
  comment: string | null;
  expiresOn: string | null;
  status: AdjustmentStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  /** The ledger transaction, once posted. */
  transactionId: string | null;
}

/** Who stands behind a request: an API key now; a console user too once browser sessions exist. */
export interface Person {
  keyId: string | null;
  userId: string | null;
}

/**
 * Whether two requests come from the same person, for four-eyes checks. Users are compared when both are
 * known; otherwise keys. (Until sessions exist, one person holding two keys counts as two.)
 */
export function samePerson(a: Person, b: Person): boolean {
  if (a.userId !== null && b.userId !== null) return a.userId === b.userId;
  return a.keyId !== null && a.keyId === b.keyId;
}

export interface AdjustmentInput {
  points: number;
  reason: string;
  comment: string | null;
  expiresOn: string | null;
}

/**
 * Records an adjustment; posts it at once when its size is within the tenant's threshold, else leaves it
 * pending approval. A debit beyond what the member holds is refused either way.
 */
export async function requestAdjustment(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  input: AdjustmentInput,
  requester: Person,
  change: Change,
): Promise<Adjustment> {
  await lockMember(tx, tenantId, memberId);
  const p = await currentProgram(tx, tenantId, change.at);
  const today = todayFor(p, change.at);
  checkExpiry(input, today);
  const { adjustmentApprovalThreshold } = await getSettings(tx, tenantId);
  const id = newId("adj");
  const needsApproval = Math.abs(input.points) > adjustmentApprovalThreshold;
  let transactionId: string | null = null;
  if (needsApproval) {
    if (input.points < 0) await checkDebit(tx, tenantId, memberId, -input.points, p);
  } else {
    transactionId = await postAdjustment(tx, tenantId, id, memberId, input, p, today);
    await emitAdjustment(tx, tenantId, id, memberId, input, transactionId);
  }
  await tx.query(
    `INSERT INTO adjustments (tenant_id, id, member_id, points, reason, comment, expires_on, status,
       requested_by, requested_by_user, requested_at, transaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      tenantId,
      id,
      memberId,
      input.points,
      input.reason,
      input.comment,
      input.expiresOn,
      needsApproval ? "pending_approval" : "posted",
      change.actor,
      requester.userId,
      change.at,
      transactionId,
    ],
  );
  await recordAudit(tx, tenantId, change, {
    action: "adjustment.request",
    target: id,
    before: null,
    after: {
      memberId,
      points: input.points,
      reason: input.reason,
      status: needsApproval ? "pending_approval" : "posted",
      threshold: adjustmentApprovalThreshold,
      transactionId,
    },
  });
  return (await getAdjustment(tx, tenantId, id)) as Adjustment;
}

/** Approves a pending adjustment and posts it, once; only another person than its requester may. */
export async function approveAdjustment(
  tx: Queryable,
  tenantId: string,
  id: string,
  approver: Person,
  change: Change,
): Promise<Adjustment> {
  const row = await lockPending(tx, tenantId, id, approver, "approve");
  await lockMember(tx, tenantId, row.memberId);
  const p = await currentProgram(tx, tenantId, change.at);
  const today = todayFor(p, change.at);
  if (row.expiresOn !== null && row.expiresOn < formatDay(today)) {
    throw new ApiError(
      "validation_failed",
      `the credit was to expire on ${row.expiresOn}, which has passed: reject it and request it again`,
      "expiresOn",
    );
  }
  const input = { points: row.points, reason: row.reason, comment: row.comment, expiresOn: row.expiresOn };
  const transactionId = await postAdjustment(tx, tenantId, id, row.memberId, input, p, today);
  await decide(tx, tenantId, id, "posted", change, transactionId);
  await emitAdjustment(tx, tenantId, id, row.memberId, row, transactionId);
  await recordAudit(tx, tenantId, change, {
    action: "adjustment.approve",
    target: id,
    before: { status: "pending_approval" },
    after: { status: "posted", memberId: row.memberId, points: row.points, transactionId },
  });
  return (await getAdjustment(tx, tenantId, id)) as Adjustment;
}

/** Rejects a pending adjustment: nothing is posted. Only another person than its requester may. */
export async function rejectAdjustment(
  tx: Queryable,
  tenantId: string,
  id: string,
  decider: Person,
  change: Change,
): Promise<Adjustment> {
  const row = await lockPending(tx, tenantId, id, decider, "reject");
  await decide(tx, tenantId, id, "rejected", change, null);
  await recordAudit(tx, tenantId, change, {
    action: "adjustment.reject",
    target: id,
    before: { status: "pending_approval" },
    after: { status: "rejected", memberId: row.memberId, points: row.points },
  });
  return (await getAdjustment(tx, tenantId, id)) as Adjustment;
}

async function lockPending(
  tx: Queryable,
  tenantId: string,
  id: string,
  decider: Person,
  verb: "approve" | "reject",
): Promise<Adjustment & { requestedByUser: string | null }> {
  const row = await findAdjustment(tx, tenantId, id, true);
  if (!row) throw new ApiError("not_found", `no adjustment ${id}`, "id");
  if (row.status !== "pending_approval") {
    const what = row.status === "posted" ? "was posted" : "was rejected";
    throw new ApiError("conflict", `adjustment ${id} ${what} already`, "id");
  }
  const requester: Person = { keyId: row.requestedBy, userId: row.requestedByUser };
  if (samePerson(requester, decider)) {
    throw new ApiError(
      "forbidden",
      `an adjustment cannot be decided by the person who requested it: another person must ${verb} it`,
    );
  }
  return row;
}

async function decide(
  tx: Queryable,
  tenantId: string,
  id: string,
  status: "posted" | "rejected",
  change: Change,
  transactionId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE adjustments SET status = $3, decided_by = $4, decided_at = $5, decision_comment = $6, transaction_id = $7
     WHERE tenant_id = $1 AND id = $2 AND status = 'pending_approval'`,
    [tenantId, id, status, change.actor, change.at, change.comment, transactionId],
  );
}

// ---- Posting ----------------------------------------------------------------------------------------------

/** Posts the adjustment as one balanced transaction; returns its id. */
async function postAdjustment(
  tx: Queryable,
  tenantId: string,
  id: string,
  memberId: string,
  input: AdjustmentInput,
  p: CompiledProgram | null,
  today: Day,
): Promise<string> {
  await openProgramAccounts(tx, tenantId);
  const wallet = walletAccount(memberId);
  await openAccount(tx, tenantId, wallet, "wallet", p?.wallet.allowDebt ?? false);
  if (input.points > 0) {
    const before = Number((await balanceOf(tx, tenantId, wallet)) ?? 0n);
    const txn = await post(tx, tenantId, {
      code: "adjust",
      cause: id,
      postings: [{ from: ISSUED, to: wallet, amount: input.points }],
    });
    // Points credited repay a debt first, as any points that become available do; the rest is a lot.
    const lot = input.points - Math.min(input.points, Math.max(0, -before));
    if (lot > 0) {
      const expiresOn =
        input.expiresOn !== null ? input.expiresOn : p ? dayOrNull(expiryDay(p.expiry, today)) : null;
      await tx.query(
        `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenantId, newId("lot"), wallet, formatDay(today), expiresOn, lot, `adjustment:${id}`],
      );
    }
    return txn;
  }
  const points = -input.points;
  const available = await checkDebit(tx, tenantId, memberId, points, p);
  await spendLots(tx, tenantId, wallet, Math.min(points, available));
  return post(tx, tenantId, {
    code: "adjust",
    cause: id,
    postings: [{ from: wallet, to: ISSUED, amount: points }],
  });
}

/** The points a member holds now; refuses a debit beyond them unless the program allows debt. */
async function checkDebit(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  points: number,
  p: CompiledProgram | null,
): Promise<number> {
  const available = Math.max(0, Number((await balanceOf(tx, tenantId, walletAccount(memberId))) ?? 0n));
  if (points > available && !(p?.wallet.allowDebt ?? false)) {
    throw new ApiError(
      "validation_failed",
      `member ${memberId} holds ${available} points; a debit of ${points} would take the balance below zero, which the program does not allow`,
      "points",
    );
  }
  return available;
}

/** Takes points from a wallet's lots, oldest first (as redemption does). */
export async function spendLots(
  tx: Queryable,
  tenantId: string,
  account: string,
  points: number,
): Promise<void> {
  if (points <= 0) return;
  const lots = await tx.query<{ id: string; remaining: string }>(
    `SELECT id, remaining::text FROM lots WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0
     ORDER BY granted_on, id FOR UPDATE`,
    [tenantId, account],
  );
  let left = points;
  for (const lot of lots.rows) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.remaining));
    await tx.query("UPDATE lots SET remaining = remaining - $3 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      lot.id,
      take,
    ]);
    left -= take;
  }
  if (left > 0) throw new Error(`lots of ${account} hold ${points - left} points, less than its balance`);
}

// ---- Helpers ----------------------------------------------------------------------------------------------

async function lockMember(tx: Queryable, tenantId: string, memberId: string): Promise<void> {
  const r = await tx.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [
    tenantId,
    memberId,
  ]);
  if (r.rows.length === 0) throw new ApiError("not_found", `no member ${memberId}`, "id");
}

async function currentProgram(tx: Queryable, tenantId: string, now: Date): Promise<CompiledProgram | null> {
  const versions = await publishedPrograms(tx, tenantId);
  const first = versions[0];
  if (!first) return null;
  return programAt(versions, todayFor(first, now));
}

/** Today in the program's time zone (UTC without a program). */
function todayFor(p: CompiledProgram | null, now: Date): Day {
  return localDay(now.toISOString(), p?.timeZone ?? "UTC") as Day;
}

function checkExpiry(input: AdjustmentInput, today: Day): void {
  if (input.expiresOn === null) return;
  if (input.points < 0)
    throw new ApiError(
      "validation_failed",
      "only a credit (positive points) can have an expiry",
      "expiresOn",
    );
  const d = parseDay(input.expiresOn);
  if (d === null)
    throw new ApiError("validation_failed", "expiresOn must be a date such as 2026-12-31", "expiresOn");
  if (d < today)
    throw new ApiError(
      "validation_failed",
      `expiresOn must not be before today, ${formatDay(today)}`,
      "expiresOn",
    );
}

function dayOrNull(d: Day | null): string | null {
  return d === null ? null : formatDay(d);
}

// ---- Reading ----------------------------------------------------------------------------------------------

interface AdjustmentRow {
  id: string;
  member_id: string;
  points: string;
  reason: string;
  comment: string | null;
  expires_on: string | null;
  status: AdjustmentStatus;
  requested_by: string;
  requested_by_user: string | null;
  requested_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  decision_comment: string | null;
  transaction_id: string | null;
}

const COLUMNS = `id, member_id, points::text, reason, comment, expires_on::text, status, requested_by,
  requested_by_user, requested_at, decided_by, decided_at, decision_comment, transaction_id`;

async function findAdjustment(
  q: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<(Adjustment & { requestedByUser: string | null }) | null> {
  const r = await q.query<AdjustmentRow>(
    `SELECT ${COLUMNS} FROM adjustments WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  const row = r.rows[0];
  return row ? { ...toAdjustment(row), requestedByUser: row.requested_by_user } : null;
}

export async function getAdjustment(q: Queryable, tenantId: string, id: string): Promise<Adjustment | null> {
  const found = await findAdjustment(q, tenantId, id);
  if (!found) return null;
  const { requestedByUser: _, ...rest } = found;
  return rest;
}

function toAdjustment(r: AdjustmentRow): Adjustment {
  return {
    id: r.id,
    memberId: r.member_id,
    points: Number(r.points),
    reason: r.reason,
    comment: r.comment,
    expiresOn: r.expires_on,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    decisionComment: r.decision_comment,
    transactionId: r.transaction_id,
  };
}

/** The most adjustments one page holds. */
export const MAX_ADJUSTMENT_PAGE = 200;

/** A tenant's adjustments, newest first, one page at a time. */
export async function listAdjustments(
  q: Queryable,
  tenantId: string,
  filter: {
    status?: AdjustmentStatus | undefined;
    memberId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ data: Adjustment[]; nextCursor: string | null }> {
  await assertCursor(q, "adjustments", tenantId, filter.cursor);
  const limit = Math.min(Math.max(1, filter.limit), MAX_ADJUSTMENT_PAGE);
  const params: Param[] = [tenantId];
  const where = ["tenant_id = $1"];
  const add = (sql: string, value: Param) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.status !== undefined) add("status = ?", filter.status);
  if (filter.memberId !== undefined) add("member_id = ?", filter.memberId);
  if (filter.cursor !== undefined) add("id < ?", filter.cursor);
  params.push(limit + 1);
  const r = await q.query<AdjustmentRow>(
    `SELECT ${COLUMNS} FROM adjustments WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toAdjustment);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}
