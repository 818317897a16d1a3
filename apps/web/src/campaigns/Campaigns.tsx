// Sales campaigns: the list (a sales manager sees those they take part in) and, for those who run them, a form
// that makes a draft with its period, what scores, the target, prizes and participants.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, idempotencyKey } from "../console/format.ts";
import "../console/console.css";
import { CAMPAIGN_MANAGERS } from "../console/roles.ts";
import { useCampaignText } from "../i18n/campaigns.ts";
import { useI18n } from "../i18n.tsx";
import { Link, navigate, usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { useBusy } from "../ui/busy.ts";
import "./campaigns.css";

type Listed = Schemas["CampaignList"]["data"][number];
type Body = Schemas["CampaignRequest"];
type Metric = Body["metric"];
const METRICS: readonly Metric[] = ["amount", "margin", "quantity", "newClients"];

/** Participants typed one a line as `id; team; target`; a staff line's id is a user id. */
export function parseParticipants(
  text: string,
  audience: Body["audience"],
): NonNullable<Body["participants"]> {
  const out: NonNullable<Body["participants"]> = [];
  for (const raw of text.split("\n")) {
    const [who = "", team = "", target = ""] = raw.split(";").map((x) => x.trim());
    if (who === "") continue;
    const m = /^(user|contact|company):(.+)$/.exec(who);
    const kind = m ? (m[1] as "user" | "contact" | "company") : audience === "staff" ? "user" : "contact";
    out.push({
      kind,
      id: m ? (m[2] as string) : who,
      ...(team ? { team } : {}),
      ...(target ? { target } : {}),
    });
  }
  return out;
}

export default function Campaigns() {
  const { t } = useCampaignText();
  const i18n = useI18n();
  const { me } = useSession();
  const canEdit = me ? CAMPAIGN_MANAGERS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("campaigns.title"), heading);
  const [list, setList] = useState<Listed[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = {
    name: useId(),
    audience: useId(),
    metric: useId(),
    from: useId(),
    to: useId(),
    target: useId(),
    filter: useId(),
    grace: useId(),
    people: useId(),
    top: useId(),
    topPrize: useId(),
    topPoints: useId(),
    targetPrize: useId(),
    targetPoints: useId(),
  };

  const { busy, guard } = useBusy();
  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/campaigns", { params: { query: { limit: 200 } } });
    if (data) setList(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const create = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "").trim();
    const audience = text("audience") === "dealer" ? "dealer" : "staff";
    const filter = text("filter")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    const prizes: NonNullable<Body["prizes"]> = [];
    const top = Number(text("top"));
    if (top > 0 && (text("topPrize") || Number(text("topPoints")) > 0))
      prizes.push({ top, prize: text("topPrize") || null, points: Number(text("topPoints")) || 0 });
    if (text("targetPrize") || Number(text("targetPoints")) > 0)
      prizes.push({
        aboveTarget: true,
        prize: text("targetPrize") || null,
        points: Number(text("targetPoints")) || 0,
      });
    setError(null);
    const { data, error: failed } = await api.POST("/v1/campaigns", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: {
        name: text("name"),
        audience,
        metric: (METRICS.find((m) => m === text("metric")) ?? "amount") as Metric,
        // A filter entry with a dash or a digit is taken as an SKU, a plain word as a category.
        skus: filter.filter((x) => /[\d-]/.test(x)),
        categories: filter.filter((x) => !/[\d-]/.test(x)),
        startsOn: text("from"),
        endsOn: text("to"),
        defaultTarget: text("target"),
        milestones: [50, 100, 150],
        graceDays: Number(text("grace") || 3),
        prizes,
        participants: parseParticipants(text("people"), audience),
      },
    });
    if (data) navigate(`/campaigns/${encodeURIComponent(data.id)}`);
    else setError(errorMessage(failed));
  });

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("campaigns.title")}
        </h1>
        <p className="muted">{t("campaigns.lead")}</p>
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
                <th scope="col">{t("campaigns.name")}</th>
                <th scope="col">{t("campaigns.period")}</th>
                <th scope="col">{t("campaigns.metric")}</th>
                <th scope="col">{t("campaigns.participants")}</th>
                <th scope="col">{t("campaigns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list === null && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("common.loading")}
                  </td>
                </tr>
              )}
              {list?.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("campaigns.none")}
                  </td>
                </tr>
              )}
              {list?.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/campaigns/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </td>
                  <td>
                    {day(i18n, c.startsOn)} — {day(i18n, c.endsOn)}
                  </td>
                  <td>{t(`campaigns.metric.${c.metric}`)}</td>
                  <td>{c.participantCount}</td>
                  <td>
                    <span className={`status status-${c.status}`}>{t(`campaigns.status.${c.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit && (
          <aside className="side">
            <form className="card" onSubmit={create} aria-label={t("campaigns.new")}>
              <h2>{t("campaigns.new")}</h2>
              <div className="field">
                <label htmlFor={ids.name}>{t("campaigns.name")}</label>
                <input id={ids.name} name="name" required maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor={ids.audience}>{t("campaigns.audience")}</label>
                <select id={ids.audience} name="audience" defaultValue="staff">
                  <option value="staff">{t("campaigns.audience.staff")}</option>
                  <option value="dealer">{t("campaigns.audience.dealer")}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.metric}>{t("campaigns.metric")}</label>
                <select id={ids.metric} name="metric" defaultValue="amount">
                  {METRICS.map((m) => (
                    <option key={m} value={m}>
                      {t(`campaigns.metric.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.from}>{t("campaigns.startsOn")}</label>
                <input id={ids.from} name="from" type="date" required />
              </div>
              <div className="field">
                <label htmlFor={ids.to}>{t("campaigns.endsOn")}</label>
                <input id={ids.to} name="to" type="date" required />
              </div>
              <div className="field">
                <label htmlFor={ids.target}>{t("campaigns.defaultTarget")}</label>
                <input id={ids.target} name="target" required inputMode="decimal" />
              </div>
              <div className="field">
                <label htmlFor={ids.grace}>{t("campaigns.graceDays")}</label>
                <input id={ids.grace} name="grace" type="number" min={0} max={60} defaultValue={3} />
              </div>
              <div className="field">
                <label htmlFor={ids.filter}>{t("campaigns.filter")}</label>
                <input id={ids.filter} name="filter" />
              </div>
              <div className="field">
                <label htmlFor={ids.people}>{t("campaigns.people")}</label>
                <textarea id={ids.people} name="people" rows={5} aria-describedby={`${ids.people}-hint`} />
                <small id={`${ids.people}-hint`} className="muted">
                  {t("campaigns.peopleHint")}
                </small>
              </div>
              <div className="field">
                <label htmlFor={ids.top}>{t("campaigns.topPlaces")}</label>
                <input id={ids.top} name="top" type="number" min={1} max={1000} defaultValue={3} />
                <label htmlFor={ids.topPrize}>{t("campaigns.topPrize")}</label>
                <input id={ids.topPrize} name="topPrize" maxLength={200} />
                <label htmlFor={ids.topPoints}>{t("campaigns.prizePoints")}</label>
                <input id={ids.topPoints} name="topPoints" type="number" min={0} defaultValue={0} />
              </div>
              <div className="field">
                <label htmlFor={ids.targetPrize}>{t("campaigns.targetPrize")}</label>
                <input id={ids.targetPrize} name="targetPrize" maxLength={200} />
                <label htmlFor={ids.targetPoints}>{t("campaigns.prizePoints")}</label>
                <input id={ids.targetPoints} name="targetPoints" type="number" min={0} defaultValue={0} />
              </div>
              <button type="submit" className="primary" disabled={busy}>
                {t("campaigns.create")}
              </button>
            </form>
          </aside>
        )}
      </div>
    </section>
  );
}
