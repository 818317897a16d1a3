// The campaigns job: on each day, finalizes the running sales campaigns whose settlement grace (`grace_days`
// after the last day, for orders of the period that arrive late) is over, as a close by hand does (the totals
// summed again, the prizes awarded, `campaign.ended` sent, contact participants told).
// It runs once per tenant and day inside the run's transaction; a campaign closed by hand meanwhile is skipped.
import { type Day, formatDay } from "@patron/engine";
import type { Queryable } from "../db/db.ts";
import { notifyCampaign } from "../modules/campaigns/notify.ts";
import { closeCampaign, formatScore } from "../modules/campaigns/service.ts";
import { programAt, publishedPrograms } from "../modules/programs/service.ts";

/** Campaigns one run closes at most; any left over close on the next day's run. */
const MAX_CLOSED_PER_RUN = 500;

export interface CampaignJobResult {
  closed: number;
  prizes: number;
  points: number;
  emails: number;
}

/** Closes every running campaign whose last day and grace days are all before `day`. */
export async function closeEndedCampaigns(
  tx: Queryable,
  tenantId: string,
  day: Day,
  now: () => Date = () => new Date(),
): Promise<CampaignJobResult> {
  const result: CampaignJobResult = { closed: 0, prizes: 0, points: 0, emails: 0 };
  // Locked here, in id order: a close by hand under way is waited for, and its campaign then no longer matches.
  const due = await tx.query<{ id: string }>(
    `SELECT id FROM sales_campaigns WHERE tenant_id = $1 AND status = 'running' AND ends_on + grace_days < $2::date
     ORDER BY id LIMIT ${MAX_CLOSED_PER_RUN} FOR UPDATE`,
    [tenantId, formatDay(day)],
  );
  if (due.rows.length === 0) return result;
  const p = programAt(await publishedPrograms(tx, tenantId), day);
  const digits = p?.digits ?? 2;
  for (const { id } of due.rows) {
    const at = now();
    const done = await closeCampaign(tx, tenantId, id, day, p, at);
    const prizes = done.awards.filter((a) => a.kind === "prize");
    result.closed++;
    result.prizes += prizes.length;
    result.points += prizes.reduce((s, a) => s + a.points, 0);
    result.emails += await notifyCampaign(tx, tenantId, done.campaign, at, (n) =>
      formatScore(n, done.campaign.metric, digits),
    );
  }
  return result;
}
