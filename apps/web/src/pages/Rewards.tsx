// Rewards: the catalog (add a reward or change one: points price, stock, image, who may order it, which
// approvals it needs) and the queue of reward orders, where staff approve an order that waits for the program
// owner, ship it, mark it delivered, or cancel it with its points given back.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { REWARD_EDITORS, REWARD_FULFILLERS } from "../console/roles.ts";
import { type EngageKey, useEngageText } from "../i18n/engage.ts";
import { usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";

type Reward = Schemas["Reward"];
type RewardRequest = Schemas["RewardRequest"];
type Order = Schemas["RewardOrder"];
type Status = Order["status"];
type Move = Schemas["RewardOrderMove"]["status"];

const KINDS = ["goods", "service", "training", "priority_access", "extended_warranty"] as const;
const STATUSES: Status[] = [
  "awaiting_owner",
  "requested",
  "approved",
  "shipped",
  "delivered",
  "rejected",
  "cancelled",
];

/** What staff may do next with an order in each status. */
const NEXT: Partial<Record<Status, Move[]>> = {
  requested: ["rejected"],
  awaiting_owner: ["approved", "rejected"],
  approved: ["shipped", "rejected"],
  shipped: ["delivered"],
};
const MOVE_LABEL: Record<Move, EngageKey> = {
  approved: "rewards.approve",
  shipped: "rewards.ship",
  delivered: "rewards.deliver",
  rejected: "rewards.reject",
};

export default function Rewards() {
  const { t } = useEngageText();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("rewards.title"), heading);
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("rewards.title")}
        </h1>
        <p className="muted">{t("rewards.lead")}</p>
      </div>
      <Catalog />
      <Queue />
    </section>
  );
}

function Catalog() {
  const { t, number } = useEngageText();
  const { me } = useSession();
  const canEdit = me ? REWARD_EDITORS.includes(me.role) : false;
  const [rewards, setRewards] = useState<Reward[] | null>(null);
  const [editing, setEditing] = useState<Reward | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ids = {
    heading: useId(),
    name: useId(),
    description: useId(),
    kind: useId(),
    price: useId(),
    stock: useId(),
    image: useId(),
    tiers: useId(),
  };

  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/rewards", { params: { query: { limit: 200 } } });
    if (data) setRewards(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const stock = String(form.get("stock") ?? "").trim();
    const image = String(form.get("imageUrl") ?? "").trim();
    const tiers = String(form.get("tiers") ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    const roles = (["buyer", "company_admin"] as const).filter((r) => form.get(`role-${r}`) === "on");
    const kind = KINDS.find((k) => k === form.get("kind")) ?? "goods";
    const body: RewardRequest = {
      name: String(form.get("name") ?? "").trim(),
      description: String(form.get("description") ?? ""),
      kind,
      pricePoints: Number(form.get("pricePoints") ?? 0),
      stock: stock === "" ? null : Number(stock),
      imageUrl: image === "" ? null : image,
      tiers,
      roles,
      companyApproval: form.get("companyApproval") === "on",
      ownerApproval: form.get("ownerApproval") === "on",
      active: form.get("active") === "on",
    };
    setError(null);
    setDone(null);
    const { error: failed } = editing
      ? await api.PATCH("/v1/rewards/{id}", { params: { path: { id: editing.id } }, body })
      : await api.POST("/v1/rewards", { body });
    if (failed) {
      setError(errorMessage(failed));
      return;
    }
    setDone(t("rewards.saved"));
    setEditing(null);
    formEl.reset();
    await load();
  };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t("rewards.catalog")}</h2>
      {error && (
        <p className="alert error" role="alert">
          {t("common.error", { message: error })}
        </p>
      )}
      {done && (
        <p className="alert success" role="status">
          {done}
        </p>
      )}
      <div className="split">
        <div className="table-wrap">
          <table data-testid="reward-catalog">
            <thead>
              <tr>
                <th scope="col">{t("rewards.name")}</th>
                <th scope="col">{t("rewards.kind")}</th>
                <th scope="col" className="num">
                  {t("rewards.price")}
                </th>
                <th scope="col" className="num">
                  {t("rewards.stockShort")}
                </th>
                <th scope="col">{t("rewards.tiers")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("rewards.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rewards?.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t("rewards.none")}
                  </td>
                </tr>
              )}
              {rewards?.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.imageUrl && <img src={r.imageUrl} alt="" width="32" height="32" loading="lazy" />}{" "}
                    <strong>{r.name}</strong>
                    {!r.active && <span className="badge quiet"> {t("rewards.hidden")}</span>}
                  </td>
                  <td>{t(`kind.${r.kind}` as EngageKey)}</td>
                  <td className="num">{number(r.pricePoints)}</td>
                  <td className="num">{r.stock === null ? t("rewards.unlimited") : number(r.stock)}</td>
                  <td>
                    {r.tiers.length === 0 ? t("rewards.all") : r.tiers.join(", ")}
                    {r.roles.length > 0 && <span className="muted small"> · {r.roles.join(", ")}</span>}
                  </td>
                  <td>
                    {canEdit && (
                      <button
                        type="button"
                        onClick={() => setEditing(r)}
                        aria-label={`${t("rewards.edit")}: ${r.name}`}
                      >
                        {t("rewards.edit")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit && (
          <aside className="side">
            <form className="card" onSubmit={save} key={editing?.id ?? "new"} data-testid="reward-form">
              <div className="field">
                <label htmlFor={ids.name}>{t("rewards.name")}</label>
                <input id={ids.name} name="name" required maxLength={200} defaultValue={editing?.name} />
              </div>
              <div className="field">
                <label htmlFor={ids.description}>{t("rewards.description")}</label>
                <textarea
                  id={ids.description}
                  name="description"
                  rows={2}
                  maxLength={4000}
                  defaultValue={editing?.description}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.kind}>{t("rewards.kind")}</label>
                <select id={ids.kind} name="kind" defaultValue={editing?.kind ?? "goods"}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}` as EngageKey)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.price}>{t("rewards.price")}</label>
                <input
                  id={ids.price}
                  name="pricePoints"
                  type="number"
                  min={1}
                  required
                  defaultValue={editing?.pricePoints}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.stock}>{t("rewards.stock")}</label>
                <input
                  id={ids.stock}
                  name="stock"
                  type="number"
                  min={0}
                  defaultValue={editing?.stock ?? ""}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.image}>{t("rewards.image")}</label>
                <input
                  id={ids.image}
                  name="imageUrl"
                  type="url"
                  maxLength={2000}
                  defaultValue={editing?.imageUrl ?? ""}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.tiers}>{t("rewards.tiers")}</label>
                <input id={ids.tiers} name="tiers" defaultValue={editing?.tiers.join(", ") ?? ""} />
              </div>
              <fieldset className="field check-field">
                <legend>{t("rewards.roles")}</legend>
                {(["buyer", "company_admin"] as const).map((r) => (
                  <label key={r}>
                    <input
                      type="checkbox"
                      name={`role-${r}`}
                      defaultChecked={editing?.roles.includes(r) ?? false}
                    />{" "}
                    {r}
                  </label>
                ))}
              </fieldset>
              <div className="field check-field">
                <label>
                  <input
                    type="checkbox"
                    name="companyApproval"
                    defaultChecked={editing?.companyApproval ?? true}
                  />{" "}
                  {t("rewards.companyApproval")}
                </label>
                <label>
                  <input
                    type="checkbox"
                    name="ownerApproval"
                    defaultChecked={editing?.ownerApproval ?? false}
                  />{" "}
                  {t("rewards.ownerApproval")}
                </label>
                <label>
                  <input type="checkbox" name="active" defaultChecked={editing?.active ?? true} />{" "}
                  {t("rewards.activeField")}
                </label>
              </div>
              <button type="submit" className="primary">
                {editing ? t("rewards.save") : t("rewards.add")}
              </button>
              {editing && (
                <button type="button" onClick={() => setEditing(null)}>
                  {t("rewards.cancelEdit")}
                </button>
              )}
            </form>
          </aside>
        )}
      </div>
    </section>
  );
}

function Queue() {
  const { t, number, day } = useEngageText();
  const { me } = useSession();
  const canMove = me ? REWARD_FULFILLERS.includes(me.role) : false;
  const [status, setStatus] = useState<Status | "">("awaiting_owner");
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const ids = { heading: useId(), status: useId(), note: useId() };

  const load = useCallback(async () => {
    const query = status === "" ? { limit: 200 } : { status, limit: 200 };
    const { data, error: e } = await api.GET("/v1/reward-orders", { params: { query } });
    if (data) setOrders(data.data);
    else setError(errorMessage(e));
  }, [status]);
  useEffect(() => {
    load();
  }, [load]);

  const move = async (o: Order, to: Move) => {
    setError(null);
    const trimmed = note.trim();
    const { error: failed } = await api.POST("/v1/reward-orders/{id}/status", {
      params: { path: { id: o.id } },
      body: { status: to, ...(trimmed ? { note: trimmed } : {}) },
    });
    if (failed) setError(errorMessage(failed));
    else setNote("");
    await load();
  };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t("rewards.queue")}</h2>
      {error && (
        <p className="alert error" role="alert">
          {t("common.error", { message: error })}
        </p>
      )}
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.status}>{t("rewards.status")}</label>
          <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
            <option value="">{t("rewards.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as EngageKey)}
              </option>
            ))}
          </select>
        </div>
        {canMove && (
          <div className="field grow">
            <label htmlFor={ids.note}>{t("rewards.note")}</label>
            <input id={ids.note} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </div>
        )}
      </div>
      <div className="table-wrap">
        <table data-testid="reward-queue">
          <thead>
            <tr>
              <th scope="col">{t("rewards.date")}</th>
              <th scope="col">{t("rewards.company")}</th>
              <th scope="col">{t("rewards.reward")}</th>
              <th scope="col" className="num">
                {t("rewards.points")}
              </th>
              <th scope="col">{t("rewards.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("rewards.status")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t("rewards.noOrders")}
                </td>
              </tr>
            )}
            {orders?.map((o) => (
              <tr key={o.id}>
                <td>{day(o.createdAt)}</td>
                <td>{o.companyId}</td>
                <td>
                  {o.rewardName}
                  {o.quantity > 1 ? ` × ${o.quantity}` : ""}
                  {o.note && <span className="muted small"> · {o.note}</span>}
                </td>
                <td className="num">{number(o.points)}</td>
                <td>
                  <span className="badge">{t(`status.${o.status}` as EngageKey)}</span>
                </td>
                <td className="actions">
                  {canMove &&
                    (NEXT[o.status] ?? []).map((to) => (
                      <button
                        key={to}
                        type="button"
                        className={to === "rejected" ? undefined : "primary"}
                        onClick={() => move(o, to)}
                        aria-label={`${t(MOVE_LABEL[to])}: ${o.rewardName}, ${o.companyId}`}
                      >
                        {t(MOVE_LABEL[to])}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
