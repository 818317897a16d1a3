// The points ledger: balanced transactions of postings between accounts, balances updated in the same
// database transaction, and a check that re-adds every account from its postings.
import type { Db, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";

export type AccountKind = "wallet" | "pending" | "hold" | "expense" | "expired" | "settlement";

export interface Posting {
  from: string;
  to: string;
  /** Whole points, more than zero. */
  amount: bigint | number;
}

export type LedgerErrorCode = "insufficient_points" | "unknown_account" | "bad_posting";

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly account: string | null = null,
  ) {
    super(message);
  }
}

/** Creates an account if it does not exist yet. */
export async function openAccount(
  q: Queryable,
  tenantId: string,
  id: string,
  kind: AccountKind,
  allowNegative = false,
): Promise<void> {
  await q.query(
    "INSERT INTO accounts (tenant_id, id, kind, allow_negative) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    [tenantId, id, kind, allowNegative],
  );
}

/**
 * Posts one transaction inside the caller's database transaction. Each account's balance changes by the sum
 * of its postings, in account order (so concurrent transactions lock rows in one order and cannot deadlock);
 * a balance that may not go negative is guarded in the UPDATE itself, not by an earlier read.
 */
export async function post(
  tx: Queryable,
  tenantId: string,
  t: { code: string; cause?: string | null; postings: readonly Posting[] },
): Promise<string> {
  if (t.postings.length === 0 || t.postings.length > MAX_POSTINGS) {
    throw new LedgerError("bad_posting", `a transaction has 1 to ${MAX_POSTINGS} postings`);
  }
  const delta = new Map<string, bigint>();
  for (const p of t.postings) {
    const amount = BigInt(p.amount);
    if (amount <= 0n) throw new LedgerError("bad_posting", "a posting moves more than zero points");
    if (p.from === p.to)
      throw new LedgerError("bad_posting", "a posting moves points between two accounts", p.from);
    delta.set(p.from, (delta.get(p.from) ?? 0n) - amount);
    delta.set(p.to, (delta.get(p.to) ?? 0n) + amount);
  }
  for (const account of [...delta.keys()].sort()) {
    const d = delta.get(account) as bigint;
    if (d === 0n) continue;
    const r = await tx.query(
      `UPDATE accounts SET balance = balance + $3
       WHERE tenant_id = $1 AND id = $2 AND (allow_negative OR balance + $3 >= 0)`,
      [tenantId, account, d],
    );
    if (r.rowCount === 0) {
      const exists = await tx.query("SELECT balance FROM accounts WHERE tenant_id = $1 AND id = $2", [
        tenantId,
        account,
      ]);
      if (exists.rows.length === 0)
        throw new LedgerError("unknown_account", `no account ${account}`, account);
      throw new LedgerError("insufficient_points", `account ${account} has fewer than ${-d} points`, account);
    }
  }
  const id = newId("txn");
  await tx.query("INSERT INTO ledger_transactions (tenant_id, id, code, cause) VALUES ($1, $2, $3, $4)", [
    tenantId,
    id,
    t.code,
    t.cause ?? null,
  ]);
  for (const [seq, p] of t.postings.entries()) {
    await tx.query(
      "INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount) VALUES ($1, $2, $3, $4, $5, $6)",
      [tenantId, id, seq, p.from, p.to, BigInt(p.amount)],
    );
  }
  return id;
}

/** The most postings one transaction may carry. */
export const MAX_POSTINGS = 1000;

export interface LedgerDifference {
  account: string;
  balance: bigint;
  fromPostings: bigint;
}

/** Re-adds every account of a tenant from its postings; returns the accounts whose balance differs. */
export async function verify(
  db: Queryable,
  tenantId: string,
): Promise<{ differences: LedgerDifference[]; total: bigint }> {
  const r = await db.query<{ id: string; balance: string; computed: string }>(
    `SELECT a.id, a.balance::text AS balance,
            (COALESCE((SELECT sum(amount) FROM postings p WHERE p.tenant_id = a.tenant_id AND p.to_account = a.id), 0)
           - COALESCE((SELECT sum(amount) FROM postings p WHERE p.tenant_id = a.tenant_id AND p.from_account = a.id), 0))::text AS computed
     FROM accounts a WHERE a.tenant_id = $1 ORDER BY a.id`,
    [tenantId],
  );
  const differences: LedgerDifference[] = [];
  let total = 0n;
  for (const row of r.rows) {
    const balance = BigInt(row.balance);
    const fromPostings = BigInt(row.computed);
    total += balance;
    if (balance !== fromPostings) differences.push({ account: row.id, balance, fromPostings });
  }
  return { differences, total };
}

export async function balanceOf(db: Queryable, tenantId: string, account: string): Promise<bigint | null> {
  const r = await db.query<{ balance: string }>(
    "SELECT balance::text AS balance FROM accounts WHERE tenant_id = $1 AND id = $2",
    [tenantId, account],
  );
  return r.rows[0] ? BigInt(r.rows[0].balance) : null;
}

/** Creates a tenant (idempotent). */
export async function createTenant(db: Db | Queryable, id: string, name: string): Promise<void> {
  await db.query("INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", [id, name]);
}
