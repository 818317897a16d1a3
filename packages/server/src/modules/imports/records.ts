// Exports of the records a program keeps as it runs: reward orders, webhook deliveries (the delivery log), survey
// answers and the audit log, as CSV rows, page by page along each table's primary key (keyset paging), so an
// export of any size streams in bounded memory. Times are UTC, ISO 8601 with milliseconds.
import type { Queryable } from "../../db/db.ts";
import { EXPORT_PAGE_ROWS } from "./export.ts";

type Cell = string;
type Value = string | number | boolean | null;

/** A timestamp column as `2026-03-05T09:00:00.000Z`. */
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column.replace(/^\w+\./, "")}`;

/**
 * Every row of `table` for the tenant, by id, `EXPORT_PAGE_ROWS` a query: `select` lists the columns (the
 * first is `id`), each row comes out as its values in that order, null as empty.
 */
async function* byId(q: Queryable, tenantId: string, table: string, select: string): AsyncGenerator<Cell[]> {
  let after = "";
  for (;;) {
    const r = await q.query<Record<string, Value>>(
      `SELECT ${select} FROM ${table} WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    for (const row of r.rows) yield Object.values(row).map((v) => (v === null ? "" : String(v)));
    if (r.rows.length < EXPORT_PAGE_ROWS) return;
    after = String(r.rows[r.rows.length - 1]?.id);
  }
}

export const REWARD_ORDER_EXPORT_COLUMNS = [
  "reward_order_id",
  "reward_id",
  "company_id",
  "contact_id",
  "quantity",
  "points",
  "hold_id",
  "status",
  "note",
  "created_at",
  "updated_at",
] as const;

/** Every order of a reward, with its status now (its history is in the audit log and the API). */
export function rewardOrderRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  return byId(
    q,
    tenantId,
    "reward_orders",
    `id, reward_id, company_id, contact_id, quantity, points::text, hold_id, status, note, ${iso("created_at")},
     ${iso("updated_at")}`,
  );
}

export const WEBHOOK_DELIVERY_EXPORT_COLUMNS = [
  "delivery_id",
  "endpoint_id",
  "message_id",
  "type",
  "status",
  "attempts",
  "last_status_code",
  "last_error",
  "created_at",
  "next_attempt_at",
  "delivered_at",
] as const;

/** The delivery log: every delivery of an event to an endpoint, with its attempts and last answer. */
export function webhookDeliveryRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  return byId(
    q,
    tenantId,
    "webhook_deliveries",
    `id, endpoint_id, message_id, type, status, attempts, last_status_code, last_error, ${iso("created_at")},
     ${iso("next_attempt_at")}, ${iso("delivered_at")}`,
  );
}

export const SURVEY_ANSWER_EXPORT_COLUMNS = [
  "answer_id",
  "survey_id",
  "company_id",
  "contact_id",
  "score",
  "comment",
  "day",
  "segment",
  "tier",
  "points_transaction_id",
  "answered_at",
] as const;

/** Every answer to a survey: the score (0 to 10), the free text, and the company's segment and tier then. */
export function surveyAnswerRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  return byId(
    q,
    tenantId,
    "survey_responses",
    `id, survey_id, member_id, contact_id, score, comment, day::text, segment, tier, transaction_id,
     ${iso("answered_at")}`,
  );
}

export const AUDIT_EXPORT_COLUMNS = [
  "audit_id",
  "at",
  "actor",
  "action",
  "target",
  "comment",
  "request_id",
  "before",
  "after",
] as const;

/** The audit log, oldest first: who changed what, with the object before and after as JSON. */
export function auditRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  return byId(
    q,
    tenantId,
    "audit_log",
    `id, ${iso("at")}, actor, action, target, comment, request_id, before::text, after::text`,
  );
}
