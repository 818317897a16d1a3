// The organisation and role of whoever is signed in, as two facts of a `dl.facts`: the Home and Account pages
// both show them.
import { useI18n } from "../i18n.tsx";
import { useMe } from "../session.tsx";

export function OrgAndRole() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <div>
        <dt>{t("home.organisation")}</dt>
        <dd>
          {me.tenant.name} <span className="muted">({me.tenant.id})</span>
        </dd>
      </div>
      <div>
        <dt>{t("home.role")}</dt>
        <dd>
          <span className="badge">{t(`role.${me.role}`)}</span>
        </dd>
      </div>
    </>
  );
}
