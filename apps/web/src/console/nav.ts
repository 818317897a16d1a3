// The work pages in the console's navigation, each shown to the roles that may open it.
import type { MessageKey } from "../i18n.tsx";
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
  EVENT_READERS,
  PARTNER_READERS,
  PROGRAM_READERS,
  REWARD_READERS,
  SURVEY_READERS,
} from "./roles.ts";

export const CONSOLE_NAV: { href: string; label: MessageKey; icon: string; roles: readonly string[] }[] = [
  {
    href: "/companies",
    label: "nav.companies",
    icon: "M4 21V5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v16M15 9h4a1 1 0 0 1 1 1v11M3 21h18M8 8h3M8 12h3M8 16h3",
    roles: COMPANY_READERS,
  },
  {
    href: "/events",
    label: "nav.events",
    icon: "M6 2h12v20l-3-2-3 2-3-2-3 2zM9 7h6M9 11h6M9 15h4",
    roles: EVENT_READERS,
  },
  {
    href: "/programs",
    label: "nav.programs",
    icon: "M8 4h10a2 2 0 0 1 2 2v14l-3-2-3 2-3-2-3 2V6M4 4h4v4H4zM11 9h6M11 13h6",
    roles: PROGRAM_READERS,
  },
  {
    href: "/engagement",
    label: "nav.engagement",
    icon: "M12 21s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.5-7 10-7 10z",
    roles: ENGAGEMENT_READERS,
  },
  {
    href: "/approvals",
    label: "nav.approvals",
    icon: "M9 12l2 2 4-4M12 3l7 3v6c0 4.5-3 8-7 9-4-1-7-4.5-7-9V6z",
    roles: ADJUSTMENT_REQUESTERS,
  },
  {
    href: "/audit",
    label: "nav.audit",
    icon: "M12 8v4l3 2M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5",
    roles: AUDIT_READERS,
  },
  {
    href: "/notifications",
    label: "nav.notifications",
    icon: "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10 21a2 2 0 0 0 4 0",
    roles: COMMS_READERS,
  },
  {
    href: "/surveys",
    label: "nav.surveys",
    icon: "M4 20V10M10 20V4M16 20v-7M22 20H2",
    roles: SURVEY_READERS,
  },
  {
    href: "/reports",
    label: "nav.reports",
    icon: "M4 4h16v16H4zM8 16v-4M12 16V8M16 16v-6",
    roles: ANALYTICS_READERS,
  },
  {
    href: "/webhooks",
    label: "nav.webhooks",
    icon: "M18 16.1a4 4 0 1 1-3.5 6M6 16a4 4 0 1 1 2-7.5l3-5.2M12 3.3a4 4 0 1 1 4.6 5.8L13.6 14H6",
    roles: COMMS_MANAGERS,
  },
  {
    href: "/rewards",
    label: "nav.rewards",
    icon: "M20 12v9H4v-9M2 7h20v5H2zM12 21V7M12 7H8a2 2 0 1 1 0-4c3 0 4 4 4 4zM12 7h4a2 2 0 1 0 0-4c-3 0-4 4-4 4z",
    roles: REWARD_READERS,
  },
  {
    href: "/codes",
    label: "nav.codes",
    icon: "M20 12l-8 8-9-9V3h8zM7 7h.01",
    roles: CODE_READERS,
  },
  {
    href: "/partners",
    label: "nav.partners",
    icon: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 3-5 6-5s6 2 6 5M12 20c0-3 3-5 6-5s4 2 4 5",
    roles: PARTNER_READERS,
  },
  {
    href: "/campaigns",
    label: "nav.campaigns",
    icon: "M8 21h8M12 17v4M7 4h10v5a5 5 0 0 1-10 0zM7 6H4a3 3 0 0 0 3 3M17 6h3a3 3 0 0 1-3 3",
    roles: CAMPAIGN_READERS,
  },
];
