// The pages an e-mail's signed links open, with no sign-in: /unsubscribe (one click on a button, so that a
// mail scanner following the link unsubscribes nobody) and /survey (the question, answered once).
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { LanguageSelect } from "../components/LanguageSelect.tsx";
import { type CommsKey, useCommsText } from "../i18n/comms.ts";
import { usePath } from "../router.tsx";
import { ScoreForm } from "./Messages.tsx";
import "./portal.css";

export default function LinkPage() {
  const path = usePath();
  const query = new URLSearchParams(window.location.search);
  const tenant = query.get("tenant") ?? "";
  const token = query.get("token") ?? "";
  return (
    <div className="portal">
      <header className="portal-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
        </span>
        <div className="portal-tools">
          <LanguageSelect />
        </div>
      </header>
      <main className="portal-main">
        {path === "/unsubscribe" ? (
          <Unsubscribe tenant={tenant} token={token} />
        ) : (
          <SurveyLink tenant={tenant} token={token} />
        )}
      </main>
    </div>
  );
}

function Unsubscribe({ tenant, token }: { tenant: string; token: string }) {
  const { t } = useCommsText();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    const { data, error: e } = await api.POST("/v1/email/unsubscribe", { body: { tenant, token } });
    if (data) setDone(t(`category.${data.category}` as CommsKey));
    else setError(errorMessage(e));
  };
  return (
    <section className="card">
      <h1>{t("unsubscribe.title")}</h1>
      {done ? (
        <p role="status">{t("unsubscribe.done", { category: done })}</p>
      ) : (
        <>
          <p>{t("unsubscribe.lead")}</p>
          <button type="button" onClick={go}>
            {t("unsubscribe.submit")}
          </button>
        </>
      )}
      {error && <p role="alert">{t("link.invalid")}</p>}
    </section>
  );
}

function SurveyLink({ tenant, token }: { tenant: string; token: string }) {
  const { t } = useCommsText();
  const [survey, setSurvey] = useState<{
    question: string;
    points: number;
    answeredAt: string | null;
  } | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [thanks, setThanks] = useState(false);
  useEffect(() => {
    api.POST("/v1/survey-links/read", { body: { tenant, token } }).then(({ data }) => {
      if (data) setSurvey(data);
      else setInvalid(true);
    });
  }, [tenant, token]);
  return (
    <section className="card">
      <h1>{t("survey.title")}</h1>
      {invalid && <p role="alert">{t("link.invalid")}</p>}
      {!invalid && survey === null && <p role="status">{t("common.loading")}</p>}
      {survey && (thanks || survey.answeredAt !== null) && (
        <p role="status">{thanks ? t("surveys.thanks") : t("survey.answered")}</p>
      )}
      {survey && !thanks && survey.answeredAt === null && (
        <ScoreForm
          question={survey.question}
          points={survey.points}
          onSubmit={async (score, comment) => {
            const { error } = await api.POST("/v1/survey-links/answer", {
              body: comment === null ? { tenant, token, score } : { tenant, token, score, comment },
            });
            if (error) return errorMessage(error);
            setThanks(true);
            return null;
          }}
        />
      )}
    </section>
  );
}
