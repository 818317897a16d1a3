// The engagement page: membership plans with their economics, selling, renewing and cancelling memberships;
// individual discounts within the role's limit (above it they wait on the Approvals page) and their cost by
// manager; and recording a training's attendance (or another action) for several contacts at once.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { idempotencyKey } from "../console/format.ts";
import { GrantCells, grantColumns } from "../console/PendingGrants.tsx";
import "../console/console.css";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { useBusy } from "../ui/busy.ts";
import { Check, LabelledInput, LabelledSelect } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

type Plan = Schemas["MembershipPlan"];
type Membership = Schemas["Membership"];
type Grant = Schemas["DiscountGrant"];
type ActionRecord = Schemas["ActionRecord"];

const PLAN_WRITERS = ["owner", "admin", "program_manager"];
const REPORT_READERS = ["owner", "admin", "program_manager", "finance"];
const GRANTERS = ["owner", "admin", "program_manager", "sales_manager"];
const RECORDERS = ["owner", "admin", "program_manager", "sales_manager", "support"];
const ECONOMICS = [
  "memberships",
  "active",
  "feesIn",
  "refundsOut",
  "discounts",
  "extraPoints",
  "orders",
  "net",
] as const;
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
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
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
  const { busy, guard } = useBusy();

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

  const createPlan = guard(async (e: FormEvent<HTMLFormElement>) => {
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
  });

  const sell = guard(async (e: FormEvent<HTMLFormElement>) => {
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
  });

  const act = guard(async (m: Membership, verb: "renew" | "cancel") => {
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
  });

  return (
    <>
      <h2>{t("engage.plans.title")}</h2>
      <DataTable
        columns={[
          t("engage.plans.name"),
          { label: t("engage.plans.fee"), num: true },
          { label: t("engage.plans.period"), num: true },
          { label: t("engage.plans.discount"), num: true },
          { label: t("engage.plans.extraEarn"), num: true },
          t("engage.plans.benefits"),
          t("engage.plans.refund"),
        ]}
        rows={plans}
        empty={t("engage.plans.empty")}
        row={(p) => (
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
        )}
      />
      {economics && (
        <>
          <h3>{t("engage.economics.title")}</h3>
          <DataTable
            label={t("engage.economics.title")}
            columns={[
              t("engage.plans.name"),
              ...ECONOMICS.map((k) => ({ label: t(`engage.economics.${k}`), num: true })),
            ]}
            rows={economics.plans}
            row={(p) => (
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
            )}
          />
        </>
      )}
      {writer && (
        <form className="form-grid" onSubmit={createPlan} aria-label={t("engage.plans.create")}>
          <LabelledInput label={t("engage.plans.name")} name="name" required maxLength={200} />
          <LabelledInput label={t("engage.plans.fee")} name="fee" inputMode="decimal" placeholder="220" />
          <LabelledInput label={t("engage.plans.feePoints")} name="feePoints" inputMode="numeric" />
          <LabelledInput
            label={t("engage.plans.period")}
            name="periodDays"
            inputMode="numeric"
            required
            defaultValue="365"
          />
          <LabelledInput
            label={`${t("engage.plans.discount")}, %`}
            name="discountRate"
            inputMode="decimal"
            placeholder="50"
          />
          <LabelledInput
            label={`${t("engage.plans.extraEarn")}, %`}
            name="extraEarnRate"
            inputMode="decimal"
            placeholder="0"
          />
          <LabelledSelect label={t("engage.plans.refund")} name="refund">
            <option value="prorata">{t("engage.plans.refund.prorata")}</option>
            <option value="none">{t("engage.plans.refund.none")}</option>
          </LabelledSelect>
          <Check className="check" name="freeDelivery" label={t("engage.plans.freeDelivery")} />
          <Check className="check" name="priorityService" label={t("engage.plans.priority")} />
          <button type="submit" className="primary" disabled={busy}>
            {t("engage.plans.create")}
          </button>
        </form>
      )}
      <h3>{t("engage.sell.title")}</h3>
      <form className="form-grid" onSubmit={sell} aria-label={t("engage.sell.title")}>
        <LabelledInput label={t("engage.sell.company")} name="companyId" required maxLength={200} />
        <LabelledSelect label={t("engage.sell.plan")} name="planId" required>
          {plans
            .filter((p) => p.active)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </LabelledSelect>
        <button type="submit" className="primary" disabled={busy}>
          {t("engage.sell.buy")}
        </button>
      </form>
      <h3>{t("engage.memberships.title")}</h3>
      <DataTable
        label={t("engage.memberships.title")}
        columns={[
          t("engage.memberships.company"),
          t("engage.memberships.plan"),
          t("engage.memberships.period"),
          t("engage.memberships.status"),
          { label: t("engage.memberships.refund"), num: true },
          { label: t("keys.actions"), hidden: true },
        ]}
        rows={list}
        empty={t("engage.memberships.empty")}
        row={(m) => (
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
                  <button type="button" disabled={busy} onClick={() => act(m, "renew")}>
                    {t("engage.memberships.renew")}
                  </button>
                  <button type="button" disabled={busy} onClick={() => act(m, "cancel")}>
                    {t("engage.memberships.cancel")}
                  </button>
                </>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

function Grants({ role, say, fail }: Part) {
  const { t } = useI18n();
  const [limits, setLimits] = useState<Schemas["DiscountLimit"][]>([]);
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [cost, setCost] = useState<Schemas["DiscountCost"] | null>(null);
  const [reload, setReload] = useState(0);
  const { busy, guard } = useBusy();
  const own = limits.find((l) => l.role === role);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change asks for the lists again through reload
  useEffect(() => {
    api.GET("/v1/discount-limits").then(({ data }) => data && setLimits(data.data));
    api
      .GET("/v1/discount-grants", { params: { query: { limit: 25 } } })
      .then(({ data }) => setGrants(data?.data ?? []));
    api.GET("/v1/reports/discount-cost").then(({ data }) => setCost(data ?? null));
  }, [reload]);

  const grant = guard(async (e: FormEvent<HTMLFormElement>) => {
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
  });

  const revoke = guard(async (g: Grant) => {
    const { data, error } = await api.POST("/v1/discount-grants/{id}/revoke", {
      params: { path: { id: g.id }, header: { "idempotency-key": idempotencyKey() } },
      body: {},
    });
    if (!data) return fail(error);
    setReload((r) => r + 1);
  });

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
          <LabelledInput label={t("engage.grants.company")} name="companyId" required maxLength={200} />
          <LabelledInput
            label={`${t("engage.grants.discountRate")}, %`}
            name="discountRate"
            inputMode="decimal"
          />
          <LabelledInput
            label={`${t("engage.grants.extraEarnRate")}, %`}
            name="extraEarnRate"
            inputMode="decimal"
          />
          <LabelledInput label={t("engage.grants.reason")} name="reason" required maxLength={500} />
          <LabelledInput label={t("engage.grants.validFrom")} name="validFrom" type="date" />
          <LabelledInput label={t("engage.grants.validTo")} name="validTo" type="date" required />
          <button type="submit" className="primary" disabled={busy}>
            {t("engage.grants.grant")}
          </button>
        </form>
      )}
      <DataTable
        label={t("engage.grants.title")}
        columns={[...grantColumns(t), t("engage.grants.status"), { label: t("keys.actions"), hidden: true }]}
        rows={grants}
        empty={t("engage.grants.empty")}
        row={(g) => (
          <tr key={g.id}>
            <GrantCells grant={g} />
            <td>{t(`engage.grants.status.${g.status}`)}</td>
            <td className="actions">
              {(g.status === "active" || g.status === "pending_approval") && GRANTERS.includes(role) && (
                <button type="button" disabled={busy} onClick={() => revoke(g)}>
                  {t("engage.grants.revoke")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
      {cost && cost.managers.length > 0 && (
        <>
          <h3>{t("engage.cost.title")}</h3>
          <DataTable
            label={t("engage.cost.title")}
            columns={[
              t("engage.cost.owner"),
              { label: t("engage.cost.grants"), num: true },
              { label: t("engage.cost.orders"), num: true },
              { label: t("engage.cost.discount"), num: true },
              { label: t("engage.cost.points"), num: true },
            ]}
            rows={cost.managers}
            row={(m) => (
              <tr key={m.ownerId}>
                <td>
                  <code className="small">{m.ownerId}</code>
                </td>
                <td className="num">{m.grants}</td>
                <td className="num">{m.orders}</td>
                <td className="num">{m.discountGiven}</td>
                <td className="num">{m.extraPointsGiven}</td>
              </tr>
            )}
          />
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
  const { busy, guard } = useBusy();

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

  const record = guard(async (e: FormEvent<HTMLFormElement>) => {
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
  });

  return (
    <>
      <h2>{t("engage.actions.title")}</h2>
      <p className="muted">{t("engage.actions.lead")}</p>
      <form className="form-grid" onSubmit={record} aria-label={t("engage.actions.title")}>
        <LabelledInput
          label={t("engage.actions.company")}
          name="companyId"
          required
          maxLength={200}
          value={company}
          onChange={(e) => {
            setCompany(e.target.value.trim());
            setContacts(null);
          }}
        />
        <button type="button" onClick={loadContacts}>
          {t("engage.actions.load")}
        </button>
        <LabelledSelect label={t("engage.actions.kind")} name="action">
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`engage.actions.kind.${k}`)}
            </option>
          ))}
        </LabelledSelect>
        <LabelledInput label={t("engage.actions.subject")} name="subject" maxLength={200} />
        <LabelledInput label={t("engage.actions.date")} name="date" type="date" />
        {contacts && (
          <fieldset>
            <legend>{t("engage.actions.contacts")}</legend>
            {contacts.length === 0 && <p className="muted">{t("engage.actions.noContacts")}</p>}
            {contacts.map((c) => (
              <Check key={c.id} className="check" name={`contact-${c.id}`} defaultChecked label={c.name} />
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t("engage.actions.record")}
        </button>
      </form>
      <h3>{t("engage.actions.recent")}</h3>
      <DataTable
        label={t("engage.actions.recent")}
        columns={[
          t("engage.actions.date"),
          t("engage.actions.company"),
          t("engage.actions.contact"),
          t("engage.actions.kind"),
          t("engage.actions.subject"),
          { label: t("engage.actions.points"), num: true },
        ]}
        rows={recent}
        empty={t("engage.actions.empty")}
        row={(a) => (
          <tr key={a.id}>
            <td>{a.date}</td>
            <td>{a.companyId}</td>
            <td>{a.contactId ?? ""}</td>
            <td>{t(`engage.actions.kind.${a.action}` as MessageKey)}</td>
            <td>{a.subject ?? ""}</td>
            <td className="num">{a.points}</td>
          </tr>
        )}
      />
    </>
  );
}
