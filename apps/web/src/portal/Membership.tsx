// The portal's membership page: plans on sale (the company's admin buys or cancels), the company's
// memberships, a cart priced with the company's membership and individual discounts, and the trainings,
// courses and greetings that earned the company points.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { idempotencyKey } from "../console/format.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { useBusy } from "../ui/busy.ts";
import type { PortalMe } from "./types.ts";

type Plan = Schemas["MembershipPlan"];
type Membership = Schemas["Membership"];
type Quote = { gross?: string; discount?: string; net?: string; pointsEarned?: number };

export function PortalMembership({ me }: { me: PortalMe }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [mine, setMine] = useState<Membership[] | null>(null);
  const [actions, setActions] = useState<Schemas["ActionRecord"][]>([]);
  const { busy, guard } = useBusy();
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const admin = me.contact.role === "company_admin";

  const load = useCallback(async () => {
    const [m, a] = await Promise.all([api.GET("/v1/portal/memberships"), api.GET("/v1/portal/actions")]);
    if (m.data) {
      setPlans(m.data.plans);
      setMine(m.data.memberships);
    } else setError(errorMessage(m.error));
    if (a.data) setActions(a.data.data);
  }, []);

  useEffect(() => {
    document.title = `${t("engage.portal.title")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);

  const buy = guard(async (p: Plan) => {
    setError(null);
    setDone(null);
    const { data, error: e } = await api.POST("/v1/portal/memberships", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { planId: p.id },
    });
    if (data)
      setDone(t("engage.portal.bought", { plan: data.planName, from: data.startsOn, to: data.endsOn }));
    else setError(errorMessage(e));
    await load();
  });

  const cancel = guard(async (m: Membership) => {
    setError(null);
    setDone(null);
    const { data, error: e } = await api.POST("/v1/portal/memberships/{id}/cancel", {
      params: { path: { id: m.id }, header: { "idempotency-key": idempotencyKey() } },
    });
    if (data) setDone(t("engage.memberships.cancelled", { refund: data.refund }));
    else setError(errorMessage(e));
    await load();
  });

  const price = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const v = (name: string) => (f.elements.namedItem(name) as HTMLInputElement).value.trim();
    setError(null);
    const { data, error: failed } = await api.POST("/v1/portal/quote", {
      body: {
        lines: [{ sku: v("sku"), category: v("category"), quantity: v("qty"), unitPrice: v("price") }],
      },
    });
    if (data) setQuote(data as Quote);
    else setError(errorMessage(failed));
  };

  return (
    <section className="portal-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("engage.portal.title")}
        </h1>
        <p className="muted">{t("engage.portal.lead")}</p>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite">
        {done && <p className="alert success">{done}</p>}
      </div>
      <h2>{t("engage.portal.plans")}</h2>
      {!admin && <p className="muted">{t("engage.portal.onlyAdmin")}</p>}
      <ul className="reward-list">
        {plans.map((p) => (
          <li key={p.id} className="reward">
            <div className="plan">
              <strong>{p.name}</strong>
              <span>
                {p.feePoints === null ? p.fee : t("engage.plans.points", { points: String(p.feePoints) })} ·{" "}
                {t("engage.portal.days", { n: String(p.periodDays) })}
              </span>
              <span>
                {t("engage.plans.discount")}: {p.discountRate}
                {p.extraEarnRate !== "0%" ? ` · ${t("engage.plans.extraEarn")}: ${p.extraEarnRate}` : ""}
              </span>
              {(p.freeDelivery || p.priorityService) && (
                <span className="muted">
                  {[
                    p.freeDelivery && t("engage.plans.freeDelivery"),
                    p.priorityService && t("engage.plans.priority"),
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </span>
              )}
            </div>
            {admin && (
              <button type="button" className="primary" disabled={busy} onClick={() => buy(p)}>
                {t("engage.portal.buy", { plan: p.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h2>{t("engage.portal.mine")}</h2>
      {mine?.length === 0 && <p className="muted">{t("engage.portal.none")}</p>}
      {mine && mine.length > 0 && (
        <table aria-label={t("engage.portal.mine")}>
          <thead>
            <tr>
              <th scope="col">{t("engage.memberships.plan")}</th>
              <th scope="col">{t("engage.memberships.period")}</th>
              <th scope="col">{t("engage.memberships.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("engage.portal.cancel")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.map((m) => (
              <tr key={m.id}>
                <td>{m.planName}</td>
                <td>
                  {m.startsOn} – {m.endsOn}
                </td>
                <td>{t(`engage.memberships.status.${m.status}`)}</td>
                <td>
                  {admin && m.status === "active" && (
                    <button type="button" disabled={busy} onClick={() => cancel(m)}>
                      {t("engage.portal.cancel")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("engage.portal.quote")}</h2>
      <form className="quote-form" onSubmit={price} aria-label={t("engage.portal.quote")}>
        <label>
          {t("engage.portal.sku")}
          <input name="sku" required maxLength={200} />
        </label>
        <label>
          {t("engage.portal.category")}
          <input name="category" maxLength={200} />
        </label>
        <label>
          {t("engage.portal.qty")}
          <input name="qty" required inputMode="decimal" defaultValue="1" />
        </label>
        <label>
          {t("engage.portal.price")}
          <input name="price" required inputMode="decimal" />
        </label>
        <button type="submit" className="primary">
          {t("engage.portal.priceIt")}
        </button>
      </form>
      {quote && (
        <dl className="quote" aria-label={t("engage.portal.quote")}>
          <dt>{t("engage.portal.gross")}</dt>
          <dd>{quote.gross}</dd>
          <dt>{t("engage.portal.discount")}</dt>
          <dd data-testid="quote-discount">{quote.discount}</dd>
          <dt>{t("engage.portal.net")}</dt>
          <dd>{quote.net}</dd>
          <dt>{t("engage.portal.points")}</dt>
          <dd>{quote.pointsEarned}</dd>
        </dl>
      )}
      <h2>{t("engage.portal.actions")}</h2>
      {actions.length === 0 && <p className="muted">{t("engage.actions.empty")}</p>}
      {actions.length > 0 && (
        <table aria-label={t("engage.portal.actions")}>
          <thead>
            <tr>
              <th scope="col">{t("engage.actions.date")}</th>
              <th scope="col">{t("engage.actions.kind")}</th>
              <th scope="col">{t("engage.actions.subject")}</th>
              <th scope="col">{t("engage.actions.points")}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id}>
                <td>{a.date}</td>
                <td>{t(`engage.actions.kind.${a.action}` as MessageKey)}</td>
                <td>{a.subject ?? ""}</td>
                <td>{a.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
