// Users: the console's people and their roles, a form to add one with a role the signer may grant, and a new
// password set for a user of such a role (or one's own, with the current one).
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage, grantable, ROLES, type User } from "../api.ts";
import { PasswordForm } from "../console/PasswordForm.tsx";
import { useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { DataTable } from "../ui/table.tsx";

export default function Users() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("users.title"), heading);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The user whose password is being set, with the button that opened the form (focused again after it).
  const [passwordOf, setPasswordOf] = useState<User | null>(null);
  const ids = { name: useId(), email: useId(), role: useId(), password: useId(), hint: useId() };
  const roles = grantable(me.role);
  const own = (u: User) => me.user !== null && me.user.id === u.id;
  /** The server lets owners and admins set the password of a role they may grant, and everyone their own. */
  const maySetPassword = (u: User) => own(u) || roles.includes(u.role);
  const opener = useRef<string | null>(null);
  const closePassword = useCallback((message: string | null) => {
    setPasswordOf(null);
    // Back to the button that opened the form.
    if (opener.current) document.getElementById(opener.current)?.focus();
    if (message !== null) {
      setError(null);
      setNotice(message);
    }
  }, []);
  const cancelPassword = useCallback(() => closePassword(null), [closePassword]);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET("/v1/users", { params: { query: { limit: 200 } } });
    if (data) setUsers(data.data);
    else setError(errorMessage(failed));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    const role = roles.find((r) => r === form.get("role"));
    if (!role) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.POST("/v1/users", {
      body: {
        name: String(form.get("name") ?? "").trim(),
        email: String(form.get("email") ?? "").trim(),
        role,
        ...(password === "" ? {} : { password }),
      },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    setNotice(t("users.created.ok", { name: data.name }));
    await load();
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("users.title")}
        </h1>
        <p className="muted">{t("users.lead")}</p>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <div className="split">
        <DataTable
          columns={[
            t("users.name"),
            t("users.email"),
            t("users.role"),
            t("users.created"),
            { label: t("keys.actions"), hidden: true },
          ]}
          rows={users}
          className="users-table"
          label={t("users.title")}
          loading={t("loading")}
          empty={t("users.empty")}
          row={(u) => (
            <tr key={u.id}>
              <td data-label={t("users.name")}>
                <strong>{u.name}</strong>
              </td>
              <td data-label={t("users.email")}>
                <Email address={u.email} />
              </td>
              <td data-label={t("users.role")}>
                <span className={`badge role-${u.role}`}>{t(`role.${u.role}`)}</span>
              </td>
              <td data-label={t("users.created")}>{i18n.date(u.createdAt)}</td>
              <td className="actions">
                {maySetPassword(u) && (
                  <button
                    type="button"
                    id={`password-${u.id}`}
                    aria-label={t("password.setFor", { name: u.name })}
                    aria-expanded={passwordOf?.id === u.id}
                    onClick={(e) => {
                      opener.current = e.currentTarget.id;
                      setNotice(null);
                      setPasswordOf(u);
                    }}
                  >
                    {t("password.button")}
                  </button>
                )}
              </td>
            </tr>
          )}
        />
        <aside className="side">
          {passwordOf && (
            <PasswordForm
              key={passwordOf.id}
              user={passwordOf}
              own={own(passwordOf)}
              onDone={closePassword}
              onCancel={cancelPassword}
            />
          )}
          <form className="card" onSubmit={create} aria-labelledby={`${ids.name}-title`}>
            <h2 id={`${ids.name}-title`}>{t("users.add")}</h2>
            <div className="field">
              <label htmlFor={ids.name}>{t("users.name")}</label>
              <input id={ids.name} name="name" required maxLength={200} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={ids.email}>{t("users.email")}</label>
              <input id={ids.email} name="email" type="email" required maxLength={254} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={ids.role}>{t("users.role")}</label>
              <select id={ids.role} name="role" defaultValue="support">
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.password}>{t("users.password")}</label>
              <input
                id={ids.password}
                name="password"
                type="password"
                minLength={12}
                maxLength={256}
                autoComplete="new-password"
                aria-describedby={ids.hint}
              />
              <small id={ids.hint} className="muted">
                {t("users.passwordHint")}
              </small>
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {t("users.create")}
            </button>
          </form>
          <div className="card">
            <h2>{t("users.roles")}</h2>
            <dl className="roles">
              {ROLES.map((r) => (
                <div key={r}>
                  <dt>
                    <span className={`badge role-${r}`}>{t(`role.${r}`)}</span>
                  </dt>
                  <dd className="muted">{t(`roleInfo.${r}`)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </aside>
      </div>
    </section>
  );
}

/** An email address that may break after its @ (and nowhere else) when the column is narrow. */
function Email({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at < 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
