// Companies: search by the start of a name, id or tax id, filter by tier and segment, page by cursor.

import type { Schemas } from "@patron/sdk";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day } from "../console/format.ts";
import { Pager, useCursors } from "../console/paging.tsx";
import "../console/console.css";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { InputField } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

const PAGE_SIZE = 25;

interface Filters {
  q: string;
  tier: string;
  segment: string;
}

export default function Companies() {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("companies.title"), heading);
  const [filters, setFilters] = useState<Filters>({ q: "", tier: "", segment: "" });
  const [segments, setSegments] = useState<Schemas["Segments"]["data"]>([]);
  const [page, setPage] = useState<Schemas["CompanyPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursors = useCursors();
  const ids = { tier: useId(), tierHint: useId(), segment: useId() };

  useEffect(() => {
    api.GET("/v1/segments").then(
      ({ data }) => setSegments(data?.data ?? []),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    let live = true;
    setPage(null);
    const query = {
      limit: PAGE_SIZE,
      ...(filters.q ? { q: filters.q } : {}),
      ...(filters.tier ? { tier: filters.tier } : {}),
      ...(filters.segment ? { segment: filters.segment } : {}),
      ...(cursors.cursor ? { cursor: cursors.cursor } : {}),
    };
    api.GET("/v1/companies", { params: { query } }).then(({ data, error: failed }) => {
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
    setError(null);
    cursors.reset();
    setFilters({
      q: String(form.get("q") ?? "").trim(),
      tier: String(form.get("tier") ?? "").trim(),
      segment: String(form.get("segment") ?? ""),
    });
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("companies.title")}
        </h1>
        <p className="muted">{t("companies.lead")}</p>
      </div>
      <form className="card filters" aria-label={t("companies.title")} onSubmit={search}>
        <InputField
          label={t("companies.q")}
          className="grow"
          name="q"
          type="search"
          autoComplete="off"
          defaultValue={filters.q}
        />
        <div className="field">
          <label htmlFor={ids.tier}>{t("companies.tier")}</label>
          <input id={ids.tier} name="tier" aria-describedby={ids.tierHint} defaultValue={filters.tier} />
          <small id={ids.tierHint} className="muted">
            {t("companies.tierHint")}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.segment}>{t("companies.segment")}</label>
          <select id={ids.segment} name="segment" defaultValue={filters.segment}>
            <option value="">{t("companies.anySegment")}</option>
            {segments.map((s) => (
              <option key={s.segment} value={s.segment}>
                {s.segment} ({i18n.number(s.companies)})
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t("common.search")}
          </button>
          <button
            type="reset"
            onClick={() => {
              cursors.reset();
              setFilters({ q: "", tier: "", segment: "" });
            }}
          >
            {t("common.clear")}
          </button>
        </div>
      </form>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <DataTable
        columns={[
          t("companies.name"),
          t("companies.segment"),
          t("companies.tier"),
          { label: t("companies.orders"), num: true },
          t("companies.lastOrder"),
        ]}
        rows={page?.data}
        label={t("companies.title")}
        loading={error ? undefined : t("loading")}
        empty={t("companies.empty")}
        row={(c) => (
          <tr key={c.id}>
            <td data-label={t("companies.name")}>
              <span className="stack">
                <Link href={`/companies/${encodeURIComponent(c.id)}`}>
                  <strong>{c.name ?? t("companies.unnamed")}</strong>
                </Link>
                <code className="muted small">{c.id}</code>
              </span>
            </td>
            <td data-label={t("companies.segment")}>{c.segment ?? t("common.none")}</td>
            <td data-label={t("companies.tier")}>
              {c.tier ? <span className="badge">{c.tier}</span> : t("common.none")}
            </td>
            <td data-label={t("companies.orders")} className="num">
              {i18n.number(c.orderCount)}
            </td>
            <td data-label={t("companies.lastOrder")}>
              {c.lastOrderOn ? day(i18n, c.lastOrderOn) : t("common.none")}
            </td>
          </tr>
        )}
      />
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("companies.title")} />}
    </section>
  );
}
