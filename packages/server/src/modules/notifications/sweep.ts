// The notifications job of a tenant, run on every scheduler tick: the triggers raise what is new, then the
// e-mails that are due go out. Safe to run twice and from several processes (dedupe keys, locked rows).
import type { Db } from "../../db/db.ts";
import type { Mailer } from "./mailer.ts";
import { deliverDue, notifyContext } from "./service.ts";
import { detect } from "./triggers.ts";

export interface SweepOptions {
  mailer: Mailer | null;
  /** Raises survey requests that are due; the surveys module passes it (kept apart to keep the layers apart). */
  extra?: ((db: Db, ctx: Awaited<ReturnType<typeof notifyContext>>) => Promise<Record<string, number>>)[];
}

export async function sweepNotifications(
  db: Db,
  tenantId: string,
  now: Date,
  opts: SweepOptions,
): Promise<Record<string, number>> {
  // One cheap read for the many tenants that use none of it: no settings, nothing waiting, no survey.
  const used = await db.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM notification_settings WHERE tenant_id = $1)
       OR EXISTS (SELECT 1 FROM notifications WHERE tenant_id = $1 AND status = 'scheduled')
       OR EXISTS (SELECT 1 FROM surveys WHERE tenant_id = $1 AND active) AS used`,
    [tenantId],
  );
  if (!used.rows[0]?.used) return { raised: 0, sent: 0, skipped: 0, failed: 0, delayed: 0 };
  const ctx = await db.transaction((tx) => notifyContext(tx, tenantId, now));
  const raised = await detect(db, ctx);
  for (const f of opts.extra ?? []) Object.assign(raised, await f(db, ctx));
  const delivered = await deliverDue(db, ctx, opts.mailer);
  const total = Object.values(raised).reduce((s, n) => s + n, 0);
  return { raised: total, ...delivered };
}
