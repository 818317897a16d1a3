// The honor board: a campaign's standings on the whole screen in large type for a TV in the sales office,
// refreshed every 15 seconds; the top ten, the teams, the badges and the days left.
import type { Schemas } from "@patron/sdk";
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal, quantity } from "../console/format.ts";
import { useCampaignText } from "../i18n/campaigns.ts";
import { useI18n } from "../i18n.tsx";
import "./campaigns.css";
import { Progress } from "./Campaign.tsx";

type Board = Schemas["CampaignLeaderboard"];
export const BOARD_REFRESH_MS = 15_000;
const TOP = 10;
const DAY_MS = 86_400_000;

export default function HonorBoard({ id }: { id: string }) {
  const { t, time, percent, badge } = useCampaignText();
  const i18n = useI18n();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.GET("/v1/campaigns/{id}/leaderboard", {
      params: { path: { id }, query: { limit: TOP } },
    });
    if (r.data) {
      setBoard(r.data);
      setError(null);
    } else setError(errorMessage(r.error));
  }, [id]);
  useEffect(() => {
    load();
    const timer = setInterval(load, BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    document.title = board ? `${board.campaign.name} · ${t("campaigns.honor")}` : t("campaigns.honor");
  }, [board, t]);

  if (!board) {
    return (
      <main className="honor">
        <p className="honor-wait" role={error ? "alert" : "status"}>
          {error ? t("common.error", { message: error }) : t("common.loading")}
        </p>
      </main>
    );
  }
  const end = Date.parse(`${board.campaign.endsOn}T23:59:59Z`);
  const left = Math.max(0, Math.ceil((end - Date.parse(board.refreshedAt)) / DAY_MS));
  const unit = (v: string) => (board.currency ? decimal(i18n, v, board.currency) : quantity(i18n, v));
  return (
    <main className="honor">
      <header className="honor-head">
        <div>
          <p className="honor-kicker">{t("campaigns.honor")}</p>
          <h1>{board.campaign.name}</h1>
        </div>
        <div className="honor-when">
          <p>
            {day(i18n, board.campaign.startsOn)} — {day(i18n, board.campaign.endsOn)}
          </p>
          <p className="honor-left">
            {board.campaign.status === "ended" ? t("campaigns.over") : t("campaigns.daysLeft", { n: left })}
          </p>
        </div>
      </header>
      {error && (
        <p className="honor-error" role="alert">
          {t("common.error", { message: error })}
        </p>
      )}
      <div className="honor-body">
        <ol className="honor-list" aria-label={t("campaigns.leaderboard")}>
          {board.individuals.map((r) => (
            <li key={r.participant} className={`honor-row place-${Math.min(r.rank, 4)}`}>
              <span className="honor-rank">{r.rank}</span>
              <span className="honor-name">
                {r.name}
                {r.team && <small>{r.team}</small>}
              </span>
              <span className="honor-badges">
                {r.badges.map((b) => (
                  <span key={b} className="badge">
                    {badge(b)}
                  </span>
                ))}
              </span>
              <span className="honor-score">{unit(r.score)}</span>
              <Progress milli={r.progressMilli} label={percent(r.progressMilli)} />
            </li>
          ))}
        </ol>
        {board.teams.length > 0 && (
          <section className="honor-teams" aria-label={t("campaigns.teams")}>
            <h2>{t("campaigns.teams")}</h2>
            <ol>
              {board.teams.map((r) => (
                <li key={r.team}>
                  <span className="honor-rank">{r.rank}</span>
                  <span className="honor-name">{r.team}</span>
                  <span className="honor-score">{unit(r.score)}</span>
                  <Progress milli={r.progressMilli} label={percent(r.progressMilli)} />
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      <footer className="honor-foot">
        {t("campaigns.refreshed", { time: time(board.refreshedAt) })} · {i18n.number(board.participants)}{" "}
        {t("campaigns.participants").toLowerCase()}
      </footer>
    </main>
  );
}
