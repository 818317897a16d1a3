// Coalition partners: other merchants who send orders and accept the program's points. Each has API keys of
// its own that reach only the partner routes and only its own orders and customers. The settlement report sums,
// per month and partner, the points its orders issued and the points spent at it (net of returns and
// cancellations); closing a month posts both to the partner's settlement account in the ledger, so the money
// each partner owes the program (or is owed) is a ledger balance and not only a report.
// Errors: conflict (a taken partner id, a month closed or not over yet), not_found (an unknown partner or key).
import { createHash, randomBytes } from "node:crypto";
import { formatMinor } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { openAccount, post } from "../ledger/service.ts";
import { ISSUED, openProgramAccounts, REDEEMED } from "../members/service.ts";

const KEY_PREFIX = "ppk";
const SECRET_BYTES = 32;
const SECRET_CHARS = 43;
const SHOWN_CHARS = 8;
const TOKEN = /^ppk_([a-z][a-z0-9-]{1,39})_([A-Za-z0-9_-]{43})$/;
/** The most months one settlement report covers. */
export const MAX_REPORT_MONTHS = 36;
/** The most partners and keys one listing shows. */
export const MAX_PARTNERS = 500;

export const settlementAccount = (partnerId: string) => `settlement:${partnerId}`;

/** The id a partner's order is kept under: partners choose their own order ids, so they are kept apart. */
export const partnerOrderId = (partnerId: string, orderId: string) => `${partnerId}:${orderId}`;
/** The source a partner's events are taken under: its external ids never meet the owner's. */
export const partnerSource = (partnerId: string) => `partner:${partnerId}`;

export interface Partner {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  /** Keys not revoked. */
  activeKeys: number;
}

export interface PartnerKey {
  id: string;
  name: string | null;
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface PartnerPrincipal {
  tenantId: string;
  partnerId: string;
  keyId: string;
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

interface PartnerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: Date | string;
  active_keys: number;
}

const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  name: r.name,
  email: r.email,
  createdAt: new Date(r.created_at).toISOString(),
  activeKeys: r.active_keys,
});

const PARTNER_COLUMNS = `p.id, p.name, p.email, p.created_at,
  (SELECT count(*)::int FROM partner_keys k
   WHERE k.tenant_id = p.tenant_id AND k.partner_id = p.id AND k.revoked_at IS NULL) AS active_keys`;

export async function createPartner(
  tx: Queryable,
  tenantId: string,
  input: { id: string; name: string; email?: string | null | undefined },
  at: Date,
): Promise<Partner> {
  const r = await tx.query(
    `INSERT INTO partners (tenant_id, id, name, email, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [tenantId, input.id, input.name, input.email ?? null, at],
  );
  if (r.rowCount === 0) throw new ApiError("conflict", `a partner ${input.id} exists already`, "id");
  await openAccount(tx, tenantId, settlementAccount(input.id), "settlement", true);
  return getPartner(tx, tenantId, input.id);
}

export async function updatePartner(
  tx: Queryable,
  tenantId: string,
  id: string,
  input: { name?: string | undefined; email?: string | null | undefined },
): Promise<Partner> {
  await getPartner(tx, tenantId, id);
  await tx.query(
    `UPDATE partners SET name = COALESCE($3, name), email = CASE WHEN $4::boolean THEN $5 ELSE email END
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, input.name ?? null, input.email !== undefined, input.email ?? null],
  );
  return getPartner(tx, tenantId, id);
}

export async function getPartner(q: Queryable, tenantId: string, id: string): Promise<Partner> {
  const r = await q.query<PartnerRow>(
    `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE p.tenant_id = $1 AND p.id = $2`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no partner ${id}`, "id");
  return toPartner(row);
}

export async function listPartners(q: Queryable, tenantId: string): Promise<Partner[]> {
  const r = await q.query<PartnerRow>(
    `SELECT ${PARTNER_COLUMNS} FROM partners p WHERE p.tenant_id = $1 ORDER BY p.id LIMIT $2`,
    [tenantId, MAX_PARTNERS],
  );
  return r.rows.map(toPartner);
}

// ---------------------------------------------------------------------------------------------------------
// Keys

interface KeyRow {
  id: string;
  name: string | null;
  prefix: string;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

const toKey = (r: KeyRow): PartnerKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
});

/** A new key of the partner's; the whole secret is in the answer only, never stored. */
export async function createPartnerKey(
  tx: Queryable,
  tenantId: string,
  partnerId: string,
  name: string | null,
  actor: string,
  at: Date,
): Promise<PartnerKey & { secret: string }> {
  await getPartner(tx, tenantId, partnerId);
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const token = `${KEY_PREFIX}_${tenantId}_${secret}`;
  const prefix = `${KEY_PREFIX}_${tenantId}_${secret.slice(0, SHOWN_CHARS)}`;
  const id = newId("pkey", at.getTime());
  const r = await tx.query<KeyRow>(
    `INSERT INTO partner_keys (tenant_id, id, partner_id, name, prefix, secret_hash, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING id, name, prefix, created_by, created_at, revoked_at`,
    [tenantId, id, partnerId, name, prefix, sha256(secret), actor, at],
  );
  return { ...toKey(r.rows[0] as KeyRow), secret: token };
}

export async function listPartnerKeys(
  q: Queryable,
  tenantId: string,
  partnerId: string,
): Promise<PartnerKey[]> {
  const r = await q.query<KeyRow>(
    `SELECT id, name, prefix, created_by, created_at, revoked_at FROM partner_keys
     WHERE tenant_id = $1 AND partner_id = $2 ORDER BY created_at DESC, id LIMIT $3`,
    [tenantId, partnerId, MAX_PARTNERS],
  );
  return r.rows.map(toKey);
}

export async function revokePartnerKey(
  tx: Queryable,
  tenantId: string,
  partnerId: string,
  keyId: string,
  at: Date,
): Promise<PartnerKey> {
  const r = await tx.query<KeyRow>(
    `UPDATE partner_keys SET revoked_at = COALESCE(revoked_at, $4)
     WHERE tenant_id = $1 AND partner_id = $2 AND id = $3
     RETURNING id, name, prefix, created_by, created_at, revoked_at`,
    [tenantId, partnerId, keyId, at],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no key ${keyId} of partner ${partnerId}`, "keyId");
  return toKey(row);
}

/** The partner behind a bearer token, if it is a live partner key. Staff keys never resolve here. */
export async function partnerForToken(q: Queryable, token: string): Promise<PartnerPrincipal | null> {
  const m = TOKEN.exec(token);
  if (!m || m[2]?.length !== SECRET_CHARS) return null;
  const tenantId = m[1] as string;
  const r = await q.query<{ id: string; partner_id: string }>(
    `SELECT id, partner_id FROM partner_keys
     WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`,
    [tenantId, sha256(m[2])],
  );
  const row = r.rows[0];
  return row ? { tenantId, partnerId: row.partner_id, keyId: row.id } : null;
}

// ---------------------------------------------------------------------------------------------------------
// What a partner may see

export interface PartnerOrder {
  orderId: string;
  companyId: string;
  date: string;
  net: string;
  pointsEarned: number;
  pointsRedeemed: number;
  cancelled: boolean;
}

/** The partner's own orders, newest first, under the ids the partner gave them. */
export async function partnerOrders(
  q: Queryable,
  tenantId: string,
  partnerId: string,
  digits: number,
  limit: number,
): Promise<PartnerOrder[]> {
  const r = await q.query<{
    id: string;
    member_id: string;
    day: string;
    net_minor: string;
    points_earned: string;
    points_redeemed: string;
    cancelled_on: string | null;
  }>(
    `SELECT id, member_id, day::text, net_minor::text, points_earned::text, points_redeemed::text,
       cancelled_on::text
     FROM orders WHERE tenant_id = $1 AND outcome ->> 'partnerId' = $2
     ORDER BY day DESC, id DESC LIMIT $3`,
    [tenantId, partnerId, limit],
  );
  const head = `${partnerId}:`;
  return r.rows.map((o) => ({
    orderId: o.id.startsWith(head) ? o.id.slice(head.length) : o.id,
    companyId: o.member_id,
    date: o.day,
    net: formatMinor(BigInt(o.net_minor), digits),
    pointsEarned: Number(o.points_earned),
    pointsRedeemed: Number(o.points_redeemed),
    cancelled: o.cancelled_on !== null,
  }));
}

/** Whether the company has bought at the partner: only then may the partner read its balance. */
export async function isPartnerCustomer(
  q: Queryable,
  tenantId: string,
  partnerId: string,
  companyId: string,
): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM orders WHERE tenant_id = $1 AND member_id = $2 AND outcome ->> 'partnerId' = $3 LIMIT 1`,
    [tenantId, companyId, partnerId],
  );
  return r.rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------
// Settlement

export interface SettlementRow {
  month: string;
  partnerId: string;
  partnerName: string | null;
  /** Points the partner's orders issued in the month, net of those reversed by returns and cancellations. */
  pointsIssued: number;
  /** Points spent at the partner in the month, net of those given back. */
  pointsRedeemed: number;
  /** (issued − redeemed) × the point's value: positive, the partner owes the program; negative, it is owed. */
  amountMinor: number;
  amount: string;
  /** When the month was closed for this partner: the ledger transaction that settled it. */
  closedAt: string | null;
  transactionId: string | null;
}

/** The first day of a `YYYY-MM` month and of the month after it. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** Months from `from` to `to`, both `YYYY-MM`, inclusive. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * Issued and redeemed points per month and partner between two months (inclusive), from the orders that name a
 * partner and the returns, cancellations and edits of those orders, each counted in the month it happened.
 */
export async function settlementReport(
  q: Queryable,
  tenantId: string,
  range: { from: string; to: string; partnerId?: string | undefined },
  p: { pointValueMinor: number; digits: number },
): Promise<SettlementRow[]> {
  const from = monthBounds(range.from).from;
  const to = monthBounds(range.to).to;
  const r = await q.query<{ month: string; partner: string; issued: string; redeemed: string }>(
    `WITH moves AS (
       SELECT outcome ->> 'partnerId' AS partner, to_char(day, 'YYYY-MM') AS month,
         points_earned AS issued, points_redeemed AS redeemed
       FROM orders
       WHERE tenant_id = $1 AND outcome ->> 'partnerId' IS NOT NULL AND day >= $2::date AND day < $3::date
       UNION ALL
       SELECT o.outcome ->> 'partnerId', to_char(e.day, 'YYYY-MM'),
         -COALESCE((e.r ->> 'pointsReversed')::bigint, (e.r ->> 'pointsVoided')::bigint, 0),
         -COALESCE((e.r ->> 'pointsRefunded')::bigint, 0)
       FROM (
         SELECT day, CASE WHEN type = 'order' THEN result -> 'replaced' ELSE result END AS r
         FROM events
         WHERE tenant_id = $1 AND day >= $2::date AND day < $3::date
           AND (type IN ('return', 'cancellation') OR (type = 'order' AND result -> 'replaced' IS NOT NULL))
       ) e
       JOIN orders o ON o.tenant_id = $1 AND o.id = e.r ->> 'orderId'
       WHERE o.outcome ->> 'partnerId' IS NOT NULL
     )
     SELECT month, partner, sum(issued)::text AS issued, sum(redeemed)::text AS redeemed FROM moves
     WHERE ($4::text IS NULL OR partner = $4)
     GROUP BY month, partner ORDER BY month, partner`,
    [tenantId, from, to, range.partnerId ?? null],
  );
  const names = new Map((await listPartners(q, tenantId)).map((x) => [x.id, x.name]));
  const closed = await q.query<{
    month: string;
    partner_id: string;
    points_issued: string;
    points_redeemed: string;
    closed_at: Date | string;
    transaction_id: string | null;
  }>(
    `SELECT month, partner_id, points_issued::text, points_redeemed::text, closed_at, transaction_id
     FROM partner_settlements WHERE tenant_id = $1 AND month >= $2 AND month <= $3`,
    [tenantId, range.from, range.to],
  );
  const closedBy = new Map(closed.rows.map((c) => [`${c.month}\u0000${c.partner_id}`, c]));
  return r.rows.map((x) => {
    const issued = Number(x.issued);
    const redeemed = Number(x.redeemed);
    const amountMinor = (issued - redeemed) * p.pointValueMinor;
    const c = closedBy.get(`${x.month}\u0000${x.partner}`);
    return {
      month: x.month,
      partnerId: x.partner,
      partnerName: names.get(x.partner) ?? null,
      pointsIssued: issued,
      pointsRedeemed: redeemed,
      amountMinor,
      amount: formatMinor(amountMinor, p.digits),
      closedAt: c ? new Date(c.closed_at).toISOString() : null,
      transactionId: c?.transaction_id ?? null,
    };
  });
}

const CSV_COLUMNS = [
  "month",
  "partner_id",
  "partner_name",
  "points_issued",
  "points_redeemed",
  "amount",
  "closed_at",
  "transaction_id",
];

function csvCell(v: string | number | null, text = false): string {
  const s = v === null ? "" : String(v);
  // Text a person typed that starts with =, +, - or @ would run as a formula in a spreadsheet.
  const safe = text && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function settlementCsv(rows: readonly SettlementRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.month,
        r.partnerId,
        r.partnerName,
        r.pointsIssued,
        r.pointsRedeemed,
        r.amount,
        r.closedAt,
        r.transactionId,
      ]
        .map((v, i) => csvCell(v, i === 2))
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Closes a month: for every partner with points issued or redeemed in it, one ledger transaction moves the issued
 * points from the partner's settlement account to the program's issued account (the partner takes on the points
 * it handed out) and the redeemed points from the program's redeemed account to the partner's (the program owes
 * it the points it accepted). The partner's settlement balance is then what it is owed, in points, over all
 * closed months. A month closes once, and only after it is over.
 */
export async function closeMonth(
  tx: Queryable,
  tenantId: string,
  month: string,
  today: string,
  actor: string,
  at: Date,
  p: { pointValueMinor: number; digits: number },
): Promise<SettlementRow[]> {
  if (monthBounds(month).to > today) {
    throw new ApiError("conflict", `${month} is not over yet: close it from its next month on`, "month");
  }
  const taken = await tx.query(
    "SELECT 1 FROM partner_settlements WHERE tenant_id = $1 AND month = $2 LIMIT 1",
    [tenantId, month],
  );
  if (taken.rows.length > 0) throw new ApiError("conflict", `${month} is closed already`, "month");
  // Closing the same month twice at once: the second waits here, then finds the rows of the first.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`settlement:${tenantId}:${month}`]);
  const again = await tx.query(
    "SELECT 1 FROM partner_settlements WHERE tenant_id = $1 AND month = $2 LIMIT 1",
    [tenantId, month],
  );
  if (again.rows.length > 0) throw new ApiError("conflict", `${month} is closed already`, "month");
  const rows = await settlementReport(tx, tenantId, { from: month, to: month }, p);
  await openProgramAccounts(tx, tenantId);
  for (const r of rows) {
    const account = settlementAccount(r.partnerId);
    await openAccount(tx, tenantId, account, "settlement", true);
    const postings = [];
    if (r.pointsIssued > 0) postings.push({ from: account, to: ISSUED, amount: r.pointsIssued });
    if (r.pointsIssued < 0) postings.push({ from: ISSUED, to: account, amount: -r.pointsIssued });
    if (r.pointsRedeemed > 0) postings.push({ from: REDEEMED, to: account, amount: r.pointsRedeemed });
    if (r.pointsRedeemed < 0) postings.push({ from: account, to: REDEEMED, amount: -r.pointsRedeemed });
    const txn =
      postings.length === 0
        ? null
        : await post(tx, tenantId, { code: "settle", cause: `settlement:${month}:${r.partnerId}`, postings });
    await tx.query(
      `INSERT INTO partner_settlements
         (tenant_id, month, partner_id, points_issued, points_redeemed, amount_minor, transaction_id, closed_by,
          closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [tenantId, month, r.partnerId, r.pointsIssued, r.pointsRedeemed, r.amountMinor, txn, actor, at],
    );
    r.closedAt = at.toISOString();
    r.transactionId = txn;
  }
  return rows;
}
