// The overview: who is signed in, the organisation's access at a glance, and how this language formats figures.
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { ACCESS_MANAGERS, api } from "../api.ts";
import { OrgAndRole } from "../console/OrgAndRole.tsx";
import { ANALYTICS_READERS } from "../console/roles.ts";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";

// Loaded on demand, so the first page stays small for those who do not see it.
const Dashboard = lazy(() => import("../analytics/Dashboard.tsx"));

// A fixed sample, so the preview shows the same figures in every language.
const SAMPLE_NUMBER = 1234567.5;
const SAMPLE_MONEY_MINOR = 123456789n;
const SAMPLE_DATE = "2026-03-31T12:00:00Z";

export function Home() {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("home.title"), heading);
  const manager = ACCESS_MANAGERS.includes(me.role);
  const [counts, setCounts] = useState<{ users: number; keys: number } | null>(null);

  useEffect(() => {
    if (!manager) return;
    let live = true;
    Promise.all([
      api.GET("/v1/users", { params: { query: { limit: 200 } } }),
      api.GET("/v1/api-keys", { params: { query: { limit: 200 } } }),
    ]).then(([users, keys]) => {
      if (!live) return;
      setCounts({
        users: users.data?.data.length ?? 0,
        keys: keys.data?.data.filter((k) => k.revokedAt === null).length ?? 0,
      });
    });
    return () => {
      live = false;
    };
  }, [manager]);

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("home.welcome", { name: me.user?.name ?? me.tenant.name })}
        </h1>
      </div>
      <div className="cards">
        <article className="card">
          <h2>{t("home.account")}</h2>
          <dl className="facts">
            <OrgAndRole />
            {me.expiresAt && (
              <div>
                <dt>{t("home.sessionEnds")}</dt>
                <dd>{i18n.dateTime(me.expiresAt)}</dd>
              </div>
            )}
          </dl>
        </article>
        {manager && (
          <article className="card">
            <h2>{t("home.access")}</h2>
            <p className="muted">{t("home.accessLead")}</p>
            <div className="stats">
              <Link href="/users" className="stat">
                <span className="stat-value" data-testid="users-count">
                  {counts ? i18n.number(counts.users) : "…"}
                </span>
                <span className="stat-label">{t("home.usersCount")}</span>
              </Link>
              <Link href="/api-keys" className="stat">
                <span className="stat-value" data-testid="keys-count">
                  {counts ? i18n.number(counts.keys) : "…"}
                </span>
                <span className="stat-label">{t("home.activeKeys")}</span>
              </Link>
            </div>
          </article>
        )}
        <article className="card">
          <h2>{t("home.formats")}</h2>
          <p className="muted">{t("home.formatsLead")}</p>
          <dl className="facts" data-testid="formats">
            <div>
              <dt>{t("home.number")}</dt>
              <dd data-testid="format-number">{i18n.number(SAMPLE_NUMBER)}</dd>
            </div>
            <div>
              <dt>{t("home.money")}</dt>
              <dd data-testid="format-money">{i18n.money(SAMPLE_MONEY_MINOR, "EUR")}</dd>
            </div>
            <div>
              <dt>{t("home.date")}</dt>
              <dd data-testid="format-date">{i18n.date(SAMPLE_DATE)}</dd>
            </div>
          </dl>
        </article>
      </div>
      {ANALYTICS_READERS.includes(me.role) && (
        <Suspense fallback={null}>
          <Dashboard />
        </Suspense>
      )}
    </section>
  );
}
