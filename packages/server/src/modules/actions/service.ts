// Actions that are not purchases (a training attended, a product course completed, a survey answered, the
// company profile completed, a holiday or anniversary greeting with a gift): each taken once by its external
// id, priced by the program's action rules (the engine), and its points credited through the ledger.
// Errors: not_found (company or contact outside the caller's scope), conflict (no program; the external id
// already used for another action), validation_failed (a date in the future).
import {
  type ActionEvent,
  type Day,
  type Explanation,
  evaluateAction,
  formatDay,
  parseDay,
} from "@patron/engine";
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "../companies/scope.ts";
import { creditPoints } from "../memberships/points.ts";
import { programNow } from "../memberships/service.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";

export const ACTION_KINDS = ["attendance", "course", "survey", "profile", "greeting", "custom"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** The most actions one batch takes (a seminar's attendance list fits many times over). */
export const MAX_ACTION_BATCH = 500;
export const MAX_ACTION_PAGE = 200;

export interface ActionInput {
  externalId: string;
  companyId: string;
  contactId: string | null;
  action: ActionKind;
  subject: string | null;
  date: string | null;
}

export interface ActionRecord {
  id: string;
  externalId: string;
  companyId: string;
  contactId: string | null;
  action: string;
  subject: string | null;
  date: string;
  points: number;
  effects: Explanation[];
  transactionId: string | null;
  recordedBy: string;
  createdAt: string;
}

/**
 * Records one action, inside the caller's transaction. The same external id with the same action answers the
 * stored record (`replayed`); with another company, action or subject it is a conflict. `field` prefixes error
 * fields (for batches: `actions[3].`).
 */
export async function recordAction(
  tx: Queryable,
  scope: CompanyScope,
  input: ActionInput,
  change: Change,
  field = "",
): Promise<{ record: ActionRecord; replayed: boolean }> {
  const tenantId = scope.tenantId;
  const stored = await findAction(tx, tenantId, input.externalId);
  if (stored) {
    if (
      stored.companyId !== input.companyId ||
      stored.action !== input.action ||
      stored.subject !== input.subject ||
      stored.contactId !== input.contactId
    ) {
      throw new ApiError(
        "conflict",
        `external id ${input.externalId} was already used for another action`,
        `${field}externalId`,
      );
    }
    return { record: stored, replayed: true };
  }
  if (!(await scope.includes(tx, input.companyId))) {
    throw new ApiError("not_found", `no company ${input.companyId}`, `${field}companyId`);
  }
  if (input.contactId !== null) {
    const c = await tx.query("SELECT 1 FROM contacts WHERE tenant_id = $1 AND id = $2 AND company_id = $3", [
      tenantId,
      input.contactId,
      input.companyId,
    ]);
    if (c.rows.length === 0) {
      throw new ApiError(
        "not_found",
        `no contact ${input.contactId} at ${input.companyId}`,
        `${field}contactId`,
      );
    }
  }
  const { today } = await programNow(tx, tenantId, change.at);
  const day = input.date === null ? today : parseDay(input.date);
  if (day === null) throw new ApiError("validation_failed", "not a real date", `${field}date`);
  if (day > today)
    throw new ApiError("validation_failed", "an action is recorded once it has happened", `${field}date`);
  const p = programAt(await publishedPrograms(tx, tenantId), day);
  if (!p) throw new ApiError("conflict", "publish a program before recording actions", "program");
  // One company's actions at a time, so that a once-per-subject rule pays once.
  await tx.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [
    tenantId,
    input.companyId,
  ]);
  const earned = await earnedKeys(tx, tenantId, input.companyId, input.contactId);
  const ev: ActionEvent = {
    type: "action",
    id: input.externalId,
    day: day as Day,
    companyId: input.companyId,
    contactId: input.contactId,
    action: input.action,
    subject: input.subject,
  };
  const out = evaluateAction(p, ev, (k) => earned.has(k));
  const id = newId("act", change.at.getTime());
  let transactionId: string | null = null;
  if (out.points > 0) {
    transactionId = await creditPoints(tx, tenantId, p, input.companyId, out.points, {
      code: "action",
      cause: id,
      from: "issued",
      today: day as Day,
      source: `action:${id}`,
    });
  }
  await tx.query(
    `INSERT INTO action_events (tenant_id, external_id, id, company_id, contact_id, action, subject, day, points, keys,
       effects, transaction_id, recorded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      tenantId,
      input.externalId,
      id,
      input.companyId,
      input.contactId,
      input.action,
      input.subject,
      formatDay(day as Day),
      out.points,
      JSON.stringify(out.keys),
      JSON.stringify(out.effects),
      transactionId,
      change.actor,
      change.at,
    ],
  );
  const record = (await findAction(tx, tenantId, input.externalId)) as ActionRecord;
  await recordAudit(tx, tenantId, change, {
    action: "action.record",
    target: id,
    before: null,
    after: { ...record },
  });
  return { record, replayed: false };
}

/**
 * The once-per-subject keys already paid: to the contact when the action names one (each attendee of a
 * training earns), else to the company's actions that name no contact.
 */
async function earnedKeys(
  q: Queryable,
  tenantId: string,
  companyId: string,
  contactId: string | null,
): Promise<Set<string>> {
  const r = await q.query<{ key: string }>(
    `SELECT DISTINCT jsonb_array_elements_text(keys) AS key FROM action_events
     WHERE tenant_id = $1 AND company_id = $2 AND contact_id IS NOT DISTINCT FROM $3 AND points > 0`,
    [tenantId, companyId, contactId],
  );
  return new Set(r.rows.map((x) => x.key));
}

export async function listActions(
  q: Queryable,
  scope: CompanyScope,
  filter: {
    companyId?: string | undefined;
    action?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ data: ActionRecord[]; nextCursor: string | null }> {
  const company =
    filter.companyId === undefined ? null : { column: "company_id" as const, value: filter.companyId };
  await assertCursor(q, "action_events", scope.tenantId, filter.cursor, company);
  const params: Param[] = [scope.tenantId];
  const where = ["tenant_id = $1", scope.where("company_id", params)];
  for (const [col, v] of [
    ["company_id", filter.companyId],
    ["action", filter.action],
  ] as const) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  if (filter.cursor !== undefined) {
    params.push(filter.cursor);
    where.push(`id < $${params.length}`);
  }
  const limit = Math.min(Math.max(1, filter.limit), MAX_ACTION_PAGE);
  params.push(limit + 1);
  const r = await q.query<ActionRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toRecord);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

interface ActionRow {
  id: string;
  external_id: string;
  company_id: string;
  contact_id: string | null;
  action: string;
  subject: string | null;
  day: string;
  points: string;
  effects: Explanation[];
  transaction_id: string | null;
  recorded_by: string;
  created_at: Date | string;
}

const SELECT = `SELECT id, external_id, company_id, contact_id, action, subject, day::text, points::text, effects,
  transaction_id, recorded_by, created_at FROM action_events`;

async function findAction(q: Queryable, tenantId: string, externalId: string): Promise<ActionRecord | null> {
  const r = await q.query<ActionRow>(`${SELECT} WHERE tenant_id = $1 AND external_id = $2`, [
    tenantId,
    externalId,
  ]);
  const row = r.rows[0];
  return row ? toRecord(row) : null;
}

function toRecord(r: ActionRow): ActionRecord {
  return {
    id: r.id,
    externalId: r.external_id,
    companyId: r.company_id,
    contactId: r.contact_id,
    action: r.action,
    subject: r.subject,
    date: r.day,
    points: Number(r.points),
    effects: typeof r.effects === "string" ? JSON.parse(r.effects) : r.effects,
    transactionId: r.transaction_id,
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
