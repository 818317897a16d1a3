// The portal's main page: the company's balance (available, pending, expiring soon), its level with the
// progress to the next one and what each level brings, the history of points in plain words, and the points held
// and spent at coalition partners.
import type { Schemas } from "@patron/sdk";
import { useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type PortalText, usePortalText } from "../i18n/portal.ts";
import { rateLine } from "../i18n/rates.ts";
import type { LedgerEntry, PortalMe, Tier, Wallet } from "./types.ts";

const HISTORY_PAGE = 20;

export function Overview({ me }: { me: PortalMe }) {
  const text = usePortalText();
  const { t } = text;
  const heading = useRef<HTMLHeadingElement>(null);
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [tier, setTier] = useState<Tier | null | "none">(null);
  const [entries, setEntries] = useState<LedgerEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t("portal.overview")} · Patron`;
    heading.current?.focus();
  }, [t]);

  useEffect(() => {
    api
      .GET("/v1/portal/wallet")
      .then(({ data, error: e }) => (data ? setWallet(data) : setError(errorMessage(e))));
    api.GET("/v1/portal/tier").then(({ data }) => setTier(data ?? "none"));
    api
      .GET("/v1/portal/ledger", { params: { query: { limit: HISTORY_PAGE } } })
      .then(({ data, error: e }) => {
        if (!data) return setError(errorMessage(e));
        setEntries(data.data);
        setCursor(data.nextCursor);
      });
  }, []);

  const more = async () => {
    if (cursor === null) return;
    const { data } = await api.GET("/v1/portal/ledger", {
      params: { query: { limit: HISTORY_PAGE, cursor } },
    });
    if (!data) return;
    setEntries((old) => [...(old ?? []), ...data.data]);
    setCursor(data.nextCursor);
  };

  return (
    <section className="portal-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("home.welcome", { name: me.contact.name })}
        </h1>
        <p className="muted">{t("home.lead", { company: me.company.name })}</p>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="portal-grid">
        <Balance wallet={wallet} text={text} />
        <TierCard tier={tier} text={text} />
      </div>
      <History entries={entries} hasMore={cursor !== null} onMore={more} text={text} />
      <AtPartners text={text} />
    </section>
  );
}

type PartnerRedemption = Schemas["PortalPartnerRedemptions"]["data"][number];

/** The company's holds and redemptions at coalition partners, newest first; shown only when there are some. */
function AtPartners({ text }: { text: PortalText }) {
  const { t, points, dateTime } = text;
  const id = useId();
  const [rows, setRows] = useState<PartnerRedemption[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = async (after: string | null) => {
    const { data } = await api.GET("/v1/portal/redemptions", {
      params: { query: { limit: HISTORY_PAGE, ...(after ? { cursor: after } : {}) } },
    });
    if (!data) return;
    setRows((old) => (after ? [...old, ...data.data] : data.data));
    setCursor(data.nextCursor);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, once
  useEffect(() => {
    load(null);
  }, []);
  if (rows.length === 0) return null;
  return (
    <section className="card history" aria-labelledby={id}>
      <h2 id={id}>{t("partners.title")}</h2>
      <ol className="history-list" data-testid="partner-redemptions">
        {rows.map((r) => (
          <li key={r.id}>
            <span className="what">
              {t("partners.line", {
                points: points(r.points),
                partner: r.partnerName,
                amount: r.amount,
                status: t(`partners.${r.status}`),
              })}
            </span>
            <time className="muted small" dateTime={r.createdAt}>
              {dateTime(r.createdAt)}
            </time>
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          {t("history.more")}
        </button>
      )}
    </section>
  );
}

function Balance({ wallet, text }: { wallet: Wallet | null; text: PortalText }) {
  const { t, points, day } = text;
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t("balance.title")}</h2>
      {wallet === null ? (
        <p className="muted">{t("loading")}</p>
      ) : (
        <>
          <p className="big-number" data-testid="available">
            <span className="visually-hidden">{t("balance.available")}: </span>
            {points(wallet.available)}
          </p>
          <p className="muted big-caption" aria-hidden="true">
            {t("balance.available")}
          </p>
          <dl className="facts">
            <div>
              <dt>
                {t("balance.pending")}
                <small className="fact-hint">{t("balance.pendingHint")}</small>
              </dt>
              <dd data-testid="pending">{t("points.unit", { n: points(wallet.pending) })}</dd>
            </div>
            {wallet.held > 0 && (
              <div>
                <dt>{t("balance.held")}</dt>
                <dd>{t("points.unit", { n: points(wallet.held) })}</dd>
              </div>
            )}
            {wallet.debt > 0 && (
              <div>
                <dt>{t("balance.debt")}</dt>
                <dd>{t("points.unit", { n: points(wallet.debt) })}</dd>
              </div>
            )}
          </dl>
          <h3>{t("balance.expiring")}</h3>
          {wallet.expiring.length === 0 ? (
            <p className="muted">{t("balance.expiringNone")}</p>
          ) : (
            <ul className="expiring" data-testid="expiring">
              {wallet.expiring.map((x) => (
                <li key={x.date}>
                  {t("balance.expiringItem", {
                    points: t("points.unit", { n: points(x.points) }),
                    date: day(x.date),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function TierCard({ tier, text }: { tier: Tier | null | "none"; text: PortalText }) {
  const { t, money, points, day } = text;
  const id = useId();
  const barLabel = useId();
  if (tier === null || tier === "none") {
    return (
      <section className="card" aria-labelledby={id}>
        <h2 id={id}>{t("tier.title")}</h2>
        <p className="muted">{tier === null ? t("loading") : t("tier.none")}</p>
      </section>
    );
  }
  const amount = (v: string | number) =>
    tier.metric === "netPurchases"
      ? money(String(v), tier.currency)
      : t("points.unit", { n: points(Number(v)) });
  const next = tier.next;
  // For display only: the share of the next threshold reached, in whole percent.
  const percent =
    next === null
      ? 100
      : Math.min(100, Math.floor((Number(tier.measure) / Math.max(1, Number(next.threshold))) * 100));
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t("tier.title")}</h2>
      <p className="tier-name">
        <span className="muted">{t("tier.current")}: </span>
        <strong data-testid="tier">{tier.tier?.name ?? "—"}</strong>
      </p>
      {next === null ? (
        <p>{t("tier.top")}</p>
      ) : (
        <>
          <p id={barLabel}>{t("tier.progress", { next: next.name })}</p>
          <div
            className="progress"
            role="progressbar"
            aria-labelledby={barLabel}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}%`}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p data-testid="tier-remaining">
            {t("tier.remaining", { amount: amount(next.remaining), next: next.name })}
            {next.by !== null && ` ${t("tier.by", { date: day(next.by) })}`}
          </p>
        </>
      )}
      <p className="muted small">
        {t("tier.counted", { amount: amount(tier.measure), from: day(tier.window.from) })}
      </p>
      {tier.keep !== null && tier.keep.by !== null && Number(tier.keep.remaining) > 0 && (
        <p className="small">
          {t("tier.keep", {
            tier: tier.tier?.name ?? "",
            amount: amount(tier.keep.remaining),
            date: day(tier.keep.by),
          })}
        </p>
      )}
      <h3>{t("tier.levels")}</h3>
      <ol className="levels">
        {tier.levels.map((l) => {
          const current = l.id === tier.tier?.id;
          return (
            <li
              key={l.id}
              className={current ? "current" : undefined}
              aria-current={current ? "true" : undefined}
            >
              <div className="level-head">
                <strong>{l.name}</strong>
                {current && <span className="badge">{t("tier.youAreHere")}</span>}
                <span className="muted">{t("tier.threshold", { amount: amount(l.threshold) })}</span>
              </div>
              <ul className="benefits">
                {l.earnRate !== null && <li>{t("tier.earnRate", { rate: l.earnRate })}</li>}
                {l.benefits.map((b) => (
                  <li key={b}>{b.replace(/[-_]/g, " ")}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The entry in plain words: what happened and to which order or return. */
export function explain(e: LedgerEntry, text: PortalText): string {
  const withRate = rateLine(e, text.locale);
  if (withRate !== null) return withRate;
  const { t } = text;
  const order = e.reference.orderId ?? e.reference.id ?? "—";
  const ret = e.reference.id ?? "—";
  switch (e.kind) {
    case "earn":
      return t("explain.earn", { order });
    case "earn.pending":
      return t("explain.earnPending", { order });
    case "mature":
      return t("explain.mature", { order });
    case "redeem":
      return t("explain.redeem", { order });
    case "refund":
      return t("explain.refund", { ret, order });
    case "reverse":
      return t("explain.reverse", { ret, order });
    case "expire":
      return t("explain.expire");
    case "hold":
      return t("explain.hold");
    case "hold.capture":
      return t("explain.holdCapture");
    case "void":
      return t("explain.void", { order });
    case "adjust":
      return t("explain.adjust");
    default:
      if (e.kind.startsWith("hold.")) return t("explain.holdVoid");
      return t("explain.other", { kind: e.kind });
  }
}

function History({
  entries,
  hasMore,
  onMore,
  text,
}: {
  entries: LedgerEntry[] | null;
  hasMore: boolean;
  onMore(): void;
  text: PortalText;
}) {
  const { t, points, day, dateTime } = text;
  const id = useId();
  return (
    <section className="card history" aria-labelledby={id}>
      <h2 id={id}>{t("history.title")}</h2>
      {entries === null ? (
        <p className="muted">{t("loading")}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t("history.empty")}</p>
      ) : (
        <ol className="history-list" data-testid="history">
          {entries.map((e) => {
            const change = e.available !== 0 ? e.available : e.pending !== 0 ? e.pending : e.held;
            const pendingOnly = e.available === 0 && e.pending !== 0;
            // Imported history, or a job that caught up, was recorded on another day than it happened.
            const recorded =
              e.at.slice(0, 10) !== e.date ? t("history.recorded", { at: dateTime(e.at) }) : undefined;
            return (
              <li key={`${e.transactionId}:${e.seq}`}>
                <span className={change < 0 ? "delta minus" : "delta plus"}>
                  {points(change, true)}
                  <span className="visually-hidden"> {t("history.pointsWord")}</span>
                </span>
                <span className="what">
                  {explain(e, text)}
                  {pendingOnly && rateLine(e, text.locale) === null && t("explain.pendingSuffix")}
                </span>
                <time className="muted small" dateTime={e.date} title={recorded}>
                  {day(e.date)}
                </time>
                <span className="muted small after">
                  {t("history.balance")}: {points(e.balance)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {hasMore && (
        <button type="button" onClick={onMore}>
          {t("history.more")}
        </button>
      )}
    </section>
  );
}
