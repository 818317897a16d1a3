// Reports as CSV files: plain CSV (RFC 4180, comma, ISO dates, decimal point) and a variant for 1C and other
// accounting systems of the region (semicolon, decimal comma, dd.mm.yyyy dates, CRLF, UTF-8 with a BOM).

import type { Metrics } from "./metrics.ts";
import type { Dashboard } from "./service.ts";

export type CsvFormat = "csv" | "1c";

/** How a column's cells are written: dates and decimals differ between the two formats. */
export type ColumnKind = "text" | "date" | "number" | "decimal";

export interface Column {
  name: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

/** An ISO date (2026-03-01) as 01.03.2026; anything else as it is. */
function dotted(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function cellText(value: Cell, kind: ColumnKind, format: CsvFormat): string {
  if (value === null) return "";
  const text = String(value);
  if (format === "csv") return text;
  if (kind === "date") return dotted(text);
  if (kind === "decimal" || kind === "number") return text.replace(".", ",");
  return text;
}

function quoted(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** The file: a header line of column names, then one line per row. */
export function toCsv(columns: readonly Column[], rows: readonly Cell[][], format: CsvFormat): string {
  const separator = format === "1c" ? ";" : ",";
  const eol = format === "1c" ? "\r\n" : "\n";
  const lines = [columns.map((c) => quoted(c.name, separator)).join(separator)];
  for (const row of rows)
    lines.push(
      columns.map((c, k) => quoted(cellText(row[k] ?? null, c.kind, format), separator)).join(separator),
    );
  return (format === "1c" ? "\uFEFF" : "") + lines.join(eol) + eol;
}

/** The response headers of a CSV download named `name`. */
export function csvHeaders(name: string, format: CsvFormat): Record<string, string> {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}${format === "1c" ? "-1c" : ""}.csv"`,
  };
}

const METRIC_COLUMNS: Column[] = [
  { name: "key", kind: "text" },
  { name: "unit", kind: "text" },
  { name: "participants", kind: "decimal" },
  { name: "holdout", kind: "decimal" },
  { name: "low", kind: "decimal" },
  { name: "high", kind: "decimal" },
  { name: "definition", kind: "text" },
];

/** The metrics page as a file: one line per metric, then one per lift (`lift:rpr`...) with its interval. */
export function metricsCsv(m: Metrics, format: CsvFormat): string {
  const rows: Cell[][] = [
    ...m.metrics.map((x): Cell[] => [
      x.key,
      x.unit,
      x.values.participants,
      x.values.holdout,
      null,
      null,
      x.definition,
    ]),
    ...m.lift.map((l): Cell[] => [`lift:${l.key}`, "ratio", l.value, null, l.low, l.high, l.definition]),
  ];
  return toCsv(METRIC_COLUMNS, rows, format);
}

const DASHBOARD_COLUMNS: Column[] = [
  { name: "section", kind: "text" },
  { name: "start", kind: "date" },
  { name: "currency", kind: "text" },
  { name: "members", kind: "number" },
  { name: "active_members", kind: "number" },
  { name: "orders", kind: "number" },
  { name: "revenue", kind: "decimal" },
  { name: "points_issued", kind: "number" },
  { name: "points_spent", kind: "number" },
  { name: "points_expired", kind: "number" },
  { name: "liability_points", kind: "number" },
];

/** The dashboard as a file: the period's totals, then one line per day, week or month of its charts. */
export function dashboardCsv(d: Dashboard, format: CsvFormat): string {
  const line = (
    section: string,
    start: string,
    x: Dashboard["totals"] | Dashboard["series"][number],
  ): Cell[] => [
    section,
    start,
    d.currency,
    x.members,
    x.activeMembers,
    x.orders,
    x.revenue,
    x.pointsIssued,
    x.pointsSpent,
    x.pointsExpired,
    x.liabilityPoints,
  ];
  return toCsv(
    DASHBOARD_COLUMNS,
    [line("total", d.from, d.totals), ...d.series.map((p) => line(d.interval, p.start, p))],
    format,
  );
}
