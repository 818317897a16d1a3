// The reports page: the points liability for accounting (with CSV and 1C CSV), cohort retention, NPS over time
// and share of wallet, each figure titled with its definition in docs/metrics.md, each report downloadable.
import type { Schemas } from "@patron/sdk";
import { type ChangeEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { parseCsv } from "../console/csv.ts";
import { decimal, isoToday, monthsBefore } from "../console/format.ts";
import { type I18n, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { LineChart } from "./Chart.tsx";
import { definitionHref } from "./Definitions.tsx";

type Finance = Schemas["FinanceReport"];
type FinanceRow = Schemas["FinanceRow"];
type CohortsData = Schemas["Cohorts"];
type Nps = Schemas["NpsReport"];
type Share = Schemas["ShareOfWallet"];

const COLORS = ["#3730a3", "#b45309", "#166534", "#b91c1c", "#7c2d12", "#0e7490"];

/** A figure's label as a link to its definition, with the anchor as a tooltip and a data attribute the tests read. */
export function Defined(props: { anchor: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Link
      href={definitionHref(props.anchor)}
      className="defined"
      title={t("reports.definition", { anchor: props.anchor })}
      data-definition={props.anchor}
    >
      {props.children}
    </Link>
  );
}

/** A report's file: its query with `format` set. */
function csvHref(path: string, query: Record<string, string>, format: "csv" | "1c"): string {
  return `${path}?${new URLSearchParams({ ...query, format }).toString()}`;
}

const pct = (i18n: I18n, x: number | null) =>
  x === null
    ? "—"
    : new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 1 }).format(x);

export function FinanceTable(props: { data: Finance; testId?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const d = props.data;
  const money = (s: string) => decimal(i18n, s, d.currency);
  const cols = ["opening", "issued", "spent", "expired", "reversed", "closing"] as const;
  const line = (label: string, r: FinanceRow, key: string) => (
    <tr key={key} data-row={key}>
      <th scope="row">{label}</th>
      {cols.map((c) => (
        <td key={c} data-cell={c}>
          <span className="num">{money(r[c])}</span>
          <br />
          <span className="muted">{i18n.number(r[`${c}Points`])}</span>
        </td>
      ))}
    </tr>
  );
  return (
    <div className="table-wrap">
      <table data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{t("reports.row")}</th>
            {cols.map((c) => (
              <th scope="col" key={c}>
                <Defined anchor={d.definitions[c] ?? ""}>{t(`reports.${c}`)}</Defined>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line(t("reports.total"), d.total, "total")}
          {d.byVersion.length > 0 && (
            <tr>
              <th scope="rowgroup" colSpan={7} className="muted">
                {t("reports.byVersion")}
              </th>
            </tr>
          )}
          {d.byVersion.map((r) =>
            line(`${t("reports.version", { n: r.key ?? "" })} · ${r.from} – ${r.to}`, r, `version-${r.key}`),
          )}
          {d.byTier.length > 0 && (
            <tr>
              <th scope="rowgroup" colSpan={7} className="muted">
                {t("reports.byTier")}
              </th>
            </tr>
          )}
          {d.byTier.map((r) => line(r.key ?? t("reports.noTier"), r, `tier-${r.key ?? ""}`))}
        </tbody>
      </table>
    </div>
  );
}

export function CohortTable(props: { data: CohortsData; testId?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const months = Array.from({ length: props.data.months }, (_, k) => k);
  const shade = (x: number | null) => (x === null ? undefined : `rgba(55, 48, 163, ${0.06 + 0.3 * x})`);
  return (
    <div className="table-wrap">
      <table className="cohorts" data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">
              <Defined anchor={props.data.definitions.cohorts ?? ""}>{t("reports.cohort")}</Defined>
            </th>
            <th scope="col">{t("reports.size")}</th>
            {months.map((k) => (
              <th scope="col" key={k}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.data.cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <th scope="row">{c.cohort.slice(0, 7)}</th>
              <td>{i18n.number(c.size)}</td>
              {months.map((k) => {
                const v = k < c.retention.length && c.size > 0 ? (c.retention[k] ?? 0) : null;
                return (
                  <td key={k} style={{ background: shade(v), textAlign: "right" }} data-k={k}>
                    {v === null ? "" : pct(i18n, v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Download(props: { path: string; query: Record<string, string>; name: string }) {
  const { t } = useI18n();
  return (
    <span className="downloads">
      <a href={csvHref(props.path, props.query, "csv")} download data-testid={`${props.name}-csv`}>
        {t("reports.csv")}
      </a>{" "}
      ·{" "}
      <a href={csvHref(props.path, props.query, "1c")} download data-testid={`${props.name}-1c`}>
        {t("reports.csv1c")}
      </a>
    </span>
  );
}

export default function Reports() {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("reports.title"), heading);
  const today = isoToday();
  const [range, setRange] = useState({ from: `${monthsBefore(today, 11).slice(0, 7)}-01`, to: today });
  const [draft, setDraft] = useState(range);
  const [groupBy, setGroupBy] = useState<"none" | "segment" | "tier">("segment");
  const [finance, setFinance] = useState<Finance | null>(null);
  const [cohorts, setCohorts] = useState<CohortsData | null>(null);
  const [nps, setNps] = useState<Nps | null>(null);
  const [share, setShare] = useState<Share | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [drafts, setDrafts] = useState<Schemas["ProgramVersion"][] | null>(null);

  useEffect(() => {
    let live = true;
    api.GET("/v1/programs", { params: { query: { limit: 100 } } }).then((r) => {
      if (!live) return;
      if (r.data) setDrafts(r.data.data.filter((v) => v.status === "draft"));
      else setError(errorMessage(r.error));
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    const query = { from: range.from, to: range.to };
    const fail = (e: unknown) => live && setError(errorMessage(e));
    api.GET("/v1/analytics/finance", { params: { query } }).then((r) => {
      if (!live) return;
      if (r.data && typeof r.data !== "string") setFinance(r.data);
      else fail(r.error);
    });
    api.GET("/v1/analytics/cohorts", { params: { query } }).then((r) => {
      if (!live) return;
      if (r.data && typeof r.data !== "string") setCohorts(r.data);
      else fail(r.error);
    });
    api.GET("/v1/analytics/share-of-wallet", { params: { query } }).then((r) => {
      if (!live) return;
      if (r.data && typeof r.data !== "string") setShare(r.data);
      else fail(r.error);
    });
    void reload;
    return () => {
      live = false;
    };
  }, [range, reload]);

  useEffect(() => {
    let live = true;
    api.GET("/v1/analytics/nps", { params: { query: { ...range, groupBy } } }).then((r) => {
      if (!live) return;
      if (r.data && typeof r.data !== "string") setNps(r.data);
      else setError(errorMessage(r.error));
    });
    return () => {
      live = false;
    };
  }, [range, groupBy]);

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    const { rows } = parseCsv(await file.text());
    const body = rows.map((r) => ({
      companyId: r.cells.company_id ?? "",
      category: r.cells.category ?? "",
      from: r.cells.from ?? "",
      to: r.cells.to ?? "",
      total: r.cells.total ?? "",
    }));
    const r = await api.POST("/v1/analytics/share-of-wallet/import", { body: { rows: body } });
    if (r.data) {
      setImported(t("reports.imported", { n: i18n.number(r.data.imported) }));
      setReload((n) => n + 1);
    } else {
      const field = (r.error as { error?: { field?: string } } | undefined)?.error?.field ?? "";
      const m = /^rows\[(\d+)\]/.exec(field);
      const line = m ? rows[Number(m[1])]?.line : undefined;
      setImported(
        line === undefined
          ? errorMessage(r.error)
          : t("reports.importBad", { line: String(line), message: errorMessage(r.error) }),
      );
    }
    e.currentTarget.value = "";
  };

  const query = { from: range.from, to: range.to };
  const npsMonths = nps
    ? [...new Set(nps.groups.flatMap((g) => g.months.map((m) => m.period ?? "")))].sort()
    : [];
  return (
    <section className="page wide reports">
      <div className="page-head with-action">
        <h1 ref={heading} tabIndex={-1}>
          {t("reports.title")}
        </h1>
        <Link href={`/reports/monthly?month=${range.to.slice(0, 7)}`}>{t("reports.monthly")}</Link>
      </div>
      <p className="muted">{t("reports.lead")}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setRange(draft);
        }}
      >
        <label className="field">
          {t("reports.from")}
          <input
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="field">
          {t("reports.to")}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">{t("reports.show")}</button>
      </form>
      {error && <p role="alert">{error}</p>}

      <h2 id="finance">
        <Defined anchor={finance?.definitions.report ?? "docs/metrics.md#finance-report"}>
          {t("reports.finance")}
        </Defined>
      </h2>
      {finance && (
        <>
          <p className="muted">
            {t("reports.financeLead", { currency: finance.currency })} ·{" "}
            <Download path="/v1/analytics/finance" query={query} name="finance" />
          </p>
          <FinanceTable data={finance} testId="finance-table" />
          <p className="muted" data-testid="finance-ledger">
            {t(finance.ledger.agrees ? "reports.ledgerAgrees" : "reports.ledgerDisagrees", {
              movements: i18n.number(finance.ledger.movementsPoints),
              balances: i18n.number(finance.ledger.balancesPoints),
            })}
          </p>
        </>
      )}

      <h2 id="what-if">{t("reports.whatIf")}</h2>
      <p className="muted">{t("reports.whatIfLead")}</p>
      {drafts &&
        (drafts.length === 0 ? (
          <p className="muted">{t("reports.noDrafts")}</p>
        ) : (
          <ul data-testid="what-if-drafts">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link href={`/analytics/what-if/${encodeURIComponent(d.id)}`}>
                  {t("reports.compareDraft", { name: d.name ?? d.id })}
                </Link>{" "}
                <span className="muted">{i18n.dateTime(d.updatedAt ?? d.createdAt)}</span>
              </li>
            ))}
          </ul>
        ))}

      <h2 id="cohorts">{t("reports.cohorts")}</h2>
      {cohorts && (
        <>
          <p className="muted">
            {t("reports.cohortsLead")} ·{" "}
            <Download path="/v1/analytics/cohorts" query={query} name="cohorts" />
          </p>
          <CohortTable data={cohorts} testId="cohort-table" />
          <h3>
            <Defined anchor={cohorts.definitions.tiers ?? ""}>{t("reports.tierRetention")}</Defined>
          </h3>
          <div className="table-wrap">
            <table data-testid="tier-retention">
              <thead>
                <tr>
                  <th scope="col">{t("reports.tier")}</th>
                  <th scope="col">{t("reports.size")}</th>
                  {cohorts.tiers[0]?.retention.map((_, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the month offset is the column.
                    <th scope="col" key={k}>
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohorts.tiers.map((x) => (
                  <tr key={x.tier ?? ""}>
                    <th scope="row">{x.tier ?? t("reports.noTier")}</th>
                    <td>{i18n.number(x.size)}</td>
                    {x.retention.map((v, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the month offset is the column.
                      <td key={k}>{pct(i18n, v)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2 id="nps">
        <Defined anchor={nps?.definitions.nps ?? "docs/metrics.md#nps"}>{t("reports.nps")}</Defined>
      </h2>
      <p className="muted">
        {t("reports.npsLead")} ·{" "}
        <Download path="/v1/analytics/nps" query={{ ...query, groupBy }} name="nps" />
      </p>
      <label className="field">
        {t("reports.groupBy")}{" "}
        <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <option value="segment">{t("reports.bySegment")}</option>
          <option value="tier">{t("reports.byTierOption")}</option>
          <option value="none">{t("reports.everyone")}</option>
        </select>
      </label>
      {nps &&
        (nps.groups.length === 0 ? (
          <p className="muted">{t("reports.none")}</p>
        ) : (
          <>
            <LineChart
              title={t("reports.nps")}
              labels={npsMonths.map((m) => m.slice(0, 7))}
              format={(n) => i18n.number(n)}
              series={nps.groups.map((g, k) => ({
                name: g.group ?? (groupBy === "none" ? t("reports.everyone") : t("reports.noGroup")),
                values: npsMonths.map((m) => g.months.find((x) => x.period === m)?.nps ?? 0),
                color: COLORS[k % COLORS.length] as string,
              }))}
              testId="nps-chart"
            />
            <div className="table-wrap">
              <table data-testid="nps-table">
                <thead>
                  <tr>
                    <th scope="col">{groupBy === "tier" ? t("reports.tier") : t("reports.segment")}</th>
                    <th scope="col">{t("reports.responses")}</th>
                    <th scope="col">NPS</th>
                  </tr>
                </thead>
                <tbody>
                  {nps.groups.map((g) => (
                    <tr key={g.group ?? ""}>
                      <th scope="row">{g.group ?? t("reports.noGroup")}</th>
                      <td>{i18n.number(g.responses)}</td>
                      <td data-cell="nps">{i18n.number(g.nps)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ))}

      <h2 id="share">
        <Defined anchor={share?.definitions.share ?? "docs/metrics.md#share-of-wallet"}>
          {t("reports.share")}
        </Defined>
      </h2>
      <p className="muted">
        {t("reports.shareLead")} ·{" "}
        <Download path="/v1/analytics/share-of-wallet" query={query} name="share" />
      </p>
      <label className="field">
        {t("reports.import")} <input type="file" accept=".csv,text/csv" onChange={importFile} />
      </label>
      {imported && <p role="status">{imported}</p>}
      {share &&
        (share.companies.length === 0 ? (
          <p className="muted">{t("reports.none")}</p>
        ) : (
          <>
            <ShareTable
              rows={share.companies}
              currency={share.currency}
              first="company"
              testId="share-companies"
            />
            <ShareTable
              rows={share.segments}
              currency={share.currency}
              first="segment"
              testId="share-segments"
            />
          </>
        ))}
    </section>
  );
}

function ShareTable(props: {
  rows: Share["companies"];
  currency: string;
  first: "company" | "segment";
  testId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="table-wrap">
      <table data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{t(props.first === "company" ? "reports.company" : "reports.segment")}</th>
            <th scope="col">{t("reports.category")}</th>
            <th scope="col">{t("reports.clientTotal")}</th>
            <th scope="col">{t("reports.ours")}</th>
            <th scope="col">{t("reports.shareValue")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={`${r.key}-${r.category}`}>
              <th scope="row">
                {props.first === "company" && r.key ? (
                  <Link href={`/companies/${encodeURIComponent(r.key)}`}>{r.key}</Link>
                ) : (
                  (r.key ?? t("reports.noGroup"))
                )}
              </th>
              <td>{r.category}</td>
              <td>{decimal(i18n, r.total, props.currency)}</td>
              <td>{decimal(i18n, r.ours, props.currency)}</td>
              <td data-cell="share">{pct(i18n, r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
