// One sales campaign: its live leaderboard (individuals and teams, refreshed every half minute), the caller's
// own standing, the actions of its stage (start, close, copy, send standings, export) and the report of sales
// against plan with the prizes awarded.
import type { Schemas } from "@patron/sdk";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal, idempotencyKey, quantity } from "../console/format.ts";
import "../console/console.css";
import { CAMPAIGN_MANAGERS, CAMPAIGN_REPORTERS } from "../console/roles.ts";
import { useCampaignText } from "../i18n/campaigns.ts";
import { useI18n } from "../i18n.tsx";
import { Link, navigate, usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { useBusy } from "../ui/busy.ts";
import "./campaigns.css";

type Board = Schemas["CampaignLeaderboard"];
type Report = Schemas["CampaignReport"];
type Setup = Schemas["Campaign"];
export const REFRESH_MS = 30_000;

export function Progress({ milli, label }: { milli: number; label: string }) {
  return (
    <span className="progress" title={label}>
      <span className="progress-bar" style={{ width: `${Math.min(100, milli / 10)}%` }} />
      <span className="progress-text">{label}</span>
    </span>
  );
}

export default function Campaign({ id }: { id: string }) {
  const { t, time, percent, badge } = useCampaignText();
  const i18n = useI18n();
  const { me } = useSession();
  const canEdit = me ? CAMPAIGN_MANAGERS.includes(me.role) : false;
  const canReport = me ? CAMPAIGN_REPORTERS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const copyId = useId();
  const { busy, guard } = useBusy();
  usePageTitle(setup?.name ?? t("campaigns.title"), heading);

  const load = useCallback(async () => {
    const path = { params: { path: { id } } };
    const [s, b] = await Promise.all([
      api.GET("/v1/campaigns/{id}", path),
      api.GET("/v1/campaigns/{id}/leaderboard", { params: { path: { id }, query: { limit: 500 } } }),
    ]);
    if (s.data) setSetup(s.data);
    else return setError(errorMessage(s.error));
    if (b.data) setBoard(b.data);
    else setError(errorMessage(b.error));
    if (canReport) {
      const r = await api.GET("/v1/campaigns/{id}/report", path);
      if (r.data) setReport(r.data);
    }
  }, [id, canReport]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const act = guard(async (verb: "start" | "close") => {
    setError(null);
    const r = await api.POST(`/v1/campaigns/{id}/${verb}`, {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: {},
    });
    if (r.error) setError(errorMessage(r.error));
    await load();
  });
  const notify = guard(async () => {
    setError(null);
    const r = await api.POST("/v1/campaigns/{id}/notify", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
    });
    if (r.data) setNotice(t("campaigns.notified", { n: r.data.emails }));
    else setError(errorMessage(r.error));
  });
  const copy = guard(async (form: FormData) => {
    if (!setup) return;
    setError(null);
    const r = await api.POST("/v1/campaigns/{id}/copy", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: {
        name: String(form.get("name") ?? "").trim(),
        startsOn: String(form.get("from") ?? ""),
        endsOn: String(form.get("to") ?? ""),
      },
    });
    if (r.data) navigate(`/campaigns/${encodeURIComponent(r.data.id)}`);
    else setError(errorMessage(r.error));
  });

  const currency = board?.currency ?? report?.currency ?? null;
  /** A score or target: money in the campaign's currency, or a count. */
  const unit = (v: string) => (currency ? decimal(i18n, v, currency) : quantity(i18n, v));
  const money = (v: string) => decimal(i18n, v, currency ?? undefined);
  const mine = board?.me;
  return (
    <section className="page campaign">
      <div className="page-head">
        <p>
          <Link href="/campaigns">← {t("campaigns.back")}</Link>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {setup?.name ?? t("common.loading")}
        </h1>
        {setup && (
          <p className="muted">
            {day(i18n, setup.startsOn)} — {day(i18n, setup.endsOn)} · {t(`campaigns.metric.${setup.metric}`)}{" "}
            · {t(`campaigns.audience.${setup.audience}`)} · {t("campaigns.graceLine", { n: setup.graceDays })}{" "}
            · <span className={`status status-${setup.status}`}>{t(`campaigns.status.${setup.status}`)}</span>
          </p>
        )}
        {error && (
          <p className="alert error" role="alert">
            {t("common.error", { message: error })}
          </p>
        )}
        {notice && (
          <p className="alert" role="status">
            {notice}
          </p>
        )}
      </div>
      {setup && (
        <div className="actions">
          <Link className="button" href={`/campaigns/${encodeURIComponent(id)}/board`}>
            {t("campaigns.board")}
          </Link>
          {canEdit && setup.status === "draft" && (
            <button type="button" className="primary" disabled={busy} onClick={() => act("start")}>
              {t("campaigns.start")}
            </button>
          )}
          {canEdit && setup.status === "running" && (
            <>
              <button type="button" disabled={busy} onClick={() => act("close")}>
                {t("campaigns.close")}
              </button>
              {setup.audience === "dealer" && (
                <button type="button" disabled={busy} onClick={notify}>
                  {t("campaigns.notify")}
                </button>
              )}
            </>
          )}
          {canReport && (
            <a className="button" href={`/v1/campaigns/${encodeURIComponent(id)}/export`} download>
              {t("campaigns.export")}
            </a>
          )}
        </div>
      )}
      {mine && board && (
        <section className="card mine" aria-label={t("campaigns.mine")}>
          <h2>{t("campaigns.mine")}</h2>
          <p>
            {t("campaigns.mineLine", {
              rank: mine.rank,
              n: board.participants,
              score: unit(mine.score),
              target: unit(mine.target),
              progress: percent(mine.progressMilli),
            })}
          </p>
          <p className="badges">
            {mine.badges.map((b) => (
              <span key={b} className="badge">
                {badge(b)}
              </span>
            ))}
          </p>
        </section>
      )}
      {board && (
        <div className="stack">
          <div className="card">
            <h2>{t("campaigns.leaderboard")}</h2>
            <p className="muted">{t("campaigns.refreshed", { time: time(board.refreshedAt) })}</p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls, and the keyboard must reach it */}
            <section className="table-wrap" aria-label={t("campaigns.leaderboard")} tabIndex={0}>
              <table aria-label={t("campaigns.leaderboard")}>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.rank")}</th>
                    <th scope="col">{t("campaigns.participant")}</th>
                    <th scope="col">{t("campaigns.team")}</th>
                    <th scope="col">{t("campaigns.score")}</th>
                    <th scope="col">{t("campaigns.target")}</th>
                    <th scope="col">{t("campaigns.progress")}</th>
                    <th scope="col">{t("campaigns.badges")}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.individuals.length === 0 && (
                    <tr>
                      <td colSpan={7} className="muted">
                        {t("campaigns.empty")}
                      </td>
                    </tr>
                  )}
                  {board.individuals.map((r) => (
                    <tr
                      key={r.participant}
                      className={r.participant === mine?.participant ? "me" : undefined}
                    >
                      <td>{r.rank}</td>
                      <td>{r.name}</td>
                      <td>{r.team ?? "—"}</td>
                      <td className="num">{unit(r.score)}</td>
                      <td className="num">{unit(r.target)}</td>
                      <td>
                        <Progress milli={r.progressMilli} label={percent(r.progressMilli)} />
                      </td>
                      <td>
                        {r.badges.map((b) => (
                          <span key={b} className="badge">
                            {badge(b)}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <aside className="side-by-side">
            <div className="card">
              <h2>{t("campaigns.teams")}</h2>
              <table aria-label={t("campaigns.teams")}>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.rank")}</th>
                    <th scope="col">{t("campaigns.team")}</th>
                    <th scope="col">{t("campaigns.score")}</th>
                    <th scope="col">{t("campaigns.progress")}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.teams.map((r) => (
                    <tr key={r.team}>
                      <td>{r.rank}</td>
                      <td>{r.team}</td>
                      <td className="num">{unit(r.score)}</td>
                      <td>
                        <Progress milli={r.progressMilli} label={percent(r.progressMilli)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canEdit && (
              <form
                className="card"
                aria-label={t("campaigns.copy")}
                onSubmit={(e) => {
                  e.preventDefault();
                  copy(new FormData(e.currentTarget));
                }}
              >
                <h2>{t("campaigns.copy")}</h2>
                <div className="field">
                  <label htmlFor={`${copyId}-name`}>{t("campaigns.copyName")}</label>
                  <input id={`${copyId}-name`} name="name" required defaultValue={setup?.name} />
                </div>
                <div className="field">
                  <label htmlFor={`${copyId}-from`}>{t("campaigns.startsOn")}</label>
                  <input id={`${copyId}-from`} name="from" type="date" required />
                </div>
                <div className="field">
                  <label htmlFor={`${copyId}-to`}>{t("campaigns.endsOn")}</label>
                  <input id={`${copyId}-to`} name="to" type="date" required />
                </div>
                <button type="submit" disabled={busy}>
                  {t("campaigns.copy")}
                </button>
              </form>
            )}
          </aside>
        </div>
      )}
      {report && (
        <div className="card">
          <h2>{t("campaigns.report")}</h2>
          {report.lateOrders !== null && report.lateOrders > 0 && (
            <p className="muted">{t("campaigns.lateOrders", { n: report.lateOrders })}</p>
          )}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls, and the keyboard must reach it */}
          <section className="table-wrap" aria-label={t("campaigns.report")} tabIndex={0}>
            <table aria-label={t("campaigns.report")}>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.rank")}</th>
                  <th scope="col">{t("campaigns.participant")}</th>
                  <th scope="col">{t("campaigns.team")}</th>
                  <th scope="col">{t("campaigns.sales")}</th>
                  <th scope="col">{t("campaigns.amount")}</th>
                  <th scope="col">{t("campaigns.margin")}</th>
                  <th scope="col">{t("campaigns.score")}</th>
                  <th scope="col">{t("campaigns.target")}</th>
                  <th scope="col">{t("campaigns.progress")}</th>
                  <th scope="col">{t("campaigns.prizes")}</th>
                  <th scope="col">{t("campaigns.points")}</th>
                </tr>
              </thead>
              <tbody>
                {report.participants.map((r) => (
                  <tr key={r.participant}>
                    <td>{r.rank}</td>
                    <td>{r.name}</td>
                    <td>{r.team ?? "—"}</td>
                    <td className="num">{i18n.number(r.sales)}</td>
                    <td className="num">{money(r.amount)}</td>
                    <td className="num">{money(r.margin)}</td>
                    <td className="num">{unit(r.score)}</td>
                    <td className="num">{unit(r.target)}</td>
                    <td>{percent(r.progressMilli)}</td>
                    <td>{r.prizes.join("; ") || "—"}</td>
                    <td className="num">{i18n.number(r.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </section>
  );
}
