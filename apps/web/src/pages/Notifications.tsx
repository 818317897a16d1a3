// Notification settings for a program manager: which triggers are on and their parameters, quiet hours, the
// cap per contact and the default language; and the templates of each trigger and language, edited with a
// preview rendered by the server from sample data.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { COMMS_MANAGERS } from "../console/roles.ts";
import { type CommsKey, useCommsText } from "../i18n/comms.ts";
import { usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";

type Settings = Schemas["NotificationSettings"];
type Triggers = Settings["triggers"];
type TriggerName = keyof Triggers;
type Template = Schemas["NotificationTemplate"];

const TRIGGERS: readonly TriggerName[] = [
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
];
const LANGUAGES = ["en", "ru", "uk"] as const;

/**
 * The body of a template's HTML without what could run or load anything: a preview inside the page (the page's
 * policy forbids frames, and runs no inline script or handler either).
 */
function safeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const el of doc.querySelectorAll("script, iframe, object, embed, link, meta, base, form, style"))
    el.remove();
  for (const el of doc.querySelectorAll("*")) {
    for (const a of [...el.attributes]) {
      if (a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)) el.removeAttribute(a.name);
    }
  }
  return doc.body.innerHTML;
}

/** The one number (or list) each trigger is tuned by, as text in its field. */
function paramOf(name: TriggerName, t: Triggers): string | null {
  if (name === "pointsEarned") return String(t.pointsEarned.minPoints);
  if (name === "pointsExpiring") return t.pointsExpiring.daysBefore.join(", ");
  if (name === "tierAtRisk") return String(t.tierAtRisk.windowDays);
  if (name === "inactivity") return String(t.inactivity.days);
  return null;
}

function triggersFrom(form: FormData, before: Triggers): Triggers {
  const on = (n: TriggerName) => form.get(`on.${n}`) === "on";
  const num = (n: TriggerName, fallback: number) => {
    const v = Number(form.get(`param.${n}`));
    return Number.isFinite(v) && String(form.get(`param.${n}`)).trim() !== "" ? v : fallback;
  };
  const days = String(form.get("param.pointsExpiring") ?? "")
    .split(/[,\s]+/)
    .filter((x) => x !== "")
    .map(Number);
  return {
    welcome: { enabled: on("welcome") },
    pointsEarned: {
      enabled: on("pointsEarned"),
      minPoints: num("pointsEarned", before.pointsEarned.minPoints),
    },
    pointsExpiring: { enabled: on("pointsExpiring"), daysBefore: days },
    tierUp: { enabled: on("tierUp") },
    tierAtRisk: { enabled: on("tierAtRisk"), windowDays: num("tierAtRisk", before.tierAtRisk.windowDays) },
    rewardOrder: { enabled: on("rewardOrder") },
    inactivity: { enabled: on("inactivity"), days: num("inactivity", before.inactivity.days) },
    birthday: { enabled: on("birthday") },
    anniversary: { enabled: on("anniversary") },
    survey: { enabled: on("survey") },
    campaign: { enabled: on("campaign") },
  };
}

export default function Notifications() {
  const { t } = useCommsText();
  const { me } = useSession();
  const canEdit = me ? COMMS_MANAGERS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("notifications.title"), heading);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), cap: useId(), lang: useId(), sender: useId() };

  useEffect(() => {
    api.GET("/v1/notifications/settings").then(({ data, error: e }) => {
      if (data) setSettings(data);
      else setError(errorMessage(e));
    });
  }, []);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!settings) return;
    const form = new FormData(e.currentTarget);
    const from = String(form.get("quietFrom") ?? "");
    const to = String(form.get("quietTo") ?? "");
    const sender = String(form.get("sender") ?? "").trim();
    setNotice(null);
    setError(null);
    const { data, error: failed } = await api.PUT("/v1/notifications/settings", {
      body: {
        triggers: triggersFrom(form, settings.triggers),
        quietHours: from && to ? { from, to } : null,
        maxEmailsPerDay: Number(form.get("cap")),
        defaultLanguage: String(form.get("language")) as (typeof LANGUAGES)[number],
        fromAddress: sender === "" ? null : sender,
      },
    });
    if (data) {
      setSettings(data);
      setNotice(t("notifications.saved"));
    } else setError(errorMessage(failed));
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("notifications.title")}
        </h1>
        <p className="muted">{t("notifications.lead")}</p>
        {notice && <p className="alert success">{notice}</p>}
        {error && (
          <p className="alert error" role="alert">
            {t("common.error", { message: error })}
          </p>
        )}
      </div>
      {settings === null ? (
        <p className="muted" role="status">
          {t("common.loading")}
        </p>
      ) : (
        <form className="card" onSubmit={save}>
          <h2>{t("notifications.triggers")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("notifications.trigger")}</th>
                  <th scope="col">{t("notifications.enabled")}</th>
                  <th scope="col">{t("notifications.param")}</th>
                </tr>
              </thead>
              <tbody>
                {TRIGGERS.map((n) => {
                  const param = paramOf(n, settings.triggers);
                  return (
                    <tr key={n}>
                      <th scope="row">{t(`trigger.${n}` as CommsKey)}</th>
                      <td>
                        <input
                          type="checkbox"
                          name={`on.${n}`}
                          aria-label={`${t(`trigger.${n}` as CommsKey)}: ${t("notifications.enabled")}`}
                          defaultChecked={settings.triggers[n].enabled}
                          disabled={!canEdit}
                        />
                      </td>
                      <td>
                        {param !== null && (
                          <input
                            name={`param.${n}`}
                            aria-label={`${t(`trigger.${n}` as CommsKey)}: ${t("notifications.param")}`}
                            defaultValue={param}
                            disabled={!canEdit}
                            size={10}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <fieldset>
            <legend>{t("notifications.quiet")}</legend>
            <label htmlFor={ids.from}>{t("notifications.quietFrom")}</label>{" "}
            <input
              id={ids.from}
              name="quietFrom"
              type="time"
              defaultValue={settings.quietHours?.from ?? ""}
            />{" "}
            <label htmlFor={ids.to}>{t("notifications.quietTo")}</label>{" "}
            <input id={ids.to} name="quietTo" type="time" defaultValue={settings.quietHours?.to ?? ""} />
          </fieldset>
          <div className="field">
            <label htmlFor={ids.cap}>{t("notifications.cap")}</label>
            <input
              id={ids.cap}
              name="cap"
              type="number"
              min={1}
              max={100}
              defaultValue={settings.maxEmailsPerDay}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.lang}>{t("notifications.language")}</label>
            <select id={ids.lang} name="language" defaultValue={settings.defaultLanguage}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.sender}>{t("notifications.from")}</label>
            <input id={ids.sender} name="sender" defaultValue={settings.fromAddress ?? ""} />
          </div>
          {canEdit && (
            <button type="submit" className="primary">
              {t("notifications.save")}
            </button>
          )}
        </form>
      )}
      <Templates canEdit={canEdit} />
    </section>
  );
}

function Templates({ canEdit }: { canEdit: boolean }) {
  const { t } = useCommsText();
  const [all, setAll] = useState<Template[] | null>(null);
  const [trigger, setTrigger] = useState<TriggerName>("welcome");
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]>("en");
  const [draft, setDraft] = useState<{ subject: string; text: string; html: string } | null>(null);
  const [preview, setPreview] = useState<{ subject: string; text: string; html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { trigger: useId(), language: useId(), subject: useId(), text: useId(), html: useId() };

  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/notifications/templates");
    if (data) setAll(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const current = all?.find((x) => x.trigger === trigger && x.language === language) ?? null;
  useEffect(() => {
    setDraft(current ? { subject: current.subject, text: current.text, html: current.html } : null);
    setPreview(null);
  }, [current]);

  const show = async () => {
    if (!draft) return;
    setError(null);
    const { data, error: e } = await api.POST("/v1/notifications/templates/preview", {
      body: { trigger, language, ...draft },
    });
    if (data) setPreview(data);
    else setError(errorMessage(e));
  };
  const store = async (reset: boolean) => {
    if (!draft) return;
    setError(null);
    setNotice(null);
    const { data, error: e } = await api.PUT("/v1/notifications/templates/{trigger}/{language}", {
      params: { path: { trigger, language } },
      body: reset ? { reset: true } : draft,
    });
    if (data) {
      setNotice(t("notifications.saved"));
      await load();
    } else setError(errorMessage(e));
  };

  return (
    <div className="card">
      <h2>{t("notifications.templates")}</h2>
      {error && (
        <p className="alert error" role="alert">
          {t("common.error", { message: error })}
        </p>
      )}
      {notice && <p className="alert success">{notice}</p>}
      <div className="field">
        <label htmlFor={ids.trigger}>{t("notifications.trigger")}</label>
        <select id={ids.trigger} value={trigger} onChange={(e) => setTrigger(e.target.value as TriggerName)}>
          {TRIGGERS.map((n) => (
            <option key={n} value={n}>
              {t(`trigger.${n}` as CommsKey)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.language}>{t("notifications.templateLanguage")}</label>
        <select
          id={ids.language}
          value={language}
          onChange={(e) => setLanguage(e.target.value as (typeof LANGUAGES)[number])}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        {current?.custom && <span className="muted"> ({t("notifications.custom")})</span>}
      </div>
      {draft && current && (
        <>
          <p className="muted">
            {t("notifications.variables", { list: current.variables.map((v) => `{{${v}}}`).join(" ") })}
          </p>
          <div className="field">
            <label htmlFor={ids.subject}>{t("notifications.subject")}</label>
            <input
              id={ids.subject}
              value={draft.subject}
              onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.text}>{t("notifications.text")}</label>
            <textarea
              id={ids.text}
              rows={8}
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.html}>{t("notifications.html")}</label>
            <textarea
              id={ids.html}
              rows={8}
              value={draft.html}
              onChange={(e) => setDraft({ ...draft, html: e.target.value })}
            />
          </div>
          <button type="button" onClick={show}>
            {t("notifications.preview")}
          </button>{" "}
          {canEdit && (
            <>
              <button type="button" className="primary" onClick={() => store(false)}>
                {t("notifications.saveTemplate")}
              </button>{" "}
              <button type="button" onClick={() => store(true)}>
                {t("notifications.reset")}
              </button>
            </>
          )}
        </>
      )}
      {preview && (
        <section aria-label={t("notifications.preview")} className="preview">
          <h3>{preview.subject}</h3>
          <pre className="preview-text">{preview.text}</pre>
          <div
            className="preview-html"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server escaped every value, safeHtml drops scripts and handlers, and the page's CSP runs no inline code
            dangerouslySetInnerHTML={{ __html: safeHtml(preview.html) }}
          />
        </section>
      )}
    </div>
  );
}
