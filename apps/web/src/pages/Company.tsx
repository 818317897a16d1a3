// A company: its details and contacts (added and invited to the portal by those who may change them), tier and
// progress, wallet, its orders, active holds and notes, the paged ledger history with an explanation per
// movement, and a manual adjustment with a reason.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { AdjustForm } from "../console/AdjustForm.tsx";
import { day, decimal, idempotencyKey, signedPoints } from "../console/format.ts";
import { Pager, useCursors } from "../console/paging.tsx";
import { ADJUSTMENT_REQUESTERS, COMPANY_EDITORS, HOLD_CANCELLERS } from "../console/roles.ts";
import "../console/console.css";
import { CategoryPurchases } from "../analytics/CategoryPurchases.tsx";
import { rateLine } from "../i18n/rates.ts";
import { type I18n, type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { EventsTable } from "./Events.tsx";

const LEDGER_PAGE_SIZE = 50;
const EXPIRING_DATES = 6;
const ORDERS_PAGE_SIZE = 10;
const NOTES_PAGE_SIZE = 20;
/** The contacts a company's page lists: the API's largest page. */
const MAX_CONTACTS_SHOWN = 100;
const CONTACT_ROLES = ["buyer", "company_admin"] as const;

type LedgerEntry = Schemas["LedgerEntry"];

export default function Company({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  const [company, setCompany] = useState<Schemas["CompanyDetail"] | null>(null);
  const [tier, setTier] = useState<Schemas["TierStatus"] | null>(null);
  const [wallet, setWallet] = useState<Schemas["Wallet"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  usePageTitle(company?.name ?? id, heading);

  // biome-ignore lint/correctness/useExhaustiveDependencies: an adjustment asks for the company again through version
  useEffect(() => {
    let live = true;
    const path = { params: { path: { id } } };
    void (async () => {
      const [c, w, tr] = await Promise.all([
        api.GET("/v1/companies/{id}", path),
        api.GET("/v1/members/{id}/wallet", {
          params: { path: { id }, query: { expiringDates: EXPIRING_DATES } },
        }),
        api.GET("/v1/members/{id}/tier", path),
      ]);
      if (!live) return;
      if (!c.data) {
        setError(errorMessage(c.error));
        return;
      }
      setCompany(c.data);
      setWallet(w.data ?? null);
      setTier(tr.data ?? null);
    })();
    return () => {
      live = false;
    };
  }, [id, version]);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  if (error) {
    return (
      <section className="page">
        <h1 ref={heading} tabIndex={-1}>
          {id}
        </h1>
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
        <Link href="/companies">{t("company.back")}</Link>
      </section>
    );
  }

  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/companies">← {t("company.back")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {company ? (company.name ?? t("companies.unnamed")) : t("loading")}
        </h1>
        <p className="muted">
          <code>{id}</code>
          {company?.segment && <span className="badge quiet">{company.segment}</span>}
          {company?.tier && <span className="badge">{company.tier}</span>}
        </p>
      </div>
      <div className="cards three">
        <WalletCard wallet={wallet} />
        <TierCard tier={tier} />
        {company && <DetailsCard company={company} />}
      </div>
      <Contacts id={id} mayEdit={COMPANY_EDITORS.includes(me.role)} />
      <Orders id={id} />
      <Holds id={id} version={version} mayCancel={HOLD_CANCELLERS.includes(me.role)} onChange={changed} />
      <Notes id={id} mayAdd={COMPANY_EDITORS.includes(me.role)} />
      <CategoryPurchases id={id} role={me.role} />
      <Ledger id={id} version={version} />
      {ADJUSTMENT_REQUESTERS.includes(me.role) && <AdjustForm memberId={id} onDone={changed} />}
    </section>
  );
}

function WalletCard({ wallet }: { wallet: Schemas["Wallet"] | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("wallet.title")}</h2>
      {wallet === null ? (
        <p className="muted">{t("loading")}</p>
      ) : (
        <>
          <p className="big-number" data-testid="wallet-available">
            {i18n.number(wallet.available)}
          </p>
          <p className="muted big-label">{t("wallet.available")}</p>
          <dl className="facts">
            <div>
              <dt>{t("wallet.pending")}</dt>
              <dd data-testid="wallet-pending">{i18n.number(wallet.pending)}</dd>
            </div>
            <div>
              <dt>{t("wallet.held")}</dt>
              <dd data-testid="wallet-held">{i18n.number(wallet.held)}</dd>
            </div>
            {wallet.debt > 0 && (
              <div>
                <dt>{t("wallet.debt")}</dt>
                <dd>{i18n.number(wallet.debt)}</dd>
              </div>
            )}
          </dl>
          <h3 className="small-head">{t("wallet.expiring")}</h3>
          {wallet.expiring.length === 0 ? (
            <p className="muted">{t("wallet.noExpiry")}</p>
          ) : (
            <ul className="expiring">
              {wallet.expiring.map((e) => (
                <li key={e.date}>
                  <span>{day(i18n, e.date)}</span>
                  <strong>{i18n.number(e.points)}</strong>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function TierCard({ tier }: { tier: Schemas["TierStatus"] | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const amount = (v: string | number) => decimal(i18n, v);
  const share = tier?.next ? progressShare(tier.measure, tier.next.threshold) : null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("tier.title")}</h2>
      {tier === null ? (
        <p className="muted">{t("tier.none")}</p>
      ) : (
        <>
          <p className="big-number">{tier.tier?.name ?? t("tier.none")}</p>
          <p className="muted big-label">
            {tier.since ? t("tier.since", { date: day(i18n, tier.since) }) : "\u00a0"}
          </p>
          <dl className="facts">
            <div>
              <dt>{t("tier.measure")}</dt>
              <dd>{amount(tier.measure)}</dd>
            </div>
          </dl>
          {tier.next && share !== null ? (
            <div className="progress-block">
              <label className="small" htmlFor={`${titleId}-p`}>
                {t("tier.progress", { name: tier.next.name })}
              </label>
              <progress id={`${titleId}-p`} max={1000} value={Math.round(share * 1000)} />
              <p className="small">
                {t("tier.remaining", { remaining: amount(tier.next.remaining), name: tier.next.name })}
                {tier.next.by && ` ${t("tier.by", { date: day(i18n, tier.next.by) })}`}
              </p>
            </div>
          ) : (
            <p className="small">{t("tier.top")}</p>
          )}
          {tier.keep && Number(tier.keep.remaining) > 0 && tier.keep.by && (
            <p className="small">
              {t("tier.keep", { remaining: amount(tier.keep.remaining), date: day(i18n, tier.keep.by) })}
            </p>
          )}
          <p className="small muted">
            {t("tier.window", { from: day(i18n, tier.window.from), to: day(i18n, tier.window.to) })}
          </p>
        </>
      )}
    </section>
  );
}

function progressShare(measure: string | number, threshold: string | number): number {
  const m = Number(measure);
  const th = Number(threshold);
  if (!Number.isFinite(m) || !Number.isFinite(th) || th <= 0) return 0;
  return Math.max(0, Math.min(1, m / th));
}

/**
 * Since when the company takes part: its enrolment day when one was given, else the day it joined (the day of
 * its first order for a company made by that order), else the day of its first order (a company added without
 * dates before its orders came in), else the day it was added.
 */
function programSince(i18n: I18n, company: Schemas["CompanyDetail"]): string {
  const since = company.enrolledOn ?? company.joinedOn ?? company.firstOrderOn;
  return since ? day(i18n, since) : i18n.date(company.createdAt);
}

function DetailsCard({ company }: { company: Schemas["CompanyDetail"] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const none = t("common.none");
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("company.details")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("company.taxId")}</dt>
          <dd>{company.taxId ?? none}</dd>
        </div>
        <div>
          <dt>{t("company.region")}</dt>
          <dd>{company.region ?? none}</dd>
        </div>
        <div>
          <dt>{t("company.enrolled")}</dt>
          <dd data-testid="company-since">{programSince(i18n, company)}</dd>
        </div>
        <div>
          <dt>{t("companies.orders")}</dt>
          <dd>{i18n.number(company.orderCount)}</dd>
        </div>
        <div>
          <dt>{t("companies.lastOrder")}</dt>
          <dd>{company.lastOrderOn ? day(i18n, company.lastOrderOn) : none}</dd>
        </div>
        {company.parentId && (
          <div>
            <dt>{t("company.parent")}</dt>
            <dd>
              <Link href={`/companies/${encodeURIComponent(company.parentId)}`}>{company.parentId}</Link>
            </dd>
          </div>
        )}
      </dl>
      {company.children.length > 0 && (
        <>
          <h3 className="small-head">
            {t("company.subsidiaries")} ({i18n.number(company.childCount)})
          </h3>
          <ul className="plain">
            {company.children.map((c) => (
              <li key={c.id}>
                <Link href={`/companies/${encodeURIComponent(c.id)}`}>{c.name ?? c.id}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The company's people with their portal roles; those who may change contacts add one and invite them. */
function Contacts({ id, mayEdit }: { id: string; mayEdit: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = {
    title: useId(),
    form: useId(),
    name: useId(),
    email: useId(),
    position: useId(),
    role: useId(),
    invite: useId(),
  };
  const [contacts, setContacts] = useState<Schemas["Contact"][] | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ text: string; link: string | null } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new contact asks for the list again through version
  useEffect(() => {
    let live = true;
    api
      .GET("/v1/companies/{id}/contacts", { params: { path: { id }, query: { limit: MAX_CONTACTS_SHOWN } } })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (data) setContacts(data.data);
        else setError(errorMessage(failed));
      });
    return () => {
      live = false;
    };
  }, [id, version]);

  /** Sends a contact a portal invitation; outside production the answer has the link to pass on. */
  const invite = async (contact: { id: string; name: string }, added: boolean) => {
    const { data, error: failed } = await api.POST("/v1/contacts/{id}/invite", {
      params: { path: { id: contact.id }, header: { "idempotency-key": idempotencyKey() } },
    });
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    const values = { name: contact.name, date: i18n.dateTime(data.expiresAt) };
    setSent({
      text: t(added ? "contacts.addedInvited" : "contacts.invited", values),
      link: data.link,
    });
    setVersion((v) => v + 1); // the list shows the new invitation
  };

  /** Where the contact stands with the portal: signed up, invited (until when), a link that lapsed, or nothing. */
  const access = (p: Schemas["Contact"]["portal"]) => {
    if (p.signedUp) return <span className="badge">{t("contacts.portal.signedUp")}</span>;
    if (p.invitation === null) return <span className="muted">{t("contacts.portal.none")}</span>;
    const until = i18n.dateTime(p.invitation.expiresAt);
    return new Date(p.invitation.expiresAt).getTime() > Date.now() ? (
      t("contacts.portal.invited", { date: until })
    ) : (
      <span className="muted">{t("contacts.portal.expired", { date: until })}</span>
    );
  };

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const field = (k: string) => String(form.get(k) ?? "").trim();
    const position = field("position");
    setBusy("add");
    setError(null);
    setSent(null);
    const { data, error: failed } = await api.POST("/v1/companies/{id}/contacts", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: {
        name: field("name"),
        email: field("email"),
        role: field("role") === "company_admin" ? "company_admin" : "buyer",
        ...(position ? { position } : {}),
      },
    });
    if (!data) {
      setBusy(null);
      setError(errorMessage(failed));
      return;
    }
    if (form.get("invite") === "on") await invite(data, true);
    else setSent({ text: t("contacts.added", { name: data.name }), link: null });
    setBusy(null);
    formEl.reset();
    setVersion((v) => v + 1);
  };

  const columns = mayEdit ? 6 : 5;
  return (
    <section className="block" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("company.contacts")}</h2>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div role="status" aria-live="polite">
        {sent && (
          <div className="alert success">
            <p>{sent.text}</p>
            {sent.link !== null && (
              <>
                <p className="small">{t("contacts.linkLead")}</p>
                <code className="invite-link" data-testid="invite-link">
                  {sent.link}
                </code>
              </>
            )}
          </div>
        )}
      </div>
      <div className="table-wrap">
        <table data-testid="company-contacts">
          <thead>
            <tr>
              <th scope="col">{t("contact.name")}</th>
              <th scope="col">{t("contact.email")}</th>
              <th scope="col">{t("contact.position")}</th>
              <th scope="col">{t("contact.role")}</th>
              <th scope="col">{t("contacts.portal")}</th>
              {mayEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t("keys.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {contacts === null && !error && (
              <tr>
                <td colSpan={columns} className="muted">
                  {t("loading")}
                </td>
              </tr>
            )}
            {contacts?.length === 0 && (
              <tr>
                <td colSpan={columns} className="muted">
                  {t("contacts.empty")}
                </td>
              </tr>
            )}
            {contacts?.map((c) => (
              <tr key={c.id}>
                <td data-label={t("contact.name")}>
                  <strong>{c.name}</strong>
                </td>
                <td data-label={t("contact.email")}>{c.email}</td>
                <td data-label={t("contact.position")}>{c.position ?? t("common.none")}</td>
                <td data-label={t("contact.role")}>
                  <span className="badge">{t(`contact.role.${c.role}`)}</span>
                </td>
                <td data-label={t("contacts.portal")}>{access(c.portal)}</td>
                {mayEdit && (
                  <td className="actions">
                    <button
                      type="button"
                      disabled={busy !== null}
                      aria-label={t(
                        c.portal.signedUp || c.portal.invitation
                          ? "contacts.inviteAgainLabel"
                          : "contacts.inviteLabel",
                        { name: c.name },
                      )}
                      onClick={async () => {
                        setBusy(c.id);
                        setError(null);
                        setSent(null);
                        await invite(c, false);
                        setBusy(null);
                      }}
                    >
                      {t(
                        c.portal.signedUp || c.portal.invitation ? "contacts.inviteAgain" : "contacts.invite",
                      )}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayEdit && (
        <form className="card contact-form" onSubmit={add} aria-labelledby={ids.form}>
          <h3 id={ids.form} className="small-head">
            {t("contacts.add")}
          </h3>
          <div className="row">
            <div className="field">
              <label htmlFor={ids.name}>{t("contact.name")}</label>
              <input id={ids.name} name="name" required maxLength={200} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={ids.email}>{t("contact.email")}</label>
              <input id={ids.email} name="email" type="email" required maxLength={254} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={ids.position}>{t("contacts.positionOptional")}</label>
              <input id={ids.position} name="position" maxLength={200} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={ids.role}>{t("contact.role")}</label>
              <select id={ids.role} name="role" defaultValue="buyer">
                {CONTACT_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`contact.role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label className="check" htmlFor={ids.invite}>
            <input id={ids.invite} name="invite" type="checkbox" defaultChecked />
            {t("contacts.inviteNow")}
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy !== null}>
              {t("contacts.submit")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

const EXPLAINED: Record<string, MessageKey> = {
  earn: "explain.earn",
  "earn.pending": "explain.earn.pending",
  mature: "explain.mature",
  redeem: "explain.redeem",
  capture: "explain.capture",
  refund: "explain.refund",
  reverse: "explain.reverse",
  expire: "explain.expire",
  hold: "explain.hold",
  "hold.cancel": "explain.hold.cancel",
  void: "explain.void",
  adjust: "explain.adjust",
};

/** A movement in words: what kind of transaction, and the order, return, hold or adjustment behind it. */
export function explain(i18n: I18n, e: LedgerEntry): string {
  const withRate = rateLine(e, i18n.locale);
  if (withRate !== null) return withRate;
  const ref = e.reference.orderId
    ? `${e.reference.id ?? ""} (${e.reference.orderId})`
    : (e.reference.id ?? e.reference.type);
  return i18n.t(EXPLAINED[e.kind] ?? "explain.other", { ref, kind: e.kind });
}

function Ledger({ id, version }: { id: string; version: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const cursors = useCursors();
  const [page, setPage] = useState<Schemas["LedgerPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A change to the wallet shows the newest page again.
  const { reset } = cursors;
  useEffect(() => {
    if (version > 0) reset();
  }, [version, reset]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: an adjustment asks for the history again through version
  useEffect(() => {
    let live = true;
    const query = { limit: LEDGER_PAGE_SIZE, ...(cursors.cursor ? { cursor: cursors.cursor } : {}) };
    api
      .GET("/v1/members/{id}/ledger", { params: { path: { id }, query } })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (data) setPage(data);
        else setError(errorMessage(failed));
      });
    return () => {
      live = false;
    };
  }, [id, cursors.cursor, version]);
  return (
    <section className="block" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("ledger.title")}</h2>
      <p className="muted lead">{t("ledger.lead")}</p>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="ledger">
          <thead>
            <tr>
              <th scope="col">{t("ledger.date")}</th>
              <th scope="col">{t("ledger.what")}</th>
              <th scope="col" className="num">
                {t("ledger.change")}
              </th>
              <th scope="col" className="num">
                {t("ledger.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {page === null && !error && (
              <tr>
                <td colSpan={4} className="muted">
                  {t("loading")}
                </td>
              </tr>
            )}
            {page?.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t("ledger.empty")}
                </td>
              </tr>
            )}
            {page?.data.map((e) => {
              const change = e.available + e.pending + e.held;
              const where = e.pending !== 0 ? t("wallet.pending") : e.held !== 0 ? t("wallet.held") : null;
              // Imported history, or a job that caught up, was recorded on another day than it happened.
              const recorded =
                e.at.slice(0, 10) !== e.date ? t("ledger.recorded", { at: i18n.dateTime(e.at) }) : undefined;
              return (
                <tr key={`${e.transactionId}:${e.seq}`}>
                  <td data-label={t("ledger.date")}>
                    <time dateTime={e.date} title={recorded}>
                      {day(i18n, e.date)}
                    </time>
                  </td>
                  <td data-label={t("ledger.what")}>{explain(i18n, e)}</td>
                  <td data-label={t("ledger.change")} className={`num ${change < 0 ? "neg" : "pos"}`}>
                    {signedPoints(i18n, change)}
                    {where && <span className="muted small"> · {where}</span>}
                  </td>
                  <td data-label={t("ledger.balance")} className="num">
                    {i18n.number(e.balance)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("ledger.title")} />}
    </section>
  );
}

/** The company's recent orders, returns, payments and cancellations, newest first, each linking to its page. */
function Orders({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const cursors = useCursors();
  const [page, setPage] = useState<Schemas["EventPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const query = {
      companyId: id,
      limit: ORDERS_PAGE_SIZE,
      ...(cursors.cursor ? { cursor: cursors.cursor } : {}),
    };
    api.GET("/v1/events", { params: { query } }).then(({ data, error: failed }) => {
      if (!live) return;
      if (data) setPage(data);
      else setError(errorMessage(failed));
    });
    return () => {
      live = false;
    };
  }, [id, cursors.cursor]);
  return (
    <section className="block" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("company.orders.title")}</h2>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <EventsTable page={page} error={error} testId="company-orders" />
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("company.orders.title")} />}
      <p className="small">
        <Link href={`/events?companyId=${encodeURIComponent(id)}`}>{t("company.orders.all")}</Link>
      </p>
    </section>
  );
}

/** Points held for a checkout and not yet spent or released, with a cancel button for those who may. */
function Holds({
  id,
  version,
  mayCancel,
  onChange,
}: {
  id: string;
  version: number;
  mayCancel: boolean;
  onChange(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [holds, setHolds] = useState<Schemas["Hold"][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a cancellation or adjustment asks again through version
  useEffect(() => {
    let live = true;
    api
      .GET("/v1/redemptions", { params: { query: { memberId: id, status: "held", limit: 50 } } })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (data) setHolds(data.data);
        else setError(errorMessage(failed));
      });
    return () => {
      live = false;
    };
  }, [id, version]);
  const cancel = async (holdId: string) => {
    setBusy(holdId);
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.POST("/v1/redemptions/{id}/cancel", {
      params: { path: { id: holdId }, header: { "idempotency-key": idempotencyKey() } },
    });
    setBusy(null);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(t("company.holds.cancelled", { id: holdId }));
    onChange();
  };
  return (
    <section className="block" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("company.holds.title")}</h2>
      <p className="muted lead">{t("company.holds.lead")}</p>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="company-holds">
          <thead>
            <tr>
              <th scope="col">{t("company.holds.created")}</th>
              <th scope="col" className="num">
                {t("company.holds.points")}
              </th>
              <th scope="col">{t("company.holds.expires")}</th>
              <th scope="col">{t("company.holds.status")}</th>
              {mayCancel && (
                <th scope="col">
                  <span className="visually-hidden">{t("company.holds.cancel")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {holds === null && !error && (
              <tr>
                <td colSpan={mayCancel ? 5 : 4} className="muted">
                  {t("loading")}
                </td>
              </tr>
            )}
            {holds?.length === 0 && (
              <tr>
                <td colSpan={mayCancel ? 5 : 4} className="muted">
                  {t("company.holds.empty")}
                </td>
              </tr>
            )}
            {holds?.map((h) => (
              <tr key={h.id}>
                <td data-label={t("company.holds.created")}>{i18n.dateTime(h.createdAt)}</td>
                <td data-label={t("company.holds.points")} className="num">
                  {i18n.number(h.points)}
                </td>
                <td data-label={t("company.holds.expires")}>{i18n.dateTime(h.expiresAt)}</td>
                <td data-label={t("company.holds.status")}>
                  <span className="badge">{t(`company.holds.status.${h.status}`)}</span>
                </td>
                {mayCancel && (
                  <td>
                    <button
                      type="button"
                      disabled={busy !== null}
                      aria-label={t("company.holds.cancelLabel", { id: h.id })}
                      onClick={() => void cancel(h.id)}
                    >
                      {t("company.holds.cancel")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Notes staff wrote on the company, newest first, and a form to add one. */
function Notes({ id, mayAdd }: { id: string; mayAdd: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const ids = { title: useId(), text: useId(), hint: useId() };
  const cursors = useCursors();
  const [page, setPage] = useState<Schemas["NotePage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const { reset } = cursors;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new note asks for the newest page again through version
  useEffect(() => {
    let live = true;
    const query = { limit: NOTES_PAGE_SIZE, ...(cursors.cursor ? { cursor: cursors.cursor } : {}) };
    api
      .GET("/v1/companies/{id}/notes", { params: { path: { id }, query } })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (data) setPage(data);
        else setError(errorMessage(failed));
      });
    return () => {
      live = false;
    };
  }, [id, cursors.cursor, version]);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const text = String(new FormData(formEl).get("text") ?? "").trim();
    setBusy(true);
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.POST("/v1/companies/{id}/notes", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: { text },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    setNotice(t("company.notes.added"));
    reset();
    setVersion((v) => v + 1);
  };
  const author = (authorId: string) => (me.user && me.user.id === authorId ? me.user.name : authorId);
  return (
    <section className="block" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("company.notes.title")}</h2>
      {mayAdd && (
        <form className="card" onSubmit={submit}>
          <div className="field">
            <label htmlFor={ids.text}>{t("company.notes.new")}</label>
            <textarea
              id={ids.text}
              name="text"
              required
              maxLength={2000}
              rows={3}
              aria-describedby={ids.hint}
            />
            <small id={ids.hint} className="muted">
              {t("company.notes.hint")}
            </small>
          </div>
          <div role="status" aria-live="polite">
            {notice && <p className="alert success">{notice}</p>}
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t("company.notes.add")}
          </button>
        </form>
      )}
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      {page === null && !error && <p className="muted">{t("loading")}</p>}
      {page?.data.length === 0 && <p className="muted">{t("company.notes.empty")}</p>}
      {page && page.data.length > 0 && (
        <ul className="plain notes" data-testid="company-notes">
          {page.data.map((n) => (
            <li key={n.id}>
              <p className="small muted">
                {t("company.notes.by", { author: author(n.authorId), date: i18n.dateTime(n.createdAt) })}
              </p>
              <p className="note-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("company.notes.title")} />}
    </section>
  );
}
