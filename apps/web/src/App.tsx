// Sign-in for visitors; for the signed-in, the layout and the page of the path, pages loaded on demand. The
// portal and the pages of e-mail links never ask who is signed in to the console: a portal session may not.
import { lazy, Suspense } from "react";
import { ACCESS_MANAGERS } from "./api.ts";
import { Layout } from "./components/Layout.tsx";
import {
  ADJUSTMENT_REQUESTERS,
  ANALYTICS_READERS,
  AUDIT_READERS,
  CAMPAIGN_READERS,
  CODE_READERS,
  COMMS_MANAGERS,
  COMMS_READERS,
  COMPANY_READERS,
  ENGAGEMENT_READERS,
  PARTNER_READERS,
  PROGRAM_EDITORS,
  PROGRAM_READERS,
  REWARD_READERS,
  SURVEY_READERS,
} from "./console/roles.ts";
import { useI18n } from "./i18n.tsx";
import { Home } from "./pages/Home.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { usePath, useSearch } from "./router.tsx";
import { SessionProvider, useSession } from "./session.tsx";

const Users = lazy(() => import("./pages/Users.tsx"));
const Account = lazy(() => import("./pages/Account.tsx"));
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
const Webhooks = lazy(() => import("./pages/Webhooks.tsx"));
const Campaigns = lazy(() => import("./campaigns/Campaigns.tsx"));
const Campaign = lazy(() => import("./campaigns/Campaign.tsx"));
const HonorBoard = lazy(() => import("./campaigns/HonorBoard.tsx"));
const Metrics = lazy(() => import("./analytics/Metrics.tsx"));
const Reports = lazy(() => import("./analytics/Reports.tsx"));
const Monthly = lazy(() => import("./analytics/Monthly.tsx"));
const Economics = lazy(() => import("./analytics/Economics.tsx"));
const Definitions = lazy(() => import("./analytics/Definitions.tsx"));
const Partners = lazy(() => import("./pages/Partners.tsx"));
const PartnerPage = lazy(() => import("./pages/Partners.tsx").then((m) => ({ default: m.PartnerPage })));
const Codes = lazy(() => import("./pages/Codes.tsx"));
const Rewards = lazy(() => import("./pages/Rewards.tsx"));
const WhatIf = lazy(() => import("./analytics/WhatIf.tsx"));
const Engagement = lazy(() => import("./pages/Engagement.tsx"));

export function App() {
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
  return (
    <SessionProvider>
      <Console path={path} />
    </SessionProvider>
  );
}

/** The console: its sign-in, or the signed-in person's layout and page. */
function Console({ path }: { path: string }) {
  const { me } = useSession();
  const { t } = useI18n();
  const search = useSearch();
  if (me === undefined) {
    return (
      <p className="splash" role="status">
        {t("loading")}
      </p>
    );
  }
  if (me === null) return <SignIn />;
  // The honor board fills the screen (a TV in the sales office): no navigation around it.
  const board = /^\/campaigns\/([^/]+)\/board$/.exec(path);
  if (board?.[1] && CAMPAIGN_READERS.includes(me.role)) {
    return (
      <Suspense fallback={<p className="splash">{t("loading")}</p>}>
        <HonorBoard id={decodeURIComponent(board[1])} />
      </Suspense>
    );
  }
  const manager = ACCESS_MANAGERS.includes(me.role);
  let page: React.ReactNode;
  if (path === "/") page = <Home />;
  else if (path === "/account") page = <Account />;
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
  else if (path === "/webhooks" && COMMS_MANAGERS.includes(me.role)) page = <Webhooks />;
  else if (path === "/import" && PROGRAM_EDITORS.includes(me.role)) page = <Import />;
  else if (path === "/events") page = <Events key={search} />;
  else if (path.startsWith("/events/"))
    page = <Event key={path} id={decodeURIComponent(path.slice("/events/".length))} />;
  // The server keeps /metrics for Prometheus, so a reload there never reaches the console: /analytics/metrics.
  else if ((path === "/metrics" || path === "/analytics/metrics") && ANALYTICS_READERS.includes(me.role))
    page = <Metrics />;
  else if (path === "/reports" && ANALYTICS_READERS.includes(me.role)) page = <Reports />;
  else if (path === "/reports/monthly" && ANALYTICS_READERS.includes(me.role))
    page = <Monthly key={search} />;
  else if (path === "/analytics/economics" && ANALYTICS_READERS.includes(me.role)) page = <Economics />;
  else if (path === "/analytics/definitions" && ANALYTICS_READERS.includes(me.role)) page = <Definitions />;
  else if (path === "/partners" && PARTNER_READERS.includes(me.role)) page = <Partners />;
  else if (path.startsWith("/partners/") && PARTNER_READERS.includes(me.role))
    page = <PartnerPage key={path} id={decodeURIComponent(path.slice("/partners/".length))} />;
  else if (path === "/codes" && CODE_READERS.includes(me.role)) page = <Codes />;
  else if (path === "/rewards" && REWARD_READERS.includes(me.role)) page = <Rewards />;
  else if (path === "/campaigns" && CAMPAIGN_READERS.includes(me.role)) page = <Campaigns />;
  else if (path.startsWith("/campaigns/") && CAMPAIGN_READERS.includes(me.role))
    page = <Campaign key={path} id={decodeURIComponent(path.slice("/campaigns/".length))} />;
  else if (path.startsWith("/analytics/what-if/") && PROGRAM_READERS.includes(me.role))
    page = <WhatIf key={path} draftId={decodeURIComponent(path.slice("/analytics/what-if/".length))} />;
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
