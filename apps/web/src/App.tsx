// Sign-in for visitors; for the signed-in, the layout and the page of the path, pages loaded on demand.
import { lazy, Suspense } from "react";
import { ACCESS_MANAGERS } from "./api.ts";
import { Layout } from "./components/Layout.tsx";
import { useI18n } from "./i18n.tsx";
import { Home } from "./pages/Home.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { usePath } from "./router.tsx";
import { useSession } from "./session.tsx";

const Users = lazy(() => import("./pages/Users.tsx"));
const ApiKeys = lazy(() => import("./pages/ApiKeys.tsx"));
const Portal = lazy(() => import("./portal/Portal.tsx"));

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
