// The approval queue: adjustments above the threshold, waiting for a second person; approvers post or reject
// them, with an optional comment kept in the audit log. Below it, anyone who may request an adjustment requests
// one for a company by its id (`?member=C-100` fills it in): finance adjusts points without a company page.
import type { Schemas } from "@patron/sdk";
import { useEffect, useId, useRef, useState } from "react";
import { ACCESS_MANAGERS, api, errorMessage } from "../api.ts";
import { AdjustForm } from "../console/AdjustForm.tsx";
import { idempotencyKey, signedPoints } from "../console/format.ts";
import { PendingGrants } from "../console/PendingGrants.tsx";
import { Pager, useCursors } from "../console/paging.tsx";
import { ADJUSTMENT_APPROVERS, ADJUSTMENT_REQUESTERS, COMPANY_READERS } from "../console/roles.ts";
import "../console/console.css";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { ErrorAlert } from "../ui/alerts.tsx";
import { DataTable } from "../ui/table.tsx";

const PAGE_SIZE = 25;

type Adjustment = Schemas["Adjustment"];

export default function Approvals() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("approvals.title"), heading);
  const cursors = useCursors();
  const [page, setPage] = useState<Schemas["AdjustmentPage"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // Who requested: the server gives a user's or an API key's id; owners and admins may read their names.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const commentId = useId();
  const approver = ADJUSTMENT_APPROVERS.includes(me.role);
  const linked = COMPANY_READERS.includes(me.role);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a decision asks for the queue again through reload
  useEffect(() => {
    let live = true;
    const query = {
      status: "pending_approval" as const,
      limit: PAGE_SIZE,
      ...(cursors.cursor ? { cursor: cursors.cursor } : {}),
    };
    api.GET("/v1/adjustments", { params: { query } }).then(({ data, error: failed }) => {
      if (!live) return;
      if (data) setPage(data);
      else setError(errorMessage(failed));
    });
    return () => {
      live = false;
    };
  }, [cursors.cursor, reload]);

  useEffect(() => {
    if (!ACCESS_MANAGERS.includes(me.role)) return;
    let live = true;
    const query = { params: { query: { limit: 200 } } };
    Promise.all([api.GET("/v1/users", query), api.GET("/v1/api-keys", query)]).then(([users, keys]) => {
      if (!live) return;
      const people = (users.data?.data ?? []).map((u): [string, string] => [u.id, u.name]);
      const systems = (keys.data?.data ?? []).flatMap((k): [string, string][] =>
        k.name ? [[k.id, k.name]] : [],
      );
      setNames(new Map([...people, ...systems]));
    });
    return () => {
      live = false;
    };
  }, [me.role]);

  /** The server refuses a decision by the one who asked for it, so their own requests offer none. */
  const mine = (a: Adjustment) => me.user !== null && a.requestedBy === me.user.id;
  const requester = (a: Adjustment) => (mine(a) ? t("approvals.you") : names.get(a.requestedBy));

  const decide = async (a: Adjustment, decision: "approve" | "reject") => {
    const input = document.getElementById(`${commentId}-${a.id}`);
    const comment = input instanceof HTMLInputElement ? input.value.trim() : "";
    setBusy(a.id);
    setError(null);
    setNotice(null);
    const options = {
      params: { path: { id: a.id }, header: { "idempotency-key": idempotencyKey() } },
      body: comment ? { comment } : {},
    };
    const { data, error: failed } =
      decision === "approve"
        ? await api.POST("/v1/adjustments/{id}/approve", options)
        : await api.POST("/v1/adjustments/{id}/reject", options);
    setBusy(null);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(
      decision === "approve"
        ? t("approvals.approved", { points: signedPoints(i18n, a.points), member: a.memberId })
        : t("approvals.rejected", { member: a.memberId }),
    );
    setReload((r) => r + 1);
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("approvals.title")}
        </h1>
        <p className="muted">{t("approvals.lead")}</p>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && <ErrorAlert>{t("error.generic", { message: error })}</ErrorAlert>}
      <DataTable
        columns={[
          t("approvals.member"),
          { label: t("approvals.points"), num: true },
          t("approvals.reason"),
          t("approvals.requested"),
          ...(approver ? [{ label: t("keys.actions"), hidden: true }] : []),
        ]}
        rows={page?.data}
        label={t("approvals.title")}
        loading={error ? undefined : t("loading")}
        empty={t("approvals.empty")}
        row={(a) => (
          <tr key={a.id}>
            <td data-label={t("approvals.member")}>
              {linked ? (
                <Link href={`/companies/${encodeURIComponent(a.memberId)}`}>{a.memberId}</Link>
              ) : (
                a.memberId
              )}
            </td>
            <td data-label={t("approvals.points")} className={`num ${a.points < 0 ? "neg" : "pos"}`}>
              <strong>{signedPoints(i18n, a.points)}</strong>
            </td>
            <td data-label={t("approvals.reason")}>
              <span className="stack">
                {a.reason}
                {a.comment && <span className="muted small">{a.comment}</span>}
              </span>
            </td>
            <td data-label={t("approvals.requested")}>
              <span className="stack">
                {i18n.dateTime(a.requestedAt)}
                {requester(a) ? (
                  <span className="muted small">{requester(a)}</span>
                ) : (
                  <code className="muted small">{a.requestedBy}</code>
                )}
              </span>
            </td>
            {approver && mine(a) && (
              <td className="actions decide">
                <span className="muted small">{t("approvals.own")}</span>
              </td>
            )}
            {approver && !mine(a) && (
              <td className="actions decide">
                <label className="visually-hidden" htmlFor={`${commentId}-${a.id}`}>
                  {`${t("audit.comment")}: ${a.memberId}`}
                </label>
                <input
                  id={`${commentId}-${a.id}`}
                  className="comment-input"
                  placeholder={t("audit.comment")}
                  maxLength={500}
                />
                <button
                  type="button"
                  className="primary"
                  disabled={busy === a.id}
                  aria-label={`${t("approvals.approve")}: ${a.memberId} ${signedPoints(i18n, a.points)}`}
                  onClick={() => decide(a, "approve")}
                >
                  {t("approvals.approve")}
                </button>
                <button
                  type="button"
                  disabled={busy === a.id}
                  aria-label={`${t("approvals.reject")}: ${a.memberId} ${signedPoints(i18n, a.points)}`}
                  onClick={() => decide(a, "reject")}
                >
                  {t("approvals.reject")}
                </button>
              </td>
            )}
          </tr>
        )}
      />
      {page && <Pager cursors={cursors} nextCursor={page.nextCursor} label={t("approvals.title")} />}
      {ADJUSTMENT_REQUESTERS.includes(me.role) && (
        <AdjustForm
          initialMemberId={new URLSearchParams(window.location.search).get("member") ?? ""}
          onDone={() => setReload((r) => r + 1)}
        />
      )}
      {approver && <PendingGrants />}
    </section>
  );
}
