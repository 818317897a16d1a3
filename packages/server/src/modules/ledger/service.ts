// The points ledger: balanced transactions of postings between accounts, balances updated in the same
// database transaction, and a check that re-adds every account from its postings.
import type { Db, Param, Queryable } from "../../db/db.ts";
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

/**
 * Extra common table expressions (`name AS (INSERT ...)`) a caller sends with a posting, in the same statement;
 * `param` adds a value and answers its placeholder. Their names must not start with `x`, `target`, `own`,
 * `striped`, `txn` or `entries`.
 */
export type AlsoWrite = (param: (v: Param) => string) => string[];

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

/** Stripes of each program account; a transaction adds to one of them at random. */
export const STRIPES = 16;

/**
 * Kinds whose balances are striped: the program's and partners' accounts, which every order moves. Their
 * balances are the program's running totals, not anybody's points, so nothing guards them against going below
 * zero; wallets, pending and hold accounts keep one row each, guarded.
 */
export const STRIPED_KINDS = "('expense', 'expired', 'settlement')";

/**
 * Posts one transaction inside the caller's database transaction (on error the caller rolls back; nothing of
 * it must be committed). Each account's balance changes by the sum of its postings in one statement, which
 * also writes the transaction and its postings; a balance that may not go negative is guarded in the UPDATE
 * itself, not by an earlier read. Program accounts' changes go to one of their stripes.
 */
/** The stripe each open transaction posts program accounts' changes to, chosen at its first posting. */
const stripes = new WeakMap<Queryable, number>();

/**
 * One stripe per transaction: a transaction of many postings (a batch, a group of single events) then holds one
 * stripe row of each program account, not several in random order, which other transactions would queue
 * behind or deadlock with.
 */
export function stripeOf(q: Queryable): number {
  // A statement sent through another transaction's buffer (events/writes.ts) posts to that transaction's stripe.
  const tx = "through" in q ? (q.through as Queryable) : q;
  let s = stripes.get(tx);
  if (s === undefined) {
    s = Math.floor(Math.random() * STRIPES);
    stripes.set(tx, s);
  }
  return s;
}

export async function post(
  tx: Queryable,
  tenantId: string,
  t: { code: string; cause?: string | null; postings: readonly Posting[] },
  also: AlsoWrite | null = null,
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
  const accounts = [...delta.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const moved = accounts.filter(([, d]) => d !== 0n);
  const id = newId("txn");
  const params: Param[] = [
    tenantId,
    id,
    t.code,
    pgArray(accounts.map(([a]) => a)),
    pgArray(accounts.map(([, d]) => d.toString())),
    pgArray(t.postings.map((p) => p.from)),
    pgArray(t.postings.map((p) => p.to)),
    pgArray(t.postings.map((p) => BigInt(p.amount).toString())),
    stripeOf(tx),
    t.cause ?? null,
    accounts.length,
  ];
  // Each account is read by its key, one probe per account (a lateral subquery the planner keeps as such), and
  // the update names the accounts as an array too. The statement is planned once per connection; a plan made
  // while the table had no statistics read all of the tenant's accounts for every later posting, filtered by the
  // names (the import slowed down as the accounts grew).
  // Other writes of the caller's, sent in the same statement (one round trip); they see no effect of the
  // posting, and a refused posting throws, which rolls them back with the caller's transaction.
  const extra = also
    ? `,\n     ${also((v) => {
        params.push(v);
        return `$${params.length}`;
      }).join(",\n     ")}`
    : "";
  const r = await tx.query<{ changed: string; entries: string }>(
    `WITH x AS (SELECT * FROM unnest($4::text[], $5::bigint[]) AS x(id, d)),
     target AS (
       SELECT a.id, x.d, a.kind IN ${STRIPED_KINDS} AS striped
       FROM x CROSS JOIN LATERAL (
         SELECT id, kind FROM accounts WHERE tenant_id = $1 AND id = x.id LIMIT 1
       ) a
     ),
     own AS (
       UPDATE accounts a SET balance = a.balance + t.d FROM target t
       WHERE a.tenant_id = $1 AND a.id = t.id AND a.id = ANY($4::text[]) AND t.d <> 0 AND NOT t.striped
         AND (a.allow_negative OR a.balance + t.d >= 0)
       RETURNING a.id
     ),
     striped AS (
       INSERT INTO account_stripes (tenant_id, account_id, stripe, balance)
       SELECT $1, t.id, $9, t.d FROM target t WHERE t.striped AND t.d <> 0
       ON CONFLICT (tenant_id, account_id, stripe) DO UPDATE SET balance = account_stripes.balance + EXCLUDED.balance
       RETURNING account_id
     ),
     txn AS (
       INSERT INTO ledger_transactions (tenant_id, id, code, cause)
       SELECT $1, $2, $3, $10 WHERE (SELECT count(*) FROM target) = $11 RETURNING id
     ),
     entries AS (
       INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
       SELECT $1, (SELECT id FROM txn), p.ord - 1, p.f, p.t, p.amount
       FROM unnest($6::text[], $7::text[], $8::bigint[]) WITH ORDINALITY AS p(f, t, amount, ord)
       WHERE (SELECT count(*) FROM target) = $11
       RETURNING 1
     )${extra}
     SELECT ((SELECT count(*) FROM own) + (SELECT count(*) FROM striped))::text AS changed,
       (SELECT count(*) FROM entries)::text AS entries`,
    params,
  );
  const row = r.rows[0];
  if (Number(row?.changed ?? 0) < moved.length || Number(row?.entries ?? 0) < t.postings.length)
    await explainRefusal(tx, tenantId, accounts);
  return id;
}

/** Throws why a posting changed fewer balances than it should: an unknown account or too few points. */
export async function explainRefusal(
  tx: Queryable,
  tenantId: string,
  moved: [string, bigint][],
): Promise<never> {
  const known = await tx.query<{ id: string; balance: string; guarded: boolean }>(
    `SELECT id, balance::text, NOT (allow_negative OR kind IN ${STRIPED_KINDS}) AS guarded
     FROM accounts WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    [tenantId, pgArray(moved.map(([a]) => a))],
  );
  const byId = new Map(known.rows.map((row) => [row.id, row]));
  for (const [account] of moved) {
    if (!byId.has(account)) throw new LedgerError("unknown_account", `no account ${account}`, account);
  }
  for (const [account, d] of moved) {
    const row = byId.get(account);
    if (row?.guarded && BigInt(row.balance) + d < 0n)
      throw new LedgerError("insufficient_points", `account ${account} has fewer than ${-d} points`, account);
  }
  throw new LedgerError("bad_posting", "a posting changed fewer balances than it moves");
}

/** A PostgreSQL array literal of text values (both drivers take it for an array parameter). */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
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
    `SELECT a.id, (a.balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
                   WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text AS balance,
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
    `SELECT (balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
             WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text AS balance
     FROM accounts a WHERE tenant_id = $1 AND id = $2`,
    [tenantId, account],
  );
  return r.rows[0] ? BigInt(r.rows[0].balance) : null;
}

/** Creates a tenant (idempotent). */
export async function createTenant(db: Db | Queryable, id: string, name: string): Promise<void> {
  await db.query("INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", [id, name]);
}
