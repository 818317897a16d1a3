// The built-in triggers: what each reads from the tables the rest of the server writes (contacts, ledger
// transactions, tier changes, lots, members) and the notices it raises. Triggers that follow a table keep a
// watermark and read a little behind it (a transaction that committed late is still seen; the dedupe keys
// keep what was seen twice from being written twice). Day triggers run once per local day.
import { type Day, formatDay, levelIndex, parseDay, renderExplanation } from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { tierOf } from "../members/reads.ts";
import { emit } from "../webhooks/outbox.ts";
import { contactById, contactsOf, type NotifyContext, notifyContext, raise } from "./service.ts";
import { getNotificationSettings } from "./settings.ts";
import type { Language } from "./templates.ts";

/** Rows one trigger reads per sweep at most; the next sweep goes on from its watermark. */
export const MAX_ROWS_PER_TRIGGER = 2000;
/** How far behind its watermark a trigger reads again, for transactions that committed late. */
export const LOOKBACK_MS = 2 * 60 * 1000;
/** Members a day trigger reads per local day at most. */
export const MAX_MEMBERS_PER_DAY = 20_000;

export type TriggerCounts = Record<string, number>;

async function watermark(q: Queryable, tenantId: string, name: string): Promise<string | null> {
  const r = await q.query<{ mark: string }>(
    "SELECT mark FROM notification_watermarks WHERE tenant_id = $1 AND name = $2",
    [tenantId, name],
  );
  return r.rows[0]?.mark ?? null;
}

async function setWatermark(q: Queryable, tenantId: string, name: string, mark: string): Promise<void> {
  await q.query(
    `INSERT INTO notification_watermarks (tenant_id, name, mark) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET mark = EXCLUDED.mark`,
    [tenantId, name, mark],
  );
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** The start of the ids made at `ms` (ids begin with ten base32 characters of milliseconds). */
function idPrefix(prefix: string, ms: number): string {
  let time = "";
  let t = Math.max(0, ms);
  for (let i = 0; i < 10; i++) {
    time = (ALPHABET[t % 32] as string) + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}`;
}
function msOfId(id: string): number {
  const time = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  let ms = 0;
  for (const ch of time) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}

/** Runs every enabled trigger once; each in its own transaction. */
export async function detect(db: Db, ctx: NotifyContext): Promise<TriggerCounts> {
  const on = ctx.settings.triggers;
  const counts: TriggerCounts = {};
  const run = async (name: string, f: (tx: Queryable) => Promise<number>) => {
    counts[name] = await db.transaction(f);
  };
  if (on.welcome.enabled) await run("welcome", (tx) => welcome(tx, ctx));
  if (on.pointsEarned.enabled) await run("pointsEarned", (tx) => pointsEarned(tx, ctx));
  if (on.tierUp.enabled && ctx.program?.tiers) await run("tierUp", (tx) => tierUp(tx, ctx));
  if (on.pointsExpiring.enabled) await run("pointsExpiring", (tx) => pointsExpiring(tx, ctx));
  const daily = async (name: string, f: (tx: Queryable) => Promise<number>) => {
    await run(name, async (tx) => {
      const mark = `day:${name}`;
      if ((await watermark(tx, ctx.tenantId, mark)) === formatDay(ctx.today)) return 0;
      const n = await f(tx);
      await setWatermark(tx, ctx.tenantId, mark, formatDay(ctx.today));
      return n;
    });
  };
  if (on.tierAtRisk.enabled && ctx.program?.tiers) await daily("tierAtRisk", (tx) => tierAtRisk(tx, ctx));
  if (on.inactivity.enabled) await daily("inactivity", (tx) => inactivity(tx, ctx));
  if (on.birthday.enabled) await daily("birthday", (tx) => birthdays(tx, ctx));
  if (on.anniversary.enabled) await daily("anniversary", (tx) => anniversaries(tx, ctx));
  return counts;
}

/** New contacts: a welcome to each. */
async function welcome(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const mark = await watermark(tx, ctx.tenantId, "welcome");
  if (mark === null) return 0;
  const from = new Date(new Date(mark).getTime() - LOOKBACK_MS);
  const r = await tx.query<{ id: string; created_at: Date | string }>(
    `SELECT id, created_at FROM contacts WHERE tenant_id = $1 AND created_at >= $2
       AND deactivated_at IS NULL AND erased_at IS NULL
     ORDER BY created_at, id LIMIT ${MAX_ROWS_PER_TRIGGER}`,
    [ctx.tenantId, from],
  );
  let n = 0;
  for (const row of r.rows) {
    const c = await contactById(tx, ctx.tenantId, row.id);
    if (c)
      n += await raise(tx, ctx, {
        trigger: "welcome",
        key: "welcome",
        memberId: c.companyId,
        recipients: [c],
        vars: {},
      });
  }
  const last = r.rows[r.rows.length - 1];
  if (last) await setWatermark(tx, ctx.tenantId, "welcome", new Date(last.created_at).toISOString());
  return n;
}

/** Points a member earned (on an order, available or pending): one notice per transaction. */
async function pointsEarned(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const mark = await watermark(tx, ctx.tenantId, "pointsEarned");
  if (mark === null) return 0;
  const from = idPrefix("txn", Number(mark) - LOOKBACK_MS);
  const r = await tx.query<{ id: string; account: string; points: string }>(
    `SELECT t.id, p.to_account AS account, sum(p.amount)::text AS points
     FROM ledger_transactions t JOIN postings p ON p.tenant_id = t.tenant_id AND p.transaction_id = t.id
     WHERE t.tenant_id = $1 AND t.id > $2 AND t.code IN ('earn', 'earn.pending')
       AND (p.to_account LIKE 'wallet:%' OR p.to_account LIKE 'pending:%')
     GROUP BY t.id, p.to_account ORDER BY t.id LIMIT ${MAX_ROWS_PER_TRIGGER}`,
    [ctx.tenantId, from],
  );
  let n = 0;
  for (const row of r.rows) {
    const points = Number(row.points);
    if (points < ctx.settings.triggers.pointsEarned.minPoints) continue;
    const memberId = row.account.slice(row.account.indexOf(":") + 1);
    const b = await tx.query<{ balance: string }>(
      "SELECT balance::text FROM accounts WHERE tenant_id = $1 AND id = $2",
      [ctx.tenantId, `wallet:${memberId}`],
    );
    n += await raise(tx, ctx, {
      trigger: "pointsEarned",
      key: `pointsEarned:${row.id}`,
      memberId,
      recipients: await contactsOf(tx, ctx.tenantId, memberId),
      vars: { points, balance: Math.max(0, Number(b.rows[0]?.balance ?? 0)) },
    });
  }
  const last = r.rows[r.rows.length - 1];
  if (last)
    await setWatermark(tx, ctx.tenantId, "pointsEarned", String(Math.max(Number(mark), msOfId(last.id))));
  return n;
}

/** A member reached a higher level. */
async function tierUp(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const t = ctx.program?.tiers;
  const mark = await watermark(tx, ctx.tenantId, "tierUp");
  if (!t || mark === null) return 0;
  const r = await tx.query<{ id: string; member_id: string; from_tier: string | null; to_tier: string }>(
    `SELECT id, member_id, from_tier, to_tier FROM tier_changes WHERE tenant_id = $1 AND id > $2
     ORDER BY id LIMIT ${MAX_ROWS_PER_TRIGGER}`,
    [ctx.tenantId, idPrefix("tch", Number(mark) - LOOKBACK_MS)],
  );
  const names = new Map((ctx.program?.def.tiers?.levels ?? []).map((l) => [l.id, l.name ?? l.id]));
  let n = 0;
  for (const row of r.rows) {
    const up = levelIndex(t, row.to_tier) > (row.from_tier === null ? 0 : levelIndex(t, row.from_tier));
    if (!up) continue;
    n += await raise(tx, ctx, {
      trigger: "tierUp",
      key: `tierUp:${row.id}`,
      memberId: row.member_id,
      recipients: await contactsOf(tx, ctx.tenantId, row.member_id),
      vars: {
        tier: names.get(row.to_tier) ?? row.to_tier,
        previousTier: row.from_tier === null ? "" : (names.get(row.from_tier) ?? row.from_tier),
      },
    });
  }
  const last = r.rows[r.rows.length - 1];
  if (last) await setWatermark(tx, ctx.tenantId, "tierUp", String(Math.max(Number(mark), msOfId(last.id))));
  return n;
}

/**
 * Points expiring within each threshold (days before the last day): one notice per member and threshold for
 * the lots not yet told about at that threshold. A lot first seen inside a smaller threshold is told about once,
 * at the smallest, and counts as told for the larger ones.
 */
async function pointsExpiring(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const thresholds = [...ctx.settings.triggers.pointsExpiring.daysBefore].sort((a, b) => a - b);
  const largest = thresholds[thresholds.length - 1];
  if (largest === undefined) return 0;
  const r = await tx.query<{
    id: string;
    account_id: string;
    expires_on: string;
    remaining: string;
    told: number[] | null;
  }>(
    `SELECT l.id, l.account_id, l.expires_on::text, l.remaining::text,
       (SELECT array_agg(days_before) FROM notified_lots n WHERE n.tenant_id = l.tenant_id AND n.lot_id = l.id) AS told
     FROM lots l
     WHERE l.tenant_id = $1 AND l.remaining > 0 AND l.expires_on IS NOT NULL AND l.expires_on >= $2
       AND l.expires_on <= $3 AND l.account_id LIKE 'wallet:%'
     ORDER BY l.account_id, l.expires_on, l.id LIMIT ${MAX_ROWS_PER_TRIGGER}`,
    [ctx.tenantId, formatDay(ctx.today), formatDay(ctx.today + largest)],
  );
  // member → threshold → lots
  const groups = new Map<string, Map<number, typeof r.rows>>();
  for (const lot of r.rows) {
    const left = (parseDay(lot.expires_on) as Day) - ctx.today;
    const told = new Set((lot.told ?? []).map(Number));
    const due = thresholds.filter((d) => left <= d && !told.has(d));
    const at = due[0];
    if (at === undefined) continue;
    const byThreshold = groups.get(lot.account_id) ?? new Map();
    groups.set(lot.account_id, byThreshold);
    byThreshold.set(at, [...(byThreshold.get(at) ?? []), lot]);
    for (const d of due) {
      await tx.query(
        `INSERT INTO notified_lots (tenant_id, lot_id, days_before, notification_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [ctx.tenantId, lot.id, d, `pointsExpiring:${at}:${lot.id}`],
      );
    }
  }
  let n = 0;
  for (const [account, byThreshold] of groups) {
    const memberId = account.slice("wallet:".length);
    const recipients = await contactsOf(tx, ctx.tenantId, memberId);
    for (const [days, lots] of byThreshold) {
      const first = lots[0];
      if (!first) continue;
      const points = lots.reduce((s, l) => s + Number(l.remaining), 0);
      n += await raise(tx, ctx, {
        trigger: "pointsExpiring",
        key: `pointsExpiring:${days}:${first.id}`,
        memberId,
        recipients,
        vars: { points, date: first.expires_on, days: (parseDay(first.expires_on) as Day) - ctx.today },
      });
    }
  }
  return n;
}

/** Members whose level drops at the next evaluation unless they buy more, within the window's days. */
async function tierAtRisk(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const p = ctx.program;
  if (!p?.tiers) return 0;
  const windowDays = ctx.settings.triggers.tierAtRisk.windowDays;
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM members WHERE tenant_id = $1 AND tier IS NOT NULL AND tier <> $2 ORDER BY id LIMIT ${MAX_MEMBERS_PER_DAY}`,
    [ctx.tenantId, p.tiers.initial],
  );
  let n = 0;
  for (const m of r.rows) {
    const s = await tierOf(tx, ctx.tenantId, m.id, p, ctx.today);
    const keep = s.keep;
    if (!keep || !s.tier || keep.by === null || Number(keep.remaining) <= 0) continue;
    const left = (parseDay(keep.by) as Day) - ctx.today;
    if (left < 0 || left > windowDays) continue;
    const { remaining, by } = keep;
    const explanation = s.explanation;
    n += await raise(tx, ctx, {
      trigger: "tierAtRisk",
      key: `tierAtRisk:${m.id}:${s.tier.id}:${by}`,
      memberId: m.id,
      recipients: await contactsOf(tx, ctx.tenantId, m.id),
      vars: { tier: s.tier.name },
      // Amounts, dates and the progress sentence in each contact's own language.
      perContact: (r) => {
        const language = r.language ?? ctx.settings.defaultLanguage;
        return {
          remaining: amountIn(language, remaining),
          by: dayIn(language, by),
          progress: explanation === null ? "" : renderExplanation(explanation, language),
        };
      },
    });
  }
  return n;
}

/** Members whose last order was exactly N days ago. */
async function inactivity(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const days = ctx.settings.triggers.inactivity.days;
  const r = await tx.query<{ id: string; last: string }>(
    `SELECT id, last_order_on::text AS last FROM members WHERE tenant_id = $1 AND last_order_on = $2
     ORDER BY id LIMIT ${MAX_MEMBERS_PER_DAY}`,
    [ctx.tenantId, formatDay(ctx.today - days)],
  );
  let n = 0;
  for (const m of r.rows) {
    n += await raise(tx, ctx, {
      trigger: "inactivity",
      key: `inactivity:${m.id}:${m.last}`,
      memberId: m.id,
      recipients: await contactsOf(tx, ctx.tenantId, m.id),
      vars: { days, lastOrderOn: m.last },
    });
  }
  return n;
}

const monthDay = (day: Day) => formatDay(day).slice(5);

/** Contacts whose birthday is today (29 February on the 28th in other years). */
async function birthdays(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const md = monthDay(ctx.today);
  const leapless = md === "02-28" && monthDay(ctx.today + 1) === "03-01";
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM contacts WHERE tenant_id = $1 AND birthday IS NOT NULL
       AND (to_char(birthday, 'MM-DD') = $2 OR ($3 AND to_char(birthday, 'MM-DD') = '02-29'))
       AND deactivated_at IS NULL AND erased_at IS NULL ORDER BY id LIMIT ${MAX_MEMBERS_PER_DAY}`,
    [ctx.tenantId, md, leapless],
  );
  const year = formatDay(ctx.today).slice(0, 4);
  let n = 0;
  for (const row of r.rows) {
    const c = await contactById(tx, ctx.tenantId, row.id);
    if (c)
      n += await raise(tx, ctx, {
        trigger: "birthday",
        key: `birthday:${year}`,
        memberId: c.companyId,
        recipients: [c],
        vars: {},
      });
  }
  return n;
}

/** Companies that joined on this day of an earlier year. */
async function anniversaries(tx: Queryable, ctx: NotifyContext): Promise<number> {
  const today = formatDay(ctx.today);
  const r = await tx.query<{ id: string; joined: string }>(
    `SELECT id, coalesce(joined_on, enrolled_on)::text AS joined FROM members
     WHERE tenant_id = $1 AND to_char(coalesce(joined_on, enrolled_on), 'MM-DD') = $2
       AND coalesce(joined_on, enrolled_on) < $3 ORDER BY id LIMIT ${MAX_MEMBERS_PER_DAY}`,
    [ctx.tenantId, today.slice(5), today],
  );
  let n = 0;
  for (const m of r.rows) {
    const years = Number(today.slice(0, 4)) - Number(m.joined.slice(0, 4));
    if (years < 1) continue;
    n += await raise(tx, ctx, {
      trigger: "anniversary",
      key: `anniversary:${m.id}:${today.slice(0, 4)}`,
      memberId: m.id,
      recipients: await contactsOf(tx, ctx.tenantId, m.id),
      vars: { years },
    });
  }
  return n;
}

/** A reward order's new status, to the contact who ordered (or the company's contacts). */
export async function notifyRewardOrder(
  tx: Queryable,
  ctx: NotifyContext,
  order: { id: string; memberId: string; contactId: string | null; reward: string; status: string },
): Promise<number> {
  if (!ctx.settings.triggers.rewardOrder.enabled) return 0;
  const one = order.contactId === null ? null : await contactById(tx, ctx.tenantId, order.contactId);
  return raise(tx, ctx, {
    trigger: "rewardOrder",
    key: `rewardOrder:${order.id}:${order.status}`,
    memberId: order.memberId,
    recipients: one ? [one] : await contactsOf(tx, ctx.tenantId, order.memberId),
    vars: { reward: order.reward },
    perContact: (r) => {
      const words = ORDER_STATUS_WORDS[r.language ?? ctx.settings.defaultLanguage];
      return { status: words[order.status] ?? order.status };
    },
  });
}

/**
 * A reward order was placed or changed status: a webhook message, and the notice when the program turned the
 * trigger on. Called by the rewards module in the transaction of the change.
 */
export async function rewardOrderChanged(
  tx: Queryable,
  tenantId: string,
  order: {
    id: string;
    companyId: string;
    contactId: string;
    rewardId: string;
    rewardName: string;
    quantity: number;
    points: number;
    status: string;
  },
  previousStatus: string | null,
  now: Date,
): Promise<void> {
  await emit(tx, tenantId, "reward_order.status_changed", {
    orderId: order.id,
    memberId: order.companyId,
    contactId: order.contactId,
    rewardId: order.rewardId,
    quantity: order.quantity,
    points: order.points,
    status: order.status,
    previousStatus,
  });
  const settings = await getNotificationSettings(tx, tenantId);
  if (!settings.triggers.rewardOrder.enabled) return;
  const ctx = await notifyContext(tx, tenantId, now);
  await notifyRewardOrder(tx, ctx, {
    id: order.id,
    memberId: order.companyId,
    contactId: order.contactId,
    reward: order.rewardName,
    status: order.status,
  });
}

/** The words for a reward order's status in each language. */
const ORDER_STATUS_WORDS: Record<Language, Record<string, string>> = {
  en: {
    requested: "waiting for your company's approval",
    awaiting_owner: "waiting for the program's approval",
    approved: "approved",
    shipped: "shipped",
    delivered: "delivered",
    rejected: "rejected",
    cancelled: "cancelled",
  },
  ru: {
    requested: "ожидает одобрения вашей компании",
    awaiting_owner: "ожидает одобрения программы",
    approved: "одобрен",
    shipped: "отправлен",
    delivered: "доставлен",
    rejected: "отклонён",
    cancelled: "отменён",
  },
  uk: {
    requested: "чекає на схвалення вашої компанії",
    awaiting_owner: "чекає на схвалення програми",
    approved: "схвалено",
    shipped: "відправлено",
    delivered: "доставлено",
    rejected: "відхилено",
    cancelled: "скасовано",
  },
};

const LOCALE_TAG: Record<Language, string> = { en: "en-GB", ru: "ru-RU", uk: "uk-UA" };

/** An amount (money with cents or a number of points) as a reader of `language` writes it: 8,000 or 8 000. */
function amountIn(language: Language, value: string | number): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const whole = Number.isInteger(n);
  return new Intl.NumberFormat(LOCALE_TAG[language], {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(n);
}

/** A day as a reader of `language` writes it: 31 March 2026. */
function dayIn(language: Language, day: string | null): string {
  if (day === null) return "";
  return new Intl.DateTimeFormat(LOCALE_TAG[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}
