// Notifications: raising one (an e-mail and a portal message per contact, written once per dedupe key), and
// delivering the e-mails that are due, holding them through quiet hours and past the cap per contact, skipping
// unsubscribed contacts and bounced addresses.
import { type CompiledProgram, type Day, localDay } from "@patron/engine";
import { assertCursor } from "../../db/cursor.ts";
import type { Db, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { linkSecret, signLink } from "./links.ts";
import { type Mailer, MailRefused, publicUrl } from "./mailer.ts";
import { getNotificationSettings, minutesOf, type NotificationSettings } from "./settings.ts";
import { CATEGORY_OF, type Language, render, type Template, type Trigger, templateFor } from "./templates.ts";

/** What raising and delivering need to know of the tenant at one moment. */
export interface NotifyContext {
  tenantId: string;
  now: Date;
  settings: NotificationSettings;
  programName: string;
  /** The program in force today (its time zone, tiers), null before one is published. */
  program: CompiledProgram | null;
  timeZone: string;
  today: Day;
  baseUrl: string;
  secret: string;
  templates: Map<string, Template>;
}

export async function notifyContext(q: Queryable, tenantId: string, now: Date): Promise<NotifyContext> {
  const versions = await publishedPrograms(q, tenantId);
  const timeZone = versions[versions.length - 1]?.timeZone ?? "UTC";
  const today = localDay(now.toISOString(), timeZone) as Day;
  const t = await q.query<{ name: string }>("SELECT name FROM tenants WHERE id = $1", [tenantId]);
  return {
    tenantId,
    now,
    settings: await getNotificationSettings(q, tenantId),
    programName: t.rows[0]?.name ?? tenantId,
    program: programAt(versions, today),
    timeZone,
    today,
    baseUrl: publicUrl(),
    secret: await linkSecret(q, tenantId),
    templates: new Map(),
  };
}

export interface Recipient {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
  language: Language | null;
}

const RECIPIENT_SQL = `SELECT c.id, c.company_id, coalesce(m.name, m.id) AS company_name, c.name, c.email, c.language
  FROM contacts c JOIN members m ON m.tenant_id = c.tenant_id AND m.id = c.company_id
  WHERE c.tenant_id = $1 AND c.deactivated_at IS NULL AND c.erased_at IS NULL`;

/** The most contacts of one company a notification goes to. */
const MAX_RECIPIENTS = 200;

type RecipientRow = {
  id: string;
  company_id: string;
  company_name: string;
  name: string;
  email: string;
  language: Language | null;
};
const toRecipient = (r: RecipientRow): Recipient => ({
  id: r.id,
  companyId: r.company_id,
  companyName: r.company_name,
  name: r.name,
  email: r.email,
  language: r.language,
});

/** The active contacts of a company. */
export async function contactsOf(q: Queryable, tenantId: string, companyId: string): Promise<Recipient[]> {
  const r = await q.query<RecipientRow>(
    `${RECIPIENT_SQL} AND c.company_id = $2 ORDER BY c.id LIMIT ${MAX_RECIPIENTS}`,
    [tenantId, companyId],
  );
  return r.rows.map(toRecipient);
}

export async function contactById(
  q: Queryable,
  tenantId: string,
  contactId: string,
): Promise<Recipient | null> {
  const r = await q.query<RecipientRow>(`${RECIPIENT_SQL} AND c.id = $2`, [tenantId, contactId]);
  const row = r.rows[0];
  return row ? toRecipient(row) : null;
}

export interface Raise {
  trigger: Trigger;
  /** What the notice is about; with the contact it makes the dedupe key. */
  key: string;
  memberId: string | null;
  recipients: readonly Recipient[];
  /** The trigger's own variables (the common ones are added). */
  vars: Record<string, string | number>;
  /** Variables that differ per contact (a survey's signed link). */
  perContact?: (r: Recipient) => Record<string, string>;
}

/**
 * Writes an e-mail (scheduled now; delivery decides when it goes) and a portal message (in the inbox at once)
 * for each recipient, unless a notice with the same key was written before. Returns the e-mails written.
 */
export async function raise(tx: Queryable, ctx: NotifyContext, n: Raise): Promise<number> {
  let written = 0;
  const category = CATEGORY_OF[n.trigger];
  for (const r of n.recipients) {
    const language = r.language ?? ctx.settings.defaultLanguage;
    const template = await cachedTemplate(tx, ctx, n.trigger, language);
    const base: Record<string, string> = {
      contactName: r.name,
      companyName: r.companyName,
      programName: ctx.programName,
      portalUrl: `${ctx.baseUrl}/portal`,
      ...Object.fromEntries(Object.entries(n.vars).map(([k, v]) => [k, String(v)])),
      ...(n.perContact ? n.perContact(r) : {}),
    };
    const unsubscribe = unsubscribeUrl(ctx, r.id, category);
    const email = render(template, { ...base, unsubscribeUrl: unsubscribe });
    const portal = render(template, { ...base, unsubscribeUrl: `${ctx.baseUrl}/portal/preferences` });
    const dedupe = `${n.key}:${r.id}`;
    const data = JSON.stringify({ ...base, unsubscribeUrl: unsubscribe });
    const e = await tx.query(
      `INSERT INTO notifications (tenant_id, id, trigger, category, dedupe_key, channel, member_id, contact_id, email,
         language, subject, body_text, body_html, data, status, scheduled_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'email', $6, $7, $8, $9, $10, $11, $12, $13::jsonb, 'scheduled', $14, $14)
       ON CONFLICT (tenant_id, channel, dedupe_key) DO NOTHING`,
      [
        ctx.tenantId,
        newId("ntf", ctx.now.getTime()),
        n.trigger,
        category,
        dedupe,
        n.memberId,
        r.id,
        r.email,
        language,
        email.subject,
        email.text,
        email.html,
        data,
        ctx.now,
      ],
    );
    written += e.rowCount;
    await tx.query(
      `INSERT INTO notifications (tenant_id, id, trigger, category, dedupe_key, channel, member_id, contact_id, email,
         language, subject, body_text, body_html, data, status, scheduled_at, sent_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'portal', $6, $7, NULL, $8, $9, $10, NULL, $11::jsonb, 'sent', $12, $12, $12)
       ON CONFLICT (tenant_id, channel, dedupe_key) DO NOTHING`,
      [
        ctx.tenantId,
        newId("ntf", ctx.now.getTime()),
        n.trigger,
        category,
        dedupe,
        n.memberId,
        r.id,
        language,
        portal.subject,
        portal.text,
        data,
        ctx.now,
      ],
    );
  }
  return written;
}

async function cachedTemplate(tx: Queryable, ctx: NotifyContext, trigger: Trigger, language: Language) {
  const k = `${trigger}:${language}`;
  let t = ctx.templates.get(k);
  if (!t) {
    t = await templateFor(tx, ctx.tenantId, trigger, language);
    ctx.templates.set(k, t);
  }
  return t;
}

export function unsubscribeUrl(ctx: NotifyContext, contactId: string, category: string): string {
  const token = signLink(ctx.secret, { kind: "unsubscribe", contactId, category });
  return `${ctx.baseUrl}/unsubscribe?tenant=${encodeURIComponent(ctx.tenantId)}&token=${token}`;
}

// ---- Delivery ----------------------------------------------------------------------------------------------

/** E-mails one sweep sends at most per tenant; the next sweep goes on. */
export const MAX_SENDS_PER_SWEEP = 200;
/** E-mails picked (and locked) per transaction. */
const SEND_BATCH = 20;
/** Tries of a message the server refused for a while (4xx, no answer) before it counts as failed. */
export const MAX_SEND_ATTEMPTS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DeliveryResult {
  sent: number;
  skipped: number;
  failed: number;
  delayed: number;
}

/** The local minute of the day of an instant in a time zone. */
export function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const h = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const m = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return h * 60 + m;
}

/** When quiet hours that hold `at` end; null outside them. */
export function quietUntil(
  at: Date,
  timeZone: string,
  quiet: { from: string; to: string } | null,
): Date | null {
  if (!quiet) return null;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const cur = localMinute(at, timeZone);
  const inside = from <= to ? cur >= from && cur < to : cur >= from || cur < to;
  if (!inside) return null;
  const minutes = (to - cur + 1440) % 1440;
  const start = new Date(at.getTime() - (at.getTime() % 60_000));
  return new Date(start.getTime() + minutes * 60_000);
}

interface DueRow {
  id: string;
  contact_id: string;
  email: string;
  category: string;
  subject: string;
  body_text: string;
  body_html: string;
  attempts: number;
  data: { unsubscribeUrl?: string };
}

/** Sends the e-mails that are due, in batches of locked rows (several processes share the work). */
export async function deliverDue(db: Db, ctx: NotifyContext, mailer: Mailer | null): Promise<DeliveryResult> {
  const out: DeliveryResult = { sent: 0, skipped: 0, failed: 0, delayed: 0 };
  for (let done = 0; done < MAX_SENDS_PER_SWEEP; ) {
    const picked = await db.transaction(async (tx) => {
      const due = await tx.query<DueRow>(
        `SELECT id, contact_id, email, category, subject, body_text, body_html, attempts, data FROM notifications
         WHERE tenant_id = $1 AND status = 'scheduled' AND scheduled_at <= $2
         ORDER BY scheduled_at, id LIMIT ${SEND_BATCH} FOR UPDATE SKIP LOCKED`,
        [ctx.tenantId, ctx.now],
      );
      for (const n of due.rows) await deliverOne(tx, ctx, mailer, n, out);
      return due.rows.length;
    });
    done += picked;
    if (picked < SEND_BATCH) break;
  }
  return out;
}

async function deliverOne(
  tx: Queryable,
  ctx: NotifyContext,
  mailer: Mailer | null,
  n: DueRow,
  out: DeliveryResult,
): Promise<void> {
  const set = async (sql: string, params: unknown[]) =>
    tx.query(`UPDATE notifications SET ${sql} WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenantId,
      n.id,
      ...(params as string[]),
    ]);
  const blocked = await tx.query<{ why: string }>(
    `SELECT 'unsubscribed' AS why FROM email_unsubscribes WHERE tenant_id = $1 AND contact_id = $2 AND category = $3
     UNION ALL SELECT 'bounced' FROM email_bounces WHERE tenant_id = $1 AND email = lower($4)
     UNION ALL SELECT 'the contact is no longer active' FROM contacts
       WHERE tenant_id = $1 AND id = $2 AND (deactivated_at IS NOT NULL OR erased_at IS NOT NULL)`,
    [ctx.tenantId, n.contact_id, n.category, n.email],
  );
  const why = blocked.rows[0]?.why;
  if (why) {
    await set("status = 'skipped', error = $3", [why]);
    out.skipped++;
    return;
  }
  if (mailer === null) {
    await set("status = 'failed', error = $3", ["no SMTP server is configured (PATRON_SMTP_HOST)"]);
    out.failed++;
    return;
  }
  const quiet = quietUntil(ctx.now, ctx.timeZone, ctx.settings.quietHours);
  if (quiet) {
    await set("scheduled_at = $3", [quiet.toISOString()]);
    out.delayed++;
    return;
  }
  const recent = await tx.query<{ n: number; first: Date | string | null }>(
    `SELECT count(*)::int AS n, min(sent_at) AS first FROM notifications
     WHERE tenant_id = $1 AND contact_id = $2 AND channel = 'email' AND status = 'sent' AND sent_at > $3`,
    [ctx.tenantId, n.contact_id, new Date(ctx.now.getTime() - DAY_MS)],
  );
  const r = recent.rows[0];
  if (r && r.n >= ctx.settings.maxEmailsPerDay && r.first !== null) {
    // Held, not dropped: it goes once the oldest of the day's e-mails leaves the 24 hours.
    await set("scheduled_at = $3", [new Date(new Date(r.first).getTime() + DAY_MS + 1000).toISOString()]);
    out.delayed++;
    return;
  }
  try {
    await mailer.send({
      from: ctx.settings.fromAddress ?? mailer.from,
      to: n.email,
      subject: n.subject,
      text: n.body_text,
      html: n.body_html,
      headers: n.data.unsubscribeUrl ? { "List-Unsubscribe": `<${n.data.unsubscribeUrl}>` } : {},
    });
    await set("status = 'sent', sent_at = $3, attempts = attempts + 1, error = NULL", [
      ctx.now.toISOString(),
    ]);
    out.sent++;
  } catch (e) {
    const message = e instanceof Error ? e.message.slice(0, 1000) : String(e);
    if (e instanceof MailRefused && e.permanent) {
      await set("status = 'failed', attempts = attempts + 1, error = $3", [message]);
      await recordBounce(tx, ctx.tenantId, n.email, "rejected", message, "smtp", ctx.now);
      out.failed++;
    } else if (n.attempts + 1 >= MAX_SEND_ATTEMPTS) {
      await set("status = 'failed', attempts = attempts + 1, error = $3", [message]);
      out.failed++;
    } else {
      // Backs off: 2, 4, 8, 16 minutes.
      const retryAt = new Date(ctx.now.getTime() + 2 ** (n.attempts + 1) * 60_000);
      await set("attempts = attempts + 1, error = $3, scheduled_at = $4", [message, retryAt.toISOString()]);
      out.delayed++;
    }
  }
}

// ---- Bounces and unsubscribes -------------------------------------------------------------------------------

export type BounceKind = "hard" | "complaint" | "rejected";

export async function recordBounce(
  tx: Queryable,
  tenantId: string,
  email: string,
  kind: BounceKind,
  reason: string | null,
  recordedBy: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO email_bounces (tenant_id, email, kind, reason, at, recorded_by) VALUES ($1, lower($2), $3, $4, $5, $6)
     ON CONFLICT (tenant_id, email) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason, at = EXCLUDED.at,
       recorded_by = EXCLUDED.recorded_by`,
    [tenantId, email, kind, reason, at, recordedBy],
  );
}

export interface Bounce {
  email: string;
  kind: BounceKind;
  reason: string | null;
  at: string;
  recordedBy: string;
}

export const MAX_BOUNCE_PAGE = 500;

export async function listBounces(q: Queryable, tenantId: string, limit: number): Promise<Bounce[]> {
  const r = await q.query<{
    email: string;
    kind: BounceKind;
    reason: string | null;
    at: Date | string;
    recorded_by: string;
  }>(
    `SELECT email, kind, reason, at, recorded_by FROM email_bounces WHERE tenant_id = $1 ORDER BY at DESC, email LIMIT $2`,
    [tenantId, Math.min(Math.max(limit, 1), MAX_BOUNCE_PAGE)],
  );
  return r.rows.map((x) => ({
    email: x.email,
    kind: x.kind,
    reason: x.reason,
    at: new Date(x.at).toISOString(),
    recordedBy: x.recorded_by,
  }));
}

/** The categories a contact does not want by e-mail. */
export async function unsubscribedCategories(
  q: Queryable,
  tenantId: string,
  contactId: string,
): Promise<string[]> {
  const r = await q.query<{ category: string }>(
    "SELECT category FROM email_unsubscribes WHERE tenant_id = $1 AND contact_id = $2 ORDER BY category",
    [tenantId, contactId],
  );
  return r.rows.map((x) => x.category);
}

/** Makes a contact's unsubscribed categories exactly these. */
export async function setUnsubscribed(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  categories: readonly string[],
  at: Date,
): Promise<void> {
  await tx.query(
    "DELETE FROM email_unsubscribes WHERE tenant_id = $1 AND contact_id = $2 AND NOT (category = ANY($3::text[]))",
    [tenantId, contactId, `{${categories.join(",")}}`],
  );
  for (const category of categories) await unsubscribe(tx, tenantId, contactId, category, at);
}

export async function unsubscribe(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  category: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO email_unsubscribes (tenant_id, contact_id, category, at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, contact_id, category) DO NOTHING`,
    [tenantId, contactId, category, at],
  );
}

// ---- Reading -----------------------------------------------------------------------------------------------

export interface NotificationView {
  id: string;
  trigger: string;
  category: string;
  channel: "email" | "portal";
  memberId: string | null;
  contactId: string;
  email: string | null;
  language: string;
  subject: string;
  text: string;
  status: "scheduled" | "sent" | "skipped" | "failed";
  scheduledAt: string;
  sentAt: string | null;
  readAt: string | null;
  attempts: number;
  error: string | null;
  createdAt: string;
}

interface NotificationRow {
  id: string;
  trigger: string;
  category: string;
  channel: "email" | "portal";
  member_id: string | null;
  contact_id: string;
  email: string | null;
  language: string;
  subject: string;
  body_text: string;
  status: NotificationView["status"];
  scheduled_at: Date | string;
  sent_at: Date | string | null;
  read_at: Date | string | null;
  attempts: number;
  error: string | null;
  created_at: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    trigger: r.trigger,
    category: r.category,
    channel: r.channel,
    memberId: r.member_id,
    contactId: r.contact_id,
    email: r.email,
    language: r.language,
    subject: r.subject,
    text: r.body_text,
    status: r.status,
    scheduledAt: new Date(r.scheduled_at).toISOString(),
    sentAt: iso(r.sent_at),
    readAt: iso(r.read_at),
    attempts: Number(r.attempts),
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const VIEW_COLUMNS = `id, trigger, category, channel, member_id, contact_id, email, language, subject, body_text,
  status, scheduled_at, sent_at, read_at, attempts, error, created_at`;

export const MAX_NOTIFICATION_PAGE = 200;

export interface NotificationFilter {
  memberId?: string | undefined;
  contactId?: string | undefined;
  channel?: "email" | "portal" | undefined;
  status?: NotificationView["status"] | undefined;
  trigger?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of a tenant's notifications, newest first. */
export async function listNotifications(
  q: Queryable,
  tenantId: string,
  f: NotificationFilter,
): Promise<{ data: NotificationView[]; nextCursor: string | null }> {
  await assertCursor(q, "notifications", tenantId, f.cursor);
  const params: unknown[] = [tenantId];
  const where = ["tenant_id = $1"];
  const add = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} $${params.length}`);
  };
  if (f.memberId !== undefined) add("member_id =", f.memberId);
  if (f.contactId !== undefined) add("contact_id =", f.contactId);
  if (f.channel !== undefined) add("channel =", f.channel);
  if (f.status !== undefined) add("status =", f.status);
  if (f.trigger !== undefined) add("trigger =", f.trigger);
  if (f.cursor !== undefined) add("id <", f.cursor);
  const limit = Math.min(Math.max(f.limit, 1), MAX_NOTIFICATION_PAGE);
  const r = await q.query<NotificationRow>(
    `SELECT ${VIEW_COLUMNS} FROM notifications WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ${limit + 1}`,
    params as string[],
  );
  const data = r.rows.slice(0, limit).map(toView);
  return { data, nextCursor: r.rows.length > limit ? (data[data.length - 1]?.id ?? null) : null };
}

/** A contact's portal messages, newest first, and how many are unread. */
export async function inboxOf(
  q: Queryable,
  tenantId: string,
  contactId: string,
  opts: { limit: number; cursor?: string | undefined; unreadOnly?: boolean },
): Promise<{ data: NotificationView[]; unread: number; nextCursor: string | null }> {
  await assertCursor(q, "notifications", tenantId, opts.cursor);
  const page = await q.query<NotificationRow>(
    `SELECT ${VIEW_COLUMNS} FROM notifications
     WHERE tenant_id = $1 AND contact_id = $2 AND channel = 'portal' AND status = 'sent'
       ${opts.cursor !== undefined ? "AND id < $3" : ""} ${opts.unreadOnly ? "AND read_at IS NULL" : ""}
     ORDER BY id DESC LIMIT ${Math.min(Math.max(opts.limit, 1), MAX_NOTIFICATION_PAGE) + 1}`,
    opts.cursor !== undefined ? [tenantId, contactId, opts.cursor] : [tenantId, contactId],
  );
  const unread = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications
     WHERE tenant_id = $1 AND contact_id = $2 AND channel = 'portal' AND status = 'sent' AND read_at IS NULL`,
    [tenantId, contactId],
  );
  const data = page.rows.slice(0, opts.limit).map(toView);
  return {
    data,
    unread: Number(unread.rows[0]?.n ?? 0),
    nextCursor: page.rows.length > opts.limit ? (data[data.length - 1]?.id ?? null) : null,
  };
}

/** Marks a contact's portal message read (again: the first time is kept); false when it is not theirs. */
export async function markRead(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE notifications SET read_at = coalesce(read_at, $4)
     WHERE tenant_id = $1 AND contact_id = $2 AND id = $3 AND channel = 'portal'`,
    [tenantId, contactId, id, at],
  );
  return r.rowCount > 0;
}

/** Marks every portal message of a contact read; returns how many were unread. */
export async function markAllRead(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  at: Date,
): Promise<number> {
  const r = await tx.query(
    `UPDATE notifications SET read_at = $3
     WHERE tenant_id = $1 AND contact_id = $2 AND channel = 'portal' AND read_at IS NULL`,
    [tenantId, contactId, at],
  );
  return r.rowCount;
}
