// Bad input over the whole route table: every body field, query, path and header parameter of the OpenAPI
// document is fed missing, wrongly typed, oversized and out-of-range values, and every body malformed JSON,
// the wrong media type and too many bytes. Each answer is a 4xx in the one error body naming the field at
// fault, never a 5xx, and nothing in the database changes.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { BATCH_BODY_LIMIT_BYTES, BODY_LIMIT_BYTES, createApp } from "./app.ts";
import { ERROR_CODES, fieldPath } from "./errors.ts";
import {
  BOOTSTRAP_TOKEN,
  CLOCK,
  type DocRoute,
  documentedRoutes,
  ROUTES,
  type RouteCall,
  rowCounts,
  type Seeded,
  seedTenant,
  tenantTables,
} from "./routes.testing.ts";

/** Opening the embedded database and seeding two tenants takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
/** Random wrongly typed values tried per route with a body, on top of the enumerated cases. */
const RANDOM_RUNS_PER_ROUTE = 12;
/** A field name no request schema has. */
const UNKNOWN_FIELD = "zzUnknownField";
/** A string with the NUL character, which PostgreSQL's text cannot hold. */
const NUL_TEXT = "a\u0000b";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema objects of the OpenAPI document, read as JSON
type Schema = Record<string, any>;
type Path = (string | number)[];

/** One bad request: what to send, and the field the answer must name (undefined: any, null: none). */
interface Case {
  name: string;
  /** The bearer token; the seeded tenant's owner key unless given. */
  token?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** The raw body text; sent with Content-Type: application/json unless `headers` says otherwise. */
  text?: string;
  field?: string | null;
  /** Statuses besides 422 the case may get (malformed JSON is 400, a big body 413, a wrong media type 415). */
  statuses?: number[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let alpha: Seeded;
let components: Record<string, Schema>;
let tables: string[];

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: BOOTSTRAP_TOKEN, now: () => CLOCK, webDir: null });
  alpha = await seedTenant(app, "alpha");
  const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "Patron API", version: "fuzz" } });
  components = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  tables = await tenantTables(t.db);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await t?.drop();
});

// ---- schemas ----

/** Follows `$ref`s and single-member `allOf`s; picks a discriminated union's member by the value's tag. */
function resolve(s: Schema, value?: unknown): Schema {
  if (typeof s.$ref === "string") {
    const target = components[s.$ref.replace("#/components/schemas/", "")];
    if (!target) throw new Error(`unknown schema ${s.$ref}`);
    return resolve(target, value);
  }
  if (Array.isArray(s.allOf) && s.allOf.length === 1) return resolve(s.allOf[0], value);
  if (s.discriminator && Array.isArray(s.oneOf)) {
    const tag = (value as Record<string, unknown> | undefined)?.[s.discriminator.propertyName];
    const ref = s.discriminator.mapping?.[String(tag)];
    if (ref) return resolve({ $ref: ref }, value);
  }
  return s;
}

/** The JSON types a schema admits; empty when it admits anything. */
function typesOf(s: Schema): Set<string> {
  const r = resolve(s);
  if (Array.isArray(r.anyOf) || Array.isArray(r.oneOf)) {
    const out = new Set<string>();
    for (const b of r.anyOf ?? r.oneOf) for (const x of typesOf(b)) out.add(x);
    return out;
  }
  if (r.type === undefined) return new Set();
  return new Set(Array.isArray(r.type) ? r.type : [r.type]);
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function admitsType(types: Set<string>, v: unknown): boolean {
  if (types.size === 0) return true;
  const ty = jsonType(v);
  return types.has(ty) || (ty === "integer" && types.has("number"));
}

/** Values of the schema's own type that break one of its bounds, each with what it breaks. */
function outOfBounds(s: Schema): { name: string; value: unknown }[] {
  const r = resolve(s);
  const branches: Schema[] = Array.isArray(r.anyOf) ? r.anyOf.map((b: Schema) => resolve(b)) : [r];
  const all = typesOf(r);
  const out: { name: string; value: unknown }[] = [];
  for (const b of branches) {
    const types = typesOf(b);
    if (types.has("string")) {
      if (typeof b.maxLength === "number")
        out.push({ name: "string over maxLength", value: "x".repeat(b.maxLength + 1) });
      if (typeof b.minLength === "number" && b.minLength > 0)
        out.push({ name: "string under minLength", value: "".padEnd(b.minLength - 1, "x") });
      if (Array.isArray(b.enum)) out.push({ name: "value outside the enum", value: "zz-not-a-choice" });
      if (typeof b.pattern === "string") {
        const bad = ["has space", "!!", "x"].find((x) => !new RegExp(b.pattern).test(x));
        if (bad !== undefined) out.push({ name: "string against the pattern", value: bad });
      }
      if (b.format === "email") out.push({ name: "not an email", value: "not-an-email" });
      if (b.format === "date") out.push({ name: "not a date", value: "2026-13-45" });
      if (b.format === "date-time") out.push({ name: "not a date-time", value: "yesterday" });
    }
    // Numbers only where no string branch would take the value as a decimal string.
    if ((types.has("integer") || types.has("number")) && !(all.has("string") && !types.has("string"))) {
      if (types.has("integer") && !types.has("number")) out.push({ name: "non-integer", value: 1.5 });
      if (typeof b.minimum === "number") out.push({ name: "below minimum", value: b.minimum - 1 });
      if (typeof b.exclusiveMinimum === "number")
        out.push({ name: "at exclusiveMinimum", value: b.exclusiveMinimum });
      if (typeof b.maximum === "number") out.push({ name: "above maximum", value: b.maximum + 1 });
      if (types.has("integer") && typeof b.maximum !== "number")
        out.push({ name: "integer beyond 2^53", value: 2 ** 70 });
    } else if (types.has("number") && typeof b.minimum === "number" && !all.has("integer")) {
      out.push({ name: "negative number", value: b.minimum - 1 });
    }
  }
  return out;
}

/** Whether the schema admits `{}`: an object with no required field, or a union with such a member. */
function admitsEmpty(s: Schema): boolean {
  const r = resolve(s);
  const members = r.oneOf ?? r.anyOf;
  if (Array.isArray(members)) return members.some((m: Schema) => admitsEmpty(m));
  return typesOf(r).has("object") && ((r.required ?? []) as string[]).length === 0;
}

/** Values of a type the schema does not admit. */
function wrongTypes(s: Schema): unknown[] {
  const types = typesOf(s);
  return ["text", 12345, true, null, [1], { a: 1 }].filter((v) => !admitsType(types, v));
}

// ---- bodies ----

function clone<T>(v: T): T {
  return structuredClone(v);
}

function setAt(root: unknown, path: Path, value: unknown | typeof REMOVE): unknown {
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
const REMOVE = Symbol("remove");

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const part of path) v = (v as Record<string | number, unknown> | undefined)?.[part];
  return v;
}

/** Every field of a body: its path and schema; absent optional fields too, but not inside absent objects. */
function fieldsOf(
  s: Schema,
  value: unknown,
  path: Path = [],
): { path: Path; schema: Schema; present: boolean }[] {
  const r = resolve(s, value);
  const out: { path: Path; schema: Schema; present: boolean }[] = [];
  if (r.type === "object" || (Array.isArray(r.type) && r.type.includes("object"))) {
    if (typeof value !== "object" || value === null) return out;
    for (const [name, sub] of Object.entries((r.properties ?? {}) as Record<string, Schema>)) {
      const v = (value as Record<string, unknown>)[name];
      out.push({ path: [...path, name], schema: sub, present: v !== undefined });
      if (v !== undefined) out.push(...fieldsOf(sub, v, [...path, name]));
    }
  }
  if (r.type === "array" && Array.isArray(value) && value.length > 0)
    out.push(...fieldsOf(r.items ?? {}, value[0], [...path, 0]));
  return out;
}

/** The enumerated bad bodies of one valid body. */
function badBodies(schema: Schema, body: unknown): { name: string; body: unknown; field: string | null }[] {
  const out: { name: string; body: unknown; field: string | null }[] = [];
  const objects: { path: Path; schema: Schema }[] = [{ path: [], schema }];
  for (const f of fieldsOf(schema, body)) {
    const at = fieldPath(f.path);
    for (const v of wrongTypes(f.schema))
      out.push({ name: `${at} as ${JSON.stringify(v)}`, body: setAt(body, f.path, v), field: at });
    for (const b of outOfBounds(f.schema))
      out.push({ name: `${at}: ${b.name}`, body: setAt(body, f.path, b.value), field: at });
    if (typesOf(f.schema).has("string"))
      out.push({ name: `${at} holding NUL`, body: setAt(body, f.path, NUL_TEXT), field: at });
    const r = resolve(f.schema, valueAt(body, f.path));
    if (f.present && r.type === "array") {
      const items = valueAt(body, f.path) as unknown[];
      if (typeof r.maxItems === "number")
        out.push({
          name: `${at}: over maxItems`,
          body: setAt(
            body,
            f.path,
            Array.from({ length: r.maxItems + 1 }, () => items[0]),
          ),
          field: at,
        });
      if (typeof r.minItems === "number" && r.minItems > 0)
        out.push({ name: `${at}: empty`, body: setAt(body, f.path, []), field: at });
    }
    if (f.present && typesOf(r).has("object")) objects.push({ path: f.path, schema: f.schema });
  }
  for (const o of objects) {
    const value = valueAt(body, o.path);
    const r = resolve(o.schema, value);
    for (const name of (r.required ?? []) as string[]) {
      const p = [...o.path, name];
      if (valueAt(body, p) !== undefined)
        out.push({ name: `${fieldPath(p)} missing`, body: setAt(body, p, REMOVE), field: fieldPath(p) });
    }
    if (r.additionalProperties === false) {
      const p = [...o.path, UNKNOWN_FIELD];
      out.push({ name: `${fieldPath(p)} added`, body: setAt(body, p, 1), field: fieldPath(p) });
    }
  }
  return out;
}

// ---- requests ----

function paramValues(template: string, path: string): Record<string, string> {
  const names: string[] = [];
  const re = new RegExp(
    `^${template.replace(/\{(\w+)\}/g, (_, n: string) => {
      names.push(n);
      return "([^/]+)";
    })}$`,
  );
  const m = re.exec(path);
  if (!m) throw new Error(`${path} does not match ${template}`);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(values[n] ?? ""));
}

/** Parameter values that break the parameter's schema, as the strings a URL or header carries. */
function badParamValues(s: Schema): { name: string; value: string }[] {
  const out = outOfBounds(s).map((b) => ({ name: b.name, value: String(b.value) }));
  const types = typesOf(s);
  if (types.has("integer") || types.has("number")) out.push({ name: "not a number", value: "abc" });
  return out;
}

/** Every bad request of one valid call of a route. */
function badRequests(route: DocRoute, c: RouteCall): Case[] {
  const cases: Case[] = [];
  const base = {
    path: c.path,
    ...(c.query ? { query: c.query } : {}),
    headers: { ...c.headers },
    ...(ROUTES[route.key]?.auth === "bootstrap" ? { token: BOOTSTRAP_TOKEN } : {}),
  };
  const bodyText = c.body === undefined ? undefined : JSON.stringify(c.body);
  const withBody = bodyText === undefined ? {} : { text: bodyText };
  const params = (route.operation.parameters ?? []) as { name: string; in: string; schema: Schema }[];
  const pathValues = paramValues(route.path, c.path);
  for (const p of params) {
    // The NUL character in a path or query value (a header cannot carry it).
    const nul =
      typesOf(p.schema).has("string") && p.in !== "header" ? [{ name: "NUL", value: NUL_TEXT }] : [];
    for (const bad of [...badParamValues(p.schema), ...nul]) {
      const name = `${p.in} ${p.name}: ${bad.name}`;
      // An empty segment leaves no route to match: the router's 404, which names no field.
      if (p.in === "path")
        cases.push({
          ...base,
          ...withBody,
          name,
          path: fill(route.path, { ...pathValues, [p.name]: bad.value }),
          ...(bad.value === "" ? { field: null, statuses: [404] } : { field: p.name }),
        });
      if (p.in === "query")
        cases.push({ ...base, ...withBody, name, query: { ...c.query, [p.name]: bad.value }, field: p.name });
      if (p.in === "header")
        cases.push({
          ...base,
          ...withBody,
          name,
          headers: { ...c.headers, [p.name]: bad.value },
          field: p.name,
        });
    }
  }
  const schema = route.operation.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
  if (!schema || c.body === undefined) return cases;
  const limit = route.path.endsWith("/batch") ? BATCH_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
  for (const b of badBodies(schema, c.body)) {
    const text = JSON.stringify(b.body);
    // A list one item over its most that no longer fits in a body is refused for its size, before its items.
    if (Buffer.byteLength(text) > limit)
      cases.push({ ...base, name: `body ${b.name}`, text, field: null, statuses: [413] });
    else cases.push({ ...base, name: `body ${b.name}`, text, field: b.field });
  }
  // Without a body and without a Content-Type, a body that needs fields is still checked.
  if (!admitsEmpty(schema))
    cases.push({
      ...base,
      name: "no body and no content type",
      headers: { ...base.headers, "content-type": "" },
      statuses: [400, 415],
    });
  const big = JSON.stringify({
    ...(c.body as object),
    padding: "x".repeat(Math.max(limit, 2 * 1024 * 1024)),
  });
  cases.push(
    { ...base, name: "invalid JSON", text: `${bodyText?.slice(0, -1)},`, field: null, statuses: [400] },
    { ...base, name: "empty body", text: "", field: null, statuses: [400] },
    { ...base, name: "a JSON array", text: "[1,2]", field: null },
    { ...base, name: "a JSON string", text: '"text"', field: null },
    { ...base, name: "JSON null", text: "null", field: null },
    {
      ...base,
      name: "text/plain",
      text: bodyText,
      headers: { ...base.headers, "content-type": "text/plain" },
      field: "content-type",
      statuses: [415],
    },
    {
      ...base,
      name: "no content type",
      text: bodyText,
      headers: { ...base.headers, "content-type": "" },
      statuses: [415],
    },
    { ...base, name: `a body over ${limit} bytes`, text: big, field: null, statuses: [413] },
  );
  return cases;
}

interface Answer {
  status: number;
  body: unknown;
  requestIdHeader: string | null;
}

async function send(method: string, c: Case): Promise<Answer> {
  // A call that brings a portal session's cookie is a contact's, who has no key.
  const auth: Record<string, string> =
    c.headers?.cookie === undefined ? { authorization: `Bearer ${c.token ?? alpha.key}` } : {};
  const headers: Record<string, string> = { ...auth, ...c.headers };
  if (c.text !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = "application/json";
  if (headers["content-type"] === "") delete headers["content-type"];
  const url = c.query ? `${c.path}?${new URLSearchParams(c.query)}` : c.path;
  const res = await app.request(url, { method, headers, ...(c.text === undefined ? {} : { body: c.text }) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, requestIdHeader: res.headers.get("x-request-id") };
}

/**
 * What is wrong with an answer to a bad request; null when it is right. A batch refuses a bad event on its
 * own: 200 with that entry refused, naming the field in the batch's body.
 */
function judge(c: Case, a: Answer): string | null {
  const entries = (
    a.body as { results?: { ok: boolean; status: number; error?: { field: string | null } }[] }
  )?.results;
  if (a.status === 200 && Array.isArray(entries) && c.field?.startsWith("events[")) {
    const refused = entries.length === 1 && entries[0]?.ok === false && entries[0].status === 422;
    if (!refused || entries[0]?.error?.field !== c.field)
      return `expected the one event refused with 422 naming ${c.field}, got ${JSON.stringify(entries)}`;
    return null;
  }
  const allowed = [422, ...(c.statuses ?? [])];
  const e = (a.body as { error?: Record<string, unknown> } | null)?.error;
  const shown = `${a.status} ${JSON.stringify(a.body).slice(0, 240)}`;
  if (a.status >= 500 || !allowed.includes(a.status)) return `expected ${allowed.join(" or ")}, got ${shown}`;
  if (
    !e ||
    !ERROR_CODES.includes(e.code as (typeof ERROR_CODES)[number]) ||
    typeof e.message !== "string" ||
    e.message === "" ||
    !(e.field === null || typeof e.field === "string") ||
    typeof e.requestId !== "string" ||
    e.requestId !== a.requestIdHeader
  )
    return `not the error body { error: { code, message, field, requestId } }: ${shown}`;
  if (c.field !== undefined && e.field !== c.field) return `expected field ${c.field}, got ${shown}`;
  return null;
}

async function expectNoWrites<T>(what: string, run: () => Promise<T>): Promise<T> {
  const before = await rowCounts(t.db, tables);
  const out = await run();
  expect(await rowCounts(t.db, tables), `${what} wrote rows`).toEqual(before);
  return out;
}

/** Dates and instants every date schema here admits that PostgreSQL or the calendar may not. */
const EDGE_DAYS = ["0000-01-01", "0001-01-01", "9999-12-31", "1970-01-01"];
const EDGE_INSTANTS = ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"];

/** The edge values for a field or parameter that holds a date or an instant; none for others. */
function edgeValues(name: string | number | undefined, s: Schema): string[] {
  const r = resolve(s);
  if (!typesOf(r).has("string")) return [];
  if (r.format === "date-time") return EDGE_INSTANTS;
  if (r.format === "date" || (typeof r.pattern === "string" && r.pattern.includes("\\d{4}")))
    return EDGE_DAYS;
  if (typeof name === "string" && /(^date|On|^from|^to)$/.test(name)) return [...EDGE_DAYS, ...EDGE_INSTANTS];
  return [];
}

const withInput = () =>
  documentedRoutes(app).filter(
    (r) =>
      r.operation.requestBody ||
      (r.operation.parameters ?? []).some((p: { in: string }) => p.in !== "header"),
  );

describe("bad input on every route", () => {
  // Thousands of requests over every route: minutes on a loaded machine, so the walk has its own time limit.
  it("every route with a body, query or path parameters answers each bad request with a 4xx naming the field, and writes nothing", async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const route of withInput()) {
      const entry = ROUTES[route.key];
      if (!entry) throw new Error(`${route.key} is not in ROUTES of http/routes.testing.ts: add it`);
      await expectNoWrites(route.key, async () => {
        for (const c of (entry.badInputCalls ?? entry.calls)(alpha))
          for (const bad of badRequests(route, c)) {
            const problem = judge(bad, await send(route.method, bad));
            sent++;
            if (problem) problems.push(`${route.key} ${bad.name}: ${problem}`);
          }
      });
    }
    expect(problems).toEqual([]);
    console.info(`bad input: ${sent} bad requests over ${withInput().length} routes`);
    expect(sent).toBeGreaterThan(500);
    expect((await verify(t.db, alpha.id)).differences).toEqual([]);
  }, 300_000);

  it("random wrongly typed values in any body field are refused naming that field", async () => {
    const problems: string[] = [];
    for (const route of withInput()) {
      const schema = route.operation.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
      const entry = ROUTES[route.key];
      const call = entry && (entry.badInputCalls ?? entry.calls)(alpha)[0];
      if (!schema || call?.body === undefined) continue;
      const fields = fieldsOf(schema, call.body);
      if (fields.length === 0) continue;
      await expectNoWrites(route.key, () =>
        fc.assert(
          fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), async (f, v) => {
            fc.pre(!admitsType(typesOf(resolve(f.schema, valueAt(call.body, f.path))), v));
            const bad: Case = {
              name: `${fieldPath(f.path)} as ${JSON.stringify(v)}`,
              path: call.path,
              ...(call.query ? { query: call.query } : {}),
              headers: { ...call.headers },
              ...(entry?.auth === "bootstrap" ? { token: BOOTSTRAP_TOKEN } : {}),
              text: JSON.stringify(setAt(call.body, f.path, v)),
              field: fieldPath(f.path),
            };
            const problem = judge(bad, await send(route.method, bad));
            if (problem) problems.push(`${route.key} ${bad.name}: ${problem}`);
          }),
          { numRuns: RANDOM_RUNS_PER_ROUTE, seed: 20261123 },
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it("edge dates and instants the schemas admit (year 0, year 9999) never cause a 5xx", async () => {
    // Runs last: valid edge values may change the seeded tenant's data.
    const problems: string[] = [];
    for (const route of withInput()) {
      const entry = ROUTES[route.key];
      const call = entry && (entry.badInputCalls ?? entry.calls)(alpha)[0];
      if (!call) continue;
      const base = {
        path: call.path,
        headers: { ...call.headers },
        ...(entry?.auth === "bootstrap" ? { token: BOOTSTRAP_TOKEN } : {}),
      };
      const cases: Case[] = [];
      const params = (route.operation.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      for (const p of params.filter((x) => x.in === "query"))
        for (const v of edgeValues(p.name, p.schema))
          cases.push({ ...base, name: `query ${p.name}=${v}`, query: { ...call.query, [p.name]: v } });
      const schema = route.operation.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
      if (schema && call.body !== undefined)
        for (const f of fieldsOf(schema, call.body))
          for (const v of edgeValues(f.path[f.path.length - 1], f.schema))
            cases.push({
              ...base,
              ...(call.query ? { query: call.query } : {}),
              name: `${fieldPath(f.path)}=${v}`,
              text: JSON.stringify(setAt(call.body, f.path, v)),
            });
      for (const c of cases) {
        const a = await send(route.method, c);
        if (a.status >= 500 || (a.status >= 400 && judge({ ...c, statuses: [a.status] }, a) !== null))
          problems.push(`${route.key} ${c.name}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect((await verify(t.db, alpha.id)).differences).toEqual([]);
  });
});
