// What if: a draft replayed over the tenant's own orders and returns of a period beside the published versions
// (POST /v1/programs/drafts/{id}/simulate): cost, discounts, points issued, spent, expired and taken back,
// liability and the tier mix, side by side with the difference. Reached from the program editor.
import type { Schemas } from "@patron/sdk";
import { useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { decimal, isoToday, monthsBefore, signedPoints } from "../console/format.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import "../console/console.css";

/** The most events one comparison replays: the route's own limit. */
const EVENTS = 50_000;
const POINTS = ["earned", "redeemed", "expired", "reversed", "balance", "pending"] as const;
const MONEY = ["discount", "liability", "gross", "net"] as const;

export default function WhatIf({ draftId }: { draftId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("whatif.title"), heading);
  const id = useId();
  const today = isoToday();
  const [from, setFrom] = useState(monthsBefore(today, 12));
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Schemas["Simulation"] | null>(null);

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const { data, error: failed } = await api.POST("/v1/programs/drafts/{id}/simulate", {
      params: { path: { id: draftId } },
      body: { from, to, limit: EVENTS },
    });
    setBusy(false);
    if (data) setResult(data);
    else setError(errorMessage(failed));
  };
  const money = (v: string | number | undefined) => (v === undefined ? "—" : decimal(i18n, v));
  const signedMoney = (v: string | number | undefined) => {
    if (v === undefined) return "—";
    const text = money(v);
    return Number(v) > 0 ? `+${text}` : text;
  };
  const tone = (v: string | number | undefined) =>
    Number(v) > 0 ? "num pos" : Number(v) < 0 ? "num neg" : "num";
  const pub = result?.published ?? null;
  const tierIds = result
    ? [...new Set([...Object.keys(result.draft.tiers), ...Object.keys(pub?.tiers ?? {})])]
    : [];

  return (
    <section className="page wide">
      <p className="crumbs">
        <Link href={`/programs/${encodeURIComponent(draftId)}`}>{t("whatif.back")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("whatif.title")}
        </h1>
      </div>
      <p className="muted">{t("whatif.lead")}</p>
      <form className="card filters" onSubmit={run}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("whatif.from")}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("whatif.to")}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("whatif.running") : t("whatif.run")}
          </button>
        </div>
      </form>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div aria-live="polite">
        {result && (
          <>
            <p className="small">
              {t("simulate.summary", {
                orders: i18n.number(result.orders),
                returns: i18n.number(result.returns),
                date: result.asOf,
              })}
              {result.truncated && ` ${t("simulate.truncated")}`}
            </p>
            {!pub && <p className="small muted">{t("simulate.noPublished")}</p>}
            <div className="table-wrap">
              <table data-testid="whatif-table">
                <thead>
                  <tr>
                    <th scope="col">{t("simulate.measure")}</th>
                    <th scope="col" className="num">
                      {t("simulate.draft")}
                    </th>
                    <th scope="col" className="num">
                      {t("simulate.published")}
                    </th>
                    <th scope="col" className="num">
                      {t("simulate.difference")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr data-measure="cost">
                    <th scope="row">{t("whatif.cost")}</th>
                    <td className="num">{money(result.draft.cost)}</td>
                    <td className="num">{pub ? money(pub.cost) : "—"}</td>
                    <td className={tone(result.difference?.cost)}>{signedMoney(result.difference?.cost)}</td>
                  </tr>
                  {MONEY.map((k) => (
                    <tr key={k} data-measure={k}>
                      <th scope="row">{t(`total.${k}` as MessageKey)}</th>
                      <td className="num">{money(result.draft.totals[k])}</td>
                      <td className="num">{pub ? money(pub.totals[k]) : "—"}</td>
                      <td className={tone(result.difference?.[k])}>{signedMoney(result.difference?.[k])}</td>
                    </tr>
                  ))}
                  {POINTS.map((k) => {
                    const diff = result.difference?.[k];
                    return (
                      <tr key={k} data-measure={k}>
                        <th scope="row">{t(`total.${k}` as MessageKey)}</th>
                        <td className="num">{i18n.number(result.draft.totals[k])}</td>
                        <td className="num">{pub ? i18n.number(pub.totals[k]) : "—"}</td>
                        <td className={tone(diff)}>
                          {diff === undefined ? "—" : signedPoints(i18n, Number(diff))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="muted small">{t("whatif.costNote")}</p>
            {tierIds.length > 0 && (
              <>
                <h2>{t("simulate.tiers")}</h2>
                <div className="table-wrap">
                  <table data-testid="whatif-tiers">
                    <thead>
                      <tr>
                        <th scope="col">{t("companies.tier")}</th>
                        <th scope="col" className="num">
                          {t("simulate.draft")}
                        </th>
                        <th scope="col" className="num">
                          {t("simulate.published")}
                        </th>
                        <th scope="col" className="num">
                          {t("simulate.difference")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {tierIds.map((tier) => {
                        const a = result.draft.tiers[tier] ?? 0;
                        const b = pub?.tiers[tier] ?? 0;
                        return (
                          <tr key={tier} data-tier={tier}>
                            <th scope="row">{tier}</th>
                            <td className="num">{i18n.number(a)}</td>
                            <td className="num">{pub ? i18n.number(b) : "—"}</td>
                            <td className={tone(a - b)}>{pub ? signedPoints(i18n, a - b) : "—"}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
