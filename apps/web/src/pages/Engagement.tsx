// The engagement page: membership plans with their economics, selling, renewing and cancelling memberships;
// individual discounts within the role's limit (above it they wait on the Approvals page) and their cost by
// manager; and recording a training's attendance (or another action) for several contacts at once.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { idempotencyKey } from "../console/format.ts";
import "../console/console.css";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";

type Plan = Schemas["MembershipPlan"];
type Membership = Schemas["Membership"];
type Grant = Schemas["DiscountGrant"];
type ActionRecord = Schemas["ActionRecord"];

const PLAN_WRITERS = ["owner", "admin", "program_manager"];
const REPORT_READERS = ["owner", "admin", "program_manager", "finance"];
const GRANTERS = ["owner", "admin", "program_manager", "sales_manager"];
const RECORDERS = ["owner", "admin", "program_manager", "sales_manager", "support"];
const ACTION_KINDS = ["attendance", "course", "survey", "profile", "greeting", "custom"] as const;

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? "";
const checked = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;

export default function Engagement() {
  const { t } = useI18n();
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("engage.title"), heading);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = (text: string) => {
    setError(null);
    setNotice(text);
  };
  const fail = (e: unknown) => {
    setNotice(null);
    setError(errorMessage(e as Parameters<typeof errorMessage>[0]));
  };
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("engage.title")}
        </h1>
        <p className="muted">{t("engage.lead")}</p>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <Memberships role={me.role} say={say} fail={fail} />
      {GRANTERS.includes(me.role) || me.role === "finance" ? (
        <Grants role={me.role} say={say} fail={fail} />
      ) : null}
      {RECORDERS.includes(me.role) && <Actions say={say} fail={fail} />}
    </section>
  );
}

interface Part {
  role: string;
  say(text: string): void;
  fail(e: unknown): void;
}

function Memberships({ role, say, fail }: Part) {
  const { t } = useI18n();
  const [plans, setPlans] = useState<Plan[]>([]);
  const [list, setList] = useState<Membership[] | null>(null);
  const [economics, setEconomics] = useState<Schemas["MembershipEconomics"] | null>(null);
  const [reload, setReload] = useState(0);
  const writer = PLAN_WRITERS.includes(role);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change asks for the lists again through reload
  useEffect(() => {
    api.GET("/v1/membership-plans").then(({ data }) => data && setPlans(data.data));
    api
      .GET("/v1/memberships", { params: { query: { limit: 25 } } })
      .then(({ data }) => setList(data?.data ?? []));
    if (REPORT_READERS.includes(role)) {
      api.GET("/v1/reports/memberships").then(({ data }) => setEconomics(data ?? null));
    }
  }, [reload, role]);

  const createPlan = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const points = field(f, "feePoints");
    const { data, error } = await api.POST("/v1/membership-plans", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: {
        name: field(f, "name"),
        fee: field(f, "fee") || "0",
        feePoints: points ? Number(points) : null,
        periodDays: Number(field(f, "periodDays")),
        discountRate: `${field(f, "discountRate") || "0"}%`,
        extraEarnRate: `${field(f, "extraEarnRate") || "0"}%`,
        freeDelivery: checked(f, "freeDelivery"),
        priorityService: checked(f, "priorityService"),
        refund: field(f, "refund") === "none" ? "none" : "prorata",
        active: true,
      },
    });
    if (!data) return fail(error);
    f.reset();
    say(t("engage.plans.created", { name: data.name }));
    setReload((r) => r + 1);
  };

  const sell = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const { data, error } = await api.POST("/v1/memberships", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { companyId: field(f, "companyId"), planId: field(f, "planId") },
    });
    if (!data) return fail(error);
    say(
      t("engage.sell.bought", {
        plan: data.planName,
        company: data.companyId,
        from: data.startsOn,
        to: data.endsOn,
      }),
    );
    setReload((r) => r + 1);
  };

  const act = async (m: Membership, verb: "renew" | "cancel") => {
    const options = { params: { path: { id: m.id }, header: { "idempotency-key": idempotencyKey() } } };
    const { data, error } =
      verb === "renew"
        ? await api.POST("/v1/memberships/{id}/renew", options)
        : await api.POST("/v1/memberships/{id}/cancel", options);
    if (!data) return fail(error);
    say(
      verb === "renew"
        ? t("engage.memberships.renewed", { from: data.startsOn, to: data.endsOn })
        : t("engage.memberships.cancelled", {
            refund: data.feePoints ? String(data.refundPoints) : data.refund,
          }),
    );
    setReload((r) => r + 1);
  };

  return (
    <>
      <h2>{t("engage.plans.title")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("engage.plans.name")}</th>
              <th scope="col" className="num">
                {t("engage.plans.fee")}
              </th>
              <th scope="col" className="num">
                {t("engage.plans.period")}
              </th>
              <th scope="col" className="num">
                {t("engage.plans.discount")}
              </th>
              <th scope="col" className="num">
                {t("engage.plans.extraEarn")}
              </th>
              <th scope="col">{t("engage.plans.benefits")}</th>
              <th scope="col">{t("engage.plans.refund")}</th>
            </tr>
          </thead>
          <tbody>
            {plans.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t("engage.plans.empty")}
                </td>
              </tr>
            )}
            {plans.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td className="num">
                  {p.feePoints === null ? p.fee : t("engage.plans.points", { points: String(p.feePoints) })}
                </td>
                <td className="num">{p.periodDays}</td>
                <td className="num">{p.discountRate}</td>
                <td className="num">{p.extraEarnRate}</td>
                <td>
                  {[
                    p.freeDelivery && t("engage.plans.freeDelivery"),
                    p.priorityService && t("engage.plans.priority"),
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </td>
                <td>{t(`engage.plans.refund.${p.refund}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {economics && (
        <>
          <h3>{t("engage.economics.title")}</h3>
          <div className="table-wrap">
            <table aria-label={t("engage.economics.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("engage.plans.name")}</th>
                  {(
                    [
                      "memberships",
                      "active",
                      "feesIn",
                      "refundsOut",
                      "discounts",
                      "extraPoints",
                      "orders",
                      "net",
                    ] as const
                  ).map((k) => (
                    <th key={k} scope="col" className="num">
                      {t(`engage.economics.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {economics.plans.map((p) => (
                  <tr key={p.planId}>
                    <td>{p.name}</td>
                    <td className="num">{p.memberships}</td>
                    <td className="num">{p.active}</td>
                    <td className="num">{p.feesIn}</td>
                    <td className="num">{p.refundsOut}</td>
                    <td className="num">{p.discountsGiven}</td>
                    <td className="num">{p.extraPointsGiven}</td>
                    <td className="num">{p.orders}</td>
                    <td className="num">
                      <strong>{p.net}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {writer && (
        <form className="form-grid" onSubmit={createPlan} aria-label={t("engage.plans.create")}>
          <label>
            {t("engage.plans.name")}
            <input name="name" required maxLength={200} />
          </label>
          <label>
            {t("engage.plans.fee")}
            <input name="fee" inputMode="decimal" placeholder="220" />
          </label>
          <label>
            {t("engage.plans.feePoints")}
            <input name="feePoints" inputMode="numeric" />
          </label>
          <label>
            {t("engage.plans.period")}
            <input name="periodDays" inputMode="numeric" required defaultValue="365" />
          </label>
          <label>
            {t("engage.plans.discount")}, %
            <input name="discountRate" inputMode="decimal" placeholder="50" />
          </label>
          <label>
            {t("engage.plans.extraEarn")}, %
            <input name="extraEarnRate" inputMode="decimal" placeholder="0" />
          </label>
          <label>
            {t("engage.plans.refund")}
            <select name="refund">
              <option value="prorata">{t("engage.plans.refund.prorata")}</option>
              <option value="none">{t("engage.plans.refund.none")}</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" name="freeDelivery" /> {t("engage.plans.freeDelivery")}
          </label>
          <label className="check">
            <input type="checkbox" name="priorityService" /> {t("engage.plans.priority")}
          </label>
          <button type="submit" className="primary">
            {t("engage.plans.create")}
          </button>
        </form>
      )}
      <h3>{t("engage.sell.title")}</h3>
      <form className="form-grid" onSubmit={sell} aria-label={t("engage.sell.title")}>
        <label>
          {t("engage.sell.company")}
          <input name="companyId" required maxLength={200} />
        </label>
        <label>
          {t("engage.sell.plan")}
          <select name="planId" required>
            {plans
              .filter((p) => p.active)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t("engage.sell.buy")}
        </button>
      </form>
      <h3>{t("engage.memberships.title")}</h3>
      <div className="table-wrap">
        <table aria-label={t("engage.memberships.title")}>
          <thead>
            <tr>
              <th scope="col">{t("engage.memberships.company")}</th>
              <th scope="col">{t("engage.memberships.plan")}</th>
              <th scope="col">{t("engage.memberships.period")}</th>
              <th scope="col">{t("engage.memberships.status")}</th>
              <th scope="col" className="num">
                {t("engage.memberships.refund")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("keys.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t("engage.memberships.empty")}
                </td>
              </tr>
            )}
            {list?.map((m) => (
              <tr key={m.id}>
                <td>{m.companyId}</td>
                <td>{m.planName}</td>
                <td>
                  {m.startsOn} – {m.endsOn}
                </td>
                <td>{t(`engage.memberships.status.${m.status}`)}</td>
                <td className="num">{m.status === "cancelled" ? m.refund : ""}</td>
                <td className="actions">
                  {m.status === "active" && (
                    <>
                      <button type="button" onClick={() => act(m, "renew")}>
                        {t("engage.memberships.renew")}
                      </button>
                      <button type="button" onClick={() => act(m, "cancel")}>
                        {t("engage.memberships.cancel")}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Grants({ role, say, fail }: Part) {
  const { t } = useI18n();
  const [limits, setLimits] = useState<Schemas["DiscountLimit"][]>([]);
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [cost, setCost] = useState<Schemas["DiscountCost"] | null>(null);
  const [reload, setReload] = useState(0);
  const own = limits.find((l) => l.role === role);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change asks for the lists again through reload
  useEffect(() => {
    api.GET("/v1/discount-limits").then(({ data }) => data && setLimits(data.data));
    api
      .GET("/v1/discount-grants", { params: { query: { limit: 25 } } })
      .then(({ data }) => setGrants(data?.data ?? []));
    api.GET("/v1/reports/discount-cost").then(({ data }) => setCost(data ?? null));
  }, [reload]);

  const grant = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const from = field(f, "validFrom");
    const { data, error } = await api.POST("/v1/discount-grants", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: {
        companyId: field(f, "companyId"),
        discountRate: `${field(f, "discountRate") || "0"}%`,
        extraEarnRate: `${field(f, "extraEarnRate") || "0"}%`,
        reason: field(f, "reason"),
        validTo: field(f, "validTo"),
        ...(from ? { validFrom: from } : {}),
      },
    });
    if (!data) return fail(error);
    say(
      t("engage.grants.granted", {
        company: data.companyId,
        status: t(`engage.grants.status.${data.status}`),
      }),
    );
    setReload((r) => r + 1);
  };

  const revoke = async (g: Grant) => {
    const { data, error } = await api.POST("/v1/discount-grants/{id}/revoke", {
      params: { path: { id: g.id }, header: { "idempotency-key": idempotencyKey() } },
      body: {},
    });
    if (!data) return fail(error);
    setReload((r) => r + 1);
  };

  return (
    <>
      <h2>{t("engage.grants.title")}</h2>
      {own && (
        <p className="muted">
          {t("engage.grants.lead", { discount: own.maxDiscountRate, earn: own.maxEarnRate })}
        </p>
      )}
      {GRANTERS.includes(role) && (
        <form className="form-grid" onSubmit={grant} aria-label={t("engage.grants.grant")}>
          <label>
            {t("engage.grants.company")}
            <input name="companyId" required maxLength={200} />
          </label>
          <label>
            {t("engage.grants.discountRate")}, %
            <input name="discountRate" inputMode="decimal" />
          </label>
          <label>
            {t("engage.grants.extraEarnRate")}, %
            <input name="extraEarnRate" inputMode="decimal" />
          </label>
          <label>
            {t("engage.grants.reason")}
            <input name="reason" required maxLength={500} />
          </label>
          <label>
            {t("engage.grants.validFrom")}
            <input name="validFrom" type="date" />
          </label>
          <label>
            {t("engage.grants.validTo")}
            <input name="validTo" type="date" required />
          </label>
          <button type="submit" className="primary">
            {t("engage.grants.grant")}
          </button>
        </form>
      )}
      <div className="table-wrap">
        <table aria-label={t("engage.grants.title")}>
          <thead>
            <tr>
              <th scope="col">{t("engage.grants.company")}</th>
              <th scope="col" className="num">
                {t("engage.grants.discountRate")}
              </th>
              <th scope="col" className="num">
                {t("engage.grants.extraEarnRate")}
              </th>
              <th scope="col">{t("engage.grants.reason")}</th>
              <th scope="col">{t("engage.memberships.period")}</th>
              <th scope="col">{t("engage.grants.owner")}</th>
              <th scope="col">{t("engage.grants.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("keys.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants?.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  {t("engage.grants.empty")}
                </td>
              </tr>
            )}
            {grants?.map((g) => (
              <tr key={g.id}>
                <td>{g.companyId}</td>
                <td className="num">{g.discountRate}</td>
                <td className="num">{g.extraEarnRate}</td>
                <td>{g.reason}</td>
                <td>
                  {g.validFrom} – {g.validTo}
                </td>
                <td>
                  <code className="small">{g.ownerId}</code>
                </td>
                <td>{t(`engage.grants.status.${g.status}`)}</td>
                <td className="actions">
                  {(g.status === "active" || g.status === "pending_approval") && GRANTERS.includes(role) && (
                    <button type="button" onClick={() => revoke(g)}>
                      {t("engage.grants.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cost && cost.managers.length > 0 && (
        <>
          <h3>{t("engage.cost.title")}</h3>
          <div className="table-wrap">
            <table aria-label={t("engage.cost.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("engage.cost.owner")}</th>
                  <th scope="col" className="num">
                    {t("engage.cost.grants")}
                  </th>
                  <th scope="col" className="num">
                    {t("engage.cost.orders")}
                  </th>
                  <th scope="col" className="num">
                    {t("engage.cost.discount")}
                  </th>
                  <th scope="col" className="num">
                    {t("engage.cost.points")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cost.managers.map((m) => (
                  <tr key={m.ownerId}>
                    <td>
                      <code className="small">{m.ownerId}</code>
                    </td>
                    <td className="num">{m.grants}</td>
                    <td className="num">{m.orders}</td>
                    <td className="num">{m.discountGiven}</td>
                    <td className="num">{m.extraPointsGiven}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function Actions({ say, fail }: Omit<Part, "role">) {
  const { t } = useI18n();
  const [company, setCompany] = useState("");
  const [contacts, setContacts] = useState<{ id: string; name: string }[] | null>(null);
  const [recent, setRecent] = useState<ActionRecord[] | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a recording asks for the list again through reload
  useEffect(() => {
    api
      .GET("/v1/actions", { params: { query: { limit: 25 } } })
      .then(({ data }) => setRecent(data?.data ?? []));
  }, [reload]);

  const loadContacts = useCallback(async () => {
    if (!company) return;
    const { data, error } = await api.GET("/v1/companies/{id}/contacts", {
      params: { path: { id: company }, query: { limit: 100 } },
    });
    if (!data) return fail(error);
    setContacts(data.data.map((c) => ({ id: c.id, name: c.name })));
  }, [company, fail]);

  const record = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const action = field(f, "action") as (typeof ACTION_KINDS)[number];
    const subject = field(f, "subject");
    const date = field(f, "date");
    const chosen = (contacts ?? []).filter((c) => checked(f, `contact-${c.id}`)).map((c) => c.id);
    const base = `${company}/${action}/${subject || "-"}/${date || "today"}`;
    const one = (contactId: string | null) => ({
      externalId: contactId ? `${base}/${contactId}` : base,
      companyId: company,
      action,
      ...(contactId ? { contactId } : {}),
      ...(subject ? { subject } : {}),
      ...(date ? { date } : {}),
    });
    const actions = chosen.length > 0 ? chosen.map(one) : [one(null)];
    const { data, error } = await api.POST("/v1/actions/batch", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { actions },
    });
    if (!data) return fail(error);
    const points = data.data.reduce((s, x) => s + (x.replayed ? 0 : x.points), 0);
    say(t("engage.actions.recorded", { count: String(data.data.length), points: String(points) }));
    setReload((r) => r + 1);
  };

  return (
    <>
      <h2>{t("engage.actions.title")}</h2>
      <p className="muted">{t("engage.actions.lead")}</p>
      <form className="form-grid" onSubmit={record} aria-label={t("engage.actions.title")}>
        <label>
          {t("engage.actions.company")}
          <input
            name="companyId"
            required
            maxLength={200}
            value={company}
            onChange={(e) => {
              setCompany(e.target.value.trim());
              setContacts(null);
            }}
          />
        </label>
        <button type="button" onClick={loadContacts}>
          {t("engage.actions.load")}
        </button>
        <label>
          {t("engage.actions.kind")}
          <select name="action">
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`engage.actions.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("engage.actions.subject")}
          <input name="subject" maxLength={200} />
        </label>
        <label>
          {t("engage.actions.date")}
          <input name="date" type="date" />
        </label>
        {contacts && (
          <fieldset>
            <legend>{t("engage.actions.contacts")}</legend>
            {contacts.length === 0 && <p className="muted">{t("engage.actions.noContacts")}</p>}
            {contacts.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" name={`contact-${c.id}`} defaultChecked /> {c.name}
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary">
          {t("engage.actions.record")}
        </button>
      </form>
      <h3>{t("engage.actions.recent")}</h3>
      <div className="table-wrap">
        <table aria-label={t("engage.actions.recent")}>
          <thead>
            <tr>
              <th scope="col">{t("engage.actions.date")}</th>
              <th scope="col">{t("engage.actions.company")}</th>
              <th scope="col">{t("engage.actions.contact")}</th>
              <th scope="col">{t("engage.actions.kind")}</th>
              <th scope="col">{t("engage.actions.subject")}</th>
              <th scope="col" className="num">
                {t("engage.actions.points")}
              </th>
            </tr>
          </thead>
          <tbody>
            {recent?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t("engage.actions.empty")}
                </td>
              </tr>
            )}
            {recent?.map((a) => (
              <tr key={a.id}>
                <td>{a.date}</td>
                <td>{a.companyId}</td>
                <td>{a.contactId ?? ""}</td>
                <td>{t(`engage.actions.kind.${a.action}` as MessageKey)}</td>
                <td>{a.subject ?? ""}</td>
                <td className="num">{a.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
