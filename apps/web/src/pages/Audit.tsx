// The audit log: every change with who made it, when, on what and why, filtered by actor, action and dates.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { Pager, useCursors } from "../console/paging.tsx";
import "../console/console.css";
import { useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { InputField } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

const PAGE_SIZE = 50;

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: "", action: "", from: "", to: "" };

/** A day typed in a date field as the instant its day starts in the browser's time zone. */
function startOf(dayText: string, plusDays = 0): string {
  const d = new Date(`${dayText}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

export default function Audit() {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("audit.title"), heading);
  const cursors = useCursors();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState<Schemas["AuditPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { actor: useId(), action: useId(), ah: useId(), ch: useId() };

  useEffect(() => {
    let live = true;
    setPage(null);
    const query = {
      limit: PAGE_SIZE,
      ...(filters.actor ? { actor: filters.actor } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.from ? { from: startOf(filters.from) } : {}),
      ...(filters.to ? { to: startOf(filters.to, 1) } : {}),
      ...(cursors.cursor ? { cursor: cursors.cursor } : {}),
    };
    api.GET("/v1/audit-log", { params: { query } }).then(({ data, error: failed }) => {
      if (!live) return;
      if (data) setPage(data);
      else setError(errorMessage(failed));
    });
    return () => {
      live = false;
    };
  }, [filters, cursors.cursor]);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    setError(null);
    cursors.reset();
    setFilters({ actor: get("actor"), action: get("action"), from: get("from"), to: get("to") });
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("audit.title")}
        </h1>
        <p className="muted">{t("audit.lead")}</p>
      </div>
      <form className="card filters" aria-label={t("audit.title")} onSubmit={search}>
        <div className="field">
          <label htmlFor={ids.actor}>{t("audit.actor")}</label>
          <input id={ids.actor} name="actor" aria-describedby={ids.ah} spellCheck={false} />
          <small id={ids.ah} className="muted">
            {t("audit.actorHint")}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.action}>{t("audit.action")}</label>
          <input id={ids.action} name="action" aria-describedby={ids.ch} spellCheck={false} />
          <small id={ids.ch} className="muted">
            {t("audit.actionHint")}
          </small>
        </div>
        <InputField label={t("audit.from")} name="from" type="date" />
        <InputField label={t("audit.to")} name="to" type="date" />
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t("common.search")}
          </button>
          <button
            type="reset"
            onClick={() => {
              cursors.reset();
              setFilters(EMPTY);
            }}
          >
            {t("common.clear")}
          </button>
        </div>
      </form>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <DataTable
        columns={[
          t("audit.when"),
          t("audit.actor"),
          t("audit.action"),
          t("audit.target"),
          t("audit.comment"),
          t("audit.change"),
        ]}
        rows={page?.data}
        label={t("audit.title")}
        loading={error ? undefined : t("loading")}
        empty={t("audit.empty")}
        row={(a) => (
          <tr key={a.id}>
            <td data-label={t("audit.when")} className="when">
              {i18n.dateTime(a.at)}
            </td>
            <td data-label={t("audit.actor")}>
              <code className="small">{a.actor}</code>
            </td>
            <td data-label={t("audit.action")}>
              <span className="badge quiet">{a.action}</span>
            </td>
            <td data-label={t("audit.target")}>
              <code className="small">{a.target ?? t("common.none")}</code>
            </td>
            <td data-label={t("audit.comment")}>{a.comment ?? t("common.none")}</td>
            <td data-label={t("audit.change")}>
              <Change before={a.before} after={a.after} />
            </td>
          </tr>
        )}
      />
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("audit.title")} />}
    </section>
  );
}

type Fields = { [key: string]: unknown } | null;

/** The fields a change set or altered, as `field: before → after`, at most a few. */
function Change({ before, after }: { before: Fields; after: Fields }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]),
  );
  if (keys.length === 0) return <span className="muted">—</span>;
  const show = (v: unknown) => (v === undefined ? "∅" : short(JSON.stringify(v)));
  return (
    <ul className="changes">
      {keys.slice(0, 4).map((k) => (
        <li key={k}>
          <code>{k}</code>: {before && k in before ? `${show(before[k])} → ` : ""}
          {show(after?.[k])}
        </li>
      ))}
      {keys.length > 4 && <li className="muted">+{keys.length - 4}</li>}
    </ul>
  );
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
