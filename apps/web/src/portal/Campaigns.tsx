// The portal's sales campaigns page: the started campaigns the contact (or its company) takes part in, each with
// the contact's place, score against target and badges, and the top places of the chosen campaign's board.
import type { Schemas } from "@patron/sdk";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal, quantity } from "../console/format.ts";
import { useCampaignText } from "../i18n/campaigns.ts";
import { useI18n } from "../i18n.tsx";
import "../campaigns/campaigns.css";

type Mine = Schemas["PortalCampaigns"]["data"][number];
type Board = Schemas["PortalCampaignBoard"];
type Row = Board["top"][number];

function Progress({ milli, label }: { milli: number; label: string }) {
  return (
    <span className="progress" title={label}>
      <span className="progress-bar" style={{ width: `${Math.min(100, milli / 10)}%` }} />
      <span className="progress-text">{label}</span>
    </span>
  );
}

export function PortalCampaigns() {
  const { t, percent, badge } = useCampaignText();
  const i18n = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [mine, setMine] = useState<Mine[] | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback(async (id: string) => {
    const { data, error: e } = await api.GET("/v1/portal/campaigns/{id}", { params: { path: { id } } });
    if (data) setBoard(data);
    else setError(errorMessage(e));
  }, []);

  useEffect(() => {
    document.title = `${t("portal.title")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    api.GET("/v1/portal/campaigns").then(({ data, error: e }) => {
      if (!data) {
        setError(errorMessage(e));
        return;
      }
      setMine(data.data);
      const first = data.data[0];
      if (first) show(first.id);
    });
  }, [show]);

  const unit = (v: string, currency: string | null) =>
    currency ? decimal(i18n, v, currency) : quantity(i18n, v);
  const badges = (codes: string[]) => (
    <span className="badges">
      {codes.map((b) => (
        <span key={b} className="badge">
          {badge(b)}
        </span>
      ))}
    </span>
  );

  return (
    <section className="portal-campaigns">
      <h1 ref={heading} tabIndex={-1}>
        {t("portal.title")}
      </h1>
      <p className="muted">{t("portal.lead")}</p>
      {error && (
        <p className="alert error" role="alert">
          {t("common.error", { message: error })}
        </p>
      )}
      {mine === null && !error && <p role="status">{t("common.loading")}</p>}
      {mine?.length === 0 && <p>{t("portal.none")}</p>}
      {mine?.map((c) => (
        <section key={c.id} className="card" aria-label={c.name}>
          <h2>{c.name}</h2>
          <p className="muted">
            {t(`campaigns.status.${c.status}`)} ·{" "}
            {t("portal.period", { from: day(i18n, c.startsOn), to: day(i18n, c.endsOn) })} ·{" "}
            {t(`campaigns.metric.${c.metric}`)}
          </p>
          {c.me ? (
            <>
              <p>
                {t("campaigns.mineLine", {
                  rank: c.me.rank,
                  n: c.participants,
                  score: unit(c.me.score, c.currency),
                  target: unit(c.me.target, c.currency),
                  progress: percent(c.me.progressMilli),
                })}
              </p>
              <p>
                <Progress milli={c.me.progressMilli} label={percent(c.me.progressMilli)} />
              </p>
              {badges(c.me.badges)}
            </>
          ) : (
            <p>{t("portal.noStanding")}</p>
          )}
          {board?.campaign.id !== c.id && (
            <button type="button" onClick={() => show(c.id)}>
              {t("portal.standings")}
            </button>
          )}
          {board?.campaign.id === c.id && <Standings board={board} unit={unit} badges={badges} />}
        </section>
      ))}
    </section>
  );
}

function Standings({
  board,
  unit,
  badges,
}: {
  board: Board;
  unit: (v: string, currency: string | null) => string;
  badges: (codes: string[]) => React.ReactNode;
}) {
  const { t, percent } = useCampaignText();
  const label = t("portal.top", { name: board.campaign.name });
  const row = (r: Row) => (
    <tr key={`${r.rank}-${r.name}`} className={r.me ? "me" : undefined}>
      <td>{r.rank}</td>
      <td>
        {r.name}
        {r.me ? ` (${t("portal.you")})` : ""}
      </td>
      <td>{r.team ?? ""}</td>
      <td>{unit(r.score, board.campaign.currency)}</td>
      <td>{percent(r.progressMilli)}</td>
      <td>{badges(r.badges)}</td>
    </tr>
  );
  const meShown = board.top.some((r) => r.me);
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls, and the keyboard must reach it */}
      <section className="table-wrap" aria-label={label} tabIndex={0}>
        <table aria-label={label}>
          <thead>
            <tr>
              <th scope="col">{t("campaigns.rank")}</th>
              <th scope="col">{t("campaigns.participant")}</th>
              <th scope="col">{t("campaigns.team")}</th>
              <th scope="col">{t("campaigns.score")}</th>
              <th scope="col">{t("campaigns.progress")}</th>
              <th scope="col">{t("campaigns.badges")}</th>
            </tr>
          </thead>
          <tbody>
            {board.top.map(row)}
            {!meShown && board.me && row(board.me)}
          </tbody>
        </table>
      </section>
      {board.prizes.length > 0 && (
        <>
          <h3>{t("portal.prizes")}</h3>
          <ul>
            {board.prizes.map((p) => {
              const what = [
                p.top === undefined ? t("portal.prizeTarget") : t("portal.prizeTop", { n: p.top }),
                p.prize,
                p.points > 0 ? t("portal.prizePoints", { n: p.points }) : null,
              ].filter(Boolean);
              return <li key={what.join(" ")}>{what.join(": ")}</li>;
            })}
          </ul>
        </>
      )}
    </>
  );
}
