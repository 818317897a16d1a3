// The notices a campaign sends its contact participants (a dealer's staff): at the start, and with their
// standings whenever a manager asks. Sales managers are console users and read the console instead.
import type { Queryable } from "../../db/db.ts";
import { contactById, contactsOf, notifyContext, raise } from "../notifications/service.ts";
import { type Campaign, leaderboard } from "./service.ts";

/**
 * Tells each contact participant (or the contacts of each company participant) of the campaign: its name and
 * period, their place and score. One notice per participant and campaign status; answers the e-mails written.
 */
export async function notifyCampaign(
  tx: Queryable,
  tenantId: string,
  c: Campaign,
  now: Date,
  format: (n: number) => string,
): Promise<number> {
  if (c.audience !== "dealer") return 0;
  const ctx = await notifyContext(tx, tenantId, now);
  if (!ctx.settings.triggers.campaign.enabled) return 0;
  const board = await leaderboard(tx, tenantId, c.id);
  let written = 0;
  for (const row of board.individuals) {
    const at = row.participant.indexOf(":");
    const kind = row.participant.slice(0, at);
    const id = row.participant.slice(at + 1);
    const one = kind === "contact" ? await contactById(tx, tenantId, id) : null;
    const recipients = kind === "contact" ? (one ? [one] : []) : await contactsOf(tx, tenantId, id);
    written += await raise(tx, ctx, {
      trigger: "campaign",
      key: `campaign:${c.id}:${c.status}:${now.toISOString().slice(0, 10)}`,
      memberId: one ? one.companyId : kind === "company" ? id : null,
      recipients,
      vars: {
        campaign: c.name,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        rank: row.rank,
        participants: board.individuals.length,
        score: format(row.score),
        target: format(row.target),
        boardUrl: `${ctx.baseUrl}/portal/campaigns`,
      },
    });
  }
  return written;
}
