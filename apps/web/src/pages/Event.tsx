// One event and what it did: the order's lines and totals, the engine's explanations in the chosen language,
// points earned and spent, what still waits (pending) and from when, and the ledger postings it caused.
import type { Schemas } from "@patron/sdk";
import { useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { day, decimal } from "../console/format.ts";
import { ADJUSTMENT_REQUESTERS, COMPANY_READERS } from "../console/roles.ts";
import "../console/console.css";
import { earnRateText } from "../i18n/rates.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { eventName } from "./Events.tsx";

type Detail = Schemas["EventDetail"];

interface Line {
  sku: string;
  category: string | null;
  quantity: string;
  unitPrice: string;
  amount: string;
}

/** The lines as sent (thousandths of units, minor units of money), in the digits the event's totals use. */
function linesOf(d: Detail): Line[] {
  const raw = Array.isArray(d.payload.lines) ? (d.payload.lines as Record<string, unknown>[]) : [];
  const total =
    typeof d.result.gross === "string"
      ? d.result.gross
      : typeof d.result.refund === "string"
        ? d.result.refund
        : "";
  const digits = total.includes(".") ? (total.split(".")[1]?.length ?? 0) : 0;
  const scale = 10n ** BigInt(digits);
  const money = (minor: bigint) => {
    const sign = minor < 0n ? "-" : "";
    const a = minor < 0n ? -minor : minor;
    return digits === 0 ? `${sign}${a}` : `${sign}${a / scale}.${String(a % scale).padStart(digits, "0")}`;
  };
  return raw.map((l) => {
    const milli = BigInt(Number(l.quantityMilli ?? 0));
    const unit = BigInt(Number(l.unitPriceMinor ?? 0));
    const qty = milli % 1000n === 0n ? String(milli / 1000n) : (Number(milli) / 1000).toString();
    return {
      sku: String(l.sku ?? ""),
      category: typeof l.category === "string" ? l.category : null,
      quantity: qty,
      unitPrice: money(unit),
      amount: money((unit * milli) / 1000n),
    };
  });
}

export default function Event({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const companyLinks = COMPANY_READERS.includes(me.role);
  const heading = useRef<HTMLHeadingElement>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { totals: useId(), lines: useId(), why: useId(), ledger: useId() };
  usePageTitle(detail ? eventName(t, detail) : t("loading"), heading);

  useEffect(() => {
    let live = true;
    api
      .GET("/v1/events/{id}", { params: { path: { id }, query: { locale: i18n.locale } } })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (data) setDetail(data);
        else setError(errorMessage(failed));
      });
    return () => {
      live = false;
    };
  }, [id, i18n.locale]);

  if (!detail) {
    return (
      <section className="page">
        <h1 ref={heading} tabIndex={-1}>
          {error ? id : t("loading")}
        </h1>
        {error && (
          <p className="alert error" role="alert">
            {t("error.generic", { message: error })}
          </p>
        )}
      </section>
    );
  }
  const r = detail.result;
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  const facts: [MessageKey, string | null][] = [
    ["events.gross", str(r.gross) && decimal(i18n, String(r.gross))],
    ["events.discount", str(r.discount) && decimal(i18n, String(r.discount))],
    ["events.net", str(r.net) && decimal(i18n, String(r.net))],
    ["event.refund", str(r.refund) && decimal(i18n, String(r.refund))],
    ["events.earned", str(r.pointsEarned) && i18n.number(Number(r.pointsEarned))],
    ["events.spent", str(r.pointsRedeemed) && i18n.number(Number(r.pointsRedeemed))],
    ["event.reversed", str(r.pointsReversed) && i18n.number(Number(r.pointsReversed))],
    ["event.refunded", str(r.pointsRefunded) && i18n.number(Number(r.pointsRefunded))],
    ["event.voided", str(r.pointsVoided) && i18n.number(Number(r.pointsVoided))],
    ["companies.tier", str(r.tier)],
    ["event.version", str(r.version)],
  ];
  const lines = linesOf(detail);
  return (
    <section className="page wide">
      <p className="crumbs">
        <Link href="/events">← {t("events.title")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {eventName(t, detail)}
        </h1>
        <p className="muted">
          {t("event.meta", {
            date: day(i18n, detail.date),
            source: detail.source,
            received: i18n.dateTime(detail.receivedAt),
          })}{" "}
          {detail.companyId &&
            (companyLinks ? (
              <Link href={`/companies/${encodeURIComponent(detail.companyId)}`}>{detail.companyId}</Link>
            ) : (
              <code>{detail.companyId}</code>
            ))}{" "}
          {detail.companyId && !companyLinks && ADJUSTMENT_REQUESTERS.includes(me.role) && (
            <Link href={`/approvals?member=${encodeURIComponent(detail.companyId)}`}>
              {t("adjust.title")}
            </Link>
          )}{" "}
          {detail.status && (
            <span className={`badge event-${detail.status}`}>
              {t(`events.status.${detail.status}` as MessageKey)}
            </span>
          )}
        </p>
      </div>
      <div className="cards">
        <section className="card" aria-labelledby={ids.totals}>
          <h2 id={ids.totals}>{t("event.totals")}</h2>
          <dl className="facts" data-testid="event-totals">
            {facts
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{t(k)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
          {detail.pendingLots.length > 0 && (
            <ul className="plain" data-testid="event-pending">
              {detail.pendingLots.map((l, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lots of one order have no other identity here
                <li key={k}>
                  {l.availableOn
                    ? t("event.pendingUntil", {
                        points: i18n.number(l.points),
                        date: day(i18n, l.availableOn),
                      })
                    : t("event.pendingPayment", { points: i18n.number(l.points) })}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby={ids.why}>
          <h2 id={ids.why}>{t("event.why")}</h2>
          {detail.explanations.length === 0 ? (
            <p className="muted">{t("event.noEffects")}</p>
          ) : (
            <ul className="plain explain-list" data-testid="event-explanations">
              {detail.explanations.map((e, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: explanations come in the engine's order
                <li key={k}>
                  {(e.code === "earn.rate"
                    ? earnRateText(e.params, detail.orderId ?? detail.externalId, i18n.locale)
                    : null) ??
                    e.text ??
                    `${e.code} ${JSON.stringify(e.params)}`}
                  {e.rule && <code className="small"> {e.rule}</code>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {lines.length > 0 && (
        <section className="block" aria-labelledby={ids.lines}>
          <h2 id={ids.lines}>{t("event.lines")}</h2>
          <div className="table-wrap">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t("event.sku")}</th>
                  <th scope="col">{t("event.category")}</th>
                  <th scope="col" className="num">
                    {t("event.quantity")}
                  </th>
                  <th scope="col" className="num">
                    {t("event.unitPrice")}
                  </th>
                  <th scope="col" className="num">
                    {t("event.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: an order's lines are in its own order
                  <tr key={k}>
                    <td data-label={t("event.sku")}>
                      <code>{l.sku}</code>
                    </td>
                    <td data-label={t("event.category")}>{l.category ?? t("common.none")}</td>
                    <td data-label={t("event.quantity")} className="num">
                      {l.quantity}
                    </td>
                    <td data-label={t("event.unitPrice")} className="num">
                      {decimal(i18n, l.unitPrice)}
                    </td>
                    <td data-label={t("event.amount")} className="num">
                      {decimal(i18n, l.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="block" aria-labelledby={ids.ledger}>
        <h2 id={ids.ledger}>{t("event.postings")}</h2>
        <p className="muted small">{t("event.postingsLead")}</p>
        <div className="table-wrap">
          <table className="compact" data-testid="event-postings">
            <thead>
              <tr>
                <th scope="col">{t("event.kind")}</th>
                <th scope="col">{t("event.from")}</th>
                <th scope="col">{t("event.to")}</th>
                <th scope="col" className="num">
                  {t("event.points")}
                </th>
                <th scope="col">{t("event.transaction")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.postings.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("event.noPostings")}
                  </td>
                </tr>
              )}
              {detail.postings.map((p, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: postings are in their transaction's order
                <tr key={`${p.transactionId}:${k}`}>
                  <td data-label={t("event.kind")}>
                    <span className="badge quiet">{p.code}</span>
                  </td>
                  <td data-label={t("event.from")}>
                    <code className="small">{p.from}</code>
                  </td>
                  <td data-label={t("event.to")}>
                    <code className="small">{p.to}</code>
                  </td>
                  <td data-label={t("event.points")} className="num">
                    {i18n.number(p.amount)}
                  </td>
                  <td data-label={t("event.transaction")}>
                    <code className="small">{p.transactionId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
