// Cursor paging: the cursors of the pages seen so far, so that Previous goes back without a server offset.
import { useCallback, useState } from "react";
import { useI18n } from "../i18n.tsx";

export interface Cursors {
  /** The cursor of the page shown; undefined for the first. */
  cursor: string | undefined;
  page: number;
  next(nextCursor: string): void;
  prev(): void;
  reset(): void;
}

export function useCursors(): Cursors {
  const [stack, setStack] = useState<string[]>([]);
  const next = useCallback((c: string) => setStack((s) => [...s, c]), []);
  const prev = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor: stack[stack.length - 1], page: stack.length + 1, next, prev, reset };
}

export function Pager({
  cursors,
  nextCursor,
  label,
}: {
  cursors: Cursors;
  nextCursor: string | null;
  label: string;
}) {
  const { t, number } = useI18n();
  if (cursors.page === 1 && nextCursor === null) return null;
  return (
    <nav className="pager" aria-label={`${label}: ${t("page.nav")}`}>
      <button type="button" onClick={cursors.prev} disabled={cursors.page === 1}>
        {t("page.prev")}
      </button>
      <span aria-live="polite">{t("page.number", { n: number(cursors.page) })}</span>
      <button
        type="button"
        onClick={() => nextCursor && cursors.next(nextCursor)}
        disabled={nextCursor === null}
      >
        {t("page.next")}
      </button>
    </nav>
  );
}
