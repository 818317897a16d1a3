// Rewards: the catalog (add a reward or change one: points price, stock, image, who may order it, which
// approvals it needs) and the queue of reward orders, where staff approve an order that waits for the program
// owner, ship it, mark it delivered, or cancel it with its points given back.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { idempotencyKey } from "../console/format.ts";
import { REWARD_EDITORS, REWARD_FULFILLERS } from "../console/roles.ts";
import { type EngageKey, useEngageText } from "../i18n/engage.ts";
import { usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorAlert, SuccessAlert } from "../ui/alerts.tsx";
import { Check, Field, InputField } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

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

/** What the reward form's number and text inputs start with: the reward's values, or empty for a new one. */
function draftValue(editing: Reward | null, name: "pricePoints" | "stock" | "imageUrl" | "tiers") {
  if (!editing) return name === "pricePoints" ? undefined : "";
  if (name === "tiers") return editing.tiers.join(", ");
  return editing[name] ?? "";
}

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
  const [busy, setBusy] = useState(false);
  const heading = useId();

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
    setBusy(true);
    setError(null);
    setDone(null);
    const header = { "idempotency-key": idempotencyKey() };
    const { error: failed } = editing
      ? await api.PATCH("/v1/rewards/{id}", { params: { path: { id: editing.id }, header }, body })
      : await api.POST("/v1/rewards", { params: { header }, body });
    setBusy(false);
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
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{t("rewards.catalog")}</h2>
      {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <div className="split">
        <DataTable
          testId="reward-catalog"
          columns={[
            t("rewards.name"),
            t("rewards.kind"),
            { label: t("rewards.price"), num: true },
            { label: t("rewards.stockShort"), num: true },
            t("rewards.tiers"),
            { label: t("rewards.edit"), hidden: true },
          ]}
          rows={rewards}
          empty={t("rewards.none")}
          row={(r) => (
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
          )}
        />
        {canEdit && (
          <aside className="side">
            <form className="card" onSubmit={save} key={editing?.id ?? "new"} data-testid="reward-form">
              <InputField
                label={t("rewards.name")}
                name="name"
                required
                maxLength={200}
                defaultValue={editing?.name}
              />
              <Field label={t("rewards.description")}>
                {(id) => (
                  <textarea
                    id={id}
                    name="description"
                    rows={2}
                    maxLength={4000}
                    defaultValue={editing?.description}
                  />
                )}
              </Field>
              <Field label={t("rewards.kind")}>
                {(id) => (
                  <select id={id} name="kind" defaultValue={editing?.kind ?? "goods"}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`kind.${k}` as EngageKey)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {(
                [
                  ["rewards.price", { name: "pricePoints", type: "number", min: 1, required: true }],
                  ["rewards.stock", { name: "stock", type: "number", min: 0 }],
                  ["rewards.image", { name: "imageUrl", type: "url", maxLength: 2000 }],
                  ["rewards.tiers", { name: "tiers" }],
                ] as const
              ).map(([label, input]) => (
                <InputField
                  key={input.name}
                  label={t(label)}
                  {...input}
                  defaultValue={draftValue(editing, input.name)}
                />
              ))}
              <fieldset className="field check-field">
                <legend>{t("rewards.roles")}</legend>
                {(["buyer", "company_admin"] as const).map((r) => (
                  <Check
                    key={r}
                    name={`role-${r}`}
                    label={r}
                    defaultChecked={editing?.roles.includes(r) ?? false}
                  />
                ))}
              </fieldset>
              <div className="field check-field">
                <Check
                  name="companyApproval"
                  label={t("rewards.companyApproval")}
                  defaultChecked={editing?.companyApproval ?? true}
                />
                <Check
                  name="ownerApproval"
                  label={t("rewards.ownerApproval")}
                  defaultChecked={editing?.ownerApproval ?? false}
                />
                <Check
                  name="active"
                  label={t("rewards.activeField")}
                  defaultChecked={editing?.active ?? true}
                />
              </div>
              <button type="submit" className="primary" disabled={busy}>
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
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useId();

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
    setBusy(o.id);
    setError(null);
    const trimmed = note.trim();
    const { error: failed } = await api.POST("/v1/reward-orders/{id}/status", {
      params: { path: { id: o.id }, header: { "idempotency-key": idempotencyKey() } },
      body: { status: to, ...(trimmed ? { note: trimmed } : {}) },
    });
    if (failed) setError(errorMessage(failed));
    else setNote("");
    await load();
    setBusy(null);
  };

  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{t("rewards.queue")}</h2>
      {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
      <div className="filters">
        <Field label={t("rewards.status")}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
              <option value="">{t("rewards.allStatuses")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}` as EngageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {canMove && (
          <InputField
            className="grow"
            label={t("rewards.note")}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </div>
      <DataTable
        testId="reward-queue"
        columns={[
          t("rewards.date"),
          t("rewards.company"),
          t("rewards.reward"),
          { label: t("rewards.points"), num: true },
          t("rewards.status"),
          { label: t("rewards.status"), hidden: true },
        ]}
        rows={orders}
        empty={t("rewards.noOrders")}
        row={(o) => (
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
                    disabled={busy === o.id}
                    onClick={() => move(o, to)}
                    aria-label={`${t(MOVE_LABEL[to])}: ${o.rewardName}, ${o.companyId}`}
                  >
                    {t(MOVE_LABEL[to])}
                  </button>
                ))}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
