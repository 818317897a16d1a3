// Small hand-written SVG charts: lines over time and horizontal bars. Each chart is a figure with a caption,
// an accessible name, and its figures in a table that a screen reader (or anyone) can open.
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "../i18n.tsx";

export interface Series {
  name: string;
  values: number[];
  /** A CSS colour; the legend shows it beside the name. */
  color: string;
  /** "right": the series has its own scale, drawn on the right, for figures of another size (orders beside revenue). */
  axis?: "left" | "right";
}

/** The drawing's size until the page has laid it out. */
const VIEW_W = 640;
const VIEW_H = 200;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };
/** The right margin when a series has its own scale there. */
const PAD_RIGHT_AXIS = 48;
/** The axis labels' type size (`.chart-tick` in styles.css), and the least space between two of them. */
const TICK_FONT_PX = 11;
const LABEL_GAP_PX = 12;

/** The drawn size of an element, followed as it changes; `fallback` until it is first laid out. */
function useSize(ref: RefObject<Element | null>, fallback: { width: number; height: number }) {
  const [size, setSize] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const r = el.getBoundingClientRect();
      const width = Math.round(r.width);
      const height = Math.round(r.height);
      if (width > 0 && height > 0)
        setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    read();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** How wide each text is drawn in `font`, in CSS pixels; a rough guess where no canvas can measure. */
function textWidths(texts: string[], font: string): number[] {
  if (measureContext === undefined) {
    measureContext =
      typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  }
  const ctx = measureContext;
  if (!ctx) return texts.map((t) => t.length * TICK_FONT_PX * 0.6);
  ctx.font = font;
  return texts.map((t) => ctx.measureText(t).width);
}

export interface AxisLabel {
  index: number;
  /** The label's centre, moved inwards where it would stick out of the chart. */
  x: number;
}

/**
 * The labels an axis shows without any two overlapping: every k-th from the first, k the smallest step at
 * which each shown label keeps `gap` from the next, each label kept within [left, right]. A label wider than
 * the whole axis is shown alone.
 */
export function thinLabels(
  xs: readonly number[],
  widths: readonly number[],
  left: number,
  right: number,
  gap: number,
): AxisLabel[] {
  const n = xs.length;
  const place = (k: number) => {
    const half = (widths[k] ?? 0) / 2;
    const x = xs[k] ?? 0;
    return { index: k, x: Math.max(left + half, Math.min(right - half, x)), half };
  };
  // At most n steps: at the last one only the first label is left, which has no neighbour.
  for (let step = 1; step <= n; step++) {
    const shown: { index: number; x: number; half: number }[] = [];
    for (let k = 0; k < n; k += step) shown.push(place(k));
    const clear = shown.every((b, i) => {
      const a = shown[i - 1];
      return a === undefined || b.x - b.half >= a.x + a.half + gap;
    });
    if (clear) return shown.map(({ index, x }) => ({ index, x }));
  }
  return n > 0 ? [{ index: 0, x: place(0).x }] : [];
}

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
  // Drawn at its own size, one unit a pixel, so that the text is never stretched and its width is known.
  const svg = useRef<SVGSVGElement>(null);
  const { width: W, height: H } = useSize(svg, { width: VIEW_W, height: VIEW_H });
  const [fontFamily, setFontFamily] = useState("sans-serif");
  useLayoutEffect(() => {
    if (svg.current) setFontFamily(getComputedStyle(svg.current).fontFamily || "sans-serif");
  }, []);
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
  const axis = thinLabels(
    labels.map((_, k) => x(k)),
    textWidths(labels, `${TICK_FONT_PX}px ${fontFamily}`),
    0,
    W,
    LABEL_GAP_PX,
  );
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} preserveAspectRatio="none">
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
        {axis.map((a) => (
          <text key={a.index} x={a.x} y={H - 8} textAnchor="middle" className="chart-tick chart-x">
            {labels[a.index]}
          </text>
        ))}
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
