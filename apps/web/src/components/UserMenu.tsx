// The account menu: who is signed in, with which role, their account page (a new password), and sign-out.
// Escape or a click outside closes it.
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n.tsx";
import { navigate } from "../router.tsx";
import { useMe, useSession } from "../session.tsx";

export function UserMenu() {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const name = me.user?.name ?? me.tenant.name;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && e.target instanceof Node && !box.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div className="usermenu" ref={box}>
      <button
        ref={button}
        type="button"
        className="avatar-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t("menu.open")}: </span>
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="avatar-name">{name}</span>
      </button>
      <div id={id} className="menu" hidden={!open}>
        <p className="menu-who">
          <span className="muted">{t("menu.signedInAs")}</span>
          <strong>{me.user?.email ?? name}</strong>
          <span className="badge">{t(`role.${me.role}`)}</span>
        </p>
        <button
          type="button"
          className="menu-item"
          onClick={() => {
            setOpen(false);
            navigate("/account");
          }}
        >
          {t("menu.account")}
        </button>
        <button
          type="button"
          className="menu-item"
          onClick={async () => {
            await signOut();
            navigate("/");
          }}
        >
          {t("menu.signOut")}
        </button>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")
  ).toUpperCase();
}
