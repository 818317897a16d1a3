// The /docs page: one self-contained HTML file (no CDN; deployments may be offline) that fetches
// /openapi.json and lists every operation with its parameters, body, responses, and the schemas.
import { createHash } from "node:crypto";

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem 1.5rem; color: #1b1f24; }
h1 { margin-bottom: 0; } .lead { color: #57606a; margin-top: .25rem; }
section.op { border: 1px solid #d0d7de; border-radius: 6px; margin: .75rem 0; padding: .5rem 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
.get { color: #0969da; } .post { color: #1a7f37; } .delete { color: #cf222e; } .put, .patch { color: #9a6700; }
code, pre { font: 13px/1.4 ui-monospace, monospace; } pre { background: #f6f8fa; padding: .5rem; overflow: auto; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #eaeef2; padding: .2rem .6rem; text-align: left; }
nav a { margin-right: .75rem; }
`;

const SCRIPT = `
const el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};
const refName = (s) => (s && s.$ref ? s.$ref.split("/").pop() : null);
const typeOf = (s) => {
  if (!s) return "";
  if (s.$ref) return refName(s);
  if (s.type === "array") return "array of " + typeOf(s.items);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf || s.oneOf) return (s.anyOf || s.oneOf).map(typeOf).join(" | ");
  return Array.isArray(s.type) ? s.type.join(" | ") : s.type || "any";
};
const schemaBlock = (s) => el("pre", {}, JSON.stringify(s, null, 2));
async function main() {
  const root = document.getElementById("api");
  const doc = await (await fetch("openapi.json")).json();
  document.title = doc.info.title + " " + doc.info.version;
  root.append(el("h1", {}, doc.info.title), el("p", { class: "lead" }, (doc.info.description || "") + " Version " + doc.info.version + ", OpenAPI " + doc.openapi + ". The document: ", el("a", { href: "openapi.json" }, "openapi.json")));
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {}))
    for (const [method, op] of Object.entries(item)) ops.push({ path, method, op });
  const tags = [...new Set(ops.map((o) => (o.op.tags || ["Other"])[0]))];
  root.append(el("nav", {}, ...tags.map((t) => el("a", { href: "#tag-" + t }, t)), el("a", { href: "#schemas" }, "Schemas")));
  for (const tag of tags) {
    root.append(el("h2", { id: "tag-" + tag }, tag));
    for (const { path, method, op } of ops.filter((o) => (o.op.tags || ["Other"])[0] === tag)) {
      const s = el("section", { class: "op" }, el("h3", {}, el("span", { class: "method " + method }, method), el("code", {}, path), " ", op.summary || ""));
      if (op.description) s.append(el("p", {}, op.description));
      if (op.security && op.security.length) s.append(el("p", {}, "Authorization: Bearer <API key>"));
      const params = op.parameters || [];
      if (params.length) s.append(el("h4", {}, "Parameters"), el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "")),
        ...params.map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name + (p.required ? "" : "?"))), el("td", {}, p.in), el("td", {}, typeOf(p.schema)), el("td", {}, p.description || (p.schema && p.schema.description) || "")))));
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) s.append(el("h4", {}, "Body: ", typeOf(body.schema)), schemaBlock(body.schema.$ref ? doc.components.schemas[refName(body.schema)] : body.schema));
      s.append(el("h4", {}, "Responses"), el("table", {}, ...Object.entries(op.responses || {}).map(([code, r]) => {
        const c = r.content && r.content["application/json"];
        return el("tr", {}, el("td", {}, code), el("td", {}, r.description || ""), el("td", {}, c ? typeOf(c.schema) : ""));
      })));
      root.append(s);
    }
  }
  root.append(el("h2", { id: "schemas" }, "Schemas"));
  for (const [name, schema] of Object.entries((doc.components && doc.components.schemas) || {}))
    root.append(el("h3", { id: "schema-" + name }, name), schemaBlock(schema));
}
main().catch((e) => document.getElementById("api").append(el("p", {}, "Could not load openapi.json: " + e)));
`;

const cspHash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patron API</title><style>${STYLE}</style></head>
<body><main id="api"><noscript>This page needs JavaScript; the document itself is at <a href="openapi.json">openapi.json</a>.</noscript></main>
<script>${SCRIPT}</script></body>
</html>`;

/** Only this page's own script and style run, and it talks only to this server. */
export const DOCS_CSP = `default-src 'none'; script-src ${cspHash(SCRIPT)}; style-src ${cspHash(STYLE)}; connect-src 'self'`;
