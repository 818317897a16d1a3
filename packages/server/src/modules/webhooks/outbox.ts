// The outbox: what happened, written in the transaction of the change itself, so that a change is never
// committed without its notice nor a notice sent for a change that rolled back. The webhook worker reads it.
import type { Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import type { AlsoWrite } from "../ledger/service.ts";

/** Every type of message the outbox holds; endpoints subscribe to some of them. */
export const EVENT_TYPES = [
  "points.earned",
  "points.spent",
  "points.reversed",
  "points.expired",
  "tier.changed",
  "member.created",
  "adjustment.applied",
  "hold.created",
  "hold.cancelled",
  "hold.expired",
  "redemption.captured",
  "reward_order.status_changed",
  "endpoint.disabled",
  "campaign.started",
  "campaign.ended",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type Payload = Record<string, unknown>;

/** Writes one message in the caller's transaction; returns its id (the `webhook-id` receivers see). */
export async function emit(
  tx: Queryable,
  tenantId: string,
  type: EventType,
  payload: Payload,
): Promise<string> {
  const id = newId("msg");
  await tx.query(
    "INSERT INTO outbox (tenant_id, id, type, payload, occurred_at) VALUES ($1, $2, $3, $4, clock_timestamp())",
    [tenantId, id, type, JSON.stringify(payload)],
  );
  return id;
}

/** Writes many messages of one type in one statement (set-based jobs: expiry, tiers, hold releases). */
export async function emitMany(
  tx: Queryable,
  tenantId: string,
  type: EventType,
  payloads: readonly Payload[],
): Promise<void> {
  if (payloads.length === 0) return;
  const rows = payloads.map((payload) => ({ id: newId("msg"), payload }));
  await tx.query(
    `INSERT INTO outbox (tenant_id, id, type, payload, occurred_at)
     SELECT $1, x.id, $2, x.payload, clock_timestamp() FROM jsonb_to_recordset($3::jsonb) AS x(id text, payload jsonb)`,
    [tenantId, type, JSON.stringify(rows)],
  );
}

// ---- What each change says. One call from the code that makes the change; the shape of each payload here
// (the expiry job writes its `points.expired` messages in its own statement: jobs/daily.ts). --

/** An order taken in: points earned and points spent, each when there are any. */
export async function emitOrder(
  tx: Queryable,
  tenantId: string,
  eventId: string,
  r: {
    orderId: string;
    companyId: string;
    date: string;
    pointsEarned: number;
    pointsRedeemed: number;
    tier: string | null;
  },
): Promise<void> {
  for (const [type, payload] of orderMessages(eventId, r)) await emit(tx, tenantId, type, payload);
}

type OrderFacts = Parameters<typeof emitOrder>[3];

/** What an order says: points earned and points spent, each when there are any. */
export function orderMessages(eventId: string, r: OrderFacts): [EventType, Payload][] {
  const base = { eventId, orderId: r.orderId, memberId: r.companyId, date: r.date };
  const out: [EventType, Payload][] = [];
  if (r.pointsEarned > 0) out.push(["points.earned", { ...base, points: r.pointsEarned, tier: r.tier }]);
  if (r.pointsRedeemed > 0) out.push(["points.spent", { ...base, points: r.pointsRedeemed }]);
  return out;
}

/**
 * The order's messages as `emitOrder` writes them, as a common table expression to send with the order's
 * other writes (one statement fewer per order); nothing when it says nothing.
 */
export function orderOutboxWrite(tenantId: string, eventId: string, r: OrderFacts): AlsoWrite {
  const messages = orderMessages(eventId, r);
  return (p) =>
    messages.length === 0
      ? []
      : [
          `o_outbox AS (
             INSERT INTO outbox (tenant_id, id, type, payload, occurred_at) VALUES ${messages
               .map(
                 ([type, payload]) =>
                   `(${p(tenantId)}, ${p(newId("msg"))}, ${p(type)}, ${p(JSON.stringify(payload))}::jsonb, clock_timestamp())`,
               )
               .join(", ")}
           )`,
        ];
}

/** A return or a cancellation: points taken back (or voided), and points given back that had been spent. */
export async function emitReversal(
  tx: Queryable,
  tenantId: string,
  eventId: string,
  r: { orderId: string; companyId: string; date: string; pointsRefunded: number } & (
    | { kind: "return"; pointsReversed: number }
    | { kind: "cancellation"; pointsVoided: number }
  ),
): Promise<void> {
  const points = r.kind === "return" ? r.pointsReversed : r.pointsVoided;
  if (points === 0 && r.pointsRefunded === 0) return;
  await emit(tx, tenantId, "points.reversed", {
    eventId,
    kind: r.kind,
    orderId: r.orderId,
    memberId: r.companyId,
    date: r.date,
    points,
    pointsRefunded: r.pointsRefunded,
  });
}

// A level change (`tier.changed`) is no outbox row: its tier_changes row is the message (migration 0049, the
// view `messages`, which gives its payload: memberId, from, to, reason and date).

/** A hold made. */
export function emitHoldCreated(
  tx: Queryable,
  tenantId: string,
  holdId: string,
  h: { memberId: string; points: number; expiresAt: Date },
): Promise<string> {
  return emit(tx, tenantId, "hold.created", {
    holdId,
    memberId: h.memberId,
    points: h.points,
    expiresAt: h.expiresAt.toISOString(),
  });
}

const HOLD_TYPES = {
  captured: "redemption.captured",
  cancelled: "hold.cancelled",
  expired: "hold.expired",
} as const satisfies Record<string, EventType>;

/** Holds settled together: captured by an order, cancelled, or expired. */
export function emitHolds(
  tx: Queryable,
  tenantId: string,
  holds: readonly { id: string; member_id: string; points: string | number }[],
  status: keyof typeof HOLD_TYPES,
  orderId: string | null,
): Promise<void> {
  const payloads = holds.map((h) => ({
    holdId: h.id,
    memberId: h.member_id,
    points: Number(h.points),
    ...(orderId === null ? {} : { orderId }),
  }));
  return emitMany(tx, tenantId, HOLD_TYPES[status], payloads);
}

/** A manual adjustment posted (at once, or on approval). */
export async function emitAdjustment(
  tx: Queryable,
  tenantId: string,
  adjustmentId: string,
  memberId: string,
  a: { points: number; reason: string },
  transactionId: string,
): Promise<void> {
  await emit(tx, tenantId, "adjustment.applied", {
    adjustmentId,
    memberId,
    points: a.points,
    reason: a.reason,
    transactionId,
  });
}
