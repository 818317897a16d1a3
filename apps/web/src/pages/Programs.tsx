// Programs: drafts and versions, a new draft started from the version in force, and a rollback.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, idempotencyKey, isoToday } from "../console/format.ts";
import { PROGRAM_EDITORS } from "../console/roles.ts";
import "../console/console.css";
import { useI18n } from "../i18n.tsx";
import { Link, navigate, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { DataTable } from "../ui/table.tsx";

type Version = Schemas["ProgramVersion"];

/** A starting point when nothing is published yet: the smallest program that validates. */
const STARTER = `id: my-program
name: My loyalty program
version: 1
currency: EUR
timeZone: Europe/Berlin
startsOn: "${new Date().getFullYear()}-01-01"
pointValue: 1
wallet: { earner: company }
tiers:
  metric: netPurchases
  window: { rollingDays: 365 }
  evaluation: daily
  levels:
    - { id: base, name: Base, from: 0, earnRate: "1%" }
    - { id: silver, name: Silver, from: 100000, earnRate: "2%" }
`;

/** Where a version's page is: published ones by number, drafts by id. */
export function versionHref(v: Version): string {
  return `/programs/${v.version ?? v.id}`;
}

export default function Programs() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("programs.title"), heading);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = PROGRAM_EDITORS.includes(me.role);
  const published = (versions ?? []).filter((v) => v.status === "published" && v.version !== null);
  const latest = published[0];

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET("/v1/programs", { params: { query: { limit: 100 } } });
    if (data) setVersions(data.data);
    else setError(errorMessage(failed));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const startDraft = async () => {
    setBusy(true);
    setError(null);
    let text = STARTER;
    if (latest?.version != null) {
      const got = await api.GET("/v1/programs/{version}", {
        params: { path: { version: String(latest.version) } },
      });
      if (got.data) text = got.data.text;
    }
    const { data, error: failed } = await api.POST("/v1/programs/drafts", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { definition: text },
    });
    setBusy(false);
    if (data) navigate(`/programs/${data.id}`);
    else setError(errorMessage(failed));
  };

  return (
    <section className="page">
      <div className="page-head with-action">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t("programs.title")}
          </h1>
          <p className="muted">{t("programs.lead")}</p>
        </div>
        {editor && (
          <button type="button" className="primary" onClick={startDraft} disabled={busy || versions === null}>
            {latest?.version != null
              ? t("programs.newFrom", { v: String(latest.version) })
              : t("programs.newEmpty")}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <DataTable
        columns={[
          t("programs.version"),
          t("programs.name"),
          t("programs.status"),
          t("programs.effective"),
          { label: t("programs.issues"), num: true },
          t("programs.changed"),
        ]}
        rows={versions}
        label={t("programs.title")}
        loading={error ? undefined : t("loading")}
        empty={t("programs.empty")}
        row={(v) => {
          const label = v.version === null ? t("programs.draftName") : `v${v.version}`;
          return (
            <tr key={v.id}>
              <td data-label={t("programs.version")}>
                <Link
                  href={versionHref(v)}
                  aria-label={t("programs.open", { name: `${label} ${v.name ?? ""}` })}
                >
                  <strong>{label}</strong>
                </Link>
                {v.basedOn !== null && (
                  <span className="muted small"> · {t("programs.basedOn", { v: String(v.basedOn) })}</span>
                )}
              </td>
              <td data-label={t("programs.name")}>{v.name ?? t("common.none")}</td>
              <td data-label={t("programs.status")}>
                <span className={`badge status-${v.status}`}>{t(`program.${v.status}`)}</span>
              </td>
              <td data-label={t("programs.effective")}>
                {v.effectiveFrom
                  ? v.effectiveTo
                    ? t("programs.range", {
                        from: day(i18n, v.effectiveFrom),
                        to: day(i18n, v.effectiveTo),
                      })
                    : t("programs.fromDate", { date: day(i18n, v.effectiveFrom) })
                  : t("common.none")}
              </td>
              <td data-label={t("programs.issues")} className={`num ${v.issueCount > 0 ? "neg" : ""}`}>
                {i18n.number(v.issueCount)}
              </td>
              <td data-label={t("programs.changed")}>
                {i18n.dateTime(v.publishedAt ?? v.updatedAt ?? v.createdAt)}
              </td>
            </tr>
          );
        }}
      />
      {editor && published.length > 1 && (
        <Rollback
          published={published}
          onDone={async (v, date) => {
            setNotice(t("rollback.done", { v: String(v), date: day(i18n, date) }));
            await load();
          }}
        />
      )}
    </section>
  );
}

function Rollback({ published, onDone }: { published: Version[]; onDone(v: number, date: string): void }) {
  const { t } = useI18n();
  const ids = { title: useId(), to: useId(), from: useId() };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const to = String(form.get("toVersion") ?? "");
    const effectiveFrom = String(form.get("effectiveFrom") ?? "");
    setBusy(true);
    setError(null);
    const { data, error: failed } = await api.POST("/v1/programs/rollback", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { effectiveFrom, ...(to ? { toVersion: Number(to) } : {}) },
    });
    setBusy(false);
    if (data?.version != null) onDone(data.version, effectiveFrom);
    else setError(errorMessage(failed));
  };
  return (
    <form className="card inline-form block" onSubmit={submit} aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("rollback.title")}</h2>
      <p className="muted full">{t("rollback.lead")}</p>
      <div className="field">
        <label htmlFor={ids.to}>{t("rollback.to")}</label>
        <select id={ids.to} name="toVersion" defaultValue="">
          <option value="">{t("rollback.previous")}</option>
          {published.slice(1).map((v) => (
            <option key={v.id} value={String(v.version)}>
              v{v.version} · {v.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.from}>{t("rollback.from")}</label>
        <input id={ids.from} name="effectiveFrom" type="date" required defaultValue={isoToday()} />
      </div>
      <button type="submit" disabled={busy}>
        {t("rollback.submit")}
      </button>
      {error && (
        <p className="alert error full" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
    </form>
  );
}
