// A small client-side router over the History API: the current path, navigation, and links.
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function navigate(path: string): void {
  // The query counts: from /events?companyId=X, a link to /events goes to the unfiltered list.
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", path);
  for (const l of listeners) l();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string (`?companyId=X`, or ""), for pages whose content depends on it. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}

/** Sets the document title and moves focus to the page's heading when the page changes. */
export function usePageTitle(title: string, heading: React.RefObject<HTMLHeadingElement | null>): void {
  useEffect(() => {
    document.title = `${title} · Patron`;
    heading.current?.focus();
  }, [title, heading]);
}
