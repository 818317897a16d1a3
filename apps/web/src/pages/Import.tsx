// Import of the companies, contacts and orders CSV files from the browser, and downloads of every export.
// Companies and contacts go to the server whole (all or nothing, each bad line named). Orders are grouped into
// events as the CLI groups them and sent to the batch endpoint a chunk at a time, with the lines done, the
// events taken, those already there (a file sent again changes nothing) and each refused line with its reason.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import {
  type FileEvent,
  locate,
  missingColumns,
  ORDER_COLUMNS,
  ordersFromRows,
  parseCsv,
  type RowError,
} from "../console/csv.ts";
import { idempotencyKey } from "../console/format.ts";
import "../console/console.css";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";

/** Events and order lines per batch request: small enough to show progress often, large enough to be quick. */
const CHUNK_EVENTS = 200;
const CHUNK_LINES = 2000;
/** The refused lines listed on the page; the count says how many more there were. */
const SHOWN_ERRORS = 100;
/** The source the CLI's `patron import` names too, so a file imported either way is taken once. */
const SOURCE = "import";

interface Progress {
  done: number;
  total: number;
  taken: number;
  replayed: number;
  refused: number;
  errors: RowError[];
  finished: boolean;
  failure: string | null;
}

const START: Progress = {
  done: 0,
  total: 0,
  taken: 0,
  replayed: 0,
  refused: 0,
  errors: [],
  finished: false,
  failure: null,
};

function chunks(events: FileEvent[]): FileEvent[][] {
  const out: FileEvent[][] = [];
  let cur: FileEvent[] = [];
  let lines = 0;
  for (const e of events) {
    if (cur.length > 0 && (cur.length >= CHUNK_EVENTS || lines + e.lines.length > CHUNK_LINES)) {
      out.push(cur);
      cur = [];
      lines = 0;
    }
    cur.push(e);
    lines += e.lines.length;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

async function importOrders(text: string, report: (p: Progress) => void): Promise<void> {
  const { header, rows } = parseCsv(text);
  const missing = missingColumns(header, ORDER_COLUMNS);
  let p: Progress = { ...START, total: rows.length };
  if (missing.length > 0) {
    report({ ...p, finished: true, failure: `missing columns: ${missing.join(", ")}` });
    return;
  }
  const { events, errors } = ordersFromRows(rows, SOURCE);
  p = { ...p, errors: [...errors], refused: errors.length, done: errors.length };
  report(p);
  for (const batch of chunks(events)) {
    const { data, error } = await api.POST("/v1/events/batch", {
      body: { events: batch.map((e) => e.body) } as unknown as Schemas["EventBatch"],
    });
    if (!data) {
      report({ ...p, finished: true, failure: errorMessage(error) });
      return;
    }
    const refusedLines: RowError[] = [];
    for (const r of data.results) {
      if (r.ok) continue;
      const at = locate(r.error?.field ?? null, batch) ?? {
        line: batch[r.index]?.lines[0] ?? 0,
        column: null,
      };
      refusedLines.push({ line: at.line, column: at.column, message: r.error?.message ?? String(r.status) });
    }
    p = {
      ...p,
      done: p.done + batch.reduce((n, e) => n + e.lines.length, 0),
      taken: p.taken + data.taken,
      replayed: p.replayed + data.replayed,
      refused: p.refused + data.refused,
      errors: [...p.errors, ...refusedLines],
    };
    report(p);
  }
  report({ ...p, finished: true });
}

/** `line 3, joined_on: ...; line 5: ...` (the server's answer to a bad file) as the page's list of refused lines. */
function problemsOf(message: string): RowError[] {
  return message.split("; ").map((part) => {
    const m = /^line (\d+)(?:, ([\w-]+))?: (.*)$/s.exec(part);
    return m
      ? { line: Number(m[1]), column: m[2] ?? null, message: m[3] ?? part }
      : { line: 0, column: null, message: part };
  });
}

/** Companies or contacts: the whole file in one request, taken all or nothing (POST /v1/imports/{kind}). */
function importWhole(kind: "companies" | "contacts") {
  return async (text: string, report: (p: Progress) => void): Promise<void> => {
    const total = parseCsv(text).rows.length;
    report({ ...START, total });
    const { data, error, response } = await api.POST("/v1/imports/{kind}", {
      params: { path: { kind }, header: { "idempotency-key": idempotencyKey() } },
      body: text,
      bodySerializer: (b: string) => b,
      headers: { "content-type": "text/csv" },
    });
    if (data) {
      report({ ...START, total, done: total, taken: data.imported, replayed: data.skipped, finished: true });
    } else if (response.status === 422 && error?.error.field === "csv") {
      const errors = problemsOf(error.error.message);
      report({ ...START, total, done: total, refused: total, errors, finished: true });
    } else {
      report({ ...START, total, finished: true, failure: errorMessage(error) });
    }
  };
}

const EXPORTS = [
  "companies",
  "contacts",
  "orders",
  "ledger",
  "rewards",
  "wallets",
  "reward-orders",
  "webhook-deliveries",
  "survey-answers",
  "audit",
] as const;

function Exports() {
  const { t } = useI18n();
  const title = useId();
  return (
    <section className="card block" aria-labelledby={title} data-testid="exports">
      <h2 id={title}>{t("import.exports")}</h2>
      <p className="muted small">{t("import.exportsHint")}</p>
      <ul className="links">
        {EXPORTS.map((kind) => (
          <li key={kind}>
            <a href={`/v1/exports/${kind}`} download={`${kind}.csv`}>
              {t(`export.${kind}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function Import() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("import.title"), heading);
  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/events">← {t("events.title")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("import.title")}
        </h1>
        <p className="muted">{t("import.lead")}</p>
      </div>
      <ImportCard kind="companies" run={importWhole("companies")} />
      <ImportCard kind="contacts" run={importWhole("contacts")} />
      <ImportCard kind="orders" run={importOrders} />
      <Exports />
    </section>
  );
}

function ImportCard({
  kind,
  run,
}: {
  kind: "companies" | "contacts" | "orders";
  run(text: string, report: (p: Progress) => void): Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = { title: useId(), file: useId(), hint: useId() };
  const [progress, setProgress] = useState<Progress | null>(null);
  const busy = progress !== null && !progress.finished;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setProgress({ ...START });
    await run(await file.text(), setProgress);
  };
  const pct = progress && progress.total > 0 ? Math.round((progress.done * 100) / progress.total) : 0;
  return (
    <form className="card block" aria-labelledby={ids.title} onSubmit={submit} data-testid={`import-${kind}`}>
      <h2 id={ids.title}>{t(`import.${kind}`)}</h2>
      <p className="muted small" id={ids.hint}>
        {t(`import.${kind}Hint`)}
      </p>
      <div className="field">
        <label htmlFor={ids.file}>{t("import.file")}</label>
        <input
          id={ids.file}
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={ids.hint}
          required
        />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t("import.running") : t("import.start")}
      </button>
      {progress && (
        <div className="import-progress" aria-live="polite">
          <progress
            max={Math.max(1, progress.total)}
            value={progress.done}
            aria-label={t("import.progress")}
            aria-valuetext={`${pct}%`}
          />
          <p data-testid={`import-${kind}-status`}>
            {t("import.lines", { done: i18n.number(progress.done), total: i18n.number(progress.total) })}
            {" · "}
            {t("import.counts", {
              taken: i18n.number(progress.taken),
              replayed: i18n.number(progress.replayed),
              refused: i18n.number(progress.refused),
            })}
            {progress.finished && !progress.failure && ` · ${t("import.done")}`}
          </p>
          {progress.failure && (
            <p className="alert error" role="alert">
              {t("error.generic", { message: progress.failure })}
            </p>
          )}
          {progress.errors.length > 0 && (
            <ul className="issues" data-testid={`import-${kind}-errors`}>
              {progress.errors.slice(0, SHOWN_ERRORS).map((err, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: errors come in file order and never move
                <li key={k}>
                  <strong>
                    {t("import.errorAt", { line: i18n.number(err.line) })}
                    {err.column ? ` (${err.column})` : ""}
                  </strong>{" "}
                  <span>{err.message}</span>
                </li>
              ))}
              {progress.errors.length > SHOWN_ERRORS && (
                <li className="muted">
                  {t("import.moreErrors", { n: i18n.number(progress.errors.length - SHOWN_ERRORS) })}
                </li>
              )}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
