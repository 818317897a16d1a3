// A manual adjustment of a company's points with a reason: on the company's page for that company, and in the
// approvals queue for any company by its id (for finance, who may adjust points but not open companies).
import { type FormEvent, useId, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { idempotencyKey, isoToday, signedPoints } from "./format.ts";

export function AdjustForm({
  memberId,
  initialMemberId = "",
  onDone,
}: {
  /** The company adjusted; without it, the form asks for the company's id. */
  memberId?: string;
  initialMemberId?: string;
  onDone(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = {
    title: useId(),
    member: useId(),
    memberHint: useId(),
    points: useId(),
    reason: useId(),
    hint: useId(),
    expires: useId(),
    expiresHint: useId(),
    comment: useId(),
  };
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the company named in the form has now, so that a debit is weighed against it before it is sent.
  const [balance, setBalance] = useState<{ id: string; text: string; ok: boolean } | null>(null);

  const lookUp = async (id: string) => {
    if (id === "" || balance?.id === id) return;
    const { data, error: failed } = await api.GET("/v1/members/{id}/wallet", {
      params: { path: { id }, query: { expiringDates: 0 } },
    });
    setBalance(
      data
        ? { id, ok: true, text: t("adjust.balance", { points: i18n.number(data.available) }) }
        : { id, ok: false, text: errorMessage(failed) },
    );
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const field = (k: string) => String(form.get(k) ?? "").trim();
    const id = memberId ?? field("memberId");
    const points = Number(form.get("points"));
    const reason = field("reason");
    const comment = field("comment");
    const expiresOn = field("expiresOn");
    setBusy(true);
    setError(null);
    setNotice(null);
    const { data, error: failed } = await api.POST("/v1/members/{id}/adjustments", {
      params: { path: { id }, header: { "idempotency-key": idempotencyKey() } },
      body: {
        points,
        reason,
        ...(comment ? { comment } : {}),
        ...(expiresOn && points > 0 ? { expiresOn } : {}),
      },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    setBalance(null);
    const n = signedPoints(i18n, data.points);
    const posted = data.status === "posted";
    setNotice(
      memberId === undefined
        ? t(posted ? "adjust.postedFor" : "adjust.waitingFor", { points: n, member: data.memberId })
        : t(posted ? "adjust.posted" : "adjust.waiting", { points: n }),
    );
    onDone();
  };

  return (
    <section className="block" aria-labelledby={ids.title}>
      <form className="card adjust" onSubmit={submit} data-testid="adjust-form">
        <h2 id={ids.title}>{t("adjust.title")}</h2>
        <p className="muted">{t("adjust.lead")}</p>
        <div className="row">
          {memberId === undefined && (
            <div className="field medium">
              <label htmlFor={ids.member}>{t("adjust.member")}</label>
              <input
                id={ids.member}
                name="memberId"
                required
                maxLength={200}
                spellCheck={false}
                autoComplete="off"
                defaultValue={initialMemberId}
                aria-describedby={ids.memberHint}
                onBlur={(e) => void lookUp(e.currentTarget.value.trim())}
              />
              <small
                id={ids.memberHint}
                className={balance && !balance.ok ? "field-error" : "muted"}
                data-testid="adjust-balance"
              >
                {balance?.text ?? t("adjust.memberHint")}
              </small>
            </div>
          )}
          <div className="field narrow">
            <label htmlFor={ids.points}>{t("adjust.points")}</label>
            <input id={ids.points} name="points" type="number" step={1} required inputMode="numeric" />
          </div>
          <div className="field grow">
            <label htmlFor={ids.reason}>{t("adjust.reason")}</label>
            <input id={ids.reason} name="reason" required maxLength={500} aria-describedby={ids.hint} />
            <small id={ids.hint} className="muted">
              {t("adjust.reasonHint")}
            </small>
          </div>
        </div>
        <div className="row">
          <div className="field medium">
            <label htmlFor={ids.expires}>{t("adjust.expiresOn")}</label>
            <input
              id={ids.expires}
              name="expiresOn"
              type="date"
              min={isoToday()}
              aria-describedby={ids.expiresHint}
            />
            <small id={ids.expiresHint} className="muted">
              {t("adjust.expiresHint")}
            </small>
          </div>
          <div className="field grow">
            <label htmlFor={ids.comment}>{t("adjust.comment")}</label>
            <input id={ids.comment} name="comment" maxLength={500} />
          </div>
        </div>
        <div role="status" aria-live="polite">
          {notice && <p className="alert success">{notice}</p>}
        </div>
        {error && (
          <p className="alert error" role="alert">
            {t("error.generic", { message: error })}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t("adjust.submit")}
        </button>
      </form>
    </section>
  );
}
