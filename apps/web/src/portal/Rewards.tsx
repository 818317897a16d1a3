// The portal's rewards page: the rewards the contact may order, the company's reward orders with their status
// (a company admin approves or rejects a buyer's; the one who ordered may cancel), and the company's referral
// code and link.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { idempotencyKey } from "../console/format.ts";
import { type PortalKey, usePortalText } from "../i18n/portal.ts";
import type { PortalMe, PortalReferral, Reward, RewardOrder } from "./types.ts";

type Move = "approved" | "rejected" | "cancelled";

export function PortalRewards({ me }: { me: PortalMe }) {
  const { t, points, day } = usePortalText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [catalog, setCatalog] = useState<Reward[] | null>(null);
  const [orders, setOrders] = useState<RewardOrder[] | null>(null);
  const [referral, setReferral] = useState<PortalReferral | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The reward or order a request runs for: its buttons wait, so that a double click orders once.
  const [busy, setBusy] = useState<string | null>(null);
  const ids = { catalog: useId(), orders: useId(), referral: useId() };
  const admin = me.contact.role === "company_admin";

  const load = useCallback(async () => {
    const [c, o, r] = await Promise.all([
      api.GET("/v1/portal/rewards"),
      api.GET("/v1/portal/reward-orders"),
      api.GET("/v1/portal/referral"),
    ]);
    if (c.data) setCatalog(c.data.data);
    else setError(errorMessage(c.error));
    if (o.data) setOrders(o.data.data);
    setReferral(r.data ?? null);
  }, []);

  useEffect(() => {
    document.title = `${t("portal.rewards")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);

  const order = async (r: Reward) => {
    if (busy) return;
    setBusy(r.id);
    setError(null);
    setDone(null);
    const { data, error: e } = await api.POST("/v1/portal/reward-orders", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { rewardId: r.id, quantity: 1 },
    });
    if (data) setDone(t("rewards.ordered", { name: r.name }));
    else setError(errorMessage(e));
    await load();
    setBusy(null);
  };

  const move = async (o: RewardOrder, status: Move) => {
    if (busy) return;
    setBusy(o.id);
    setError(null);
    setDone(null);
    const { error: e } = await api.POST("/v1/portal/reward-orders/{id}/status", {
      params: { path: { id: o.id }, header: { "idempotency-key": idempotencyKey() } },
      body: { status },
    });
    if (e) setError(errorMessage(e));
    await load();
    setBusy(null);
  };

  const open = (o: RewardOrder) =>
    o.status === "requested" || o.status === "awaiting_owner" || o.status === "approved";

  return (
    <section className="portal-page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("rewards.title")}
        </h1>
        <p className="muted">{t("rewards.lead")}</p>
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="alert success" role="status">
          {done}
        </p>
      )}
      <section className="card" aria-labelledby={ids.catalog}>
        <h2 id={ids.catalog}>{t("rewards.catalog")}</h2>
        {catalog === null ? (
          <p className="muted">{t("loading")}</p>
        ) : catalog.length === 0 ? (
          <p className="muted">{t("rewards.empty")}</p>
        ) : (
          <ul className="reward-list" data-testid="catalog">
            {catalog.map((r) => (
              <li key={r.id} className="reward">
                {r.imageUrl && <img src={r.imageUrl} alt="" width="64" height="64" loading="lazy" />}
                <div>
                  <strong>{r.name}</strong>
                  {r.description && <p className="muted small">{r.description}</p>}
                  <p>
                    {t("rewards.price", { points: points(r.pricePoints) })}
                    {r.stock !== null && (
                      <span className="muted"> · {t("rewards.stock", { n: points(r.stock) })}</span>
                    )}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => order(r)}
                  disabled={r.stock === 0 || busy !== null}
                  aria-label={`${t("rewards.order")}: ${r.name}`}
                >
                  {t("rewards.order")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby={ids.orders}>
        <h2 id={ids.orders}>{t("rewards.orders")}</h2>
        {orders !== null && orders.length === 0 ? (
          <p className="muted">{t("rewards.ordersEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="reward-orders">
              <thead>
                <tr>
                  <th scope="col">{t("rewards.date")}</th>
                  <th scope="col">{t("rewards.reward")}</th>
                  <th scope="col">{t("rewards.points")}</th>
                  <th scope="col">{t("rewards.status")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("rewards.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(orders ?? []).map((o) => (
                  <tr key={o.id}>
                    <td>{day(o.createdAt)}</td>
                    <td>
                      {o.rewardName}
                      {o.quantity > 1 ? ` × ${o.quantity}` : ""}
                    </td>
                    <td>{points(o.points)}</td>
                    <td>
                      <span className="badge">{t(`rewardStatus.${o.status}` as PortalKey)}</span>
                    </td>
                    <td className="actions">
                      {admin && o.status === "requested" && (
                        <>
                          <button type="button" disabled={busy !== null} onClick={() => move(o, "approved")}>
                            {t("rewards.approve")}
                          </button>
                          <button type="button" disabled={busy !== null} onClick={() => move(o, "rejected")}>
                            {t("rewards.reject")}
                          </button>
                        </>
                      )}
                      {open(o) && (admin || o.contactId === me.contact.id) && (
                        <button type="button" disabled={busy !== null} onClick={() => move(o, "cancelled")}>
                          {t("rewards.cancel")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {referral && (
        <section className="card" aria-labelledby={ids.referral}>
          <h2 id={ids.referral}>{t("referral.title")}</h2>
          <p>{t("referral.lead", { rate: referral.rate, points: points(referral.referrerPoints) })}</p>
          <dl className="facts">
            <dt>{t("referral.code")}</dt>
            <dd>
              <code data-testid="referral-code">{referral.code}</code>
            </dd>
            <dt>{t("referral.link")}</dt>
            <dd>
              <code className="invite-link">{referral.link}</code>
            </dd>
          </dl>
          <p className="muted small">
            {t(referral.credit === "afterPayment" ? "referral.afterPayment" : "referral.atOnce")}{" "}
            {t("referral.used", { n: points(referral.referred) })}
          </p>
        </section>
      )}
    </section>
  );
}
