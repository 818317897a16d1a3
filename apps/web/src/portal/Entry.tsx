// The portal's ways in: sign-in with organisation, email and password, and accepting an invitation link by
// choosing a password.
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { LanguageSelect } from "../components/LanguageSelect.tsx";
import { usePortalText } from "../i18n/portal.ts";
import type { PortalMe } from "./types.ts";

const TENANT_KEY = "patron.tenant";

function Frame({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  const { t } = usePortalText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Patron`;
  }, [title]);
  return (
    <div className="signin-page">
      <header className="signin-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("portal.name")}</span>
        </span>
        <LanguageSelect />
      </header>
      <main className="signin-main">
        <div className="signin-card">
          <h1 ref={heading}>{title}</h1>
          <p className="muted">{lead}</p>
          {children}
        </div>
      </main>
    </div>
  );
}

export function PortalSignIn({ onSignedIn }: { onSignedIn(me: PortalMe): void }) {
  const { t } = usePortalText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { tenant: useId(), email: useId(), password: useId(), error: useId() };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const tenant = String(form.get("tenant") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed } = await api.POST("/v1/portal/sessions", {
        body: {
          tenant,
          email: String(form.get("email") ?? "").trim(),
          password: String(form.get("password") ?? ""),
        },
      });
      if (data) {
        localStorage.setItem(TENANT_KEY, tenant);
        onSignedIn(data);
      } else setError(errorMessage(failed));
    } catch (x) {
      setError(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={t("signIn.title")} lead={t("signIn.lead")}>
      <form onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
        <div className="field">
          <label htmlFor={ids.tenant}>{t("signIn.tenant")}</label>
          <input
            id={ids.tenant}
            name="tenant"
            required
            autoComplete="organization"
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={localStorage.getItem(TENANT_KEY) ?? ""}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t("signIn.email")}</label>
          <input id={ids.email} name="email" type="email" required autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t("signIn.password")}</label>
          <input id={ids.password} name="password" type="password" required autoComplete="current-password" />
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
    </Frame>
  );
}

export function AcceptInvite({ onSignedIn }: { onSignedIn(me: PortalMe): void }) {
  const { t } = usePortalText();
  const params = new URLSearchParams(window.location.search);
  const tenant = params.get("tenant") ?? "";
  const token = params.get("token") ?? "";
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { password: useId(), confirm: useId(), hint: useId(), error: useId() };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError(t("accept.mismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed } = await api.POST("/v1/portal/accept-invite", {
        body: { tenant, token, password },
      });
      if (data) {
        localStorage.setItem(TENANT_KEY, tenant);
        // The token leaves the address bar and the history once used.
        window.history.replaceState(null, "", "/portal");
        onSignedIn(data);
      } else setError(errorMessage(failed));
    } catch (x) {
      setError(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={t("accept.title")} lead={t("accept.lead")}>
      {tenant === "" || token === "" ? (
        <p className="alert error" role="alert">
          {t("accept.noToken")}
        </p>
      ) : (
        <form onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
          <div className="field">
            <label htmlFor={ids.password}>{t("accept.password")}</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              aria-describedby={ids.hint}
            />
            <small id={ids.hint} className="muted">
              {t("accept.hint")}
            </small>
          </div>
          <div className="field">
            <label htmlFor={ids.confirm}>{t("accept.confirm")}</label>
            <input
              id={ids.confirm}
              name="confirm"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
            />
          </div>
          {error && (
            <p id={ids.error} className="alert error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary wide" disabled={busy}>
            {t("accept.submit")}
          </button>
        </form>
      )}
    </Frame>
  );
}
