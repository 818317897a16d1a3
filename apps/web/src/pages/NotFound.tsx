// A path the console has no page for, or one the signed-in role may not open.
import { useRef } from "react";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";

export function NotFound() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("notFound.title"), heading);
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t("notFound.title")}
      </h1>
      <p>
        <Link href="/">{t("notFound.back")}</Link>
      </p>
    </section>
  );
}
