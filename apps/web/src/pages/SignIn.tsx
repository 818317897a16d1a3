// The sign-in page: organisation, email and password; the organisation is remembered for next time.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { LanguageSelect } from "../components/LanguageSelect.tsx";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

const TENANT_KEY = "patron.tenant";

export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { tenant: useId(), email: useId(), password: useId(), hint: useId(), error: useId() };
  const rememberedTenant = localStorage.getItem(TENANT_KEY) ?? "";

  useEffect(() => {
    document.title = `${t("signIn.title")}`;
  }, [t]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const tenant = String(form.get("tenant") ?? "").trim();
    setBusy(true);
    setError(null);
    const failed = await signIn(
      tenant,
      String(form.get("email") ?? "").trim(),
      String(form.get("password") ?? ""),
    );
    setBusy(false);
    if (failed === null) localStorage.setItem(TENANT_KEY, tenant);
    else setError(failed);
  };

  return (
    <div className="signin-page">
      <header className="signin-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("app.name")}</span>
        </span>
        <LanguageSelect />
      </header>
      <main className="signin-main">
        <div className="signin-card">
          <h1 ref={heading}>{t("signIn.title")}</h1>
          <p className="muted">{t("signIn.lead")}</p>
          <form onSubmit={submit} noValidate={false} aria-describedby={error ? ids.error : undefined}>
            <div className="field">
              <label htmlFor={ids.tenant}>{t("signIn.tenant")}</label>
              <input
                id={ids.tenant}
                name="tenant"
                required
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                defaultValue={rememberedTenant}
                aria-describedby={ids.hint}
              />
              <small id={ids.hint} className="muted">
                {t("signIn.tenantHint")}
              </small>
            </div>
            <div className="field">
              <label htmlFor={ids.email}>{t("signIn.email")}</label>
              <input id={ids.email} name="email" type="email" required autoComplete="username" />
            </div>
            <div className="field">
              <label htmlFor={ids.password}>{t("signIn.password")}</label>
              <input
                id={ids.password}
                name="password"
                type="password"
                required
                autoComplete="current-password"
              />
            </div>
            {error && (
              <p id={ids.error} className="alert error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary wide" disabled={busy}>
              {busy ? t("signIn.busy") : t("signIn.submit")}
            </button>
          </form>
        </div>
        <p className="signin-foot muted">{t("app.tagline")}</p>
      </main>
    </div>
  );
}
