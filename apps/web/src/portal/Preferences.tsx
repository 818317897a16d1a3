// The contact's own e-mail preferences in the portal: the language of messages, the birthday, and the
// categories of e-mail wanted (those left unticked are unsubscribed).

import type { Schemas } from "@patron/sdk";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type CommsKey, useCommsText } from "../i18n/comms.ts";

type Profile = Schemas["CommunicationProfile"];
type Category = Profile["unsubscribed"][number];
const CATEGORIES: readonly Category[] = ["account", "points", "tiers", "rewards", "news", "surveys"];
const LANGUAGES = ["en", "ru", "uk"] as const;
const LANGUAGE_NAMES = { en: "English", ru: "Русский", uk: "Українська" } as const;

export function PortalPreferences() {
  const { t } = useCommsText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { language: useId(), birthday: useId() };

  useEffect(() => {
    document.title = `${t("prefs.title")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    api.GET("/v1/portal/preferences").then(({ data, error: e }) => {
      if (data) setProfile(data);
      else setError(errorMessage(e));
    });
  }, []);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const language = String(form.get("language") ?? "");
    const birthday = String(form.get("birthday") ?? "");
    const wanted = new Set(form.getAll("category").map(String));
    setStatus(null);
    setError(null);
    const { data, error: failed } = await api.PUT("/v1/portal/preferences", {
      body: {
        language: language === "" ? null : (language as (typeof LANGUAGES)[number]),
        birthday: birthday === "" ? null : birthday,
        unsubscribed: CATEGORIES.filter((c) => !wanted.has(c)),
      },
    });
    if (data) {
      setProfile(data);
      setStatus(t("prefs.saved"));
    } else setError(errorMessage(failed));
  };

  return (
    <section aria-labelledby="prefs-title">
      <h1 id="prefs-title" ref={heading} tabIndex={-1}>
        {t("prefs.title")}
      </h1>
      <p className="muted">{t("prefs.lead")}</p>
      {error && <p role="alert">{t("common.error", { message: error })}</p>}
      {profile === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <form className="card prefs" onSubmit={save}>
          <label htmlFor={ids.language}>{t("prefs.language")}</label>
          <select id={ids.language} name="language" defaultValue={profile.language ?? ""}>
            <option value="">{t("prefs.languageDefault")}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <label htmlFor={ids.birthday}>{t("prefs.birthday")}</label>
          <input id={ids.birthday} name="birthday" type="date" defaultValue={profile.birthday ?? ""} />
          <fieldset>
            <legend>{t("prefs.categories")}</legend>
            {CATEGORIES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  name="category"
                  value={c}
                  defaultChecked={!profile.unsubscribed.includes(c)}
                />
                {t(`category.${c}` as CommsKey)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t("prefs.save")}</button>
          {status && <p role="status">{status}</p>}
        </form>
      )}
    </section>
  );
}
