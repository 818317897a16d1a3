// What every route module shares: the dependencies, the context variables, and a router that validates
// with the route's own schemas and answers a failure with the field at fault.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { type Day, parseDay } from "@patron/engine";
import type { Context } from "hono";
import type { ValidationTargets } from "hono/types";
import type { ZodError } from "zod";
import type { Db } from "../db/db.ts";
import type { Change } from "../modules/audit/service.ts";
import { validationError } from "./errors.ts";

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
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
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
