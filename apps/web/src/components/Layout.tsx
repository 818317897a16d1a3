// The console's frame: a skip link, the header with language and account menus, navigation by role, and
// the main landmark the pages render into.
import type { ReactNode } from "react";
import { ACCESS_MANAGERS } from "../api.ts";
import { CONSOLE_NAV } from "../console/nav.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { Link, usePath } from "../router.tsx";
import { useMe } from "../session.tsx";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { UserMenu } from "./UserMenu.tsx";

interface NavItem {
  href: string;
  label: MessageKey;
  icon: string;
  /** Who sees it; everyone when absent. */
  roles?: readonly string[];
}

const NAV: NavItem[] = [
  { href: "/", label: "nav.home", icon: "M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z" },
  ...CONSOLE_NAV,
  {
    href: "/users",
    label: "nav.users",
    icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
    roles: ACCESS_MANAGERS,
  },
  {
    href: "/api-keys",
    label: "nav.apiKeys",
    icon: "M15 7a4 4 0 1 1-3.9 4.9L4 19v2h3v-2h2v-2h2l1.1-1.1A4 4 0 0 1 15 7z",
    roles: ACCESS_MANAGERS,
  },
];

/** A section's link stays current on its sub-pages (`/companies/C1` under `/companies`). */
function isCurrent(path: string, href: string): boolean {
  return path === href || (href !== "/" && path.startsWith(`${href}/`));
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const path = usePath();
  const items = NAV.filter((n) => !n.roles || n.roles.includes(me.role));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t("skip")}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t("app.name")}</span>
          <span className="tenant-name">{me.tenant.name}</span>
        </Link>
        <div className="topbar-tools">
          <LanguageSelect />
          <UserMenu />
        </div>
      </header>
      <nav className="sidenav" aria-label={t("nav.label")}>
        <ul>
          {items.map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={isCurrent(path, n.href) ? "page" : undefined}>
                <svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
                  <path d={n.icon} />
                </svg>
                {t(n.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
