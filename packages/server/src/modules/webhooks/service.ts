// Webhook endpoints (a URL, the event types it wants, a signing secret shown once and rotated with an
// overlap), the log of deliveries and their attempts, and replays. Changes are audited in their transaction.
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { type EventType, emit } from "./outbox.ts";
import { newSecret } from "./signing.ts";

/** The most endpoints a tenant may have (deleted ones not counted). */
export const MAX_ENDPOINTS = 50;
/** How long the previous secret still signs after a rotation, unless the request says. */
export const DEFAULT_ROTATION_OVERLAP_MINUTES = 24 * 60;
export const MAX_ROTATION_OVERLAP_MINUTES = 7 * 24 * 60;
/** The most deliveries one page lists. */
export const MAX_DELIVERY_PAGE = 200;

export interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: EventType[];
  status: "enabled" | "disabled";
  disabledReason: string | null;
  /** Who disabled it: the delivery worker, for failing, or a person; null while enabled. */
  disabledBy: "worker" | "user" | null;
  consecutiveFailures: number;
  failingSince: string | null;
  /** Until when the secret before the last rotation still signs; null when only one signs. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  event_types: EventType[];
  status: "enabled" | "disabled";
  disabled_reason: string | null;
  disabled_by: "worker" | "user" | null;
  consecutive_failures: number;
  failing_since: Date | string | null;
  previous_secret_expires_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const ENDPOINT_COLUMNS = `id, url, description, event_types, status, disabled_reason, disabled_by, consecutive_failures,
  failing_since, previous_secret_expires_at, created_at, updated_at`;

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

function toEndpoint(r: EndpointRow): Endpoint {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledBy: r.disabled_by,
    consecutiveFailures: r.consecutive_failures,
    failingSince: isoOrNull(r.failing_since),
    previousSecretExpiresAt: isoOrNull(r.previous_secret_expires_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A PostgreSQL array literal of text values. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

export interface EndpointInput {
  url: string;
  description: string | null;
  eventTypes: EventType[];
}

export async function createEndpoint(
  tx: Queryable,
  tenantId: string,
  input: EndpointInput,
  change: Change,
): Promise<Endpoint & { secret: string }> {
  // Counted under the tenant's lock on its own row, so that parallel creations cannot pass the limit.
  await tx.query("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", [tenantId]);
  const n = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL",
    [tenantId],
  );
  if ((n.rows[0]?.n ?? 0) >= MAX_ENDPOINTS)
    throw new ApiError("conflict", `a tenant has at most ${MAX_ENDPOINTS} endpoints; delete one first`, null);
  const id = newId("whe", change.at.getTime());
  const secret = newSecret();
  await tx.query(
    `INSERT INTO webhook_endpoints (tenant_id, id, url, description, event_types, secret, created_by, created_at,
       updated_at) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $8)`,
    [
      tenantId,
      id,
      input.url,
      input.description,
      textArray(input.eventTypes),
      secret,
      change.actor,
      change.at,
    ],
  );
  await recordAudit(tx, tenantId, change, {
    action: "webhook_endpoint.create",
    target: id,
    before: null,
    after: { url: input.url, description: input.description, eventTypes: input.eventTypes },
  });
  return { ...(await getEndpoint(tx, tenantId, id)), secret };
}

export async function listEndpoints(q: Queryable, tenantId: string): Promise<Endpoint[]> {
  const r = await q.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id`,
    [tenantId],
  );
  return r.rows.map(toEndpoint);
}

export async function getEndpoint(
  q: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<Endpoint> {
  const r = await q.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
     ${lock ? "FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no webhook endpoint ${id}`, "id");
  return toEndpoint(row);
}

export interface EndpointPatch {
  url?: string | undefined;
  description?: string | null | undefined;
  eventTypes?: EventType[] | undefined;
  /** `enabled` turns a disabled endpoint back on, its failure count cleared; `disabled` stops deliveries. */
  status?: "enabled" | "disabled" | undefined;
}

export async function updateEndpoint(
  tx: Queryable,
  tenantId: string,
  id: string,
  patch: EndpointPatch,
  change: Change,
): Promise<Endpoint> {
  const before = await getEndpoint(tx, tenantId, id, true);
  const after = {
    url: patch.url ?? before.url,
    description: patch.description === undefined ? before.description : patch.description,
    eventTypes: patch.eventTypes ?? before.eventTypes,
    status: patch.status ?? before.status,
  };
  const reenabled = before.status === "disabled" && after.status === "enabled";
  await tx.query(
    `UPDATE webhook_endpoints SET url = $3, description = $4, event_types = $5::text[], status = $6, updated_at = $7,
       disabled_reason = CASE WHEN $6 = 'enabled' THEN NULL WHEN status = 'disabled' THEN disabled_reason ELSE $8 END,
       disabled_by = CASE WHEN $6 = 'enabled' THEN NULL WHEN status = 'disabled' THEN disabled_by ELSE 'user' END,
       consecutive_failures = CASE WHEN $9 THEN 0 ELSE consecutive_failures END,
       failing_since = CASE WHEN $9 THEN NULL ELSE failing_since END
     WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      after.url,
      after.description,
      textArray(after.eventTypes),
      after.status,
      change.at,
      `disabled by ${change.actor}`,
      reenabled,
    ],
  );
  if (before.status === "enabled" && after.status === "disabled")
    await failPending(tx, tenantId, id, "endpoint disabled");
  await recordAudit(tx, tenantId, change, {
    action: "webhook_endpoint.update",
    target: id,
    before: {
      url: before.url,
      description: before.description,
      eventTypes: before.eventTypes,
      status: before.status,
    },
    after,
  });
  return getEndpoint(tx, tenantId, id);
}

/** Deletes an endpoint: nothing more is sent to it; its delivery log stays readable by delivery id. */
export async function deleteEndpoint(
  tx: Queryable,
  tenantId: string,
  id: string,
  change: Change,
): Promise<void> {
  const before = await getEndpoint(tx, tenantId, id, true);
  await tx.query(
    `UPDATE webhook_endpoints SET deleted_at = $3, status = 'disabled', disabled_reason = 'deleted',
       disabled_by = 'user', updated_at = $3
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, change.at],
  );
  await failPending(tx, tenantId, id, "endpoint deleted");
  await recordAudit(tx, tenantId, change, {
    action: "webhook_endpoint.delete",
    target: id,
    before: { url: before.url, eventTypes: before.eventTypes, status: before.status },
    after: null,
  });
}

/**
 * A new secret, shown once; the previous one keeps signing (a second signature in the same header) until
 * `overlapMinutes` have passed, so that receivers can switch without dropping a message.
 */
export async function rotateSecret(
  tx: Queryable,
  tenantId: string,
  id: string,
  overlapMinutes: number,
  change: Change,
): Promise<Endpoint & { secret: string }> {
  await getEndpoint(tx, tenantId, id, true);
  const secret = newSecret();
  // The overlap runs on the database's clock, which the workers that sign read too.
  const r = await tx.query<{ until: Date | string | null }>(
    `UPDATE webhook_endpoints SET previous_secret = CASE WHEN $4 > 0 THEN secret ELSE NULL END,
       previous_secret_expires_at = CASE WHEN $4 > 0 THEN clock_timestamp() + $4 * interval '1 minute' END,
       secret = $3, updated_at = $5
     WHERE tenant_id = $1 AND id = $2 RETURNING previous_secret_expires_at AS until`,
    [tenantId, id, secret, overlapMinutes, change.at],
  );
  const until = isoOrNull(r.rows[0]?.until ?? null);
  await recordAudit(tx, tenantId, change, {
    action: "webhook_endpoint.rotate_secret",
    target: id,
    before: null,
    after: { previousSecretExpiresAt: until },
  });
  return { ...(await getEndpoint(tx, tenantId, id)), secret };
}

/** Marks an endpoint's waiting deliveries failed: they are not sent; a replay sends them again. */
export async function failPending(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  why: string,
): Promise<void> {
  await tx.query(
    `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $3
     WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'`,
    [tenantId, endpointId, why],
  );
}

/**
 * Disables an endpoint that kept failing, once: its waiting deliveries fail, the audit log says why, and an
 * `endpoint.disabled` message goes to the tenant's other endpoints. Returns false when it was not enabled.
 */
export async function disableFailing(
  tx: Queryable,
  tenantId: string,
  endpointId: string,
  failures: number,
  at: Date,
): Promise<boolean> {
  const reason = `${failures} failed attempts in a row`;
  const r = await tx.query<{ url: string; failing_since: Date | string | null }>(
    `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = $3, disabled_by = 'worker', updated_at = $4
     WHERE tenant_id = $1 AND id = $2 AND status = 'enabled' RETURNING url, failing_since`,
    [tenantId, endpointId, reason, at],
  );
  const row = r.rows[0];
  if (!row) return false;
  await failPending(tx, tenantId, endpointId, "endpoint disabled");
  const failingSince = isoOrNull(row.failing_since);
  await recordAudit(
    tx,
    tenantId,
    { actor: "system:webhooks", at, comment: `disabled automatically: ${reason}`, requestId: null },
    {
      action: "webhook_endpoint.disable",
      target: endpointId,
      before: { status: "enabled" },
      after: { status: "disabled", consecutiveFailures: failures, failingSince },
    },
  );
  await emit(tx, tenantId, "endpoint.disabled", {
    endpointId,
    url: row.url,
    reason,
    consecutiveFailures: failures,
    failingSince,
  });
  return true;
}

// ---- Deliveries --------------------------------------------------------------------------------------------

export type DeliveryStatus = "pending" | "succeeded" | "failed";

export interface Delivery {
  id: string;
  endpointId: string;
  messageId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Attempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const DELIVERY_COLUMNS = `id, endpoint_id, message_id, type, status, attempts, next_attempt_at, last_status_code,
  last_error, created_at, delivered_at`;

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: isoOrNull(r.next_attempt_at),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    deliveredAt: isoOrNull(r.delivered_at),
  };
}

/** A time-ordered delivery id made by the database (deliveries are made in set-based statements). */
export const DELIVERY_ID_SQL =
  "'dlv_' || lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 16)";

export interface DeliveryFilter {
  endpointId?: string | undefined;
  messageId?: string | undefined;
  status?: DeliveryStatus | undefined;
  /** The id of the last delivery of the previous page. */
  cursor?: string | undefined;
  limit: number;
}

/** A tenant's deliveries, newest first. */
export async function listDeliveries(
  q: Queryable,
  tenantId: string,
  f: DeliveryFilter,
): Promise<{ data: Delivery[]; nextCursor: string | null }> {
  await assertCursor(q, "webhook_deliveries", tenantId, f.cursor);
  const limit = Math.min(Math.max(1, f.limit), MAX_DELIVERY_PAGE);
  const params: Param[] = [tenantId];
  const where = ["tenant_id = $1"];
  const add = (sql: string, v: Param) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.endpointId !== undefined) add("endpoint_id = ?", f.endpointId);
  if (f.messageId !== undefined) add("message_id = ?", f.messageId);
  if (f.status !== undefined) add("status = ?", f.status);
  if (f.cursor !== undefined) add("id < ?", f.cursor);
  const r = await q.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ${limit + 1}`,
    params,
  );
  const rows = r.rows.slice(0, limit).map(toDelivery);
  return { data: rows, nextCursor: r.rows.length > limit ? (rows[rows.length - 1]?.id ?? null) : null };
}

export async function getDelivery(
  q: Queryable,
  tenantId: string,
  id: string,
): Promise<Delivery & { attemptLog: Attempt[]; payload: unknown }> {
  const r = await q.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no webhook delivery ${id}`, "id");
  const attempts = await q.query<{
    attempt: number;
    at: Date | string;
    status_code: number | null;
    latency_ms: number;
    error: string | null;
    response_body: string | null;
  }>(
    `SELECT attempt, at, status_code, latency_ms, error, response_body FROM webhook_attempts
     WHERE tenant_id = $1 AND delivery_id = $2 ORDER BY attempt`,
    [tenantId, id],
  );
  const msg = await q.query<{ payload: unknown }>(
    "SELECT payload FROM messages WHERE tenant_id = $1 AND id = $2",
    [tenantId, row.message_id],
  );
  return {
    ...toDelivery(row),
    attemptLog: attempts.rows.map((a) => ({
      attempt: a.attempt,
      at: iso(a.at),
      statusCode: a.status_code,
      latencyMs: a.latency_ms,
      error: a.error,
      responseBody: a.response_body,
    })),
    payload: msg.rows[0]?.payload ?? null,
  };
}

/** Sends a delivery's message to its endpoint again, as a new delivery (the old one's log stays as it was). */
export async function replayDelivery(
  tx: Queryable,
  tenantId: string,
  id: string,
  change: Change,
): Promise<Delivery> {
  const d = await getDelivery(tx, tenantId, id);
  const e = await getEndpoint(tx, tenantId, d.endpointId).catch(() => null);
  if (!e) throw new ApiError("conflict", `the endpoint of delivery ${id} was deleted`, "id");
  if (e.status !== "enabled")
    throw new ApiError("conflict", `endpoint ${e.id} is disabled: enable it before replaying`, "id");
  const [made] = await makeDeliveries(tx, tenantId, d.messageId, [e.id]);
  await recordAudit(tx, tenantId, change, {
    action: "webhook_delivery.replay",
    target: id,
    before: null,
    after: { deliveryId: made?.id ?? null, messageId: d.messageId, endpointId: e.id },
  });
  return made as Delivery;
}

/**
 * Sends a message again to the tenant's enabled endpoints subscribed to its type (or to one endpoint), as new
 * deliveries.
 */
export async function replayMessage(
  tx: Queryable,
  tenantId: string,
  messageId: string,
  endpointId: string | null,
  change: Change,
): Promise<Delivery[]> {
  const m = await tx.query<{ type: string }>("SELECT type FROM messages WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    messageId,
  ]);
  const type = m.rows[0]?.type;
  if (type === undefined) throw new ApiError("not_found", `no message ${messageId}`, "id");
  let endpoints: string[];
  if (endpointId !== null) {
    const e = await getEndpoint(tx, tenantId, endpointId).catch(() => {
      throw new ApiError("validation_failed", `no webhook endpoint ${endpointId}`, "endpointId");
    });
    if (e.status !== "enabled")
      throw new ApiError(
        "conflict",
        `endpoint ${e.id} is disabled: enable it before replaying`,
        "endpointId",
      );
    endpoints = [e.id];
  } else {
    const r = await tx.query<{ id: string }>(
      `SELECT id FROM webhook_endpoints WHERE tenant_id = $1 AND status = 'enabled' AND deleted_at IS NULL
         AND (cardinality(event_types) = 0 OR $2 = ANY(event_types)) ORDER BY id`,
      [tenantId, type],
    );
    endpoints = r.rows.map((x) => x.id);
  }
  const made = await makeDeliveries(tx, tenantId, messageId, endpoints);
  await recordAudit(tx, tenantId, change, {
    action: "webhook_message.replay",
    target: messageId,
    before: null,
    after: { deliveries: made.map((d) => d.id), endpoints },
  });
  return made;
}

async function makeDeliveries(
  tx: Queryable,
  tenantId: string,
  messageId: string,
  endpointIds: readonly string[],
): Promise<Delivery[]> {
  if (endpointIds.length === 0) return [];
  const r = await tx.query<DeliveryRow>(
    `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, message_id, type, status, attempts, next_attempt_at,
       created_at)
     SELECT $1, ${DELIVERY_ID_SQL}, e, o.id, o.type, 'pending', 0, clock_timestamp(), clock_timestamp()
     FROM messages o, unnest($3::text[]) AS e WHERE o.tenant_id = $1 AND o.id = $2
     RETURNING ${DELIVERY_COLUMNS}`,
    [tenantId, messageId, textArray(endpointIds)],
  );
  return r.rows.map(toDelivery);
}

export interface Message {
  id: string;
  type: string;
  payload: unknown;
  occurredAt: string;
  dispatchedAt: string | null;
}

/** The tenant's messages, newest first (the outbox and the level changes are also the log of what was said). */
export async function listMessages(
  q: Queryable,
  tenantId: string,
  f: { type?: string | undefined; cursor?: number | undefined; limit: number },
): Promise<{ data: (Message & { seq: number })[]; nextCursor: string | null }> {
  await assertCursor(q, "messages", tenantId, f.cursor);
  const limit = Math.min(Math.max(1, f.limit), MAX_DELIVERY_PAGE);
  const params: Param[] = [tenantId];
  const where = ["tenant_id = $1"];
  if (f.type !== undefined) {
    params.push(f.type);
    where.push(`type = $${params.length}`);
  }
  if (f.cursor !== undefined) {
    params.push(f.cursor);
    where.push(`seq < $${params.length}`);
  }
  const r = await q.query<{
    id: string;
    seq_text: string;
    type: string;
    payload: unknown;
    occurred_at: Date | string;
    dispatched_at: Date | string | null;
  }>(
    // Ordered by the number, not by its text (`seq::text` named in the list would be what `ORDER BY seq` sorts).
    `SELECT id, seq::text AS seq_text, type, payload, occurred_at, dispatched_at FROM messages
     WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ${limit + 1}`,
    params,
  );
  const rows = r.rows.slice(0, limit).map((x) => ({
    id: x.id,
    seq: Number(x.seq_text),
    type: x.type,
    payload: x.payload,
    occurredAt: iso(x.occurred_at),
    dispatchedAt: isoOrNull(x.dispatched_at),
  }));
  const last = rows[rows.length - 1];
  return { data: rows, nextCursor: r.rows.length > limit && last ? String(last.seq) : null };
}
