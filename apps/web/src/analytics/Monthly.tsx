// The monthly program report: one printable A4 page of a month's key figures, its points liability, the tier
// mix and cohort retention, with the console's own SVG charts; the browser prints it (or saves it as a PDF).
import type { Schemas } from "@patron/sdk";
import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { day, decimal, isoToday } from "../console/format.ts";
import { useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { Bars, LineChart } from "./Chart.tsx";
import { CohortTable, Defined, FinanceTable } from "./Reports.tsx";

interface Data {
  dashboard: Schemas["Dashboard"];
  metrics: Schemas["Metrics"];
  finance: Schemas["FinanceReport"];
  cohorts: Schemas["Cohorts"];
}

/** The month of `?month=YYYY-MM`, or the previous one: a month report is of a finished month. */
function monthOf(search: string): string {
  const asked = new URLSearchParams(search).get("month");
  if (asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked)) return asked;
  const [y, m] = isoToday().split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function monthBack(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 10);
}

/** The key figures of the month, in this order, from the metrics of participants. */
const KEY_METRICS = [
  "active-members",
  "revenue",
  "aov",
  "rpr",
  "crr",
  "points-issued",
  "points-spent",
  "redemption-rate",
  "program-cost",
  "roi",
] as const;

export default function Monthly() {
  const i18n = useI18n();
  const { t } = i18n;
  const month = monthOf(window.location.search);
  const from = `${month}-01`;
  const to = lastDay(month);
  const monthName = new Intl.DateTimeFormat(i18n.locale, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${from}T00:00:00Z`));
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("monthly.title", { month: monthName }), heading);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([
      api.GET("/v1/analytics/dashboard", { params: { query: { from, to, interval: "day" } } }),
      api.GET("/v1/analytics/metrics", { params: { query: { from, to } } }),
      api.GET("/v1/analytics/finance", { params: { query: { from, to } } }),
      api.GET("/v1/analytics/cohorts", { params: { query: { from: monthBack(month, 5), to } } }),
    ]).then(([d, m, f, c]) => {
      if (!live) return;
      // Without `format` every answer is JSON, never a CSV text.
      const ok = <T,>(x: T | string | undefined): x is T => x !== undefined && typeof x !== "string";
      if (ok(d.data) && ok(m.data) && ok(f.data) && ok(c.data))
        setData({ dashboard: d.data, metrics: m.data, finance: f.data, cohorts: c.data });
      else setError(errorMessage(d.error ?? m.error ?? f.error ?? c.error));
    });
    return () => {
      live = false;
    };
  }, [from, to, month]);

  const show = (v: string | number | null, unit: string, currency: string) => {
    if (v === null) return "—";
    if (unit === "money") return decimal(i18n, String(v), currency);
    if (unit === "ratio")
      return new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 1 }).format(
        Number(v),
      );
    return i18n.number(Number(v));
  };

  return (
    <article className="page monthly-report">
      <div className="page-head with-action">
        <h1 ref={heading} tabIndex={-1}>
          {t("monthly.title", { month: monthName })}
        </h1>
        <div className="no-print">
          <form className="filters" method="get" action="/reports/monthly">
            <label className="field">
              {t("monthly.month")} <input type="month" name="month" defaultValue={month} />
            </label>
            <button type="submit">{t("reports.show")}</button>
            <button type="button" onClick={() => window.print()} data-testid="print">
              {t("monthly.print")}
            </button>
          </form>
        </div>
      </div>
      <p className="muted">
        {day(i18n, from)} – {day(i18n, to)}
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <h2>{t("monthly.keyMetrics")}</h2>
          <div className="stats monthly-stats">
            {KEY_METRICS.map((key) => {
              const m = data.metrics.metrics.find((x) => x.key === key);
              if (!m) return null;
              return (
                <div className="stat" key={key}>
                  <span className="stat-value" data-testid={`monthly-${key}`}>
                    {show(m.values.participants, m.unit, data.metrics.currency)}
                  </span>
                  <span className="stat-label">
                    <Defined anchor={m.definition}>{t(`monthly.m.${key}`)}</Defined>
                  </span>
                </div>
              );
            })}
          </div>
          <LineChart
            title={t("monthly.revenue")}
            labels={data.dashboard.series.map((p) => p.start.slice(8, 10))}
            format={(n) => i18n.number(Math.round(n))}
            series={[
              {
                name: `${t("dash.revenue")} (${data.dashboard.currency})`,
                values: data.dashboard.series.map((p) => Number(p.revenue)),
                color: "#3730a3",
              },
              {
                name: t("dash.orders"),
                values: data.dashboard.series.map((p) => p.orders),
                color: "#b45309",
                axis: "right",
              },
            ]}
            testId="monthly-revenue-chart"
          />
          <h2>{t("monthly.liability")}</h2>
          <FinanceTable data={data.finance} testId="monthly-finance" />
          <div className="monthly-pair">
            <Bars
              title={t("monthly.tierMix")}
              testId="monthly-tiers"
              rows={data.dashboard.tiers.map((x) => ({
                label: x.tier ?? t("dash.noTier"),
                value: x.members,
              }))}
            />
          </div>
          <h2>{t("monthly.cohorts")}</h2>
          <CohortTable data={data.cohorts} testId="monthly-cohorts" />
          <p className="muted">{t("monthly.generated", { at: i18n.dateTime(data.dashboard.upto) })}</p>
        </>
      )}
    </article>
  );
}
