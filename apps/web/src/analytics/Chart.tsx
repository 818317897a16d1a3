// Small hand-written SVG charts: lines over time and horizontal bars. Each chart is a figure with a caption,
// an accessible name, and its figures in a table that a screen reader (or anyone) can open.
import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";

export interface Series {
  name: string;
  values: number[];
  /** A CSS colour; the legend shows it beside the name. */
  color: string;
}

const W = 640;
const H = 200;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/** A few round ticks between 0 and max. */
function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = 10 ** Math.floor(Math.log10(max));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const out: number[] = [];
  for (let v = 0; v <= max + unit / 2 && out.length < 8; v += unit) out.push(v);
  return out;
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
  const all = series.flatMap((s) => s.values);
  const min = Math.min(0, ...all);
  const max = Math.max(1, ...all);
  const n = Math.max(1, labels.length - 1);
  const x = (k: number) => PAD.left + ((W - PAD.left - PAD.right) * k) / n;
  const y = (v: number) => PAD.top + ((H - PAD.top - PAD.bottom) * (max - v)) / (max - min || 1);
  const grid = ticks(max);
  const compact = new Intl.NumberFormat(i18n.locale, { notation: "compact", maximumFractionDigits: 1 });
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} preserveAspectRatio="none">
        {grid.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-tick">
              {compact.format(v)}
            </text>
          </g>
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
            points={s.values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name}
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
