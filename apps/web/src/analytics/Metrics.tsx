// The metrics page: participants and the hold-out group side by side over a period, each figure with its
// definition's anchor in docs/metrics.md, and the lift with its 95% interval.
import type { Schemas } from "@patron/sdk";
import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { decimal } from "../console/format.ts";
import { economicsEn } from "../i18n/economics.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { definitionHref } from "./Definitions.tsx";

type MetricsData = Schemas["Metrics"];

export default function Metrics() {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("metrics.title"), heading);
  const [data, setData] = useState<MetricsData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.GET("/v1/analytics/metrics", { params: { query: {} } }).then((r) => {
      if (!live) return;
      // Without `format` the answer is JSON; a CSV text is only ever asked for by a download link.
      if (r.data && typeof r.data !== "string") setData(r.data);
      else setError(errorMessage(r.error));
    });
    return () => {
      live = false;
    };
  }, []);

  const show = (v: string | number | null, unit: string) => {
    if (v === null) return t("metrics.notApplicable");
    if (unit === "money") return decimal(i18n, String(v), data?.currency);
    if (unit === "ratio")
      return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 4 }).format(Number(v));
    return i18n.number(Number(v));
  };
  // A metric's translated name; a metric this console does not know yet shows its key.
  const metricName = (key: string) => {
    const name = `metric.${key}`;
    return name in economicsEn ? t(name as MessageKey) : key;
  };
  const pct = (x: number | null) =>
    x === null
      ? t("metrics.notApplicable")
      : new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 1 }).format(x);

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("metrics.title")}
        </h1>
      </div>
      <p className="muted">
        {t("metrics.lead")} <Link href="/analytics/definitions">{t("metrics.definitions")}</Link> ·{" "}
        <Link href="/analytics/economics">{t("econ.link")}</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <div className="table-wrap">
            <table data-testid="metrics-table">
              <caption className="muted">
                {data.from} – {data.to}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("metrics.metric")}</th>
                  <th scope="col">{t("metrics.participants")}</th>
                  <th scope="col">{t("metrics.holdout")}</th>
                </tr>
              </thead>
              <tbody>
                {data.metrics.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">
                      <Link
                        href={definitionHref(m.definition)}
                        title={t("metrics.definitionOf", { name: metricName(m.key) })}
                        data-metric={m.key}
                      >
                        {metricName(m.key)}
                      </Link>
                    </th>
                    <td>{show(m.values.participants, m.unit)}</td>
                    <td>{show(m.values.holdout, m.unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t("metrics.lift")}</h2>
          <ul>
            {data.lift.map((l) => (
              <li key={l.key}>
                <Link href={definitionHref(l.definition)} data-metric={l.key}>
                  {metricName(l.key)}
                </Link>
                : {pct(l.value)} ({pct(l.low)} … {pct(l.high)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
