// A tenant's notification settings: which triggers are on and their parameters, quiet hours, the cap of e-mails
// per contact a day, the default language and sender. Every trigger is off until a program manager turns it on,
// so that switching the feature on never mails a tenant's whole history.
import type { Queryable } from "../../db/db.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { Language, Trigger } from "./templates.ts";

export interface TriggerSettings {
  welcome: { enabled: boolean };
  pointsEarned: { enabled: boolean; minPoints: number };
  pointsExpiring: { enabled: boolean; daysBefore: number[] };
  tierUp: { enabled: boolean };
  tierAtRisk: { enabled: boolean; windowDays: number };
  rewardOrder: { enabled: boolean };
  inactivity: { enabled: boolean; days: number };
  birthday: { enabled: boolean };
  anniversary: { enabled: boolean };
  survey: { enabled: boolean };
  campaign: { enabled: boolean };
}

export interface NotificationSettings {
  triggers: TriggerSettings;
  defaultLanguage: Language;
  /** Local times ("21:00" to "08:00", in the program's time zone) when no e-mail goes out; null: none. */
  quietHours: { from: string; to: string } | null;
  /** The most e-mails one contact gets in any 24 hours; more wait for the window to free up. */
  maxEmailsPerDay: number;
  /** The sender; the server's configured one when null. */
  fromAddress: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const DEFAULT_TRIGGERS: TriggerSettings = {
  welcome: { enabled: false },
  pointsEarned: { enabled: false, minPoints: 1 },
  pointsExpiring: { enabled: false, daysBefore: [30, 7] },
  tierUp: { enabled: false },
  tierAtRisk: { enabled: false, windowDays: 30 },
  rewardOrder: { enabled: false },
  inactivity: { enabled: false, days: 60 },
  birthday: { enabled: false },
  anniversary: { enabled: false },
  survey: { enabled: true },
  campaign: { enabled: false },
};

export const DEFAULT_MAX_EMAILS_PER_DAY = 3;

export function defaultSettings(): NotificationSettings {
  return {
    triggers: structuredClone(DEFAULT_TRIGGERS),
    defaultLanguage: "en",
    quietHours: null,
    maxEmailsPerDay: DEFAULT_MAX_EMAILS_PER_DAY,
    fromAddress: null,
    updatedAt: null,
    updatedBy: null,
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
export const minutesOf = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

interface Row {
  triggers: Partial<TriggerSettings>;
  default_language: Language;
  quiet_from: number | null;
  quiet_to: number | null;
  max_emails_per_day: number;
  from_address: string | null;
  updated_at: Date | string;
  updated_by: string;
}

export async function getNotificationSettings(q: Queryable, tenantId: string): Promise<NotificationSettings> {
  const r = await q.query<Row>(
    `SELECT triggers, default_language, quiet_from, quiet_to, max_emails_per_day, from_address, updated_at, updated_by
     FROM notification_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  const row = r.rows[0];
  if (!row) return defaultSettings();
  // Triggers added after the row was written take their defaults.
  const triggers = structuredClone(DEFAULT_TRIGGERS);
  for (const [k, v] of Object.entries(row.triggers)) {
    if (k in triggers) Object.assign(triggers[k as Trigger], v);
  }
  return {
    triggers,
    defaultLanguage: row.default_language,
    quietHours:
      row.quiet_from === null || row.quiet_to === null
        ? null
        : { from: hhmm(Number(row.quiet_from)), to: hhmm(Number(row.quiet_to)) },
    maxEmailsPerDay: Number(row.max_emails_per_day),
    fromAddress: row.from_address,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

export type SettingsInput = Omit<NotificationSettings, "updatedAt" | "updatedBy">;

/**
 * Stores the settings (audited). A trigger turned on starts reading its source from now: what happened before
 * is not announced.
 */
export async function putNotificationSettings(
  tx: Queryable,
  tenantId: string,
  input: SettingsInput,
  change: Change,
): Promise<NotificationSettings> {
  await tx.query("SELECT 1 FROM notification_settings WHERE tenant_id = $1 FOR UPDATE", [tenantId]);
  const before = await getNotificationSettings(tx, tenantId);
  await tx.query(
    `INSERT INTO notification_settings (tenant_id, triggers, default_language, quiet_from, quiet_to,
       max_emails_per_day, from_address, updated_at, updated_by)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id) DO UPDATE SET triggers = EXCLUDED.triggers, default_language = EXCLUDED.default_language,
       quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, max_emails_per_day = EXCLUDED.max_emails_per_day,
       from_address = EXCLUDED.from_address, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [
      tenantId,
      JSON.stringify(input.triggers),
      input.defaultLanguage,
      input.quietHours ? minutesOf(input.quietHours.from) : null,
      input.quietHours ? minutesOf(input.quietHours.to) : null,
      input.maxEmailsPerDay,
      input.fromAddress,
      change.at,
      change.actor,
    ],
  );
  for (const name of Object.keys(input.triggers) as Trigger[]) {
    if (input.triggers[name].enabled && !before.triggers[name].enabled) {
      await startWatermark(tx, tenantId, name, change.at);
    }
  }
  const after = await getNotificationSettings(tx, tenantId);
  const { updatedAt: _a, updatedBy: _b, ...beforeSnap } = before;
  const { updatedAt: _c, updatedBy: _d, ...afterSnap } = after;
  await recordAudit(tx, tenantId, change, {
    action: "notifications.settings.update",
    target: "notification-settings",
    before: beforeSnap,
    after: afterSnap,
  });
  return after;
}

/**
 * Where a trigger that reads a table starts: contacts by their creation time (the application's clock); ledger
 * transactions and tier changes by their ids, which begin with the time they were made (the process clock).
 */
async function startWatermark(tx: Queryable, tenantId: string, trigger: Trigger, at: Date): Promise<void> {
  const mark =
    trigger === "welcome"
      ? at.toISOString()
      : trigger === "pointsEarned" || trigger === "tierUp"
        ? String(Date.now())
        : null;
  if (mark === null) return;
  await tx.query(
    `INSERT INTO notification_watermarks (tenant_id, name, mark) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET mark = EXCLUDED.mark`,
    [tenantId, trigger, mark],
  );
}
