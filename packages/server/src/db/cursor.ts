// Cursors of the lists that page by key: a page's `nextCursor` is the key of its last row, so a cursor the API
// gave names a row of the list's table (none of them deletes rows a list shows). One that names none is refused
// rather than read as a position, which would answer an empty or a shifted page as if it were the right one.
import { ApiError } from "../http/errors.ts";
import type { Param, Queryable } from "./db.ts";

/**
 * The tables such lists read (and the view `messages`, over two of them), and the key their cursors carry. Each
 * has an index on (tenant_id, key) but action_events, whose ids no index leads with: its check reads the tenant's
 * actions as its list does.
 */
const KEYS = {
  action_events: "id",
  adjustments: "id",
  api_keys: "id",
  audit_log: "id",
  company_notes: "id",
  contacts: "id",
  discount_grants: "id",
  holds: "id",
  memberships: "id",
  messages: "seq",
  notifications: "id",
  users: "id",
  webhook_deliveries: "id",
} as const;

export type PagedTable = keyof typeof KEYS;

export function notACursor(): ApiError {
  return new ApiError("validation_failed", "cursor is not a nextCursor this API gave", "cursor");
}

/**
 * Refuses, as 422 naming `cursor`, a cursor that names no row of the tenant's `table`; `within` narrows the
 * rows to the list's own (a company's contacts), so a cursor cannot tell whether a row outside it exists.
 */
export async function assertCursor(
  q: Queryable,
  table: PagedTable,
  tenantId: string,
  cursor: string | number | undefined,
  within: { column: "company_id"; value: string } | null = null,
): Promise<void> {
  if (cursor === undefined) return;
  const params: Param[] = [tenantId, cursor];
  let sql = `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND ${KEYS[table]} = $2`;
  if (within !== null) {
    params.push(within.value);
    sql += ` AND ${within.column} = $3`;
  }
  const r = await q.query(sql, params);
  if (r.rows.length === 0) throw notACursor();
}
