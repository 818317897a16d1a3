// API keys: create one (its secret shown this once), list them, revoke one after a confirmation.
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { type ApiKey, api, errorMessage, grantable } from "../api.ts";
import { SecretOnce } from "../components/SecretOnce.tsx";
import { useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { DataTable } from "../ui/table.tsx";

export default function ApiKeys() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("keys.title"), heading);
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), role: useId() };
  const roles = grantable(me.role);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET("/v1/api-keys", { params: { query: { limit: 200 } } });
    if (data) setKeys(data.data);
    else setError(errorMessage(failed));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const role = roles.find((r) => r === form.get("role"));
    if (!role) return;
    const name = String(form.get("name") ?? "").trim();
    setBusy(true);
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.POST("/v1/api-keys", {
      body: { role, ...(name === "" ? {} : { name }) },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    setSecret(data.secret);
    await load();
  };

  const revoke = async (key: ApiKey) => {
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.DELETE("/v1/api-keys/{id}", {
      params: { path: { id: key.id } },
    });
    setConfirming(null);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(t("keys.revoked.ok", { name: key.name ?? key.prefix }));
    await load();
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("keys.title")}
        </h1>
        <p className="muted">{t("keys.lead")}</p>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      {secret && (
        <SecretOnce
          value={secret}
          testId="new-secret"
          text={{
            title: t("keys.secretTitle"),
            lead: t("keys.secretLead"),
            copy: t("keys.copy"),
            copied: t("keys.copied"),
            done: t("keys.done"),
          }}
          onDone={() => setSecret(null)}
        />
      )}
      <form className="card inline-form" onSubmit={create} aria-labelledby={`${ids.name}-title`}>
        <h2 id={`${ids.name}-title`}>{t("keys.create")}</h2>
        <div className="field">
          <label htmlFor={ids.name}>{t("keys.name")}</label>
          <input
            id={ids.name}
            name="name"
            required
            pattern=".*\S.*"
            maxLength={100}
            placeholder={t("keys.namePlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t("keys.role")}</label>
          <select id={ids.role} name="role" defaultValue="support">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t("keys.submit")}
        </button>
      </form>
      <DataTable
        columns={[
          t("keys.name"),
          t("keys.prefix"),
          t("keys.role"),
          t("keys.created"),
          t("keys.status"),
          { label: t("keys.actions"), hidden: true },
        ]}
        rows={keys}
        label={t("keys.title")}
        loading={t("loading")}
        empty={t("keys.empty")}
        row={(k) => {
          const label = k.name ?? t("keys.unnamed");
          return (
            <tr key={k.id} className={k.revokedAt ? "revoked" : undefined}>
              <td data-label={t("keys.name")}>
                <strong>{label}</strong>
              </td>
              <td data-label={t("keys.prefix")}>
                <code>{k.prefix}…</code>
              </td>
              <td data-label={t("keys.role")}>
                <span className={`badge role-${k.role}`}>{t(`role.${k.role}`)}</span>
              </td>
              <td data-label={t("keys.created")}>{i18n.date(k.createdAt)}</td>
              <td data-label={t("keys.status")}>
                {k.revokedAt ? (
                  <span className="status off">{t("keys.revokedOn", { date: i18n.date(k.revokedAt) })}</span>
                ) : (
                  <span className="status on">{t("keys.active")}</span>
                )}
              </td>
              <td className="actions">
                {!k.revokedAt &&
                  (confirming === k.id ? (
                    <span className="confirm">
                      <button type="button" className="danger" onClick={() => revoke(k)}>
                        {t("keys.confirmRevoke")}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t("keys.cancel")}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      aria-label={`${t("keys.revoke")}: ${label}`}
                      onClick={() => setConfirming(k.id)}
                    >
                      {t("keys.revoke")}
                    </button>
                  ))}
              </td>
            </tr>
          );
        }}
      />
    </section>
  );
}
