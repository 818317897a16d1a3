// The work pages in the console's navigation, each shown to the roles that may open it.
import type { MessageKey } from "../i18n.tsx";
import {
  ADJUSTMENT_REQUESTERS,
  AUDIT_READERS,
  COMMS_READERS,
  COMPANY_READERS,
  ENGAGEMENT_READERS,
  EVENT_READERS,
  PROGRAM_READERS,
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
];
