// The day's jobs of a tenant, run before that day's events: pending points mature, then lots whose last
// day has passed expire. Expiry is one set-based statement per tenant; maturation one per day the lots became
// available on.
import { type CompiledExpiry, type Day, expiryDay, formatDay, parseDay } from "@patron/engine";
import { type Db, type Queryable, withSettings } from "../db/db.ts";
import { newId, newIdPrefix } from "../ids.ts";
import { pgArray } from "../modules/events/chunk.ts";
import { EXPIRED, openProgramAccounts } from "../modules/members/service.ts";

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
 * transaction (so the job's run record commits with them): one statement per day the lots became available on
 * (a normal day has one), each lot its own `mature` transaction named after its order, as ever. Matured points
 * repay a wallet's debt first, lot by lot in the order of their ids, as one posting at a time would.
 */
export async function matureDue(tx: Queryable, tenantId: string, day: Day): Promise<number> {
  await openProgramAccounts(tx, tenantId);
  // The lots' expiry policies per day they became available on, so that each lot's last day is the engine's.
  const due = await tx.query<{ available_on: string; expiry: CompiledExpiry }>(
    `SELECT DISTINCT available_on::text, expiry FROM pending_lots
     WHERE tenant_id = $1 AND points > 0 AND available_on <= $2`,
    [tenantId, formatDay(day)],
  );
  const byDay = new Map<string, CompiledExpiry[]>();
  for (const r of due.rows) byDay.set(r.available_on, [...(byDay.get(r.available_on) ?? []), r.expiry]);
  let total = 0;
  for (const on of [...byDay.keys()].sort()) {
    const availableOn = parseDay(on) as Day;
    const policies = byDay.get(on) as CompiledExpiry[];
    total += await matureDay(tx, tenantId, availableOn, policies);
  }
  return total;
}

/** Matures the pending lots that became available on `on`, whose expiry is one of `policies`; returns the points. */
async function matureDay(
  tx: Queryable,
  tenantId: string,
  on: Day,
  policies: CompiledExpiry[],
): Promise<number> {
  const ends = policies.map((p) => expiryDay(p, on));
  const r = await tx.query<{ points: string }>(
    `WITH policy AS (
       SELECT * FROM unnest($3::jsonb[], $4::date[]) AS p(expiry, expires_on)
     ), due AS (
       SELECT l.ctid AS row, l.id, l.account_id, l.points, l.order_id, p.expires_on
       FROM pending_lots l JOIN policy p ON p.expiry = l.expiry
       WHERE l.tenant_id = $1 AND l.points > 0 AND l.available_on = $2 AND left(l.account_id, 7) = 'wallet:'
       FOR UPDATE OF l
     ), lot AS MATERIALIZED (
       SELECT due.*, 'pending:' || substr(account_id, 8) AS pending, row_number() OVER (ORDER BY id) - 1 AS n,
         sum(points) OVER (PARTITION BY account_id ORDER BY id) AS upto
       FROM due
     ), wallet AS MATERIALIZED (
       SELECT w.account_id, w.pending, w.points, GREATEST(0, -a.balance) AS debt
       FROM (SELECT account_id, min(pending) AS pending, sum(points) AS points FROM lot GROUP BY account_id) w
       JOIN accounts a ON a.tenant_id = $1 AND a.id = w.account_id
     ), emptied AS (
       UPDATE pending_lots SET points = 0 WHERE ctid = ANY (ARRAY(SELECT row FROM lot))
     ), txn AS (
       INSERT INTO ledger_transactions (tenant_id, id, code, cause)
       SELECT $1, $5 || lpad(n::text, 7, '0'), 'mature', order_id FROM lot
     ), entries AS (
       INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
       SELECT $1, $5 || lpad(n::text, 7, '0'), 0, pending, account_id, points FROM lot
     ), pendings AS (
       UPDATE accounts a SET balance = a.balance - w.points FROM wallet w WHERE a.tenant_id = $1 AND a.id = w.pending
     ), wallets AS (
       UPDATE accounts a SET balance = a.balance + w.points FROM wallet w
       WHERE a.tenant_id = $1 AND a.id = w.account_id
     ), lots AS (
       INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       SELECT $1, $6 || lpad(l.n::text, 7, '0'), l.account_id, $2, l.expires_on, l.rest, l.order_id
       FROM (SELECT lot.*, LEAST(lot.points, GREATEST(0, lot.upto - w.debt)) AS rest
             FROM lot JOIN wallet w ON w.account_id = lot.account_id) l
       WHERE l.rest > 0
     )
     SELECT COALESCE(sum(points), 0)::text AS points FROM lot`,
    [
      tenantId,
      formatDay(on),
      pgArray(policies.map((p) => JSON.stringify(p))),
      pgArray(ends.map((e) => (e === null ? null : formatDay(e)))),
      newIdPrefix("txn"),
      newIdPrefix("lot"),
    ],
  );
  return Number(r.rows[0]?.points ?? 0);
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
  // catch-up day over a million wallets needs about a hundred megabytes). Its postings name the wallets of the
  // lots it locks and the expired account opened above, so their accounts' check is skipped (migration 0043).
  const settings = { work_mem: EXPIRY_WORK_MEM, "patron.posting_accounts_read_from_accounts": "on" };
  const r = await withSettings(tx, settings, () =>
    tx.query<{ points: string }>(
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
      [tenantId, formatDay(day), newId("txn"), `job:expiry:${formatDay(day)}`, EXPIRED, newIdPrefix("msg")],
    ),
  );
  return Number(r.rows[0]?.points ?? 0);
}
