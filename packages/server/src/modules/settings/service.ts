// A tenant's settings: one typed column each, the default applying until someone changes it (audited).
import type { Queryable } from "../../db/db.ts";
import { type Change, recordAudit } from "../audit/service.ts";

/** Adjustments of more points than this (either way) wait for a second person's approval. */
export const DEFAULT_ADJUSTMENT_APPROVAL_THRESHOLD = 10_000;

export interface Settings {
  adjustmentApprovalThreshold: number;
  /** Null while the defaults apply. */
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getSettings(q: Queryable, tenantId: string): Promise<Settings> {
  const r = await q.query<{ threshold: string; updated_at: Date | string; updated_by: string }>(
    `SELECT adjustment_approval_threshold::text AS threshold, updated_at, updated_by
     FROM tenant_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  const row = r.rows[0];
  if (!row) {
    return {
      adjustmentApprovalThreshold: DEFAULT_ADJUSTMENT_APPROVAL_THRESHOLD,
      updatedAt: null,
      updatedBy: null,
    };
  }
  return {
    adjustmentApprovalThreshold: Number(row.threshold),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

export async function putSettings(
  tx: Queryable,
  tenantId: string,
  input: { adjustmentApprovalThreshold: number },
  change: Change,
): Promise<Settings> {
  // Locks the row (when there is one) so that two changes are audited in the order they apply.
  await tx.query("SELECT 1 FROM tenant_settings WHERE tenant_id = $1 FOR UPDATE", [tenantId]);
  const before = await getSettings(tx, tenantId);
  await tx.query(
    `INSERT INTO tenant_settings (tenant_id, adjustment_approval_threshold, updated_at, updated_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET adjustment_approval_threshold = EXCLUDED.adjustment_approval_threshold,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [tenantId, input.adjustmentApprovalThreshold, change.at, change.actor],
  );
  await recordAudit(tx, tenantId, change, {
    action: "settings.update",
    target: "settings",
    before: { adjustmentApprovalThreshold: before.adjustmentApprovalThreshold },
    after: { adjustmentApprovalThreshold: input.adjustmentApprovalThreshold },
  });
  return getSettings(tx, tenantId);
}
