// The jobs the scheduler runs for every tenant, in the order they run within a day (the replay's order).
// A new job is one line here.
import type { Day } from "@patron/engine";
import type { Db, Queryable } from "../db/db.ts";
import { refreshRollups } from "../modules/analytics/rollups.ts";
import { mailerFromEnv } from "../modules/notifications/mailer.ts";
import { sweepNotifications } from "../modules/notifications/sweep.ts";
import { expireHolds } from "../modules/redemptions/service.ts";
import { askSurveys } from "../modules/surveys/service.ts";
import { closeEndedCampaigns } from "./campaigns.ts";
import { creditMonthly } from "./credits.ts";
import { expireDue, matureDue } from "./daily.ts";
import { reevaluateTiers } from "./tiers.ts";

/** What a run did, in counts; kept with its run record and shown by `patron jobs list`. */
export type JobResult = Record<string, number>;

export type Job =
  | {
      name: string;
      /**
       * A day job: runs once per tenant and day, inside the transaction that writes its run record, so a day
       * is done exactly once; missed days are caught up in order.
       */
      every: "day";
      run(tx: Queryable, tenantId: string, day: Day): Promise<JobResult>;
    }
  | {
      name: string;
      /**
       * A sweep: runs on every scheduler tick with its own transactions, and must be safe to run twice (it acts
       * on what is due at `now`); the day's record counts its ticks.
       */
      every: "tick";
      run(db: Db, tenantId: string, now: Date): Promise<JobResult>;
    };

export const JOBS: readonly Job[] = [
  { name: "maturation", every: "day", run: async (tx, t, day) => ({ matured: await matureDue(tx, t, day) }) },
  { name: "credits", every: "day", run: (tx, t, day) => creditMonthly(tx, t, day).then((r) => ({ ...r })) },
  { name: "expiry", every: "day", run: async (tx, t, day) => ({ expired: await expireDue(tx, t, day) }) },
  { name: "tiers", every: "day", run: (tx, t, day) => reevaluateTiers(tx, t, day).then((r) => ({ ...r })) },
  {
    name: "campaigns",
    every: "day",
    run: (tx, t, day) => closeEndedCampaigns(tx, t, day).then((r) => ({ ...r })),
  },
  { name: "holds", every: "tick", run: (db, t, now) => expireHolds(db, t, now).then((r) => ({ ...r })) },
  { name: "analytics", every: "tick", run: (db, t) => refreshRollups(db, t).then((r) => ({ days: r.days })) },
  {
    name: "notifications",
    every: "tick",
    run: (db, t, now) => sweepNotifications(db, t, now, { mailer: mailerFromEnv(), extra: [askSurveys] }),
  },
];

export function jobNamed(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
