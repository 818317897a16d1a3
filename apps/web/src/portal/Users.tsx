// A company admin's page: the company's portal users and their roles, a new invitation for one, and a new
// user added and invited. Outside production the server answers the invitation link, shown here to pass on.
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { usePortalText } from "../i18n/portal.ts";
import type { Invitation, PortalMe, PortalUser } from "./types.ts";

type Role = PortalUser["role"];
const ROLES: readonly Role[] = ["buyer", "company_admin"];

export function PortalUsers({ me }: { me: PortalMe }) {
  const { t, day } = usePortalText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [users, setUsers] = useState<PortalUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ name: string; invitation: Invitation } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), email: useId(), role: useId(), form: useId(), table: useId() };

  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/portal/users");
    if (data) setUsers(data.data);
    else setError(errorMessage(e));
  }, []);

  useEffect(() => {
    document.title = `${t("portal.users")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);

  const invite = async (u: PortalUser) => {
    setError(null);
    const { data, error: e } = await api.POST("/v1/contacts/{id}/invite", { params: { path: { id: u.id } } });
    if (data) setSent({ name: u.name, invitation: data });
    else setError(errorMessage(e));
    await load();
  };

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const role = String(form.get("role") ?? "buyer") === "company_admin" ? "company_admin" : "buyer";
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed } = await api.POST("/v1/portal/users", {
        body: { name, email: String(form.get("email") ?? "").trim(), role },
      });
      if (data) {
        setSent({ name, invitation: data.invitation });
        formEl.reset();
        await load();
      } else setError(errorMessage(failed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="portal-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("users.title", { company: me.company.name })}
        </h1>
        <p className="muted">{t("users.lead")}</p>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {sent && (
        <div className="alert success" role="status">
          <p>
            <strong>{t("users.added", { name: sent.name })}</strong>
          </p>
          {sent.invitation.link !== null && (
            <>
              <p>{t("users.link", { name: sent.name })}</p>
              <p className="muted small">{t("users.linkLead")}</p>
              <code className="invite-link" data-testid="invite-link">
                {sent.invitation.link}
              </code>
            </>
          )}
        </div>
      )}
      <div className="table-wrap">
        <table aria-labelledby={ids.table}>
          <caption id={ids.table} className="visually-hidden">
            {t("portal.users")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("users.invite")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <span className="badge">{t(`role.${u.role}`)}</span>
                </td>
                <td>
                  {u.passwordSet
                    ? t("users.active")
                    : u.invitationExpiresAt !== null
                      ? t("users.invited", { date: day(u.invitationExpiresAt) })
                      : t("users.notInvited")}
                </td>
                <td>
                  {u.id !== me.contact.id && (
                    <button
                      type="button"
                      onClick={() => invite(u)}
                      aria-label={`${t("users.invite")}: ${u.name}`}
                    >
                      {t("users.invite")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby={ids.form}>
        <h2 id={ids.form}>{t("users.add")}</h2>
        <form onSubmit={add} className="inline-form">
          <div className="field">
            <label htmlFor={ids.name}>{t("users.name")}</label>
            <input id={ids.name} name="name" required autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>{t("users.email")}</label>
            <input id={ids.email} name="email" type="email" required autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={ids.role}>{t("users.role")}</label>
            <select id={ids.role} name="role" defaultValue="buyer">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t("users.submit")}
          </button>
        </form>
      </section>
    </section>
  );
}
