// The day's jobs of a tenant, run before that day's events: pending points mature, then lots whose last
// day has passed expire. Expiry is one set-based statement per tenant; maturation goes in bounded batches.
import { type CompiledExpiry, type Day, expiryDay, formatDay, parseDay } from "@patron/engine";
import type { Db, Queryable } from "../db/db.ts";
import { newId } from "../ids.ts";
import { balanceOf, post } from "../modules/ledger/service.ts";
import { EXPIRED, openProgramAccounts } from "../modules/members/service.ts";

/** Pending lots matured per statement batch; the job loops until none is due. */
const MATURE_BATCH = 500;
/** The expiry statement's work_mem (see expireDue). */
const EXPIRY_WORK_MEM = "128MB";

export interface DailyJobsResult {
  matured: number;
  expired: number;
}

export async function runDailyJobs(db: Db, tenantId: string, day: Day): Promise<DailyJobsResult> {
  const matured = await db.transaction((tx) => matureDue(tx, tenantId, day));
  const expired = await db.transaction((tx) => expireDue(tx, tenantId, day));
  return { matured, expired };
}

/**
 * Moves pending points whose day has come to their wallets, as lots with their expiry, inside the caller's
 * transaction (so the job's run record commits with them); batch by batch, each batch's rows locked.
 */
export async function matureDue(tx: Queryable, tenantId: string, day: Day): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await matureBatch(tx, tenantId, day);
    total += moved.points;
    if (moved.count < MATURE_BATCH) return total;
  }
}

/** Matures up to MATURE_BATCH due pending lots, their rows locked; returns the points and the lots moved. */
async function matureBatch(
  tx: Queryable,
  tenantId: string,
  day: Day,
): Promise<{ points: number; count: number }> {
  await openProgramAccounts(tx, tenantId);
  const due = await tx.query<{
    id: string;
    account_id: string;
    points: string;
    available_on: string;
    expiry: CompiledExpiry;
    order_id: string;
  }>(
    `SELECT id, account_id, points::text, available_on::text, expiry, order_id FROM pending_lots
       WHERE tenant_id = $1 AND points > 0 AND available_on <= $2
       ORDER BY available_on, id LIMIT ${MATURE_BATCH} FOR UPDATE`,
    [tenantId, formatDay(day)],
  );
  let points = 0;
  for (const lot of due.rows) {
    const amount = Number(lot.points);
    const availableOn = parseDay(lot.available_on) as Day;
    const pending = pendingOf(lot.account_id);
    const before = Number((await balanceOf(tx, tenantId, lot.account_id)) ?? 0n);
    await tx.query("UPDATE pending_lots SET points = 0 WHERE tenant_id = $1 AND id = $2", [tenantId, lot.id]);
    await post(tx, tenantId, {
      code: "mature",
      cause: lot.order_id,
      postings: [{ from: pending, to: lot.account_id, amount }],
    });
    // Matured points repay a debt first, as any points that become available do.
    const rest = amount - Math.min(amount, Math.max(0, -before));
    if (rest > 0) {
      const expiresOn = expiryDay(lot.expiry, availableOn);
      await tx.query(
        `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          tenantId,
          newId("lot"),
          lot.account_id,
          formatDay(availableOn),
          expiresOn === null ? null : formatDay(expiresOn),
          rest,
          lot.order_id,
        ],
      );
    }
    points += amount;
  }
  return { points, count: due.rows.length };
}

function pendingOf(walletAccountId: string): string {
  return walletAccountId.startsWith("wallet:") ? `pending:${walletAccountId.slice(7)}` : walletAccountId;
}

/**
 * Expires what is left of every lot whose last day is before `day`: one ledger transaction for the tenant with
 * an entry per wallet, written by one statement inside the database (lots locked and emptied, the entries as
 * one INSERT ... SELECT, the wallets' balances, the expired account's balance once, a `points.expired` message
 * per wallet), so that nothing per wallet travels to the server and back. The entries' accounts and
 * transaction are checked once for the statement (migration 0022), not looked up row by row. The lots are
 * emptied by their row addresses (a TID scan of the locked rows, not a join over every lot of the tenant), and
 * the amounts come from the locked rows themselves, which nobody else can change before this transaction ends.
 */
export async function expireDue(tx: Queryable, tenantId: string, day: Day): Promise<number> {
  await openProgramAccounts(tx, tenantId);
  // The statement's sums, sorts and locked rows held in memory rather than spilled to temporary files (a
  // catch-up day over a million wallets needs about a hundred megabytes); the setting is put back after it.
  const before = await tx.query<{ work_mem: string }>(
    `SELECT current_setting('work_mem') AS work_mem, set_config('work_mem', '${EXPIRY_WORK_MEM}', true)`,
  );
  const r = await tx.query<{ points: string }>(
    `WITH due AS (
       SELECT ctid AS row, account_id, remaining FROM lots
       WHERE tenant_id = $1 AND remaining > 0 AND expires_on < $2 FOR UPDATE
     ), gone AS (
       UPDATE lots SET remaining = 0 WHERE ctid = ANY (ARRAY(SELECT row FROM due))
     ), per AS MATERIALIZED (
       SELECT account_id, sum(remaining)::bigint AS points, row_number() OVER (ORDER BY account_id) - 1 AS seq
       FROM due GROUP BY account_id
     ), txn AS (
       INSERT INTO ledger_transactions (tenant_id, id, code, cause)
       SELECT $1, $3, 'expire', $4 WHERE EXISTS (SELECT 1 FROM per)
     ), entries AS (
       INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
       SELECT $1, $3, seq, account_id, $5, points FROM per
     ), wallets AS (
       UPDATE accounts a SET balance = a.balance - per.points FROM per
       WHERE a.tenant_id = $1 AND a.id = per.account_id
     ), expired AS (
       UPDATE accounts SET balance = balance + (SELECT sum(points) FROM per)
       WHERE tenant_id = $1 AND id = $5 AND EXISTS (SELECT 1 FROM per)
     ), notices AS (
       INSERT INTO outbox (tenant_id, id, type, payload, occurred_at)
       SELECT $1, $6 || lpad(seq::text, 7, '0'), 'points.expired',
         jsonb_build_object(CASE WHEN holder LIKE 'contact:%' THEN 'contactId' ELSE 'memberId' END,
           CASE WHEN holder LIKE 'contact:%' THEN substr(holder, 9) ELSE holder END,
           'points', points, 'expiredBefore', $2::text),
         clock_timestamp()
       FROM (SELECT CASE WHEN left(account_id, 7) = 'wallet:' THEN substr(account_id, 8) ELSE account_id END
               AS holder, points, seq FROM per) x ORDER BY seq
     )
     SELECT COALESCE(sum(points), 0)::text AS points FROM per`,
    [tenantId, formatDay(day), newId("txn"), `job:expiry:${formatDay(day)}`, EXPIRED, messageIdPrefix()],
  );
  await tx.query("SELECT set_config('work_mem', $1, true)", [before.rows[0]?.work_mem ?? "4MB"]);
  return Number(r.rows[0]?.points ?? 0);
}

/**
 * The first 23 characters of a new message id (`msg_`, its time, 9 random characters): the expiry's messages
 * are this prefix and their wallet's 7-digit sequence number, the same length as any other message id, and in
 * the order they are written, so the outbox's key takes them at its end instead of at random places.
 */
function messageIdPrefix(): string {
  return newId("msg").slice(0, 23);
}
