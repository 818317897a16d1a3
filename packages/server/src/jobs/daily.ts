// The day's jobs of a tenant, run before that day's events: pending points mature, then lots whose last
// day has passed expire. Expiry is one set-based statement per tenant; maturation goes in bounded batches.
import { type CompiledExpiry, type Day, expiryDay, formatDay, parseDay } from "@patron/engine";
import type { Db, Queryable } from "../db/db.ts";
import { newId } from "../ids.ts";
import { balanceOf, post } from "../modules/ledger/service.ts";
import { EXPIRED, openProgramAccounts } from "../modules/members/service.ts";
import { emitExpired } from "../modules/webhooks/outbox.ts";

/** Pending lots matured per statement batch; the job loops until none is due. */
const MATURE_BATCH = 500;

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
 * Expires what is left of every lot whose last day is before `day`: one ledger transaction for the tenant,
 * its postings and balance changes written by set-based statements over all accounts at once.
 */
export async function expireDue(tx: Queryable, tenantId: string, day: Day): Promise<number> {
  await openProgramAccounts(tx, tenantId);
  const due = await tx.query<{ account_id: string; points: string }>(
    `WITH due AS (
       SELECT id, account_id, remaining FROM lots
       WHERE tenant_id = $1 AND remaining > 0 AND expires_on < $2 FOR UPDATE
     ), gone AS (
       UPDATE lots l SET remaining = 0 FROM due WHERE l.tenant_id = $1 AND l.id = due.id RETURNING due.account_id, due.remaining
     )
     SELECT account_id, sum(remaining)::text AS points FROM gone GROUP BY account_id ORDER BY account_id`,
    [tenantId, formatDay(day)],
  );
  if (due.rows.length === 0) return 0;
  await emitExpired(tx, tenantId, formatDay(day), due.rows);
  const txnId = newId("txn");
  const accounts = due.rows.map((r) => r.account_id);
  const amounts = due.rows.map((r) => r.points);
  await tx.query(
    "INSERT INTO ledger_transactions (tenant_id, id, code, cause) VALUES ($1, $2, 'expire', $3)",
    [tenantId, txnId, `job:expiry:${formatDay(day)}`],
  );
  await tx.query(
    `INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
     SELECT $1, $2, ord - 1, account, $3, amount::bigint
     FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS x(account, amount, ord)`,
    [tenantId, txnId, EXPIRED, toPgArray(accounts), toPgArray(amounts)],
  );
  await tx.query(
    `UPDATE accounts a SET balance = a.balance - x.amount::bigint
     FROM unnest($2::text[], $3::text[]) AS x(account, amount)
     WHERE a.tenant_id = $1 AND a.id = x.account`,
    [tenantId, toPgArray(accounts), toPgArray(amounts)],
  );
  let total = 0n;
  for (const a of amounts) total += BigInt(a);
  await tx.query("UPDATE accounts SET balance = balance + $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    EXPIRED,
    total,
  ]);
  return Number(total);
}

/** A PostgreSQL array literal of text values (both drivers take it for a `text[]` parameter). */
function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
