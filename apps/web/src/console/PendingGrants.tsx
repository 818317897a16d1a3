// Individual discounts above their owner's limit, waiting on the Approvals page for another person to approve
// or reject them.
import type { Schemas } from "@patron/sdk";
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { type I18n, useI18n } from "../i18n.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { type ColumnSpec, DataTable } from "../ui/table.tsx";
import { idempotencyKey } from "./format.ts";

type Grant = Schemas["DiscountGrant"];

/** The heads of a grant's own columns, as the grants lists show them. */
export const grantColumns = (t: I18n["t"]): ColumnSpec[] => [
  t("engage.grants.company"),
  { label: t("engage.grants.discountRate"), num: true },
  { label: t("engage.grants.extraEarnRate"), num: true },
  t("engage.grants.reason"),
  t("engage.memberships.period"),
  t("engage.grants.owner"),
];

/** A grant's own cells under `grantColumns`; `strongRate` stresses the discount, the figure a decision is on. */
export function GrantCells({ grant: g, strongRate = false }: { grant: Grant; strongRate?: boolean }) {
  return (
    <>
      <td>{g.companyId}</td>
      <td className="num">{strongRate ? <strong>{g.discountRate}</strong> : g.discountRate}</td>
      <td className="num">{g.extraEarnRate}</td>
      <td>{g.reason}</td>
      <td>
        {g.validFrom} – {g.validTo}
      </td>
      <td>{g.ownerName ?? <code className="small">{g.ownerId}</code>}</td>
    </>
  );
}

export function PendingGrants() {
  const { t } = useI18n();
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a decision asks for the queue again through reload
  useEffect(() => {
    api
      .GET("/v1/discount-grants", { params: { query: { status: "pending_approval", limit: 50 } } })
      .then(({ data, error: failed }) => (data ? setGrants(data.data) : setError(errorMessage(failed))));
  }, [reload]);

  const decide = async (g: Grant, verdict: "approve" | "reject") => {
    setError(null);
    setNotice(null);
    const options = {
      params: { path: { id: g.id }, header: { "idempotency-key": idempotencyKey() } },
      body: {},
    };
    const { data, error: failed } =
      verdict === "approve"
        ? await api.POST("/v1/discount-grants/{id}/approve", options)
        : await api.POST("/v1/discount-grants/{id}/reject", options);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(
      t(verdict === "approve" ? "engage.grants.approved" : "engage.grants.rejected", {
        company: g.companyId,
      }),
    );
    setReload((r) => r + 1);
  };

  return (
    <>
      <h2>{t("engage.grants.pending")}</h2>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <DataTable
        label={t("engage.grants.pending")}
        columns={[...grantColumns(t), { label: t("keys.actions"), hidden: true }]}
        rows={grants}
        empty={t("engage.grants.pendingEmpty")}
        row={(g) => (
          <tr key={g.id}>
            <GrantCells grant={g} strongRate />
            <td className="actions decide">
              <button
                type="button"
                className="primary"
                aria-label={`${t("approvals.approve")}: ${g.companyId} ${g.discountRate}`}
                onClick={() => decide(g, "approve")}
              >
                {t("approvals.approve")}
              </button>
              <button
                type="button"
                aria-label={`${t("approvals.reject")}: ${g.companyId} ${g.discountRate}`}
                onClick={() => decide(g, "reject")}
              >
                {t("approvals.reject")}
              </button>
            </td>
          </tr>
        )}
      />
    </>
  );
}
