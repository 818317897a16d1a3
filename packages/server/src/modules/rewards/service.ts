// The reward catalog and reward orders: a company's contact orders a reward in the portal, its points are held
// at once (a redemption hold) and its stock taken; the company's admin and then the program owner approve
// where the reward asks for it; shipping captures the points, delivery closes the order; a rejection or a
// cancellation gives the points and the stock back.
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { ContactRole } from "../companies/contacts.ts";
import { findMember } from "../members/service.ts";
import { rewardOrderChanged } from "../notifications/triggers.ts";
import { programNames } from "../programs/service.ts";
import { cancelHold, createHold, spendHold } from "../redemptions/service.ts";

export const REWARD_KINDS = ["goods", "service", "training", "priority_access", "extended_warranty"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export const ORDER_STATUSES = [
  "requested",
  "awaiting_owner",
  "approved",
  "shipped",
  "delivered",
  "rejected",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A reward order's hold never expires on its own: the order settles it. Ten years out stands for never. */
const REWARD_HOLD_MS = 10 * 366 * 24 * 60 * 60 * 1000;
export const MAX_REWARD_PAGE = 200;
/** The most units of one reward in one order. */
export const MAX_QUANTITY = 100;

export interface RewardInput {
  name: string;
  description?: string | undefined;
  kind: RewardKind;
  pricePoints: number;
  stock?: number | null | undefined;
  imageUrl?: string | null | undefined;
  tiers?: string[] | undefined;
  roles?: ContactRole[] | undefined;
  companyApproval?: boolean | undefined;
  ownerApproval?: boolean | undefined;
  active?: boolean | undefined;
}

export interface Reward {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  pricePoints: number;
  stock: number | null;
  imageUrl: string | null;
  tiers: string[];
  roles: ContactRole[];
  companyApproval: boolean;
  ownerApproval: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface RewardRow {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  price_points: string;
  stock: number | null;
  image_url: string | null;
  tiers: string[];
  roles: ContactRole[];
  company_approval: boolean;
  owner_approval: boolean;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const REWARD_COLUMNS = `id, name, description, kind, price_points::text, stock, image_url, tiers, roles,
  company_approval, owner_approval, active, created_at, updated_at`;

const iso = (v: Date | string) => new Date(v).toISOString();

function toReward(r: RewardRow): Reward {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    pricePoints: Number(r.price_points),
    stock: r.stock,
    imageUrl: r.image_url,
    tiers: r.tiers,
    roles: r.roles,
    companyApproval: r.company_approval,
    ownerApproval: r.owner_approval,
    active: r.active,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** What a refusal of levels no version of the program has says. */
export const noLevels = (unknown: readonly string[]) =>
  `the program has no level ${unknown.map((t) => JSON.stringify(t)).join(", ")}`;

/**
 * The levels of `tiers` that no version of the program has (see programNames): a reward limited to a misspelt
 * level would be hidden from every company. Checked where a reward's levels come in (the API and the import).
 */
export async function unknownLevels(
  q: Queryable,
  tenantId: string,
  tiers: readonly string[],
): Promise<string[]> {
  if (tiers.length === 0) return [];
  const { levels } = await programNames(q, tenantId);
  return tiers.filter((t) => !levels.has(t));
}

/** Refuses, naming `tiers`, levels no version of the program has. */
export async function checkLevels(q: Queryable, tenantId: string, tiers: readonly string[] | undefined) {
  const unknown = await unknownLevels(q, tenantId, tiers ?? []);
  if (unknown.length > 0) throw new ApiError("validation_failed", noLevels(unknown), "tiers");
}

export async function createReward(
  tx: Queryable,
  tenantId: string,
  input: RewardInput,
  now: Date,
): Promise<Reward> {
  const id = newId("rwd", now.getTime());
  const r = await tx.query<RewardRow>(
    `INSERT INTO rewards (tenant_id, id, name, description, kind, price_points, stock, image_url, tiers, roles,
       company_approval, owner_approval, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING ${REWARD_COLUMNS}`,
    [
      tenantId,
      id,
      input.name,
      input.description ?? "",
      input.kind,
      input.pricePoints,
      input.stock ?? null,
      input.imageUrl ?? null,
      JSON.stringify(input.tiers ?? []),
      JSON.stringify(input.roles ?? []),
      input.companyApproval ?? true,
      input.ownerApproval ?? false,
      input.active ?? true,
      now,
    ],
  );
  return toReward(r.rows[0] as RewardRow);
}

export async function getReward(q: Queryable, tenantId: string, id: string, lock = false): Promise<Reward> {
  const r = await q.query<RewardRow>(
    `SELECT ${REWARD_COLUMNS} FROM rewards WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no reward ${id}`, "id");
  return toReward(row);
}

/** Changes a reward's fields; what is not given stays. Stock set here replaces the count. */
export async function updateReward(
  tx: Queryable,
  tenantId: string,
  id: string,
  input: Partial<RewardInput>,
  now: Date,
): Promise<{ before: Reward; after: Reward }> {
  const before = await getReward(tx, tenantId, id, true);
  const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  const r = await tx.query<RewardRow>(
    `UPDATE rewards SET name = $3, description = $4, kind = $5, price_points = $6, stock = $7, image_url = $8,
       tiers = $9, roles = $10, company_approval = $11, owner_approval = $12, active = $13, updated_at = $14
     WHERE tenant_id = $1 AND id = $2 RETURNING ${REWARD_COLUMNS}`,
    [
      tenantId,
      id,
      next.name,
      next.description,
      next.kind,
      next.pricePoints,
      next.stock,
      next.imageUrl,
      JSON.stringify(next.tiers),
      JSON.stringify(next.roles),
      next.companyApproval,
      next.ownerApproval,
      next.active,
      now,
    ],
  );
  return { before, after: toReward(r.rows[0] as RewardRow) };
}

export async function listRewards(
  q: Queryable,
  tenantId: string,
  opts: { activeOnly: boolean; limit: number },
): Promise<Reward[]> {
  const r = await q.query<RewardRow>(
    `SELECT ${REWARD_COLUMNS} FROM rewards WHERE tenant_id = $1 ${opts.activeOnly ? "AND active" : ""}
     ORDER BY price_points, id LIMIT $2`,
    [tenantId, opts.limit],
  );
  return r.rows.map(toReward);
}

/** Whether a contact of a company at `tier` may order a reward: its tiers and roles, empty for everyone. */
export function eligible(reward: Reward, tier: string | null, role: ContactRole): boolean {
  if (!reward.active) return false;
  if (reward.tiers.length > 0 && (tier === null || !reward.tiers.includes(tier))) return false;
  return reward.roles.length === 0 || reward.roles.includes(role);
}

/** The rewards a portal contact may order. */
export async function catalogFor(
  q: Queryable,
  tenantId: string,
  companyId: string,
  role: ContactRole,
): Promise<Reward[]> {
  const tier = (await findMember(q, tenantId, companyId))?.tier ?? null;
  const all = await listRewards(q, tenantId, { activeOnly: true, limit: MAX_REWARD_PAGE });
  return all.filter((r) => eligible(r, tier, role));
}

// ---------------------------------------------------------------------------------------------------------
// Reward orders

export interface HistoryEntry {
  status: OrderStatus;
  at: string;
  by: string;
  note: string | null;
}

export interface RewardOrder {
  id: string;
  rewardId: string;
  rewardName: string;
  companyId: string;
  contactId: string;
  quantity: number;
  points: number;
  holdId: string;
  status: OrderStatus;
  note: string | null;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

interface OrderRow {
  id: string;
  reward_id: string;
  reward_name: string;
  company_id: string;
  contact_id: string;
  quantity: number;
  points: string;
  hold_id: string;
  status: OrderStatus;
  note: string | null;
  history: HistoryEntry[];
  created_at: Date | string;
  updated_at: Date | string;
}

const ORDER_SELECT = `SELECT o.id, o.reward_id, r.name AS reward_name, o.company_id, o.contact_id, o.quantity,
  o.points::text, o.hold_id, o.status, o.note, o.history, o.created_at, o.updated_at
  FROM reward_orders o JOIN rewards r ON r.tenant_id = o.tenant_id AND r.id = o.reward_id`;

function toOrder(r: OrderRow): RewardOrder {
  return {
    id: r.id,
    rewardId: r.reward_id,
    rewardName: r.reward_name,
    companyId: r.company_id,
    contactId: r.contact_id,
    quantity: r.quantity,
    points: Number(r.points),
    holdId: r.hold_id,
    status: r.status,
    note: r.note,
    history: r.history,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function getRewardOrder(q: Queryable, tenantId: string, id: string): Promise<RewardOrder> {
  const r = await q.query<OrderRow>(`${ORDER_SELECT} WHERE o.tenant_id = $1 AND o.id = $2`, [tenantId, id]);
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no reward order ${id}`, "id");
  return toOrder(row);
}

export interface OrderFilter {
  status?: OrderStatus | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  limit: number;
}

export async function listRewardOrders(
  q: Queryable,
  tenantId: string,
  f: OrderFilter,
): Promise<RewardOrder[]> {
  const params: (string | number)[] = [tenantId];
  let where = "o.tenant_id = $1";
  if (f.status) {
    params.push(f.status);
    where += ` AND o.status = $${params.length}`;
  }
  if (f.companyId) {
    params.push(f.companyId);
    where += ` AND o.company_id = $${params.length}`;
  }
  if (f.contactId) {
    params.push(f.contactId);
    where += ` AND o.contact_id = $${params.length}`;
  }
  params.push(f.limit);
  const r = await q.query<OrderRow>(
    `${ORDER_SELECT} WHERE ${where} ORDER BY o.id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows.map(toOrder);
}

export interface Requester {
  companyId: string;
  contactId: string;
  role: ContactRole;
}

/**
 * Orders a reward for a contact's company: the points are held (all or nothing: fewer available is 409
 * insufficient_points), then the stock taken by one guarded UPDATE, so two orders can never take the last
 * unit twice. The member's row is locked before the reward's, as in every change to a member's points.
 */
export async function requestRewardOrder(
  tx: Queryable,
  tenantId: string,
  who: Requester,
  input: { rewardId: string; quantity: number; note?: string | undefined },
  now: Date,
): Promise<RewardOrder> {
  const reward = await getReward(tx, tenantId, input.rewardId).catch(() => null);
  const member = await findMember(tx, tenantId, who.companyId);
  if (!reward || !member || !eligible(reward, member.tier, who.role)) {
    throw new ApiError("not_found", `no reward ${input.rewardId} this company may order`, "rewardId");
  }
  const id = newId("rwo", now.getTime());
  const points = reward.pricePoints * input.quantity;
  if (!Number.isSafeInteger(points)) throw new ApiError("validation_failed", "too many points", "quantity");
  const hold = await createHold(
    tx,
    tenantId,
    {
      memberId: who.companyId,
      points,
      now,
      expiresAt: new Date(now.getTime() + REWARD_HOLD_MS),
      minimumPoints: 0,
      cart: { rewardOrder: id },
    },
    null,
  );
  const taken = await tx.query(
    `UPDATE rewards SET stock = stock - $3
     WHERE tenant_id = $1 AND id = $2 AND active AND (stock IS NULL OR stock >= $3)`,
    [tenantId, reward.id, input.quantity],
  );
  if (taken.rowCount === 0) {
    throw new ApiError("conflict", `reward ${reward.id} has fewer than ${input.quantity} left`, "quantity");
  }
  const status: OrderStatus =
    reward.companyApproval && who.role !== "company_admin"
      ? "requested"
      : reward.ownerApproval
        ? "awaiting_owner"
        : "approved";
  const history: HistoryEntry[] = [
    { status, at: now.toISOString(), by: who.contactId, note: input.note ?? null },
  ];
  await tx.query(
    `INSERT INTO reward_orders (tenant_id, id, reward_id, company_id, contact_id, quantity, points, hold_id, status,
       note, history, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [
      tenantId,
      id,
      reward.id,
      who.companyId,
      who.contactId,
      input.quantity,
      points,
      hold.id,
      status,
      input.note ?? null,
      JSON.stringify(history),
      now,
    ],
  );
  const made = await getRewardOrder(tx, tenantId, id);
  await rewardOrderChanged(tx, tenantId, made, null, now);
  return made;
}

/** Who moves an order on: staff of the program owner, the company's admin, or the contact who ordered. */
export type Actor =
  | { kind: "staff"; id: string }
  | { kind: "contact"; id: string; companyId: string; role: ContactRole };

/** What each kind of actor may ever set; whether the order's status allows it now is a second question. */
const ACTS: Record<"staff" | ContactRole, readonly OrderStatus[]> = {
  staff: ["approved", "shipped", "delivered", "rejected"],
  company_admin: ["approved", "rejected", "cancelled"],
  buyer: ["cancelled"],
};

/** Where each status may go, and who may take it there. */
function allowed(
  from: OrderStatus,
  to: OrderStatus,
  actor: Actor,
  order: RewardOrder,
  ownerApproval: boolean,
) {
  const staff = actor.kind === "staff";
  const admin = actor.kind === "contact" && actor.role === "company_admin";
  const requester = actor.kind === "contact" && actor.id === order.contactId;
  const open = from === "requested" || from === "awaiting_owner" || from === "approved";
  switch (to) {
    case "approved":
      if (from === "requested") return admin && !ownerApproval;
      return from === "awaiting_owner" && staff;
    case "awaiting_owner":
      return from === "requested" && admin && ownerApproval;
    case "shipped":
      return from === "approved" && staff;
    case "delivered":
      return from === "shipped" && staff;
    case "rejected":
      return open && (staff || (admin && from === "requested"));
    case "cancelled":
      return open && (admin || requester);
    default:
      return false;
  }
}

/**
 * Moves a reward order on. The order's row is locked first, so two changes of one order are one after the
 * other; shipping captures the held points (hold → redeemed), a rejection or a cancellation releases them
 * to the wallet and puts the stock back. A move the status or the actor does not allow is 409 or 403.
 */
export async function moveRewardOrder(
  tx: Queryable,
  tenantId: string,
  id: string,
  target: "approved" | "shipped" | "delivered" | "rejected" | "cancelled",
  actor: Actor,
  note: string | null,
  now: Date,
): Promise<{ before: RewardOrder; after: RewardOrder }> {
  const locked = await tx.query<{ company_id: string }>(
    "SELECT company_id FROM reward_orders WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, id],
  );
  const companyId = locked.rows[0]?.company_id;
  if (companyId === undefined || (actor.kind === "contact" && actor.companyId !== companyId)) {
    throw new ApiError("not_found", `no reward order ${id}`, "id");
  }
  const before = await getRewardOrder(tx, tenantId, id);
  if (actor.kind === "contact" && actor.role !== "company_admin" && actor.id !== before.contactId) {
    throw new ApiError("not_found", `no reward order ${id}`, "id");
  }
  const reward = await getReward(tx, tenantId, before.rewardId);
  // A company admin's approval goes to the owner when the reward asks for both.
  const to: OrderStatus =
    target === "approved" && before.status === "requested" && reward.ownerApproval
      ? "awaiting_owner"
      : target;
  if (!allowed(before.status, to, actor, before, reward.ownerApproval)) {
    const mayAct = ACTS[actor.kind === "staff" ? "staff" : actor.role].includes(target);
    if (!mayAct) throw new ApiError("forbidden", `you may not set a reward order ${target}`, "status");
    throw new ApiError(
      "conflict",
      `reward order ${id} is ${before.status}; it cannot become ${to}`,
      "status",
    );
  }
  if (to === "shipped") await spendHold(tx, tenantId, before.holdId, id, now);
  if (to === "rejected" || to === "cancelled") {
    await cancelHold(tx, tenantId, before.holdId, now);
    await tx.query(
      "UPDATE rewards SET stock = stock + $3 WHERE tenant_id = $1 AND id = $2 AND stock IS NOT NULL",
      [tenantId, before.rewardId, before.quantity],
    );
  }
  const entry: HistoryEntry = { status: to, at: now.toISOString(), by: actor.id, note };
  await tx.query(
    `UPDATE reward_orders SET status = $3, history = history || $4::jsonb, updated_at = $5
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, to, JSON.stringify([entry]), now],
  );
  const after = await getRewardOrder(tx, tenantId, id);
  await rewardOrderChanged(tx, tenantId, after, before.status, now);
  return { before, after };
}
