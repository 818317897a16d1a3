// The definitions of the metrics: docs/metrics.md, read in at build time and shown as a page of the console so
// that every figure can link to its own heading (`/analytics/definitions#crr`). A small reader of the Markdown
// the file uses (headings, paragraphs, lists, code, bold, italics, links), building elements, never HTML.
import { Fragment, type ReactNode, useEffect, useRef } from "react";
import text from "../../../../docs/metrics.md?raw";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";

/** The page of a definition: its anchor in docs/metrics.md as a console path. */
export function definitionHref(definition: string): string {
  const hash = definition.indexOf("#");
  return `/analytics/definitions${hash >= 0 ? definition.slice(hash) : ""}`;
}

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] };

function blocks(source: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  let items: string[] | null = null;
  const flush = () => {
    if (para.length) out.push({ kind: "paragraph", text: para.join(" ") });
    if (items) out.push({ kind: "list", items });
    para = [];
    items = null;
  };
  for (const raw of source.split("\n")) {
    const line = raw.trimEnd();
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      out.push({ kind: "heading", level: (h[1] ?? "#").length, text: h[2] ?? "" });
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) flush();
      items ??= [];
      items.push(line.replace(/^\s*[-*]\s+/, ""));
    } else if (line.trim() === "") flush();
    else if (items && /^\s+/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
    else {
      if (items) flush();
      para.push(line.trim());
    }
  }
  flush();
  return out;
}

/** GitHub's anchor of a heading: lower case, spaces to dashes, punctuation dropped. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|_([^_]+)_|\[([^\]]+)\]\(([^)]+)\)/g;

function inline(source: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(source.slice(last, at));
    const k = out.length;
    if (m[1] !== undefined) out.push(<code key={k}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={k}>{m[2]}</strong>);
    else if (m[3] !== undefined) out.push(<em key={k}>{m[3]}</em>);
    else if ((m[5] ?? "").startsWith("#"))
      out.push(
        <a key={k} href={m[5]}>
          {m[4]}
        </a>,
      );
    else out.push(<Fragment key={k}>{m[4]}</Fragment>);
    last = at + m[0].length;
  }
  if (last < source.length) out.push(source.slice(last));
  return out;
}

export default function Definitions() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("metrics.definitions"), heading);
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
  const parsed = blocks(text);
  return (
    <section className="page definitions">
      <p className="crumbs">
        <Link href="/analytics/metrics">{t("nav.metrics")}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t("metrics.definitions")}
      </h1>
      {parsed.map((b, k) => {
        if (b.kind === "heading") {
          if (b.level === 1) return null;
          const Tag = b.level === 2 ? "h2" : "h3";
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the document's blocks in order
            <Tag key={k} id={slug(b.text)}>
              {inline(b.text)}
            </Tag>
          );
        }
        if (b.kind === "list")
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the document's blocks in order
            <ul key={k}>
              {b.items.map((item, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a list's items in order
                <li key={j}>{inline(item)}</li>
              ))}
            </ul>
          );
        // biome-ignore lint/suspicious/noArrayIndexKey: the document's blocks in order
        return <p key={k}>{inline(b.text)}</p>;
      })}
    </section>
  );
}
