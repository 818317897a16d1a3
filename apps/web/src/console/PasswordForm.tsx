// Setting a console user's password (POST /v1/users/{id}/password): one's own, with the current one, from the
// account page; another user's, by an owner or admin for the roles they may grant, from the users page.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { idempotencyKey } from "./format.ts";
import "./console.css";

/** The server's shortest password. */
export const MIN_PASSWORD_CHARS = 12;

export function PasswordForm({
  user,
  own,
  onDone,
  onCancel,
}: {
  user: { id: string; name: string };
  /** One's own password: the current one is asked for, and other sessions end. */
  own: boolean;
  onDone(message: string): void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const ids = {
    title: useId(),
    current: useId(),
    password: useId(),
    repeat: useId(),
    hint: useId(),
    comment: useId(),
  };
  const first = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A form opened for another user takes the focus, so that its fields come next.
  useEffect(() => {
    if (onCancel) first.current?.focus();
  }, [onCancel]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    const comment = String(form.get("comment") ?? "").trim();
    if (password !== String(form.get("repeat") ?? "")) {
      setError(t("password.mismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    const { data, error: failed } = await api.POST("/v1/users/{id}/password", {
      params: { path: { id: user.id }, header: { "idempotency-key": idempotencyKey() } },
      body: {
        password,
        ...(own ? { currentPassword: String(form.get("currentPassword") ?? "") } : {}),
        ...(comment ? { comment } : {}),
      },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    onDone(own ? t("password.ownSet") : t("password.set", { name: data.name }));
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby={ids.title} data-testid="password-form">
      <h2 id={ids.title}>{own ? t("password.ownTitle") : t("password.title", { name: user.name })}</h2>
      <p className="muted small">{own ? t("password.ownLead") : t("password.lead")}</p>
      {own && (
        <div className="field">
          <label htmlFor={ids.current}>{t("password.current")}</label>
          <input
            ref={first}
            id={ids.current}
            name="currentPassword"
            type="password"
            required
            maxLength={256}
            autoComplete="current-password"
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.password}>{t("password.new")}</label>
        <input
          ref={own ? undefined : first}
          id={ids.password}
          name="password"
          type="password"
          required
          minLength={MIN_PASSWORD_CHARS}
          maxLength={256}
          autoComplete="new-password"
          aria-describedby={ids.hint}
        />
        <small id={ids.hint} className="muted">
          {t("password.hint")}
        </small>
      </div>
      <div className="field">
        <label htmlFor={ids.repeat}>{t("password.repeat")}</label>
        <input
          id={ids.repeat}
          name="repeat"
          type="password"
          required
          minLength={MIN_PASSWORD_CHARS}
          maxLength={256}
          autoComplete="new-password"
        />
      </div>
      {!own && (
        <div className="field">
          <label htmlFor={ids.comment}>{t("adjust.comment")}</label>
          <input id={ids.comment} name="comment" maxLength={500} />
        </div>
      )}
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("password.submit")}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t("keys.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
