// What every route module shares: the dependencies, the context variables, and a router that validates
// with the route's own schemas and answers a failure with the field at fault.
import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import { type Day, parseDay } from "@patron/engine";
import type { Context, MiddlewareHandler } from "hono";
import type { ValidationTargets } from "hono/types";
import type { ZodError } from "zod";
import type { Db } from "../db/db.ts";
import type { Change } from "../modules/audit/service.ts";
import { ApiError, fieldPath, validationError } from "./errors.ts";

export interface Deps {
  db: Db;
  now: () => Date;
  /** When set, `POST /v1/tenants` needs it as a bearer token; when null, only the first tenant can be made. */
  bootstrapToken: string | null;
}

export interface AppEnv {
  Variables: { requestId: string };
}

export function newRouter(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const add = app.openapi;
  app.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (add as (...a: unknown[]) => unknown)(guarded(route), ...rest)) as typeof app.openapi;
  return app;
}

/**
 * Every route as declared, with two guards the validators alone do not give:
 * - A JSON body whose schema needs fields is required. Otherwise a request without a body and without a
 *   Content-Type passes its validator as `{}`, unchecked, and the handler meets fields that are not there.
 * - No value may hold the NUL character (U+0000), which PostgreSQL's text cannot store: refused naming the
 *   parameter or the body's field, before anything runs.
 */
function guarded(route: RouteConfig): RouteConfig {
  const body = route.request?.body;
  const media = body?.content?.["application/json"];
  const schema = media && "schema" in media ? media.schema : undefined;
  const needsFields =
    body !== undefined &&
    body.required === undefined &&
    schema !== undefined &&
    "safeParse" in schema &&
    !schema.safeParse({}).success;
  const own = route.middleware === undefined ? [] : [route.middleware].flat();
  return {
    ...route,
    ...(needsFields ? { request: { ...route.request, body: { ...body, required: true } } } : {}),
    middleware: [refuseNul, ...own] as RouteConfig["middleware"],
  };
}

const NUL = "\u0000";

const refuseNul: MiddlewareHandler = async (c, next) => {
  for (const [name, value] of Object.entries(c.req.param() as Record<string, string>))
    if (value.includes(NUL)) throw nulIn(name);
  for (const [name, values] of Object.entries(c.req.queries()))
    if (values.some((v) => v.includes(NUL))) throw nulIn(name);
  // JSON can only carry the character escaped; the body is parsed again only when the escape is there.
  if (c.req.header("content-type")?.includes("json")) {
    const text = await c.req.text();
    if (/\\u0000/i.test(text)) {
      const path = nulPath(JSON.parse(text));
      if (path) throw nulIn(fieldPath(path) || "body");
    }
  }
  await next();
};

function nulIn(field: string): ApiError {
  return new ApiError(
    "validation_failed",
    `${field} holds the NUL character (\\u0000), which cannot be stored`,
    field,
  );
}

/** Where the first string holding NUL is, as a key or a value; null when none does. */
function nulPath(v: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof v === "string") return v.includes(NUL) ? path : null;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const p = nulPath(x, [...path, i]);
      if (p) return p;
    }
    return null;
  }
  if (typeof v === "object" && v !== null)
    for (const [k, x] of Object.entries(v)) {
      if (k.includes(NUL)) return [...path, k];
      const p = nulPath(x, [...path, k]);
      if (p) return p;
    }
  return null;
}

type ValidationResult = { target: keyof ValidationTargets } & (
  | { success: true; data: unknown }
  | { success: false; error: ZodError }
);

/** Turns the first failing field into a `validation_failed` error; the error handler answers it. */
export async function validationHook(result: ValidationResult, c: Context): Promise<void> {
  if (result.success) return;
  throw validationError(result.error.issues, await validatedInput(c, result.target));
}

/** The raw value a validator saw, to tell a missing field from a wrong one. */
async function validatedInput(c: Context, target: keyof ValidationTargets): Promise<unknown> {
  switch (target) {
    case "json":
      return c.req.json().catch(() => undefined);
    case "query":
      return c.req.query();
    case "param":
      return c.req.param();
    case "header":
      return c.req.header();
    default:
      return undefined;
  }
}

/** The most characters an audit comment keeps. */
export const MAX_COMMENT_CHARS = 1000;

export const Comment = z
  .string()
  .trim()
  .min(1)
  .max(MAX_COMMENT_CHARS)
  .optional()
  .openapi({ description: "Why the change is made; kept in the audit log." });

/** The headers every mutating route accepts, validated and documented like the rest of the request. */
export const MutationHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .openapi({
      description:
        "Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, " +
        "marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict.",
    }),
  "x-audit-comment": z.string().trim().min(1).max(MAX_COMMENT_CHARS).optional().openapi({
    description: "Why the change is made, kept in the audit log; a `comment` in the body wins over it.",
  }),
});

/** Who makes a change through this request, when, and the comment they gave (the body's, else the header's). */
export function changeFrom<E extends AppEnv>(
  c: Context<E>,
  now: () => Date,
  actor: string,
  bodyComment?: string,
): Change {
  const header = c.req.header("x-audit-comment")?.trim();
  return {
    actor,
    at: now(),
    comment: bodyComment ?? (header ? header.slice(0, MAX_COMMENT_CHARS) : null),
    requestId: c.get("requestId"),
  };
}

/**
 * The earliest date the API takes. PostgreSQL's calendar starts at year 1, and tier windows and look-backs
 * reach years behind a date; dates before this one are refused as bad input rather than failing in the database.
 */
export const EARLIEST_DATE = "1000-01-01";
export const EARLIEST_DAY = parseDay(EARLIEST_DATE) as Day;

/** True when an ISO date or date-time text (its first ten characters) is before EARLIEST_DATE. */
export function beforeEarliest(text: string): boolean {
  return text.slice(0, 10) < EARLIEST_DATE;
}
