// Sign-in for visitors; for the signed-in, the layout and the page of the path, pages loaded on demand.
import { lazy, Suspense } from "react";
import { ACCESS_MANAGERS } from "./api.ts";
import { Layout } from "./components/Layout.tsx";
import {
  ADJUSTMENT_REQUESTERS,
  ANALYTICS_READERS,
  AUDIT_READERS,
  COMMS_READERS,
  COMPANY_READERS,
  ENGAGEMENT_READERS,
  PROGRAM_EDITORS,
  PROGRAM_READERS,
  SURVEY_READERS,
} from "./console/roles.ts";
import { useI18n } from "./i18n.tsx";
import { Home } from "./pages/Home.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { usePath } from "./router.tsx";
import { useSession } from "./session.tsx";

const Users = lazy(() => import("./pages/Users.tsx"));
const ApiKeys = lazy(() => import("./pages/ApiKeys.tsx"));
const Companies = lazy(() => import("./pages/Companies.tsx"));
const Company = lazy(() => import("./pages/Company.tsx"));
const Approvals = lazy(() => import("./pages/Approvals.tsx"));
const Programs = lazy(() => import("./pages/Programs.tsx"));
const ProgramEditor = lazy(() => import("./pages/ProgramEditor.tsx"));
const Audit = lazy(() => import("./pages/Audit.tsx"));
const Events = lazy(() => import("./pages/Events.tsx"));
const Event = lazy(() => import("./pages/Event.tsx"));
const Import = lazy(() => import("./pages/Import.tsx"));
const Portal = lazy(() => import("./portal/Portal.tsx"));
const LinkPage = lazy(() => import("./portal/Links.tsx"));
const Notifications = lazy(() => import("./pages/Notifications.tsx"));
const Surveys = lazy(() => import("./pages/Surveys.tsx"));
const Metrics = lazy(() => import("./analytics/Metrics.tsx"));
const Engagement = lazy(() => import("./pages/Engagement.tsx"));

export function App() {
  const { me } = useSession();
  const { t } = useI18n();
  const path = usePath();
  // The client portal has its own sign-in and pages; a portal session never opens the console's.
  if (path === "/portal" || path.startsWith("/portal/")) {
    return (
      <Suspense fallback={<p className="splash">{t("loading")}</p>}>
        <Portal />
      </Suspense>
    );
  }
  // The pages of an e-mail's signed links need no session.
  if (path === "/unsubscribe" || path === "/survey") {
    return (
      <Suspense fallback={<p className="splash">{t("loading")}</p>}>
        <LinkPage />
      </Suspense>
    );
  }
  if (me === undefined) {
    return (
      <p className="splash" role="status">
        {t("loading")}
      </p>
    );
  }
  if (me === null) return <SignIn />;
  const manager = ACCESS_MANAGERS.includes(me.role);
  let page: React.ReactNode;
  if (path === "/") page = <Home />;
  else if (path === "/users" && manager) page = <Users />;
  else if (path === "/api-keys" && manager) page = <ApiKeys />;
  else if (path === "/companies" && COMPANY_READERS.includes(me.role)) page = <Companies />;
  else if (path.startsWith("/companies/") && COMPANY_READERS.includes(me.role))
    page = <Company key={path} id={decodeURIComponent(path.slice("/companies/".length))} />;
  else if (path === "/approvals" && ADJUSTMENT_REQUESTERS.includes(me.role)) page = <Approvals />;
  else if (path === "/programs" && PROGRAM_READERS.includes(me.role)) page = <Programs />;
  else if (path.startsWith("/programs/") && PROGRAM_READERS.includes(me.role))
    page = <ProgramEditor key={path} reference={decodeURIComponent(path.slice("/programs/".length))} />;
  else if (path === "/audit" && AUDIT_READERS.includes(me.role)) page = <Audit />;
  else if (path === "/notifications" && COMMS_READERS.includes(me.role)) page = <Notifications />;
  else if (path === "/surveys" && SURVEY_READERS.includes(me.role)) page = <Surveys />;
  else if (path === "/import" && PROGRAM_EDITORS.includes(me.role)) page = <Import />;
  else if (path === "/events") page = <Events key={window.location.search} />;
  else if (path.startsWith("/events/"))
    page = <Event key={path} id={decodeURIComponent(path.slice("/events/".length))} />;
  else if (path === "/metrics" && ANALYTICS_READERS.includes(me.role)) page = <Metrics />;
  else if (path === "/engagement" && ENGAGEMENT_READERS.includes(me.role)) page = <Engagement />;
  else page = <NotFound />;
  return (
    <Layout>
      <Suspense
        fallback={
          <p className="muted" role="status">
            {t("loading")}
          </p>
        }
      >
        {page}
      </Suspense>
    </Layout>
  );
}
