// The hold-out control group: a stable share of a tenant's companies, chosen by a hash of tenant and company
// id, that is tracked but earns nothing. The same hash in SQL (for the metrics) and in TypeScript (for the
// events path): the first 32 bits of md5("tenant:company") as an unsigned number, modulo 10,000, below the
// share in basis points.
import { createHash } from "node:crypto";
import type { Explanation } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { READ_CACHE_MS, ReadCache } from "../../db/read-cache.ts";

/** The bucket 0..9999 of a company: the same in SQL (`heldOutSql`) and here. */
export function bucketOf(tenantId: string, companyId: string): number {
  const h = createHash("md5").update(`${tenantId}:${companyId}`).digest();
  return h.readUInt32BE(0) % 10_000;
}

export function isHeldOut(tenantId: string, companyId: string, shareBp: number): boolean {
  return shareBp > 0 && bucketOf(tenantId, companyId) < shareBp;
}

/** The same test as an SQL expression over a tenant id, a company id and a share in basis points. */
export function heldOutSql(tenant: string, company: string, shareBp: string): string {
  return `(('x' || substr(md5(${tenant} || ':' || ${company}), 1, 8))::bit(32)::bigint % 10000 < ${shareBp})`;
}

/** The tenant's hold-out share in basis points; 0 (nobody held out) until one is set. */
export async function holdoutShare(q: Queryable, tenantId: string): Promise<number> {
  const r = await q.query<{ share_bp: number }>(
    "SELECT share_bp FROM holdout_settings WHERE tenant_id = $1",
    [tenantId],
  );
  return Number(r.rows[0]?.share_bp ?? 0);
}

const shares = new ReadCache<number>(READ_CACHE_MS);

/**
 * The tenant's hold-out share as `holdoutShare` reads it, kept for `READ_CACHE_MS` (the events path reads it
 * for every order); a share set by this process is seen at once, one set by another within that time.
 */
export function cachedHoldoutShare(db: Queryable, tenantId: string): Promise<number> {
  return shares.get(db, tenantId, "", () => holdoutShare(db, tenantId));
}

/**
 * An order's outcome as the events path posts it: for a held-out company, with nothing earned (its price,
 * discounts and points spent stay as the engine gave them). One primary-key read per order.
 */
export async function withoutHeldOutEarnings<
  O extends { version: number; earned: { points: number; availableOn: unknown }; effects: Explanation[] },
>(
  q: Queryable,
  tenantId: string,
  companyId: string,
  outcome: O,
  /** The share when the caller has it (read once for a batch), else it is read in `q`. */
  knownShare: number | null = null,
): Promise<O> {
  const share = knownShare ?? (await holdoutShare(q, tenantId));
  if (!isHeldOut(tenantId, companyId, share)) return outcome;
  // The earning explanations would tell of points the company does not get: one line says why instead.
  const effects = outcome.effects.filter((e) => !EARNING_CODES.has(e.code));
  effects.push({
    code: HELD_OUT_CODE,
    version: outcome.version,
    params: { points: outcome.earned.points, share: `${share / 100}%` },
  });
  return {
    ...outcome,
    earned: { ...outcome.earned, points: 0, companyPoints: 0, contactPoints: 0, lots: [] },
    effects,
  };
}

/** Drops the tenant's cached share: called when it is set and again once that is committed. */
export function forgetHoldoutShare(tenantId: string): void {
  shares.invalidate(tenantId);
}

/** The explanation of an order or a quote of a held-out company: it earns nothing. */
export const HELD_OUT_CODE = "earn.heldOut";

const EARNING_CODES = new Set(["earn.rate", "earn.split", "earn.fixed", "earn.per"]);

/** Sets the tenant's hold-out share (basis points), in the caller's transaction; returns the one before. */
export async function setHoldoutShare(
  tx: Queryable,
  tenantId: string,
  shareBp: number,
  actor: string,
  at: Date,
): Promise<number> {
  forgetHoldoutShare(tenantId);
  const before = await holdoutShare(tx, tenantId);
  await tx.query(
    `INSERT INTO holdout_settings (tenant_id, share_bp, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET share_bp = EXCLUDED.share_bp, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [tenantId, shareBp, at, actor],
  );
  return before;
}
