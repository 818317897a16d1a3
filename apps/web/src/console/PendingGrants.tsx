// Individual discounts above their owner's limit, waiting on the Approvals page for another person to approve
// or reject them.
import type { Schemas } from "@patron/sdk";
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { idempotencyKey } from "./format.ts";

type Grant = Schemas["DiscountGrant"];

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
      {error && (
        <p className="alert error" role="alert">
          {t("error.generic", { message: error })}
        </p>
      )}
      <div className="table-wrap">
        <table aria-label={t("engage.grants.pending")}>
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
              <th scope="col">
                <span className="visually-hidden">{t("keys.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grants?.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t("engage.grants.pendingEmpty")}
                </td>
              </tr>
            )}
            {grants?.map((g) => (
              <tr key={g.id}>
                <td>{g.companyId}</td>
                <td className="num">
                  <strong>{g.discountRate}</strong>
                </td>
                <td className="num">{g.extraEarnRate}</td>
                <td>{g.reason}</td>
                <td>
                  {g.validFrom} – {g.validTo}
                </td>
                <td>
                  <code className="small">{g.ownerId}</code>
                </td>
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
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
