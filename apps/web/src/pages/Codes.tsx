// Promo code batches: the list with each batch's validity, limits and use, a form to make one (one shared code
// or N unique codes), and per batch: turn off or on, export its codes as CSV, import more codes.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import "../console/console.css";
import { idempotencyKey } from "../console/format.ts";
import { CODE_EDITORS } from "../console/roles.ts";
import { useEngageText } from "../i18n/engage.ts";
import { usePageTitle } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorAlert, SuccessAlert } from "../ui/alerts.tsx";
import { useBusy } from "../ui/busy.ts";
import { Check, Field, InputField } from "../ui/field.tsx";
import { DataTable } from "../ui/table.tsx";

type Batch = Schemas["CodeBatch"];
type BatchRequest = Schemas["CodeBatchRequest"];

const numberOrNull = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "").trim();
  return s === "" ? null : Number(s);
};
const textOrNull = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "").trim();
  return s === "" ? null : s;
};

export default function Codes() {
  const { t, number } = useEngageText();
  const { me } = useSession();
  const canEdit = me ? CODE_EDITORS.includes(me.role) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("codes.title"), heading);
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [kind, setKind] = useState<"shared" | "unique">("shared");
  const [importing, setImporting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, guard } = useBusy();

  const load = useCallback(async () => {
    const { data, error: e } = await api.GET("/v1/code-batches", { params: { query: { limit: 200 } } });
    if (data) setBatches(data.data);
    else setError(errorMessage(e));
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const create = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const prefix = textOrNull(form.get("prefix"));
    const body: BatchRequest = {
      name: String(form.get("name") ?? "").trim(),
      kind,
      discountId: String(form.get("discountId") ?? "").trim(),
      length: 10,
      firstOrderOnly: form.get("firstOrderOnly") === "on",
      validFrom: textOrNull(form.get("validFrom")),
      validTo: textOrNull(form.get("validTo")),
      maxUsesPerCode: numberOrNull(form.get("maxUsesPerCode")),
      maxUsesPerCompany: numberOrNull(form.get("maxUsesPerCompany")),
      minOrder: textOrNull(form.get("minOrder")),
      ...(kind === "shared"
        ? { code: String(form.get("code") ?? "").trim() }
        : { count: Number(form.get("count") ?? 0) }),
      ...(prefix ? { prefix } : {}),
    };
    setError(null);
    setDone(null);
    const { data, error: failed } = await api.POST("/v1/code-batches", {
      params: { header: { "idempotency-key": idempotencyKey() } },
      body,
    });
    if (data) {
      formEl.reset();
      await load();
    } else setError(errorMessage(failed));
  });

  const toggle = guard(async (b: Batch) => {
    setError(null);
    const { error: failed } = await api.PATCH("/v1/code-batches/{id}", {
      params: { path: { id: b.id }, header: { "idempotency-key": idempotencyKey() } },
      body: { status: b.status === "active" ? "disabled" : "active" },
    });
    if (failed) setError(errorMessage(failed));
    await load();
  });

  const importCodes = guard(async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!importing) return;
    const formEl = e.currentTarget;
    const csv = String(new FormData(formEl).get("csv") ?? "");
    setError(null);
    setDone(null);
    const { data, error: failed } = await api.POST("/v1/code-batches/{id}/import", {
      params: { path: { id: importing }, header: { "idempotency-key": idempotencyKey() } },
      body: { csv },
    });
    if (data) {
      setDone(t("codes.imported", { n: data.imported }));
      formEl.reset();
      setImporting(null);
      await load();
    } else setError(errorMessage(failed));
  });

  const limit = (n: number | null) => (n === null ? t("codes.unlimited") : number(n));
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("codes.title")}
        </h1>
        <p className="muted">{t("codes.lead")}</p>
        {error && <ErrorAlert>{t("common.error", { message: error })}</ErrorAlert>}
        {done && <SuccessAlert>{done}</SuccessAlert>}
      </div>
      <div>
        <DataTable
          testId="code-batches"
          columns={[
            t("codes.name"),
            t("codes.discount"),
            t("codes.dates"),
            t("codes.maxPerCode"),
            t("codes.minOrder"),
            { label: t("codes.codes"), num: true },
            { label: t("codes.uses"), num: true },
            t("codes.status"),
            { label: t("codes.export"), hidden: true },
          ]}
          rows={batches}
          empty={t("codes.none")}
          row={(b) => (
            <tr key={b.id}>
              <td>
                <strong>{b.name}</strong>
                <br />
                <span className="muted small">
                  {b.kind === "shared" ? t("codes.shared") : t("codes.unique")}
                  {b.firstOrderOnly ? ` · ${t("codes.firstOrderOnly")}` : ""}
                </span>
              </td>
              <td>
                {b.discountId}
                {b.discount && (
                  <span className="muted small">
                    {" "}
                    {b.discount.rate} · {b.discount.combinable ? t("codes.combinable") : t("codes.exclusive")}
                  </span>
                )}
              </td>
              <td>
                {b.validFrom ?? "…"} – {b.validTo ?? "…"}
              </td>
              <td>
                {limit(b.maxUsesPerCode)}
                {b.maxUsesPerCompany !== null && (
                  <span className="muted small">
                    {" "}
                    · {t("codes.maxPerCompany")}: {number(b.maxUsesPerCompany)}
                  </span>
                )}
              </td>
              <td>{b.minOrder ?? "—"}</td>
              <td className="num">{number(b.codes)}</td>
              <td className="num">
                {number(b.uses)}
                <span className="muted small"> / {number(b.companies)}</span>
              </td>
              <td>
                <span className="badge">
                  {b.status === "active" ? t("codes.active") : t("codes.disabled")}
                </span>
              </td>
              <td className="actions">
                <a href={`/v1/code-batches/${encodeURIComponent(b.id)}/export`} download>
                  {t("codes.export")}
                </a>
                {canEdit && (
                  <>
                    <button type="button" disabled={busy} onClick={() => toggle(b)}>
                      {b.status === "active" ? t("codes.disable") : t("codes.enable")}
                    </button>
                    {b.kind === "unique" && (
                      <button type="button" onClick={() => setImporting(b.id)}>
                        {t("codes.import")}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          )}
        >
          {importing && (
            <form className="card" onSubmit={importCodes}>
              <Field label={t("codes.import")} hint={t("codes.importLead")}>
                {(id) => <textarea id={id} name="csv" rows={6} required />}
              </Field>
              <button type="submit" className="primary" disabled={busy}>
                {t("codes.import")}
              </button>
            </form>
          )}
        </DataTable>
        {canEdit && (
          <aside>
            <form className="card filters" onSubmit={create}>
              <InputField label={t("codes.name")} name="name" required maxLength={200} />
              <Field label={t("codes.kind")}>
                {(id) => (
                  <select
                    id={id}
                    value={kind}
                    onChange={(e) => setKind(e.target.value === "unique" ? "unique" : "shared")}
                  >
                    <option value="shared">{t("codes.shared")}</option>
                    <option value="unique">{t("codes.unique")}</option>
                  </select>
                )}
              </Field>
              <InputField label={t("codes.discount")} name="discountId" required maxLength={100} />
              {kind === "shared" ? (
                <InputField label={t("codes.code")} name="code" required minLength={4} maxLength={64} />
              ) : (
                <>
                  <InputField
                    label={t("codes.count")}
                    name="count"
                    type="number"
                    min={1}
                    max={10000}
                    defaultValue={100}
                  />
                  <InputField
                    label={t("codes.prefix")}
                    name="prefix"
                    maxLength={11}
                    pattern="[A-Za-z0-9]{1,10}-?"
                  />
                </>
              )}
              <InputField label={t("codes.validFrom")} name="validFrom" type="date" />
              <InputField label={t("codes.validTo")} name="validTo" type="date" />
              <InputField label={t("codes.maxPerCode")} name="maxUsesPerCode" type="number" min={1} />
              <InputField label={t("codes.maxPerCompany")} name="maxUsesPerCompany" type="number" min={1} />
              <InputField
                label={t("codes.minOrder")}
                name="minOrder"
                inputMode="decimal"
                pattern="\d+(\.\d+)?"
              />
              <div className="field check-field">
                <Check name="firstOrderOnly" label={t("codes.firstOrderOnly")} />
              </div>
              <div className="filter-actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t("codes.create")}
                </button>
              </div>
            </form>
          </aside>
        )}
      </div>
    </section>
  );
}
