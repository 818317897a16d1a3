// The API's closed list of error codes, their HTTP status, the one error body, and the mapping of every
// failure (validation, malformed JSON, domain errors, crashes) onto it.
import { z } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { core } from "zod";
import { LedgerError } from "../modules/ledger/service.ts";

export const ERROR_CODES = [
  "malformed_json",
  "validation_failed",
  "unsupported_media_type",
  "payload_too_large",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "idempotency_conflict",
  "insufficient_points",
  "unknown_account",
  "rate_limited",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function httpStatus(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case "malformed_json":
      return 400;
    case "unauthorized":
      return 401;
    case "forbidden":
      return 403;
    case "not_found":
      return 404;
    case "conflict":
    case "idempotency_conflict":
    case "insufficient_points":
      return 409;
    case "payload_too_large":
      return 413;
    case "unsupported_media_type":
      return 415;
    case "validation_failed":
    case "unknown_account":
      return 422;
    case "rate_limited":
      return 429;
    case "internal":
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for error code ${String(unhandled)}`);
    }
  }
}

/**
 * An expected failure, answered as `{ error: { code, message, field, requestId } }`. `field` names the
 * part of the request at fault: a body path (`lines[2].quantity`), a query parameter or a header name.
 * `requestId` is set only when replaying a stored answer, which keeps the original request's id.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  get status(): ContentfulStatusCode {
    return httpStatus(this.code);
  }
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ description: "What went wrong and what to do about it, for a person." }),
      field: z
        .string()
        .nullable()
        .openapi({ description: "The body path, query parameter or header at fault." }),
      requestId: z.string().openapi({ description: "Quote it when reporting a problem: the logs carry it." }),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(e: ApiError, requestId: string): ErrorBody {
  return { error: { code: e.code, message: e.message, field: e.field, requestId: e.requestId ?? requestId } };
}

/** The OpenAPI responses for the given error statuses, all with the one error body. */
export function errorResponses<S extends ContentfulStatusCode>(...statuses: S[]) {
  const out = {} as Record<
    S,
    { description: string; content: { "application/json": { schema: typeof ErrorBody } } }
  >;
  for (const s of statuses) {
    out[s] = {
      description: ERROR_DESCRIPTIONS[s] ?? "Error",
      content: { "application/json": { schema: ErrorBody } },
    };
  }
  return out;
}

const ERROR_DESCRIPTIONS: Partial<Record<ContentfulStatusCode, string>> = {
  400: "The body is not valid JSON",
  401: "No valid API key",
  403: "The key's role may not do this",
  404: "Not found",
  409: "Conflicts with the current state or with an earlier request under the same Idempotency-Key",
  413: "The body is too large",
  415: "The body is not JSON",
  422: "A field is missing or invalid; `field` names it",
  500: "An unexpected failure; quote the requestId",
};

/** `["lines", 2, "quantity"]` → `lines[2].quantity`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * The first failing field of a validation error, with a message a person can act on. `input` is what was
 * validated, to tell a missing field from a wrong one.
 */
export function validationError(issues: readonly core.$ZodIssue[], input: unknown): ApiError {
  const issue = issues[0];
  if (!issue) return new ApiError("validation_failed", "the request is not valid");
  const extra =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const field = fieldPath(path);
  return new ApiError(
    "validation_failed",
    issueMessage(issue, field, input) + extra,
    field === "" ? null : field,
  );
}

function issueMessage(issue: core.$ZodIssue, field: string, input: unknown): string {
  const name = field === "" ? "the body" : field;
  switch (issue.code) {
    case "invalid_type":
      if (valueAt(input, issue.path) === undefined) return `${name} is required`;
      return `${name} must be ${withArticle(issue.expected)}`;
    case "too_small":
      return `${name} must be ${bound(issue.origin, issue.minimum, issue.inclusive !== false, issue.exact, "at least", "more than")}`;
    case "too_big":
      return `${name} must be ${bound(issue.origin, issue.maximum, issue.inclusive !== false, issue.exact, "at most", "less than")}`;
    case "invalid_format":
      if (issue.format === "regex" && issue.pattern) {
        // The schema's own words for its pattern, else plain words for the common ones, else the pattern.
        const words =
          issue.message?.startsWith("Invalid") === false
            ? issue.message
            : PATTERNS[patternKey(issue.pattern)];
        return words ? `${name} must be ${words}` : `${name} must match ${issue.pattern}`;
      }
      return `${name} must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case "invalid_value":
      return `${name} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `${name} is not a field of this request`;
    default:
      return `${name}: ${issue.message}`;
  }
}

const DECIMAL = 'a decimal number not below zero, such as "1250" or "99.90"';

/** Plain words for the patterns the request schemas use without words of their own, by the pattern's source. */
const PATTERNS: Record<string, string> = {
  "^\\d{4}-\\d{2}-\\d{2}$": "a date as YYYY-MM-DD",
  "^\\d+(\\.\\d+)?$": DECIMAL,
  "^\\d{1,15}(\\.\\d+)?$": DECIMAL,
  "^\\d{1,13}(\\.\\d{1,4})?$": DECIMAL,
  "^\\d{1,15}(\\.\\d{1,4})?$": DECIMAL,
  "^([01]\\d|2[0-3]):[0-5]\\d$": "a time of day as HH:MM",
  "^\\+?[0-9 ()./-]{3,40}$": "a phone number: digits, spaces, ( ) . / - and a leading +",
};

/** A pattern as zod reports it (`/…/` or its source) → its source. */
const patternKey = (p: string) =>
  p.startsWith("/") && p.lastIndexOf("/") > 0 ? p.slice(1, p.lastIndexOf("/")) : p;

const FORMATS: Record<string, string> = {
  email: "an email address",
  datetime: "a date and time in ISO 8601, such as 2026-01-31T09:30:00Z",
  date: "a date in ISO 8601, such as 2026-01-31",
  url: "a URL",
};

function bound(
  origin: string,
  limit: number | bigint,
  inclusive: boolean,
  exact: boolean | undefined,
  inclusiveWord: string,
  exclusiveWord: string,
): string {
  const word = exact ? "exactly" : inclusive ? inclusiveWord : exclusiveWord;
  if (origin === "string") return `${word} ${limit} characters long`;
  if (origin === "array" || origin === "set") return `${word} ${limit} items long`;
  return `${word} ${limit}`;
}

function withArticle(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const part of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

/** Domain errors with a code of their own become API errors; anything else is not expected. */
export function toApiError(e: unknown): ApiError | null {
  if (e instanceof ApiError) return e;
  if (e instanceof LedgerError) {
    switch (e.code) {
      case "insufficient_points":
        return new ApiError("insufficient_points", e.message, null);
      case "unknown_account":
        return new ApiError("unknown_account", e.message, null);
      case "bad_posting":
        return new ApiError("validation_failed", e.message, null);
      default: {
        const unhandled: never = e.code;
        return new ApiError("internal", `unhandled ledger error ${String(unhandled)}`);
      }
    }
  }
  if (e instanceof HTTPException) {
    // Raised by hono's own middleware: the media-type gate, the body parser, the body limit.
    if (e.status === 415)
      return new ApiError(
        "unsupported_media_type",
        "send the body as JSON with Content-Type: application/json",
        "content-type",
      );
    if (e.status === 413) return new ApiError("payload_too_large", "the body is too large", null);
    if (e.status === 400 && /JSON/i.test(e.message))
      return new ApiError("malformed_json", "the body is not valid JSON");
  }
  return null;
}

export type Log = (message: string, error: unknown) => void;

/**
 * The app's error handler: expected errors are answered with their code; anything else is logged with the
 * request id and answered as `internal`, with nothing of the error itself in the answer.
 */
export function errorHandler(log: Log, requestIdOf: (c: Context) => string): ErrorHandler {
  return async (err, c) => {
    const requestId = requestIdOf(c);
    let e = toApiError(err);
    if (e?.code === "malformed_json") e = await explainMalformedJson(c);
    if (!e) {
      log(`request ${requestId} failed: ${c.req.method} ${c.req.path}`, err);
      e = new ApiError(
        "internal",
        `something went wrong on our side; quote request id ${requestId} when reporting it`,
      );
    }
    return c.json(errorBody(e, requestId), e.status);
  };
}

/** Where the JSON breaks, from the body text hono has already read and kept. */
async function explainMalformedJson(c: Context): Promise<ApiError> {
  const text = await c.req.text().catch(() => "");
  if (text.trim() === "") return new ApiError("malformed_json", "the body is empty: send a JSON object");
  try {
    JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    const at = /position (\d+)/.exec(message);
    if (at) {
      const char = Number(at[1]) + 1; // JSON.parse counts from 0, people from 1
      return new ApiError("malformed_json", `the body is not valid JSON: it breaks at character ${char}`);
    }
    if (/end of JSON/.test(message))
      return new ApiError(
        "malformed_json",
        "the body is not valid JSON: it ends before the JSON is complete",
      );
  }
  return new ApiError("malformed_json", "the body is not valid JSON");
}

export function notFoundHandler(requestIdOf: (c: Context) => string): NotFoundHandler {
  return (c) => {
    const e = new ApiError("not_found", `there is no route ${c.req.method} ${c.req.path}; see /docs`);
    return c.json(errorBody(e, requestIdOf(c)), 404);
  };
}
