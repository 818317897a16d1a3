// Surveys: the NPS surveys with when they are sent and to whom, a form to make one, and the results of all of
// them together or one, per month and segment or tier.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { idempotencyKey } from "../console/format.ts";
import { COMMS_MANAGERS } from "../console/roles.ts";
import { useCommsText } from "../i18n/comms.ts";
import { usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { useBusy } from "../ui/busy.ts";

type Survey = Schemas["Survey"];
type Group = Schemas["NpsGroup"];
type GroupBy = "none" | "segment" | "tier";
const DEFAULT_QUESTION = "How likely are you to recommend us to a colleague?";

export default function Surveys() {
  const { t, number } = useCommsText();
  const { me } = useSession();
  const canEdit = me ? COMMS_MANAGERS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("surveysAdmin.title"), heading);
  const [surveys, setSurveys] = useState<Survey[] | null>(null);
  const [which, setWhich] = useState("all");
  const [groupBy, setGroupBy] = useState<GroupBy>("none");
  const [rows, setRows] = useState<Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = {
    name: useId(),
    send: useId(),
    every: useId(),
    points: useId(),
    roles: useId(),
    which: useId(),
    group: useId(),
  };

  const { busy, guard } = useBusy();
  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/surveys");
    if (data) setSurveys(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    setRows(null);
    api
      .GET("/v1/surveys/{id}/results", {
        params: { path: { id: which }, query: { groupBy, interval: "month" } },
      })
      .then(({ data, error: e }) => {
        if (data) setRows(data.data);
        else setError(errorMessage(e));
      });
  }, [which, groupBy]);

  const create = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const send = String(form.get("send")) === "schedule" ? "schedule" : "afterOrder";
    const role = String(form.get("roles") ?? "");
    setError(null);
    const { data, error: failed } = await api.POST("/v1/surveys", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: {
        name: String(form.get("name") ?? "").trim(),
        question: DEFAULT_QUESTION,
        circles: [],
        active: true,
        send,
        ...(send === "schedule" ? { everyDays: Number(form.get("every")) } : {}),
        points: Number(form.get("points") ?? 0),
        roles: role === "buyer" || role === "company_admin" ? [role] : [],
      },
    });
    if (data) {
      formEl.reset();
      await load();
    } else setError(errorMessage(failed));
  });

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("surveysAdmin.title")}
        </h1>
        <p className="muted">{t("surveysAdmin.lead")}</p>
        {error && (
          <p className="alert error" role="alert">
            {t("common.error", { message: error })}
          </p>
        )}
      </div>
      <div className="split">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("surveysAdmin.name")}</th>
                <th scope="col">{t("surveysAdmin.send")}</th>
                <th scope="col">{t("surveysAdmin.roles")}</th>
                <th scope="col">{t("surveysAdmin.points")}</th>
                <th scope="col">{t("surveysAdmin.active")}</th>
              </tr>
            </thead>
            <tbody>
              {surveys?.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("surveysAdmin.noSurveys")}
                  </td>
                </tr>
              )}
              {surveys?.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    {s.send === "afterOrder"
                      ? t("surveysAdmin.afterOrder")
                      : t("surveysAdmin.schedule", { n: s.everyDays ?? 0 })}
                  </td>
                  <td>{s.roles.length === 0 ? t("surveysAdmin.allRoles") : s.roles.join(", ")}</td>
                  <td>{s.points}</td>
                  <td>{s.active ? "✓" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit && (
          <aside className="side">
            <form className="card" onSubmit={create}>
              <div className="field">
                <label htmlFor={ids.name}>{t("surveysAdmin.name")}</label>
                <input id={ids.name} name="name" required maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor={ids.send}>{t("surveysAdmin.send")}</label>
                <select id={ids.send} name="send" defaultValue="afterOrder">
                  <option value="afterOrder">{t("surveysAdmin.afterOrder")}</option>
                  <option value="schedule">{t("surveysAdmin.schedule", { n: "N" })}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.every}>{t("surveysAdmin.everyDays")}</label>
                <input id={ids.every} name="every" type="number" min={1} max={3660} defaultValue={90} />
              </div>
              <div className="field">
                <label htmlFor={ids.roles}>{t("surveysAdmin.roles")}</label>
                <select id={ids.roles} name="roles" defaultValue="">
                  <option value="">{t("surveysAdmin.allRoles")}</option>
                  <option value="buyer">buyer</option>
                  <option value="company_admin">company_admin</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.points}>{t("surveysAdmin.points")}</label>
                <input id={ids.points} name="points" type="number" min={0} defaultValue={0} />
              </div>
              <button type="submit" className="primary" disabled={busy}>
                {t("surveysAdmin.create")}
              </button>
            </form>
          </aside>
        )}
      </div>
      <div className="card">
        <h2>{t("surveysAdmin.results")}</h2>
        <div className="field">
          <label htmlFor={ids.which}>{t("surveysAdmin.name")}</label>
          <select id={ids.which} value={which} onChange={(e) => setWhich(e.target.value)}>
            <option value="all">{t("surveysAdmin.none")}</option>
            {surveys?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <label htmlFor={ids.group}>{t("surveysAdmin.groupBy")}</label>
          <select id={ids.group} value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            <option value="none">{t("surveysAdmin.none")}</option>
            <option value="segment">{t("surveysAdmin.segment")}</option>
            <option value="tier">{t("surveysAdmin.tier")}</option>
          </select>
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("surveysAdmin.period")}</th>
                <th scope="col">{t("surveysAdmin.group")}</th>
                <th scope="col">{t("surveysAdmin.responses")}</th>
                <th scope="col">{t("surveysAdmin.promoters")}</th>
                <th scope="col">{t("surveysAdmin.passives")}</th>
                <th scope="col">{t("surveysAdmin.detractors")}</th>
                <th scope="col">{t("surveysAdmin.nps")}</th>
              </tr>
            </thead>
            <tbody>
              {rows?.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t("surveysAdmin.empty")}
                  </td>
                </tr>
              )}
              {rows?.map((r) => (
                <tr key={`${r.period}|${r.group}`}>
                  <td>{r.period?.slice(0, 7) ?? "—"}</td>
                  <td>{r.group ?? "—"}</td>
                  <td>{r.responses}</td>
                  <td>{r.promoters}</td>
                  <td>{r.passives}</td>
                  <td>{r.detractors}</td>
                  <td>
                    <strong>{number(r.nps)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
