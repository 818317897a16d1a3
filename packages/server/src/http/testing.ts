// Helpers for route tests: JSON requests against an app, and a tenant bootstrapped to test with.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Call {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends one request; `body` is sent as JSON. The answer's body is parsed as JSON when it is JSON. */
export async function call<T = unknown>(
  app: OpenAPIHono<AppEnv>,
  method: string,
  path: string,
  opts: Call = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key !== undefined) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  // A string with a content type other than JSON is sent as it is (a CSV file).
  const raw = typeof opts.body === "string" && !(headers["content-type"] ?? "").includes("json");
  const res = await app.request(path, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: raw ? (opts.body as string) : JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  const isJson = res.headers.get("content-type")?.includes("json") ?? false;
  // The test states the shape it expects; the assertions on it check that it holds.
  return { status: res.status, headers: res.headers, body: (isJson ? JSON.parse(text) : text) as T };
}

export interface Bootstrapped {
  tenant: { id: string; name: string; createdAt: string };
  owner: { id: string; email: string; name: string; role: string; createdAt: string };
  apiKey: NewKey;
}

export interface NewKey {
  id: string;
  name: string | null;
  prefix: string;
  role: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  secret: string | null;
}

export interface ErrorAnswer {
  error: { code: string; message: string; field: string | null; requestId: string };
}

/** Bootstraps tenant `id` and returns its owner key. */
export async function bootstrap(
  app: OpenAPIHono<AppEnv>,
  id: string,
  bootstrapToken?: string,
): Promise<{ ownerKey: string; answer: Bootstrapped }> {
  const r = await call<Bootstrapped>(app, "POST", "/v1/tenants", {
    ...(bootstrapToken === undefined ? {} : { key: bootstrapToken }),
    body: { id, name: `Tenant ${id}`, owner: { email: `owner@${id}.example`, name: "Owner" } },
  });
  if (r.status !== 201 || !r.body.apiKey.secret)
    throw new Error(`bootstrap of ${id} failed: ${JSON.stringify(r.body)}`);
  return { ownerKey: r.body.apiKey.secret, answer: r.body };
}

/** Creates a key with `role` using `ownerKey` and returns its secret. */
export async function keyWithRole(app: OpenAPIHono<AppEnv>, ownerKey: string, role: string): Promise<string> {
  const r = await call<NewKey>(app, "POST", "/v1/api-keys", { key: ownerKey, body: { role, name: role } });
  if (r.status !== 201 || !r.body.secret) throw new Error(`key creation failed: ${JSON.stringify(r.body)}`);
  return r.body.secret;
}
