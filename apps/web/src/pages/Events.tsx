// Orders and other events the program took in, newest first: filtered by company, day, kind and an order's
// status, a page at a time; each row opens the event's page with what it did.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal, signedPoints } from "../console/format.ts";
import { Pager, useCursors } from "../console/paging.tsx";
import { COMPANY_READERS, PROGRAM_EDITORS } from "../console/roles.ts";
import "../console/console.css";
import { type I18n, type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";

const PAGE_SIZE = 50;
const TYPES = ["order", "return", "payment", "cancellation"] as const;
const STATUSES = ["pending", "available", "cancelled"] as const;

interface Filters {
  companyId: string;
  from: string;
  to: string;
  type: "" | (typeof TYPES)[number];
  status: "" | (typeof STATUSES)[number];
}

const EMPTY: Filters = { companyId: "", from: "", to: "", type: "", status: "" };

/** The filters a link may carry: /events?companyId=C-100 from a company's page. */
function fromAddress(): Filters {
  const q = new URLSearchParams(window.location.search);
  const pick = <T extends string>(v: string | null, allowed: readonly T[]): "" | T =>
    allowed.includes(v as T) ? (v as T) : "";
  return {
    companyId: q.get("companyId") ?? "",
    from: q.get("from") ?? "",
    to: q.get("to") ?? "",
    type: pick(q.get("type"), TYPES),
    status: pick(q.get("status"), STATUSES),
  };
}

export default function Events() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("events.title"), heading);
  const cursors = useCursors();
  const [filters, setFilters] = useState<Filters>(fromAddress);
  const [page, setPage] = useState<Schemas["EventPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { company: useId(), from: useId(), to: useId(), type: useId(), status: useId() };

  useEffect(() => {
    let live = true;
    setPage(null);
    const query = {
      limit: PAGE_SIZE,
      ...(filters.companyId ? { companyId: filters.companyId } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(cursors.cursor ? { cursor: cursors.cursor } : {}),
    };
    api.GET("/v1/events", { params: { query } }).then(({ data, error: failed }) => {
      if (!live) return;
      if (data) {
        setPage(data);
        setError(null);
      } else setError(errorMessage(failed));
    });
    return () => {
      live = false;
    };
  }, [filters, cursors.cursor]);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "").trim();
    cursors.reset();
    setFilters({
      companyId: get("companyId"),
      from: get("from"),
      to: get("to"),
      type: get("type") as Filters["type"],
      status: get("status") as Filters["status"],
    });
  };

  return (
    <section className="page wide">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("events.title")}
        </h1>
        <p className="muted">{t("events.lead")}</p>
        {PROGRAM_EDITORS.includes(me.role) && (
          <p>
            <Link href="/import">{t("import.title")}</Link>
          </p>
        )}
      </div>
      <form className="card filters" aria-label={t("events.filters")} onSubmit={search}>
        <div className="field">
          <label htmlFor={ids.company}>{t("events.company")}</label>
          <input id={ids.company} name="companyId" defaultValue={filters.companyId} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={ids.from}>{t("events.from")}</label>
          <input id={ids.from} name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t("events.to")}</label>
          <input id={ids.to} name="to" type="date" defaultValue={filters.to} />
        </div>
        <div className="field">
          <label htmlFor={ids.type}>{t("events.type")}</label>
          <select id={ids.type} name="type" defaultValue={filters.type}>
            <option value="">{t("events.any")}</option>
            {TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`events.type.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t("events.status")}</label>
          <select id={ids.status} name="status" defaultValue={filters.status}>
            <option value="">{t("events.any")}</option>
            {STATUSES.map((k) => (
              <option key={k} value={k}>
                {t(`events.status.${k}` as MessageKey)}
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
              setFilters(EMPTY);
            }}
          >
            {t("common.clear")}
          </button>
        </div>
      </form>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <EventsTable page={page} error={error} testId="events" caption={t("events.title")} withCompany />
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("events.title")} />}
    </section>
  );
}

/** What a return or a cancellation gave back, as the list gives it: the money refunded and the points. */
interface Reversal {
  refund: string | null;
  /** Earned points taken back (a return) or pending points voided (a cancellation). */
  pointsTakenBack: number;
  /** Points spent on the order given back. */
  pointsGivenBack: number;
}

const REVERSING = new Set(["return", "cancellation"]);

function reversalOf(e: Schemas["EventSummary"]): Reversal {
  return {
    refund: e.refund,
    pointsTakenBack: e.pointsTakenBack ?? 0,
    pointsGivenBack: e.pointsGivenBack ?? 0,
  };
}

/** A money amount given back, as a negative figure: `12000.00` → `−12,000.00`. */
function refunded(i18n: I18n, refund: string): string {
  return /^0*(\.0*)?$/.test(refund) ? decimal(i18n, refund) : decimal(i18n, `-${refund}`);
}

/** Events as table rows: date, the event linked to its page, (its company,) net, points and status. */
export function EventsTable({
  page,
  error,
  testId,
  caption,
  withCompany = false,
}: {
  page: { data: Schemas["EventSummary"][] } | null;
  error: string | null;
  testId: string;
  caption?: string;
  withCompany?: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const columns = withCompany ? 7 : 6;
  // Only those who may open a company's page get a link to it.
  const companyLinks = COMPANY_READERS.includes(useMe().role);
  const none = t("common.none");
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t("events.date")}</th>
            <th scope="col">{t("events.event")}</th>
            {withCompany && <th scope="col">{t("events.company")}</th>}
            <th scope="col" className="num">
              {t("events.net")}
            </th>
            <th scope="col" className="num">
              {t("events.earned")}
            </th>
            <th scope="col" className="num">
              {t("events.spent")}
            </th>
            <th scope="col">{t("events.status")}</th>
          </tr>
        </thead>
        <tbody>
          {page === null && !error && (
            <tr>
              <td colSpan={columns} className="muted">
                {t("loading")}
              </td>
            </tr>
          )}
          {page?.data.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                {t("events.empty")}
              </td>
            </tr>
          )}
          {page?.data.map((e) => (
            <tr key={e.id}>
              <td data-label={t("events.date")}>{day(i18n, e.date)}</td>
              <td data-label={t("events.event")}>
                <Link href={`/events/${encodeURIComponent(e.id)}`}>{eventName(t, e)}</Link>
              </td>
              {withCompany && (
                <td data-label={t("events.company")}>
                  {e.companyId === null ? (
                    none
                  ) : companyLinks ? (
                    <Link href={`/companies/${encodeURIComponent(e.companyId)}`}>{e.companyId}</Link>
                  ) : (
                    e.companyId
                  )}
                </td>
              )}
              {REVERSING.has(e.type) ? (
                <ReversalCells reversal={reversalOf(e)} />
              ) : (
                <>
                  <td data-label={t("events.net")} className="num">
                    {e.net === null ? none : decimal(i18n, e.net)}
                  </td>
                  <td data-label={t("events.earned")} className="num pos">
                    {e.pointsEarned ? signedPoints(i18n, e.pointsEarned) : none}
                  </td>
                  <td data-label={t("events.spent")} className="num neg">
                    {e.pointsRedeemed ? signedPoints(i18n, -e.pointsRedeemed) : none}
                  </td>
                </>
              )}
              <td data-label={t("events.status")}>
                {e.status ? (
                  <span className={`badge event-${e.status}`}>
                    {t(`events.status.${e.status}` as MessageKey)}
                  </span>
                ) : (
                  t("common.none")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A return's or a cancellation's figures in the order's columns: the money refunded as a negative net, the
 * earned (or pending) points taken back and the spent points given back, each named; a dash for none.
 */
function ReversalCells({ reversal }: { reversal: Reversal }) {
  const i18n = useI18n();
  const { t } = i18n;
  const none = t("common.none");
  const noted = (figure: string, note: string) => (
    <span className="stack">
      {figure}
      <span className="muted small">{note}</span>
    </span>
  );
  return (
    <>
      <td data-label={t("events.net")} className="num">
        {reversal.refund === null ? none : noted(refunded(i18n, reversal.refund), t("events.refunded"))}
      </td>
      <td data-label={t("events.earned")} className="num neg">
        {reversal.pointsTakenBack
          ? noted(signedPoints(i18n, -reversal.pointsTakenBack), t("events.takenBack"))
          : none}
      </td>
      <td data-label={t("events.spent")} className="num pos">
        {reversal.pointsGivenBack
          ? noted(signedPoints(i18n, reversal.pointsGivenBack), t("events.givenBack"))
          : none}
      </td>
    </>
  );
}

/** "Order 10045", "Return R1 of order 10045", "Payment of order 10045". */
export function eventName(
  t: (key: MessageKey, values?: Record<string, string>) => string,
  e: { type: string; externalId: string; orderId: string | null },
): string {
  const order = e.orderId ?? e.externalId;
  switch (e.type) {
    case "order":
      return t("events.name.order", { order });
    case "return":
      return t("events.name.return", { id: e.externalId, order });
    case "payment":
      return t("events.name.payment", { order });
    case "cancellation":
      return t("events.name.cancellation", { order });
    default:
      return `${e.type} ${e.externalId}`;
  }
}
