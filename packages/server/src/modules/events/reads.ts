// Reads of the events a tenant took in: a filtered list newest first, paged by event id (ids are time-ordered,
// so events arriving while a client pages land before its first page), and one event with what it did: the
// order's lines and totals, the engine's explanations, its pending points and the ledger postings it caused.
import { EXPLANATIONS, type Explanation, type Locale, renderExplanation } from "@patron/engine";
import { notACursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import type { CompanyScope } from "../companies/scope.ts";

export const EVENT_TYPES = ["order", "return", "payment", "cancellation"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** An order's state: points waiting (for payment or the return window), available, or the order cancelled. */
export const ORDER_STATUSES = ["pending", "available", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface EventSummary {
  id: string;
  type: string;
  source: string;
  externalId: string;
  /** The event's day in the program's time zone. */
  date: string;
  receivedAt: string;
  companyId: string | null;
  /** The order an event is about (itself for an order). */
  orderId: string | null;
  gross: string | null;
  discount: string | null;
  net: string | null;
  pointsEarned: number | null;
  pointsRedeemed: number | null;
  /** For orders: pending, available or cancelled; null for other events. */
  status: OrderStatus | null;
  /** For returns: the money refunded; null for other events. */
  refund: string | null;
  /** For returns and cancellations: earned points taken back (or pending points voided); null for others. */
  pointsTakenBack: number | null;
  /** For returns and cancellations: points the order had spent, given back; null for others. */
  pointsGivenBack: number | null;
}

export interface EventFilter {
  companyId?: string | undefined;
  type?: EventType | undefined;
  status?: OrderStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const CURSOR = /^evt_[A-Za-z0-9_-]{1,100}$/;
/** The company of an event: an order names it, the engine's answer names it for returns, payments, cancellations. */
const COMPANY_SQL = "COALESCE(e.payload->>'companyId', e.result->>'companyId')";

type Row = {
  id: string;
  type: string;
  source: string;
  external_id: string;
  day: string;
  received_at: Date | string;
  payload: Record<string, unknown>;
  result: Record<string, unknown>;
  cancelled_on: string | null;
};

// The status of an order, read from its row and its pending lots; the same expression filters and answers.
const STATUS_SQL = `CASE WHEN o.id IS NULL THEN NULL
  WHEN o.cancelled_on IS NOT NULL THEN 'cancelled'
  WHEN EXISTS (SELECT 1 FROM pending_lots pl WHERE pl.tenant_id = o.tenant_id AND pl.order_id = o.id
               AND pl.points > 0) THEN 'pending'
  ELSE 'available' END`;

const SELECT = `SELECT e.id, e.type, e.source, e.external_id, e.day::text AS day, e.received_at, e.payload, e.result,
         o.cancelled_on::text AS cancelled_on, ${STATUS_SQL} AS status
  FROM events e
  LEFT JOIN orders o ON o.tenant_id = e.tenant_id AND e.type = 'order' AND o.id = e.external_id`;

function summaryOf(r: Row & { status: string | null }): EventSummary {
  const p = r.payload;
  const res = r.result ?? {};
  const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const reversing = r.type === "return" || r.type === "cancellation";
  return {
    id: r.id,
    type: r.type,
    source: r.source,
    externalId: r.external_id,
    date: r.day,
    receivedAt: new Date(r.received_at).toISOString(),
    companyId: text(p.companyId) ?? text(res.companyId),
    orderId: text(p.orderId) ?? text(res.orderId),
    gross: text(res.gross),
    discount: text(res.discount),
    net: text(res.net),
    pointsEarned: num(res.pointsEarned),
    pointsRedeemed: num(res.pointsRedeemed),
    status: (r.status as OrderStatus | null) ?? null,
    refund: r.type === "return" ? text(res.refund) : null,
    pointsTakenBack: reversing ? (num(res.pointsReversed) ?? 0) + (num(res.pointsVoided) ?? 0) : null,
    pointsGivenBack: reversing ? (num(res.pointsRefunded) ?? 0) : null,
  };
}

/** A page of the tenant's events in the caller's scope, newest first. */
export async function listEvents(
  q: Queryable,
  scope: CompanyScope,
  f: EventFilter,
): Promise<{ data: EventSummary[]; nextCursor: string | null }> {
  if (f.cursor !== undefined && !CURSOR.test(f.cursor)) {
    throw notACursor();
  }
  if (f.from !== undefined && f.to !== undefined && f.from > f.to) {
    throw new ApiError("validation_failed", "from is after to", "from");
  }
  const params: Param[] = [scope.tenantId];
  const where = ["e.tenant_id = $1"];
  const add = (sql: (n: string) => string, v: Param) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  // A sales manager sees the events of their clients only; the same condition as every company read.
  if (scope.salesRepId !== null) where.push(scope.where(COMPANY_SQL, params));
  if (f.companyId !== undefined) add((n) => `${COMPANY_SQL} = ${n}`, f.companyId);
  if (f.type !== undefined) add((n) => `e.type = ${n}`, f.type);
  if (f.from !== undefined) add((n) => `e.day >= ${n}::date`, f.from);
  if (f.to !== undefined) add((n) => `e.day <= ${n}::date`, f.to);
  if (f.cursor !== undefined) add((n) => `e.id < ${n}`, f.cursor);
  if (f.status !== undefined) add((n) => `(${STATUS_SQL}) = ${n}`, f.status);
  params.push(f.limit + 1);
  const r = await q.query<Row & { status: string | null }>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY e.id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, f.limit).map(summaryOf);
  const more = r.rows.length > f.limit;
  return { data, nextCursor: more ? (data[data.length - 1]?.id ?? null) : null };
}

export interface EventPosting {
  transactionId: string;
  code: string;
  at: string;
  from: string;
  to: string;
  amount: number;
}

export interface EventDetail extends EventSummary {
  /** What was sent: the order's lines, the return's lines, the payment's day. */
  payload: Record<string, unknown>;
  /** The engine's answer when the event was taken in (totals, tier, program version, effects). */
  result: Record<string, unknown>;
  /** The engine's explanations, each with its sentence in the asked language. */
  explanations: (Explanation & { text: string | null })[];
  /** The order's points still waiting: how many and from which day they are available. */
  pendingLots: { points: number; availableOn: string | null }[];
  /** Postings of the transactions this event caused, and of the maturation of its order's points. */
  postings: EventPosting[];
}

/** Postings an event's page lists at most. */
export const MAX_EVENT_POSTINGS = 500;

/** One event in the caller's scope with its effects; another tenant's or an unknown id answers 404. */
export async function eventDetail(
  q: Queryable,
  scope: CompanyScope,
  id: string,
  locale: Locale,
): Promise<EventDetail> {
  const params: Param[] = [scope.tenantId, id];
  const inScope = scope.salesRepId === null ? "" : ` AND ${scope.where(COMPANY_SQL, params)}`;
  const r = await q.query<Row & { status: string | null }>(
    `${SELECT} WHERE e.tenant_id = $1 AND e.id = $2${inScope}`,
    params,
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no event ${id}`, "id");
  const summary = summaryOf(row);
  const effects = Array.isArray(row.result?.effects) ? (row.result.effects as Explanation[]) : [];
  const order = row.type === "order" ? row.external_id : null;
  const lots =
    order === null
      ? { rows: [] }
      : await q.query<{ points: string; available_on: string | null }>(
          `SELECT points::text, available_on::text FROM pending_lots
           WHERE tenant_id = $1 AND order_id = $2 AND points > 0 ORDER BY id`,
          [scope.tenantId, order],
        );
  const postings = await q.query<{
    transaction_id: string;
    code: string;
    created_at: Date | string;
    from_account: string;
    to_account: string;
    amount: string;
  }>(
    `SELECT p.transaction_id, t.code, t.created_at, p.from_account, p.to_account, p.amount::text
     FROM ledger_transactions t
     JOIN postings p ON p.tenant_id = t.tenant_id AND p.transaction_id = t.id
     WHERE t.tenant_id = $1 AND (t.cause = $2 OR (t.code = 'mature' AND t.cause = $3))
     ORDER BY t.id, p.seq LIMIT ${MAX_EVENT_POSTINGS}`,
    [scope.tenantId, id, order ?? ""],
  );
  return {
    ...summary,
    payload: row.payload,
    result: row.result ?? {},
    explanations: effects.map((e) => ({
      ...e,
      text: e.code in EXPLANATIONS ? renderExplanation(e, locale) : null,
    })),
    pendingLots: lots.rows.map((l) => ({ points: Number(l.points), availableOn: l.available_on })),
    postings: postings.rows.map((p) => ({
      transactionId: p.transaction_id,
      code: p.code,
      at: new Date(p.created_at).toISOString(),
      from: p.from_account,
      to: p.to_account,
      amount: Number(p.amount),
    })),
  };
}
