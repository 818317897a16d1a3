// Coalition partners: the list with a form to register one, a partner's page with its API keys (made and shown
// once, revoked), and the monthly settlement (who issued and accepted how many points, who owes whom) with its
// CSV and the closing of a month in the ledger.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { idempotencyKey } from "../console/format.ts";
import { PARTNER_EDITORS, SETTLEMENT_CLOSERS } from "../console/roles.ts";
import { useEngageText } from "../i18n/engage.ts";
import { Link, usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorAlert, SuccessAlert } from "../ui/alerts.tsx";
import { useBusy } from "../ui/busy.ts";
import { Check, InputField } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

type Partner = Schemas["Partner"];
type Row = Schemas["SettlementRow"];
type Key = Schemas["PartnerKey"];
type HoldLine = Schemas["PartnerHoldLine"];

/** Holds one page of the partner's list shows. */
const HOLD_PAGE = 20;

/** `YYYY-MM` of a date `back` months before now. */
function monthBefore(back: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
}

export default function Partners() {
  const { t, number } = useEngageText();
  const { me } = useSession();
  const canEdit = me ? PARTNER_EDITORS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("partners.title"), heading);
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { busy, guard } = useBusy();
  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/partners");
    if (data) setPartners(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const create = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const email = String(form.get("email") ?? "").trim();
    setError(null);
    const { data, error: failed } = await api.POST("/v1/partners", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: {
        id: String(form.get("id") ?? "").trim(),
        name: String(form.get("name") ?? "").trim(),
        ...(email ? { email } : {}),
      },
    });
    if (data) {
      formEl.reset();
      await load();
    } else setError(errorMessage(failed));
  });

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("partners.title")}
        </h1>
        <p className="muted">{t("partners.lead")}</p>
        {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
      </div>
      <div className="split">
        <DataTable
          testId="partners"
          columns={[t("partners.id"), t("partners.name"), t("partners.inProgram"), t("partners.keys")]}
          rows={partners}
          empty={t("partners.none")}
          row={(p) => (
            <tr key={p.id}>
              <td>
                <Link href={`/partners/${encodeURIComponent(p.id)}`}>{p.id}</Link>
              </td>
              <td>{p.name}</td>
              <td>{p.inProgram ? "✓" : <span className="badge quiet">{t("partners.notInProgram")}</span>}</td>
              <td>{number(p.activeKeys)}</td>
            </tr>
          )}
        />
        {canEdit && (
          <aside className="side">
            <form className="card" onSubmit={create}>
              <InputField
                label={t("partners.id")}
                name="id"
                required
                maxLength={100}
                pattern="[A-Za-z0-9_\-]+"
              />
              <InputField label={t("partners.name")} name="name" required maxLength={200} />
              <InputField label={t("partners.email")} name="email" type="email" maxLength={320} />
              <button type="submit" className="primary" disabled={busy}>
                {t("partners.add")}
              </button>
            </form>
          </aside>
        )}
      </div>
      <Settlement />
    </section>
  );
}

function Settlement() {
  const { t, number } = useEngageText();
  const { me } = useSession();
  const canClose = me ? SETTLEMENT_CLOSERS.includes(me.role) : false;
  const [from, setFrom] = useState(monthBefore(3));
  const [to, setTo] = useState(monthBefore(0));
  const [closing, setClosing] = useState(monthBefore(1));
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const heading = useId();

  const { busy, guard } = useBusy();
  const load = useCallback(async () => {
    setError(null);
    const { data, error: e } = await api.GET("/v1/partners/settlement", { params: { query: { from, to } } });
    if (data) setRows(data.data);
    else setError(errorMessage(e));
  }, [from, to]);
  useEffect(() => {
    load();
  }, [load]);

  const close = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const { data, error: failed } = await api.POST("/v1/partners/settlement/close", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body: { month: closing },
    });
    if (data) {
      setDone(t("settlement.closedDone", { month: closing, n: data.data.length }));
      await load();
    } else setError(errorMessage(failed));
  });

  const csv = `/v1/partners/settlement/export?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{t("settlement.title")}</h2>
      <p className="muted small">{t("settlement.lead")}</p>
      {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <div className="filters">
        <InputField
          label={t("settlement.from")}
          type="month"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <InputField
          label={t("settlement.to")}
          type="month"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <div className="filter-actions">
          <a href={csv} download>
            {t("settlement.csv")}
          </a>
        </div>
      </div>
      <DataTable
        testId="settlement"
        columns={[
          t("settlement.month"),
          t("settlement.partner"),
          { label: t("settlement.issued"), num: true },
          { label: t("settlement.redeemed"), num: true },
          { label: t("settlement.amount"), num: true },
          t("settlement.status"),
        ]}
        rows={rows}
        empty={t("settlement.empty")}
        row={(r) => (
          <tr key={`${r.month}|${r.partnerId}`}>
            <td>{r.month}</td>
            <td>{r.partnerName ?? r.partnerId}</td>
            <td className="num">{number(r.pointsIssued)}</td>
            <td className="num">{number(r.pointsRedeemed)}</td>
            <td className="num">
              <strong>{r.amount}</strong>
            </td>
            <td>
              <span className="badge">{r.closedAt ? t("settlement.closed") : t("settlement.open")}</span>
            </td>
          </tr>
        )}
      />
      {canClose && (
        <form className="filters" onSubmit={close}>
          <InputField
            label={t("settlement.closeLabel")}
            type="month"
            value={closing}
            required
            onChange={(e) => setClosing(e.target.value)}
          />
          <div className="filter-actions">
            <button type="submit" disabled={busy}>
              {t("settlement.closeMonth")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** One partner: its details and its keys. */
export function PartnerPage({ id }: { id: string }) {
  const { t, day } = useEngageText();
  const { me } = useSession();
  const canEdit = me ? PARTNER_EDITORS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  const [partner, setPartner] = useState<(Partner & { keys: Key[] }) | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(partner?.name ?? t("partners.title"), heading);

  const { busy, guard } = useBusy();
  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/partners/{id}", { params: { path: { id } } });
    if (data) setPartner(data);
    else setError(errorMessage(e));
  }, [id]);
  useEffect(() => {
    load();
  }, [load]);

  const makeKey = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "").trim();
    setError(null);
    const { data, error: failed } = await api.POST("/v1/partners/{id}/keys", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: name ? { name } : {},
    });
    if (data) {
      setSecret(data.secret);
      formEl.reset();
      await load();
    } else setError(errorMessage(failed));
  });

  const revoke = guard(async (k: Key) => {
    setError(null);
    const { error: failed } = await api.POST("/v1/partners/{id}/keys/{keyId}/revoke", {
      params: { path: { id, keyId: k.id }, header: { "idempotency-key": idempotencyKey() } },
    });
    if (failed) setError(errorMessage(failed));
    await load();
  });

  return (
    <section className="page">
      <p>
        <Link href="/partners">← {t("partners.back")}</Link>
      </p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {partner?.name ?? id}
        </h1>
        {partner && (
          <p className="muted">
            {partner.id}
            {partner.email ? ` · ${partner.email}` : ""}
            {!partner.inProgram && <span className="badge quiet"> {t("partners.notInProgram")}</span>}
          </p>
        )}
        {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
        {secret && <SuccessAlert testId="partner-secret">{t("partners.secret", { secret })}</SuccessAlert>}
      </div>
      <section className="card">
        <h2>{t("partners.keysTitle")}</h2>
        <p className="muted small">{t("partners.keysLead")}</p>
        <DataTable
          testId="partner-keys"
          columns={[
            t("partners.keyName"),
            t("partners.prefix"),
            t("partners.created"),
            t("partners.revoked"),
            { label: t("partners.revoke"), hidden: true },
          ]}
          rows={partner?.keys}
          empty={t("partners.noKeys")}
          row={(k) => (
            <tr key={k.id}>
              <td>{k.name ?? "—"}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{day(k.createdAt)}</td>
              <td>{k.revokedAt ? day(k.revokedAt) : "—"}</td>
              <td>
                {canEdit && !k.revokedAt && (
                  <button type="button" disabled={busy} onClick={() => revoke(k)}>
                    {t("partners.revoke")}
                  </button>
                )}
              </td>
            </tr>
          )}
        />
        {canEdit && (
          <form className="filters" onSubmit={makeKey}>
            <InputField label={t("partners.keyName")} name="name" maxLength={200} />
            <div className="filter-actions">
              <button type="submit" className="primary" disabled={busy}>
                {t("partners.newKey")}
              </button>
            </div>
          </form>
        )}
      </section>
      <PartnerHolds id={id} />
    </section>
  );
}

/** The partner's holds, newest first, a page at a time, all of them or only the open ones. */
function PartnerHolds({ id }: { id: string }) {
  const { t, day } = useEngageText();
  const heading = useId();
  const [openOnly, setOpenOnly] = useState(false);
  const [holds, setHolds] = useState<HoldLine[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      const { data, error: e } = await api.GET("/v1/partners/{id}/redemptions", {
        params: {
          path: { id },
          query: {
            limit: HOLD_PAGE,
            ...(openOnly ? { status: "held" as const } : {}),
            ...(after ? { cursor: after } : {}),
          },
        },
      });
      if (!data) return setError(errorMessage(e));
      setHolds((before) => (after && before ? [...before, ...data.data] : data.data));
      setCursor(data.nextCursor);
    },
    [id, openOnly],
  );
  useEffect(() => {
    load(null);
  }, [load]);

  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{t("partners.holdsTitle")}</h2>
      <p className="muted small">{t("partners.holdsLead")}</p>
      <div className="check-field">
        <Check
          label={t("partners.holdsOpen")}
          checked={openOnly}
          onChange={(e) => setOpenOnly(e.currentTarget.checked)}
        />
      </div>
      {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
      <DataTable
        testId="partner-holds"
        label={t("partners.holdsTitle")}
        columns={[
          t("partners.holdStatus"),
          t("partners.holdMember"),
          t("partners.holdPoints"),
          t("partners.holdAmount"),
          t("partners.holdCreated"),
          t("partners.holdExpires"),
        ]}
        rows={holds}
        empty={t("partners.noHolds")}
        row={(h) => (
          <tr key={h.id}>
            <td>
              <span className={`status status-${h.status}`}>{t(`partners.hold.${h.status}`)}</span>
            </td>
            <td>
              <Link href={`/companies/${encodeURIComponent(h.memberId)}`}>{h.memberId}</Link>
            </td>
            <td className="num">{h.points}</td>
            <td className="num">{h.amount}</td>
            <td>{day(h.createdAt)}</td>
            <td>{h.status === "held" ? day(h.expiresAt) : "—"}</td>
          </tr>
        )}
      />
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          {t("partners.moreHolds")}
        </button>
      )}
    </section>
  );
}
