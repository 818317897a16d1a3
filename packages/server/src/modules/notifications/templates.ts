// The wording of each trigger's message in each language: built in, or a program manager's own; rendered with
// `{{variable}}` placeholders into a subject, plain text and HTML (values escaped in HTML).
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { type Change, recordAudit } from "../audit/service.ts";

export const LANGUAGES = ["en", "ru", "uk"] as const;
export type Language = (typeof LANGUAGES)[number];

export const TRIGGERS = [
  "welcome",
  "pointsEarned",
  "pointsExpiring",
  "tierUp",
  "tierAtRisk",
  "rewardOrder",
  "inactivity",
  "birthday",
  "anniversary",
  "survey",
  "campaign",
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** What a contact may unsubscribe from: each trigger belongs to one. */
export const CATEGORIES = ["account", "points", "tiers", "rewards", "news", "surveys"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_OF: Record<Trigger, Category> = {
  welcome: "account",
  pointsEarned: "points",
  pointsExpiring: "points",
  tierUp: "tiers",
  tierAtRisk: "tiers",
  rewardOrder: "rewards",
  inactivity: "news",
  birthday: "news",
  anniversary: "news",
  survey: "surveys",
  campaign: "news",
};

/** Every message may use these. */
const COMMON = ["contactName", "companyName", "programName", "portalUrl", "unsubscribeUrl"] as const;

/** The variables each trigger fills in besides the common ones. */
export const VARIABLES: Record<Trigger, readonly string[]> = {
  welcome: [],
  pointsEarned: ["points", "balance"],
  pointsExpiring: ["points", "date", "days"],
  tierUp: ["tier", "previousTier"],
  tierAtRisk: ["tier", "remaining", "by", "progress"],
  rewardOrder: ["reward", "status"],
  inactivity: ["days", "lastOrderOn"],
  birthday: [],
  anniversary: ["years"],
  survey: ["question", "surveyUrl"],
  campaign: ["campaign", "startsOn", "endsOn", "rank", "participants", "score", "target", "boardUrl"],
};

/** Values shown by a preview: what a real message of the trigger would carry. */
export const SAMPLE: Record<string, string> = {
  contactName: "Anna Smith",
  companyName: "Northwind Trading",
  programName: "Partner Club",
  portalUrl: "https://loyalty.example/portal",
  unsubscribeUrl: "https://loyalty.example/unsubscribe?token=sample",
  points: "1200",
  balance: "8400",
  date: "2026-03-31",
  days: "30",
  tier: "Gold",
  previousTier: "Silver",
  remaining: "8000",
  by: "2026-03-31",
  progress: "Buy 8000 more by 2026-03-31 to keep Gold.",
  reward: "Extended warranty",
  status: "shipped",
  lastOrderOn: "2025-12-01",
  years: "3",
  question: "How likely are you to recommend us to a colleague?",
  surveyUrl: "https://loyalty.example/survey?token=sample",
  campaign: "Q1 sales campaign",
  startsOn: "2026-01-01",
  endsOn: "2026-03-31",
  rank: "3",
  participants: "24",
  score: "420000.00",
  target: "500000.00",
  boardUrl: "https://loyalty.example/portal/campaigns",
};

export interface Template {
  subject: string;
  text: string;
  html: string;
}

/** Limits of a template's parts, in characters. */
export const MAX_SUBJECT_CHARS = 300;
export const MAX_BODY_CHARS = 20_000;

type Wording = Record<Trigger, { subject: string; text: string }>;

const EN: Wording = {
  welcome: {
    subject: "Welcome to {{programName}}",
    text: "Hello {{contactName}},\n\n{{companyName}} now takes part in {{programName}}. Every order earns points you can spend on later ones. See your points in the portal: {{portalUrl}}",
  },
  pointsEarned: {
    subject: "{{points}} points earned",
    text: "Hello {{contactName}},\n\n{{companyName}} has earned {{points}} points. The balance is now {{balance}} points.",
  },
  pointsExpiring: {
    subject: "{{points}} points expire on {{date}}",
    text: "Hello {{contactName}},\n\n{{points}} points of {{companyName}} expire on {{date}}, in {{days}} days. Spend them before then: {{portalUrl}}",
  },
  tierUp: {
    subject: "You have reached {{tier}}",
    text: "Hello {{contactName}},\n\n{{companyName}} has moved up from {{previousTier}} to {{tier}}. Congratulations!",
  },
  tierAtRisk: {
    subject: "Keep your {{tier}} level",
    text: "Hello {{contactName}},\n\n{{progress}}\n\nBuy {{remaining}} more by {{by}} to keep {{tier}}.",
  },
  rewardOrder: {
    subject: "Your reward order: {{status}}",
    text: "Hello {{contactName}},\n\nYour order of {{reward}} is now {{status}}.",
  },
  inactivity: {
    subject: "We miss you at {{programName}}",
    text: "Hello {{contactName}},\n\n{{companyName}} has not ordered for {{days}} days (last order {{lastOrderOn}}). Your points are waiting: {{portalUrl}}",
  },
  birthday: {
    subject: "Happy birthday, {{contactName}}!",
    text: "Hello {{contactName}},\n\nAll of us at {{programName}} wish you a happy birthday.",
  },
  anniversary: {
    subject: "{{years}} years together",
    text: "Hello {{contactName}},\n\n{{companyName}} has been our client for {{years}} years. Thank you!",
  },
  survey: {
    subject: "A question from {{programName}}",
    text: "Hello {{contactName}},\n\n{{question}}\n\nAnswer here (one click): {{surveyUrl}}",
  },
  campaign: {
    subject: "{{campaign}}: you are number {{rank}}",
    text: "Hello {{contactName}},\n\nYou take part in {{campaign}} ({{startsOn}} to {{endsOn}}). You are number {{rank}} of {{participants}} with {{score}} of your target {{target}}. See the standings: {{boardUrl}}",
  },
};

const RU: Wording = {
  welcome: {
    subject: "Добро пожаловать в {{programName}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{companyName}} теперь участвует в программе {{programName}}. За каждый заказ начисляются баллы, которыми можно оплатить следующие. Баллы видны на портале: {{portalUrl}}",
  },
  pointsEarned: {
    subject: "Начислено {{points}} баллов",
    text: "Здравствуйте, {{contactName}}!\n\n{{companyName}} получила {{points}} баллов. Баланс: {{balance}} баллов.",
  },
  pointsExpiring: {
    subject: "{{points}} баллов сгорят {{date}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{points}} баллов компании {{companyName}} сгорят {{date}}, через {{days}} дн. Потратьте их до этого: {{portalUrl}}",
  },
  tierUp: {
    subject: "Ваш новый уровень: {{tier}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{companyName}} перешла с уровня {{previousTier}} на уровень {{tier}}. Поздравляем!",
  },
  tierAtRisk: {
    subject: "Сохраните уровень {{tier}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{progress}}\n\nКупите ещё на {{remaining}} до {{by}}, чтобы сохранить уровень {{tier}}.",
  },
  rewardOrder: {
    subject: "Заказ награды: {{status}}",
    text: "Здравствуйте, {{contactName}}!\n\nСтатус заказа «{{reward}}»: {{status}}.",
  },
  inactivity: {
    subject: "Мы скучаем по вам в {{programName}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{companyName}} не делала заказов {{days}} дн. (последний — {{lastOrderOn}}). Ваши баллы ждут вас: {{portalUrl}}",
  },
  birthday: {
    subject: "С днём рождения, {{contactName}}!",
    text: "Здравствуйте, {{contactName}}!\n\nКоманда {{programName}} поздравляет вас с днём рождения.",
  },
  anniversary: {
    subject: "Лет вместе: {{years}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{companyName}} работает с нами уже {{years}} лет. Спасибо!",
  },
  survey: {
    subject: "Вопрос от {{programName}}",
    text: "Здравствуйте, {{contactName}}!\n\n{{question}}\n\nОтветить (один клик): {{surveyUrl}}",
  },
  campaign: {
    subject: "{{campaign}}: вы на {{rank}}-м месте",
    text: "Здравствуйте, {{contactName}}!\n\nВы участвуете в конкурсе «{{campaign}}» ({{startsOn}} — {{endsOn}}). Вы на {{rank}}-м месте из {{participants}}: {{score}} из плана {{target}}. Таблица: {{boardUrl}}",
  },
};

const UK: Wording = {
  welcome: {
    subject: "Ласкаво просимо до {{programName}}",
    text: "Вітаємо, {{contactName}}!\n\n{{companyName}} тепер бере участь у програмі {{programName}}. За кожне замовлення нараховуються бали, якими можна оплатити наступні. Бали видно на порталі: {{portalUrl}}",
  },
  pointsEarned: {
    subject: "Нараховано {{points}} балів",
    text: "Вітаємо, {{contactName}}!\n\n{{companyName}} отримала {{points}} балів. Баланс: {{balance}} балів.",
  },
  pointsExpiring: {
    subject: "{{points}} балів згорять {{date}}",
    text: "Вітаємо, {{contactName}}!\n\n{{points}} балів компанії {{companyName}} згорять {{date}}, через {{days}} дн. Витратьте їх до цього: {{portalUrl}}",
  },
  tierUp: {
    subject: "Ваш новий рівень: {{tier}}",
    text: "Вітаємо, {{contactName}}!\n\n{{companyName}} перейшла з рівня {{previousTier}} на рівень {{tier}}. Вітаємо!",
  },
  tierAtRisk: {
    subject: "Збережіть рівень {{tier}}",
    text: "Вітаємо, {{contactName}}!\n\n{{progress}}\n\nКупіть ще на {{remaining}} до {{by}}, щоб зберегти рівень {{tier}}.",
  },
  rewardOrder: {
    subject: "Замовлення нагороди: {{status}}",
    text: "Вітаємо, {{contactName}}!\n\nСтатус замовлення «{{reward}}»: {{status}}.",
  },
  inactivity: {
    subject: "Ми сумуємо за вами в {{programName}}",
    text: "Вітаємо, {{contactName}}!\n\n{{companyName}} не робила замовлень {{days}} дн. (останнє — {{lastOrderOn}}). Ваші бали чекають: {{portalUrl}}",
  },
  birthday: {
    subject: "З днем народження, {{contactName}}!",
    text: "Вітаємо, {{contactName}}!\n\nКоманда {{programName}} вітає вас із днем народження.",
  },
  anniversary: {
    subject: "Років разом: {{years}}",
    text: "Вітаємо, {{contactName}}!\n\n{{companyName}} працює з нами вже {{years}} років. Дякуємо!",
  },
  survey: {
    subject: "Питання від {{programName}}",
    text: "Вітаємо, {{contactName}}!\n\n{{question}}\n\nВідповісти (один клік): {{surveyUrl}}",
  },
  campaign: {
    subject: "{{campaign}}: ви на {{rank}}-му місці",
    text: "Вітаємо, {{contactName}}!\n\nВи берете участь у конкурсі «{{campaign}}» ({{startsOn}} — {{endsOn}}). Ви на {{rank}}-му місці з {{participants}}: {{score}} з плану {{target}}. Таблиця: {{boardUrl}}",
  },
};

const WORDING: Record<Language, Wording> = { en: EN, ru: RU, uk: UK };

const FOOTER: Record<Language, string> = {
  en: "Unsubscribe from these messages: {{unsubscribeUrl}}",
  ru: "Отписаться от этих писем: {{unsubscribeUrl}}",
  uk: "Відписатися від цих листів: {{unsubscribeUrl}}",
};

/** The built-in template of a trigger in a language: the text, and HTML made from it. */
export function builtInTemplate(trigger: Trigger, language: Language): Template {
  const w = WORDING[language][trigger];
  const text = `${w.text}\n\n--\n${FOOTER[language]}`;
  return { subject: w.subject, text, html: htmlFromText(text) };
}

/** Paragraphs of HTML from plain text; placeholders are kept, to be filled (escaped) when rendered. */
function htmlFromText(text: string): string {
  const paragraphs = text
    .split(/\n\n+/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  return `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs}\n</body></html>`;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** The placeholders a text uses that the trigger does not fill. */
export function unknownVariables(trigger: Trigger, text: string): string[] {
  const known = new Set<string>([...COMMON, ...VARIABLES[trigger]]);
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (!known.has(m[1] as string)) out.add(m[1] as string);
  return [...out];
}

/** Fills the placeholders: as they are in the subject and text, HTML-escaped in the HTML. */
export function render(t: Template, vars: Record<string, string>): Template {
  const fill = (s: string, asHtml: boolean) =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const v = vars[name] ?? "";
      return asHtml ? escapeHtml(v) : v;
    });
  return {
    subject: fill(t.subject, false).replace(/[\r\n]+/g, " "),
    text: fill(t.text, false),
    html: fill(t.html, true),
  };
}

export interface StoredTemplate extends Template {
  trigger: Trigger;
  language: Language;
  /** False while the built-in wording applies. */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The template used for a trigger and language: the tenant's own, else the built-in one. */
export async function templateFor(
  q: Queryable,
  tenantId: string,
  trigger: Trigger,
  language: Language,
): Promise<StoredTemplate> {
  const r = await q.query<{
    subject: string;
    body_text: string;
    body_html: string;
    updated_at: Date | string;
    updated_by: string;
  }>(
    `SELECT subject, body_text, body_html, updated_at, updated_by FROM notification_templates
     WHERE tenant_id = $1 AND trigger = $2 AND language = $3`,
    [tenantId, trigger, language],
  );
  const row = r.rows[0];
  if (!row)
    return {
      ...builtInTemplate(trigger, language),
      trigger,
      language,
      custom: false,
      updatedAt: null,
      updatedBy: null,
    };
  return {
    trigger,
    language,
    subject: row.subject,
    text: row.body_text,
    html: row.body_html,
    custom: true,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/** Every trigger in every language, as used now. */
export async function listTemplates(q: Queryable, tenantId: string): Promise<StoredTemplate[]> {
  const out: StoredTemplate[] = [];
  for (const trigger of TRIGGERS)
    for (const language of LANGUAGES) out.push(await templateFor(q, tenantId, trigger, language));
  return out;
}

/** Refuses placeholders the trigger does not fill, naming the part at fault. */
export function checkTemplate(trigger: Trigger, t: Template): void {
  for (const field of ["subject", "text", "html"] as const) {
    const unknown = unknownVariables(trigger, t[field]);
    if (unknown.length > 0) {
      throw new ApiError(
        "validation_failed",
        `{{${unknown[0]}}} is not a variable of ${trigger}; it has: ${[...COMMON, ...VARIABLES[trigger]].join(", ")}`,
        field,
      );
    }
  }
}

/** Stores the tenant's own wording (audited); `null` goes back to the built-in one. */
export async function putTemplate(
  tx: Queryable,
  tenantId: string,
  trigger: Trigger,
  language: Language,
  t: Template | null,
  change: Change,
): Promise<StoredTemplate> {
  const before = await templateFor(tx, tenantId, trigger, language);
  if (t === null) {
    await tx.query(
      "DELETE FROM notification_templates WHERE tenant_id = $1 AND trigger = $2 AND language = $3",
      [tenantId, trigger, language],
    );
  } else {
    checkTemplate(trigger, t);
    await tx.query(
      `INSERT INTO notification_templates (tenant_id, trigger, language, subject, body_text, body_html, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, trigger, language) DO UPDATE SET subject = EXCLUDED.subject,
         body_text = EXCLUDED.body_text, body_html = EXCLUDED.body_html, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by`,
      [tenantId, trigger, language, t.subject, t.text, t.html, change.at, change.actor],
    );
  }
  const after = await templateFor(tx, tenantId, trigger, language);
  await recordAudit(tx, tenantId, change, {
    action: "notifications.template.update",
    target: `template:${trigger}:${language}`,
    before: { subject: before.subject, text: before.text, html: before.html, custom: before.custom },
    after: { subject: after.subject, text: after.text, html: after.html, custom: after.custom },
  });
  return after;
}
