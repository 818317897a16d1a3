// A draft or a version of the program: the raw YAML/JSON editor saved and checked as you type, its issues at
// their lines, a simulation over the last 12 months beside the published version, publishing at a date, and
// the text's changes against the published version.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { diffLines, hunks } from "../console/diff.ts";
import { day, idempotencyKey, isoToday, monthsBefore } from "../console/format.ts";
import { PROGRAM_EDITORS } from "../console/roles.ts";
import "../console/console.css";
import { ComparisonTable, MONEY_TOTALS, POINT_TOTALS, useComparison } from "../console/simulation.tsx";
import { useI18n } from "../i18n.tsx";
import { Link, navigate, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ProgramForm } from "./ProgramForm.tsx";

type Detail = Schemas["ProgramVersionDetail"];
type Issue = Schemas["ProgramIssue"];

/** How long typing must pause before the draft is saved and checked. */
const SAVE_DELAY_MS = 600;
const SIMULATED_MONTHS = 12;
const SIMULATED_EVENTS = 10_000;
/** The editing tab last chosen, remembered in this browser. */
const TAB_KEY = "patron.editorTab";

export default function ProgramEditor({ reference }: { reference: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [published, setPublished] = useState<Detail | null | undefined>(undefined);
  const [text, setText] = useState("");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const saved = useRef("");
  const ids = { editor: useId(), issues: useId(), status: useId() };
  const [tab, setTab] = useState<"form" | "text">(() =>
    localStorage.getItem(TAB_KEY) === "text" ? "text" : "form",
  );
  const chooseTab = (k: "form" | "text") => {
    localStorage.setItem(TAB_KEY, k);
    setTab(k);
  };
  const editable = detail?.status === "draft" && PROGRAM_EDITORS.includes(me.role);
  // A draft with issues has no parsed name: the last one known stays in the title.
  const lastName = useRef<string | null>(null);
  if (detail?.name) lastName.current = detail.name;
  const title = detail
    ? detail.version === null
      ? t("editor.title", { name: lastName.current ?? t("programs.draftName") })
      : `v${detail.version} · ${detail.name ?? ""}`
    : t("loading");
  usePageTitle(title, heading);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [got, list] = await Promise.all([
        api.GET("/v1/programs/{version}", { params: { path: { version: reference } } }),
        api.GET("/v1/programs", { params: { query: { status: "published", limit: 1 } } }),
      ]);
      if (!live) return;
      if (!got.data) {
        setError(errorMessage(got.error));
        return;
      }
      setDetail(got.data);
      setText(got.data.text);
      saved.current = got.data.text;
      setIssues(got.data.issues);
      setCurrency(currencyOf(got.data));
      const latest = list.data?.data[0];
      if (!latest || latest.version === null) {
        setPublished(null);
        return;
      }
      const pub = await api.GET("/v1/programs/{version}", {
        params: { path: { version: String(latest.version) } },
      });
      if (live) setPublished(pub.data ?? null);
    })();
    return () => {
      live = false;
    };
  }, [reference]);

  // Save and check the text once typing pauses; the answer lists the issues at their lines.
  useEffect(() => {
    if (!editable || !detail || text === saved.current) return;
    const timer = setTimeout(async () => {
      setSaving(true);
      const { data, error: failed } = await api.PUT("/v1/programs/drafts/{id}", {
        params: { path: { id: detail.id } },
        body: { definition: text },
      });
      setSaving(false);
      if (!data) {
        setError(errorMessage(failed));
        return;
      }
      setError(null);
      saved.current = data.text;
      setIssues(data.issues);
      setDetail(data);
      const c = currencyOf(data);
      if (c) setCurrency(c);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, editable, detail]);

  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = el.scrollHeight / Math.max(1, lines.length);
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  if (error && !detail) {
    return (
      <section className="page">
        <h1 ref={heading} tabIndex={-1}>
          {reference}
        </h1>
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      </section>
    );
  }

  const current = text === saved.current && !saving;
  const lineCount = text.split("\n").length;
  return (
    <section className="page wide">
      <p className="crumbs">
        <Link href="/programs">← {t("programs.title")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p className="muted">
          {detail && <span className={`badge status-${detail.status}`}>{t(`program.${detail.status}`)}</span>}{" "}
          {editable ? t("editor.lead") : detail?.status !== "draft" ? t("editor.readOnly") : ""}
        </p>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="editor-grid">
        <div className="editor-main">
          <div className="tabs" role="tablist" aria-label={t("editor.tabs")}>
            {(["form", "text"] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`${ids.editor}-tab-${k}`}
                aria-selected={tab === k}
                aria-controls={`${ids.editor}-panel-${k}`}
                tabIndex={tab === k ? 0 : -1}
                className={tab === k ? "tab selected" : "tab"}
                onClick={() => chooseTab(k)}
                onKeyDown={(e) => {
                  if (e.key === "ArrowRight" || e.key === "ArrowLeft")
                    chooseTab(k === "form" ? "text" : "form");
                }}
              >
                {k === "form" ? t("editor.tabForm") : t("editor.tabText")}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`${ids.editor}-panel-${tab}`}
            aria-labelledby={`${ids.editor}-tab-${tab}`}
            className="tab-panel"
          >
            {tab === "form" ? (
              <ProgramForm text={text} editable={editable} issues={issues} onChange={setText} />
            ) : (
              <div className="field">
                <label htmlFor={ids.editor}>{t("editor.definition")}</label>
                <div className="code-box">
                  <div className="gutter" aria-hidden="true" ref={gutter}>
                    {Array.from({ length: lineCount }, (_, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a line's number is its identity
                      <span key={k} className={issues.some((i) => i.line === k + 1) ? "bad" : undefined}>
                        {k + 1}
                      </span>
                    ))}
                  </div>
                  <textarea
                    id={ids.editor}
                    ref={area}
                    className="code"
                    value={text}
                    readOnly={!editable}
                    spellCheck={false}
                    autoCapitalize="none"
                    autoComplete="off"
                    wrap="off"
                    rows={Math.min(40, Math.max(16, lineCount + 1))}
                    aria-describedby={`${ids.status} ${ids.issues}`}
                    aria-invalid={issues.length > 0}
                    onChange={(e) => setText(e.target.value)}
                    onScroll={(e) => {
                      if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
                    }}
                  />
                </div>
              </div>
            )}
          </div>
          {editable && (
            <p
              id={ids.status}
              className="save-status"
              role="status"
              aria-live="polite"
              data-testid="save-status"
            >
              {saving || !current
                ? t("editor.saving")
                : issues.length === 0
                  ? t("editor.valid")
                  : t("editor.invalid", { n: i18n.number(issues.length) })}
            </p>
          )}
        </div>
        <aside className="editor-side">
          <section className="card" aria-labelledby={ids.issues}>
            <h2 id={ids.issues}>
              {t("editor.issues")} ({i18n.number(issues.length)})
            </h2>
            {issues.length === 0 ? (
              <p className="muted">{t("editor.valid")}</p>
            ) : (
              <ul className="issues" data-testid="issues">
                {issues.map((issue) => (
                  <li key={`${issue.path}:${issue.line}:${issue.column}:${issue.message}`}>
                    {issue.line !== null ? (
                      <button type="button" className="linkish" onClick={() => goTo(issue.line ?? 1)}>
                        {t("editor.issueAt", {
                          line: i18n.number(issue.line),
                          column: i18n.number(issue.column ?? 1),
                        })}
                      </button>
                    ) : (
                      <strong>{t("editor.issueNoLine")}</strong>
                    )}
                    <code className="small">{issue.path}</code>
                    <span>{issue.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {detail?.status === "draft" && (
            <Simulate draftId={detail.id} ready={current && issues.length === 0} currency={currency} />
          )}
          {editable && detail && (
            <Publish
              draftId={detail.id}
              ready={current && issues.length === 0}
              minDate={published?.effectiveFrom ?? null}
              onDone={(v) => navigate(`/programs/${v}`)}
            />
          )}
        </aside>
      </div>
      {published !== undefined && detail?.status === "draft" && <Diff published={published} text={text} />}
    </section>
  );
}

function currencyOf(d: Detail): string | null {
  const c = d.definition?.currency;
  return typeof c === "string" ? c : null;
}

function Simulate({
  draftId,
  ready,
  currency,
}: {
  draftId: string;
  ready: boolean;
  currency: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [result, setResult] = useState<Schemas["Simulation"] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const today = isoToday();
    const { data, error: failed } = await api.POST("/v1/programs/drafts/{id}/simulate", {
      params: { path: { id: draftId } },
      body: { from: monthsBefore(today, SIMULATED_MONTHS), to: today, limit: SIMULATED_EVENTS },
    });
    setBusy(false);
    if (data) setResult(data);
    else setError(errorMessage(failed));
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("simulate.title")}</h2>
      <p className="muted small">{t("simulate.lead")}</p>
      <button type="button" className="primary" onClick={run} disabled={!ready || busy}>
        {busy ? t("simulate.running") : t("simulate.run")}
      </button>
      {!ready && <p className="small muted">{t("simulate.invalid")}</p>}
      <p className="small">
        <Link href={`/analytics/what-if/${encodeURIComponent(draftId)}`}>{t("whatif.link")}</Link>
      </p>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div aria-live="polite">
        {result && <SimulationResult result={result} currency={currency ?? undefined} />}
      </div>
    </section>
  );
}

function SimulationResult({ result, currency }: { result: Schemas["Simulation"]; currency?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const comparison = useComparison(result, currency);
  const tiers = comparison.tiers();
  return (
    <div className="sim" data-testid="simulation">
      <p className="small">
        {t("simulate.summary", {
          orders: i18n.number(result.orders),
          returns: i18n.number(result.returns),
          date: day(i18n, result.asOf),
        })}
        {result.truncated && ` ${t("simulate.truncated")}`}
      </p>
      {!result.published && <p className="small muted">{t("simulate.noPublished")}</p>}
      <ComparisonTable
        head={t("simulate.measure")}
        rows={comparison.measures([...POINT_TOTALS, ...MONEY_TOTALS], false)}
        className="compact"
      />
      {tiers.length > 0 && (
        <>
          <h3 className="small-head">{t("simulate.tiers")}</h3>
          <ComparisonTable head={t("companies.tier")} rows={tiers} difference={false} className="compact" />
        </>
      )}
    </div>
  );
}

function Publish({
  draftId,
  ready,
  minDate,
  onDone,
}: {
  draftId: string;
  ready: boolean;
  minDate: string | null;
  onDone(version: number): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = { title: useId(), date: useId(), comment: useId() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const effectiveFrom = String(form.get("effectiveFrom") ?? "");
    const comment = String(form.get("comment") ?? "").trim();
    setBusy(true);
    setError(null);
    const { data, error: failed } = await api.POST("/v1/programs/drafts/{id}/publish", {
      params: { path: { id: draftId }, header: { "idempotency-key": idempotencyKey() } },
      body: { effectiveFrom, ...(comment ? { comment } : {}) },
    });
    setBusy(false);
    if (data?.version != null) onDone(data.version);
    else setError(errorMessage(failed));
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("publish.title")}</h2>
      <p className="muted small">{t("publish.lead")}</p>
      <div className="field">
        <label htmlFor={ids.date}>{t("publish.date")}</label>
        <input
          id={ids.date}
          name="effectiveFrom"
          type="date"
          required
          defaultValue={isoToday()}
          min={minDate ?? undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.comment}>{t("publish.comment")}</label>
        <input id={ids.comment} name="comment" maxLength={500} />
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <button type="submit" className="primary wide" disabled={!ready || busy}>
        {t("publish.submit")}
      </button>
    </form>
  );
}

function Diff({ published, text }: { published: Detail | null; text: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  // Recomputed only when the text settles, not on every key.
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const lines = useMemo(() => diffLines(published?.text ?? "", settled), [published, settled]);
  const shown = useMemo(() => hunks(lines), [lines]);
  const added = lines.filter((l) => l.op === "add").length;
  const removed = lines.filter((l) => l.op === "del").length;
  const heading = useCallback(
    () =>
      published?.version != null ? t("diff.title", { v: String(published.version) }) : t("diff.noPublished"),
    [published, t],
  );
  return (
    <section className="block" aria-labelledby={titleId}>
      <h2 id={titleId}>{heading()}</h2>
      {published && added + removed === 0 ? (
        <p className="muted">{t("diff.same")}</p>
      ) : (
        <>
          <p className="muted small">
            {t("diff.summary", { added: i18n.number(added), removed: i18n.number(removed) })}
          </p>
          <div className="diff" data-testid="diff">
            {shown.map((l, k) =>
              l === null ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity but their place
                <div key={`gap${k}`} className="diff-gap" aria-hidden="true">
                  ⋯
                </div>
              ) : (
                <div key={`${l.op}${l.line}`} className={`diff-line ${l.op}`}>
                  <span className="diff-no" aria-hidden="true">
                    {l.line}
                  </span>
                  <span className="diff-op">
                    {l.op === "add" ? (
                      <>
                        <span aria-hidden="true">+</span>
                        <span className="visually-hidden">{t("diff.added")}: </span>
                      </>
                    ) : l.op === "del" ? (
                      <>
                        <span aria-hidden="true">−</span>
                        <span className="visually-hidden">{t("diff.removed")}: </span>
                      </>
                    ) : (
                      " "
                    )}
                  </span>
                  <code>{l.text || " "}</code>
                </div>
              ),
            )}
          </div>
        </>
      )}
    </section>
  );
}
