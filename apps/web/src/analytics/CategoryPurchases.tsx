// On a company's page: what the client bought of each category from every supplier (entered here by a sales
// manager, or imported on the reports page) and our share of it (docs/metrics.md#share-of-wallet).
import type { Schemas } from "@patron/sdk";
import { type FormEvent, useEffect, useId, useState } from "react";
import { api, errorMessage, type Role } from "../api.ts";
import { day, decimal, idempotencyKey } from "../console/format.ts";
import { useI18n } from "../i18n.tsx";
import { Defined } from "./Reports.tsx";

type Purchase = Schemas["CategoryPurchase"];

const READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance", "sales_manager"];
const WRITERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager"];

export function CategoryPurchases({ id, role }: { id: string; role: Role }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const [rows, setRows] = useState<Purchase[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const readable = READERS.includes(role);

  useEffect(() => {
    if (!readable) return;
    let live = true;
    api.GET("/v1/companies/{id}/category-purchases", { params: { path: { id } } }).then((r) => {
      if (!live) return;
      if (r.data) setRows(r.data.data);
      else setError(errorMessage(r.error));
    });
    return () => {
      live = false;
    };
  }, [id, readable]);

  if (!readable) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    setError(null);
    setNotice(null);
    const r = await api.PUT("/v1/companies/{id}/category-purchases", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: { category: text("category"), from: text("from"), to: text("to"), total: text("total") },
    });
    if (!r.data) {
      setError(errorMessage(r.error));
      return;
    }
    setRows(r.data.data);
    setNotice(t("purchases.saved"));
    form.reset();
  };
  const pct = (x: number | null) =>
    x === null
      ? "—"
      : new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 1 }).format(x);
  return (
    <section className="block" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <Defined anchor="docs/metrics.md#share-of-wallet">{t("purchases.title")}</Defined>
      </h2>
      <p className="muted">{t("purchases.lead")}</p>
      {rows?.length === 0 && <p className="muted">{t("purchases.empty")}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="category-purchases">
            <thead>
              <tr>
                <th scope="col">{t("reports.category")}</th>
                <th scope="col">{t("reports.from")}</th>
                <th scope="col">{t("reports.to")}</th>
                <th scope="col">{t("reports.clientTotal")}</th>
                <th scope="col">{t("reports.ours")}</th>
                <th scope="col">{t("reports.shareValue")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.category}-${r.from}`}>
                  <th scope="row">{r.category}</th>
                  <td>{day(i18n, r.from)}</td>
                  <td>{day(i18n, r.to)}</td>
                  <td>{decimal(i18n, r.total)}</td>
                  <td>{decimal(i18n, r.ours)}</td>
                  <td data-cell="share">{pct(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {WRITERS.includes(role) && (
        <form className="card filters" onSubmit={submit} aria-label={t("purchases.add")}>
          <label className="field">
            {t("reports.category")} <input name="category" required maxLength={200} />
          </label>
          <label className="field">
            {t("reports.from")} <input name="from" type="date" required />
          </label>
          <label className="field">
            {t("reports.to")} <input name="to" type="date" required />
          </label>
          <label className="field">
            {t("reports.clientTotal")}{" "}
            <input name="total" required inputMode="decimal" pattern="\d+(\.\d{1,4})?" />
          </label>
          <button type="submit" className="primary">
            {t("purchases.add")}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
