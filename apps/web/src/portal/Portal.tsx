// The client portal at /portal: a contact of a client company signs in (or accepts an invitation) and sees the
// company's points, level and history; a company admin also manages the company's users. It talks only to
// /v1/portal/* and signs out through the session route every cookie shares.
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { LanguageSelect } from "../components/LanguageSelect.tsx";
import { useCampaignText } from "../i18n/campaigns.ts";
import { useCommsText } from "../i18n/comms.ts";
import { useEngageText } from "../i18n/engage.ts";
import { usePortalText } from "../i18n/portal.ts";
import { useI18n } from "../i18n.tsx";
import { Link, navigate, usePath } from "../router.tsx";
import { PortalCampaigns } from "./Campaigns.tsx";
import { AcceptInvite, PortalSignIn } from "./Entry.tsx";
import { PortalMembership } from "./Membership.tsx";
import { PortalMessages } from "./Messages.tsx";
import { Overview } from "./Overview.tsx";
import { PortalPreferences } from "./Preferences.tsx";
import { PortalRewards } from "./Rewards.tsx";
import type { PortalMe } from "./types.ts";
import { PortalUsers } from "./Users.tsx";
import "./portal.css";

/** Where the `ref` of a referral link waits until the visitor has signed in. */
const REF_KEY = "patron.ref";

/** Keeps the `?ref=CODE` of a referral link, read on the first visit, until it can be applied. */
function keepReferral(): void {
  const ref = new URLSearchParams(window.location.search).get("ref")?.trim();
  if (ref) window.localStorage.setItem(REF_KEY, ref.slice(0, 100));
}

export default function Portal() {
  const path = usePath();
  const { t } = usePortalText();
  const comms = useCommsText();
  const engage = useEngageText();
  const campaigns = useCampaignText();
  const i18n = useI18n();
  const [me, setMe] = useState<PortalMe | null | undefined>(undefined);
  const [unread, setUnread] = useState(0);
  const [referral, setReferral] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => keepReferral(), []);
  useEffect(() => {
    const code = me ? window.localStorage.getItem(REF_KEY) : null;
    if (!code) return;
    window.localStorage.removeItem(REF_KEY);
    api
      .POST("/v1/portal/referral/apply", { body: { code } })
      .then(({ data, error }) =>
        setReferral(
          data
            ? { ok: true, text: engage.t("referral.applied", { code: data.code }) }
            : { ok: false, text: engage.t("referral.refused", { code, message: errorMessage(error) }) },
        ),
      );
  }, [me, engage]);
  useEffect(() => {
    api.GET("/v1/portal/me").then(
      ({ data }) => setMe(data ?? null),
      () => setMe(null),
    );
  }, []);
  useEffect(() => {
    if (!me) return;
    api.GET("/v1/portal/messages", { params: { query: { limit: 1 } } }).then(
      ({ data }) => setUnread(data?.unread ?? 0),
      () => undefined,
    );
  }, [me]);
  const signedIn = useCallback((next: PortalMe) => {
    setMe(next);
    navigate("/portal");
  }, []);
  const signOut = useCallback(async () => {
    await api.DELETE("/v1/sessions/current").catch(() => undefined);
    setMe(null);
    navigate("/portal");
  }, []);

  if (path === "/portal/accept") return <AcceptInvite onSignedIn={signedIn} />;
  if (me === undefined) {
    return (
      <p className="splash" role="status">
        {t("loading")}
      </p>
    );
  }
  if (me === null) return <PortalSignIn onSignedIn={signedIn} />;

  const admin = me.contact.role === "company_admin";
  const membershipLabel = i18n.t("engage.portal.nav");
  let page: React.ReactNode;
  if (path === "/portal" || path === "/portal/") page = <Overview me={me} />;
  else if (path === "/portal/users" && admin) page = <PortalUsers me={me} />;
  else if (path === "/portal/messages") page = <PortalMessages onUnread={setUnread} />;
  else if (path === "/portal/preferences") page = <PortalPreferences />;
  else if (path === "/portal/rewards") page = <PortalRewards me={me} />;
  else if (path === "/portal/membership") page = <PortalMembership me={me} />;
  else if (path === "/portal/campaigns") page = <PortalCampaigns />;
  else page = <p role="alert">{t("notFound")}</p>;
  const nav = [
    { href: "/portal", label: t("portal.overview") },
    { href: "/portal/rewards", label: t("portal.rewards") },
    { href: "/portal/membership", label: membershipLabel },
    { href: "/portal/campaigns", label: campaigns.t("portal.title") },
    ...(admin ? [{ href: "/portal/users", label: t("portal.users") }] : []),
    {
      href: "/portal/messages",
      label: unread > 0 ? `${comms.t("inbox.nav")} (${unread})` : comms.t("inbox.nav"),
    },
    { href: "/portal/preferences", label: comms.t("prefs.nav") },
  ];
  return (
    <div className="portal">
      <a className="skip" href="#portal-main">
        {t("portal.name")}
      </a>
      <header className="portal-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{me.company.name}</span>
          <span className="tenant-name">{me.tenant.name}</span>
        </span>
        <div className="portal-tools">
          <LanguageSelect />
          <button type="button" onClick={signOut}>
            {t("portal.signOut")}
          </button>
        </div>
      </header>
      <nav className="portal-nav" aria-label={t("portal.nav")}>
        <ul>
          {nav.map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={path === n.href ? "page" : undefined}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="portal-main" className="portal-main" tabIndex={-1}>
        {referral && (
          <p
            className={`alert ${referral.ok ? "success" : "error"}`}
            role="status"
            data-testid="referral-applied"
          >
            {referral.text}
          </p>
        )}
        {page}
      </main>
    </div>
  );
}

/** An error answer or a thrown error, as one sentence. */
export function messageOf(error: unknown): string {
  return errorMessage(error);
}
