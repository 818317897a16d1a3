// The signed-in person's own account: who they are, their role, and a new password (the current one first).
// Every role reaches it from the account menu; setting it ends the person's other sessions.
import { useRef, useState } from "react";
import { OrgAndRole } from "../console/OrgAndRole.tsx";
import { PasswordForm } from "../console/PasswordForm.tsx";
import { useI18n } from "../i18n.tsx";
import { usePageTitle } from "../router.tsx";
import { useMe } from "../session.tsx";
import { SuccessAlert } from "../ui/alerts.tsx";

export default function Account() {
  const { t } = useI18n();
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("home.account"), heading);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("home.account")}
        </h1>
      </div>
      <div className="cards top">
        <article className="card">
          <h2>{me.user?.name ?? me.tenant.name}</h2>
          <dl className="facts">
            {me.user && (
              <div>
                <dt>{t("users.email")}</dt>
                <dd>{me.user.email}</dd>
              </div>
            )}
            <OrgAndRole />
          </dl>
        </article>
        <div>
          <div aria-live="polite">{notice && <SuccessAlert>{notice}</SuccessAlert>}</div>
          {me.user && <PasswordForm user={me.user} own onDone={setNotice} />}
        </div>
      </div>
    </section>
  );
}
