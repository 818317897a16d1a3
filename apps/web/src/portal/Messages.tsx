// The portal's inbox: the contact's messages (newest first, unread marked), marking them read, and the surveys
// waiting for an answer, answered here with a score from 0 to 10 and a comment.

import type { Schemas } from "@patron/sdk";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { useCommsText } from "../i18n/comms.ts";

type Message = Schemas["Notification"];
/** The NPS scale, 0 to 10. */
const SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
type Survey = Schemas["SurveyRequest"];

export function PortalMessages({ onUnread }: { onUnread: (n: number) => void }) {
  const { t, dateTime } = useCommsText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [surveys, setSurveys] = useState<Survey[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [m, s] = await Promise.all([api.GET("/v1/portal/messages"), api.GET("/v1/portal/surveys")]);
    if (m.data) {
      setMessages(m.data.data);
      setUnread(m.data.unread);
      onUnread(m.data.unread);
    } else setError(errorMessage(m.error));
    if (s.data) setSurveys(s.data.data);
  }, [onUnread]);

  useEffect(() => {
    document.title = `${t("inbox.title")} · Patron`;
    heading.current?.focus();
  }, [t]);
  useEffect(() => {
    load();
  }, [load]);

  const read = async (id: string) => {
    const { error: e } = await api.POST("/v1/portal/messages/{id}/read", { params: { path: { id } } });
    if (e) setError(errorMessage(e));
    await load();
  };
  const readAll = async () => {
    const { error: e } = await api.POST("/v1/portal/messages/read-all");
    if (e) setError(errorMessage(e));
    await load();
  };

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title" ref={heading} tabIndex={-1}>
        {t("inbox.title")}
      </h1>
      {error && <p role="alert">{t("common.error", { message: error })}</p>}
      {surveys.length > 0 && (
        <section className="card" aria-labelledby="surveys-title">
          <h2 id="surveys-title">{t("surveys.title")}</h2>
          {surveys.map((s) => (
            <SurveyForm key={s.id} survey={s} onAnswered={load} />
          ))}
        </section>
      )}
      <div className="inbox-tools">
        <p role="status">{t("inbox.unread", { n: unread })}</p>
        {unread > 0 && (
          <button type="button" onClick={readAll}>
            {t("inbox.markAll")}
          </button>
        )}
      </div>
      {messages === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : messages.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <ul className="inbox">
          {messages.map((m) => (
            <li key={m.id} className={m.readAt === null ? "message unread" : "message"}>
              <details
                onToggle={(e) => {
                  if ((e.currentTarget as HTMLDetailsElement).open && m.readAt === null) read(m.id);
                }}
              >
                <summary>
                  {m.readAt === null && <span className="badge">{t("inbox.new")}</span>}
                  <strong>{m.subject}</strong> <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time>
                </summary>
                <p className="message-text">{m.text}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One survey: a 0-10 scale and an optional comment. Also used by the page of an e-mail's link. */
export function ScoreForm({
  question,
  points,
  onSubmit,
}: {
  question: string;
  points: number;
  onSubmit: (score: number, comment: string | null) => Promise<string | null>;
}) {
  const { t } = useCommsText();
  const ids = { score: useId(), comment: useId() };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const score = Number(form.get("score"));
    const comment = String(form.get("comment") ?? "").trim();
    setBusy(true);
    setError(await onSubmit(score, comment === "" ? null : comment));
    setBusy(false);
  };
  return (
    <form className="survey" onSubmit={submit}>
      <p className="survey-question">{question}</p>
      {points > 0 && <p className="muted">{t("surveys.points", { n: points })}</p>}
      <fieldset>
        <legend id={ids.score}>{t("surveys.score")}</legend>
        <div className="scale">
          {SCALE.map((n) => (
            <label key={n}>
              <input type="radio" name="score" value={n} required />
              <span>{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={ids.comment}>{t("surveys.comment")}</label>
      <textarea id={ids.comment} name="comment" maxLength={2000} rows={3} />
      {error && <p role="alert">{t("common.error", { message: error })}</p>}
      <button type="submit" disabled={busy}>
        {t("surveys.submit")}
      </button>
    </form>
  );
}

function SurveyForm({ survey, onAnswered }: { survey: Survey; onAnswered: () => void }) {
  return (
    <ScoreForm
      question={survey.question}
      points={survey.points}
      onSubmit={async (score, comment) => {
        const { error } = await api.POST("/v1/portal/surveys/{id}/answer", {
          params: { path: { id: survey.id } },
          body: comment === null ? { score } : { score, comment },
        });
        if (error) return errorMessage(error);
        onAnswered();
        return null;
      }}
    />
  );
}
