// Small hand-written SVG charts: lines over time and horizontal bars. Each chart is a figure with a caption,
// an accessible name, and its figures in a table that a screen reader (or anyone) can open.
import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";

export interface Series {
  name: string;
  values: number[];
  /** A CSS colour; the legend shows it beside the name. */
  color: string;
  /** "right": the series has its own scale, drawn on the right, for figures of another size (orders beside revenue). */
  axis?: "left" | "right";
}

const W = 640;
const H = 200;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };
/** The right margin when a series has its own scale there. */
const PAD_RIGHT_AXIS = 48;

/** A few round ticks between 0 and max. */
function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = 10 ** Math.floor(Math.log10(max));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const out: number[] = [];
  for (let v = 0; v <= max + unit / 2 && out.length < 8; v += unit) out.push(v);
  return out;
}

/** The range a group of series is drawn over: from zero (or below it) to at least 1. */
function scale(group: Series[]): { min: number; max: number } {
  const all = group.flatMap((s) => s.values);
  return { min: Math.min(0, ...all), max: Math.max(1, ...all) };
}

export function LineChart(props: {
  title: string;
  labels: string[];
  series: Series[];
  format: (n: number) => string;
  testId?: string;
}): ReactNode {
  const i18n = useI18n();
  const { labels, series } = props;
  const left = scale(series.filter((s) => s.axis !== "right"));
  const rightSeries = series.filter((s) => s.axis === "right");
  const right = rightSeries.length > 0 ? scale(rightSeries) : null;
  const padRight = right ? PAD_RIGHT_AXIS : PAD.right;
  const n = Math.max(1, labels.length - 1);
  const x = (k: number) => PAD.left + ((W - PAD.left - padRight) * k) / n;
  const y = (v: number, on = left) =>
    PAD.top + ((H - PAD.top - PAD.bottom) * (on.max - v)) / (on.max - on.min || 1);
  const grid = ticks(left.max);
  const rightColor = rightSeries[0]?.color;
  const compact = new Intl.NumberFormat(i18n.locale, { notation: "compact", maximumFractionDigits: 1 });
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} preserveAspectRatio="none">
        {grid.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - padRight} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-tick">
              {compact.format(v)}
            </text>
          </g>
        ))}
        {right &&
          ticks(right.max).map((v) => (
            <text
              key={`r${v}`}
              x={W - padRight + 6}
              y={y(v, right) + 4}
              textAnchor="start"
              className="chart-tick"
              style={{ fill: rightColor }}
            >
              {compact.format(v)}
            </text>
          ))}
        {labels.map((l, k) =>
          k % every === 0 ? (
            <text key={l} x={x(k)} y={H - 8} textAnchor="middle" className="chart-tick">
              {l}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
            points={s.values
              .map(
                (v, k) => `${x(k).toFixed(1)},${y(v, s.axis === "right" && right ? right : left).toFixed(1)}`,
              )
              .join(" ")}
          />
        ))}
      </svg>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name}
            {right && (
              <span className="muted">{` (${i18n.t(s.axis === "right" ? "chart.rightAxis" : "chart.leftAxis")})`}</span>
            )}
          </li>
        ))}
      </ul>
      <details>
        <summary>{i18n.t("dash.data")}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{i18n.t("dash.start")}</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, k) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map((s) => (
                    <td key={s.name}>{props.format(s.values[k] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export function Bars(props: { title: string; rows: { label: string; value: number }[]; testId?: string }) {
  const i18n = useI18n();
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <ul className="bars">
        {props.rows.map((r) => (
          <li key={r.label}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(100 * r.value) / max}%` }} />
            </span>
            <span className="bar-value">{i18n.number(r.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
