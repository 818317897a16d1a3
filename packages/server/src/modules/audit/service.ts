// The audit log: who changed what, when, why (the person's comment), and the values before and after.
// Rows are written in the transaction of the change they describe, and never updated.
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";

/** Who makes a change, when, and why: what every audited mutation is given. */
export interface Change {
  /** A user id (`usr_…`), an API key id (`key_…`), or `bootstrap`. */
  actor: string;
  at: Date;
  comment: string | null;
  requestId: string | null;
}

export type Snapshot = Record<string, unknown>;

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  comment: string | null;
  before: Snapshot | null;
  after: Snapshot | null;
  requestId: string | null;
}

export async function recordAudit(
  tx: Queryable,
  tenantId: string,
  change: Change,
  entry: { action: string; target: string | null; before: Snapshot | null; after: Snapshot | null },
): Promise<string> {
  const id = newId("aud", change.at.getTime());
  await tx.query(
    `INSERT INTO audit_log (tenant_id, id, at, actor, action, target, comment, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      tenantId,
      id,
      change.at,
      change.actor,
      entry.action,
      entry.target,
      change.comment,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      change.requestId,
    ],
  );
  return id;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** The id of the last entry of the previous page. */
  cursor?: string | undefined;
  limit: number;
}

/** The most entries one page holds. */
export const MAX_AUDIT_PAGE = 200;

/** A tenant's entries, newest first, one page at a time. */
export async function listAudit(
  db: Queryable,
  tenantId: string,
  filter: AuditFilter,
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  await assertCursor(db, "audit_log", tenantId, filter.cursor);
  const limit = Math.min(Math.max(1, filter.limit), MAX_AUDIT_PAGE);
  const params: Param[] = [tenantId];
  const where = ["tenant_id = $1"];
  const add = (sql: string, value: Param) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.actor !== undefined) add("actor = ?", filter.actor);
  if (filter.action !== undefined) add("action = ?", filter.action);
  if (filter.from !== undefined) add("at >= ?", filter.from);
  if (filter.to !== undefined) add("at < ?", filter.to);
  if (filter.cursor !== undefined) add("id < ?", filter.cursor);
  params.push(limit + 1); // one more than the page, to know whether another page follows
  const r = await db.query<AuditRow>(
    `SELECT id, at, actor, action, target, comment, before, after, request_id
     FROM audit_log WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const entries = r.rows.slice(0, limit).map(toEntry);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: r.rows.length > limit && last ? last.id : null };
}

interface AuditRow {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  target: string | null;
  comment: string | null;
  before: Snapshot | null;
  after: Snapshot | null;
  request_id: string | null;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    comment: r.comment,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
  };
}
