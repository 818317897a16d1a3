// The home dashboard: the period's members, orders, revenue, points and liability, charts over time and the
// tier mix, read from GET /v1/analytics/dashboard.

import type { Schemas } from "@patron/sdk";
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal } from "../console/format.ts";
import { useI18n } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { Bars, LineChart } from "./Chart.tsx";
import { Defined, Download } from "./Reports.tsx";

type DashboardData = Schemas["Dashboard"];

export default function Dashboard() {
  const i18n = useI18n();
  const { t } = i18n;
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<{ message: string; noProgram: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    api.GET("/v1/analytics/dashboard", { params: { query: range } }).then((r) => {
      if (!live) return;
      // Without `format` the answer is JSON; a CSV text is only ever asked for by the download links.
      if (r.data && typeof r.data !== "string") {
        setData(r.data);
        setError(null);
        setDraft({ from: r.data.from, to: r.data.to });
      } else
        setError({
          message: errorMessage(r.error),
          noProgram: (r.error as { error?: { code?: string } } | undefined)?.error?.code === "conflict",
        });
    });
    return () => {
      live = false;
    };
  }, [range]);

  // Before a program is published there is nothing to show: said quietly, not as an error.
  if (error?.noProgram) return <p className="muted dashboard">{error.message}</p>;
  if (error) return <p role="alert">{t("dash.error", { message: error.message })}</p>;
  if (!data)
    return (
      <p className="muted" role="status">
        {t("loading")}
      </p>
    );
  const money = (text: string) => decimal(i18n, text, data.currency);
  const labels = data.series.map((p) => day(i18n, p.start));
  const tiles: { key: string; label: string; value: string; sub?: string }[] = [
    { key: "members", label: t("dash.members"), value: i18n.number(data.totals.members) },
    { key: "active-members", label: t("dash.activeMembers"), value: i18n.number(data.totals.activeMembers) },
    { key: "orders", label: t("dash.orders"), value: i18n.number(data.totals.orders) },
    { key: "revenue", label: t("dash.revenue"), value: money(data.totals.revenue) },
    { key: "points-issued", label: t("dash.pointsIssued"), value: i18n.number(data.totals.pointsIssued) },
    { key: "points-spent", label: t("dash.pointsSpent"), value: i18n.number(data.totals.pointsSpent) },
    { key: "points-expired", label: t("dash.pointsExpired"), value: i18n.number(data.totals.pointsExpired) },
    {
      key: "liability",
      label: t("dash.liability"),
      value: money(data.totals.liability),
      sub: t("dash.liabilityPoints", { n: i18n.number(data.totals.liabilityPoints) }),
    },
  ];
  return (
    <section className="dashboard" aria-labelledby="dash-title">
      <div className="page-head">
        <h2 id="dash-title">{t("dash.title")}</h2>
        <form
          className="filters"
          aria-label={t("dash.period")}
          onSubmit={(e) => {
            e.preventDefault();
            setRange({ from: draft.from, to: draft.to });
          }}
        >
          <label>
            {t("dash.from")}
            <input
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label>
            {t("dash.to")}
            <input
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit">{t("dash.show")}</button>
        </form>
      </div>
      <p className="muted">
        {day(i18n, data.from)} – {day(i18n, data.to)} · {t("dash.updated", { at: i18n.dateTime(data.upto) })}{" "}
        · <Link href="/analytics/metrics">{t("nav.metrics")}</Link> ·{" "}
        <Download path="/v1/analytics/dashboard" query={{ from: data.from, to: data.to }} name="dashboard" />
      </p>
      <div className="stats dash-stats">
        {tiles.map((x) => (
          <div className="stat" key={x.key}>
            <span className="stat-value" data-testid={`dash-${x.key}`}>
              {x.value}
            </span>
            <span className="stat-label">
              <Defined
                anchor={data.definitions[x.key.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] ?? ""}
              >
                {x.label}
              </Defined>
            </span>
            {x.sub && <span className="muted">{x.sub}</span>}
          </div>
        ))}
      </div>
      <div className="dash-charts">
        <LineChart
          title={t("dash.chartRevenue")}
          labels={labels}
          format={(n) => i18n.number(Math.round(n))}
          series={[
            {
              name: `${t("dash.revenue")} (${data.currency})`,
              values: data.series.map((p) => Number(p.revenue)),
              color: "#3730a3",
            },
            {
              name: t("dash.orders"),
              values: data.series.map((p) => p.orders),
              color: "#b45309",
              axis: "right",
            },
          ]}
          testId="chart-revenue"
        />
        <LineChart
          title={t("dash.chartPoints")}
          labels={labels}
          format={(n) => i18n.number(Math.round(n))}
          series={[
            {
              name: t("dash.pointsIssued"),
              values: data.series.map((p) => p.pointsIssued),
              color: "#166534",
            },
            { name: t("dash.pointsSpent"), values: data.series.map((p) => p.pointsSpent), color: "#3730a3" },
            {
              name: t("dash.pointsExpired"),
              values: data.series.map((p) => p.pointsExpired),
              color: "#b91c1c",
            },
          ]}
        />
        <LineChart
          title={t("dash.chartLiability")}
          labels={labels}
          format={(n) => i18n.number(Math.round(n))}
          series={[
            {
              name: t("dash.liability"),
              values: data.series.map((p) => p.liabilityPoints),
              color: "#7c2d12",
            },
          ]}
        />
        <LineChart
          title={t("dash.chartMembers")}
          labels={labels}
          format={(n) => i18n.number(Math.round(n))}
          series={[
            { name: t("dash.members"), values: data.series.map((p) => p.members), color: "#3730a3" },
            {
              name: t("dash.activeMembers"),
              values: data.series.map((p) => p.activeMembers),
              color: "#166534",
            },
          ]}
        />
        <Bars
          title={t("dash.tiers")}
          testId="chart-tiers"
          rows={data.tiers.map((x) => ({ label: x.tier ?? t("dash.noTier"), value: x.members }))}
        />
      </div>
    </section>
  );
}
