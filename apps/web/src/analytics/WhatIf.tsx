// What if: a draft replayed over the tenant's own orders and returns of a period beside the published versions
// (POST /v1/programs/drafts/{id}/simulate): cost, discounts, points issued, spent, expired and taken back,
// liability and the tier mix, side by side with the difference. Reached from the program editor.
import type { Schemas } from "@patron/sdk";
import { useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { isoToday, monthsBefore } from "../console/format.ts";
import { ComparisonTable, POINT_TOTALS, useComparison } from "../console/simulation.tsx";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import "../console/console.css";

/** The most events one comparison replays: the route's own limit. */
const EVENTS = 50_000;
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
      <div aria-live="polite">{result && <Result result={result} />}</div>
    </section>
  );
}

function Result({ result }: { result: Schemas["Simulation"] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const comparison = useComparison(result);
  const tiers = comparison.tiers();
  return (
    <>
      <p className="small">
        {t("simulate.summary", {
          orders: i18n.number(result.orders),
          returns: i18n.number(result.returns),
          date: result.asOf,
        })}
        {result.truncated && ` ${t("simulate.truncated")}`}
      </p>
      {!result.published && <p className="small muted">{t("simulate.noPublished")}</p>}
      <div className="table-wrap">
        <ComparisonTable
          head={t("simulate.measure")}
          rows={comparison.measures(["cost", ...MONEY, ...POINT_TOTALS], true)}
          testId="whatif-table"
        />
      </div>
      <p className="muted small">{t("whatif.costNote")}</p>
      {tiers.length > 0 && (
        <>
          <h2>{t("simulate.tiers")}</h2>
          <div className="table-wrap">
            <ComparisonTable head={t("companies.tier")} rows={tiers} testId="whatif-tiers" />
          </div>
        </>
      )}
    </>
  );
}
