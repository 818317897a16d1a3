// The error vocabulary: every code has a status, validation names the first failing field with a message a
// person can act on, and an unexpected crash answers `internal` with nothing of the crash in it.
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { LedgerError } from "../modules/ledger/service.ts";
import { newRouter } from "./context.ts";
import {
  ApiError,
  ERROR_CODES,
  errorHandler,
  fieldPath,
  httpStatus,
  toApiError,
  validationError,
} from "./errors.ts";
import { call, type ErrorAnswer } from "./testing.ts";

describe("error codes", () => {
  it("each maps to one 4xx status, except internal which is the only 500", () => {
    for (const code of ERROR_CODES) {
      const status = httpStatus(code);
      if (code === "internal") expect(status).toBe(500);
      else expect(status >= 400 && status < 500, code).toBe(true);
    }
  });

  it("ledger errors keep their code", () => {
    expect(toApiError(new LedgerError("insufficient_points", "too few", "wallet:C1"))?.code).toBe(
      "insufficient_points",
    );
    expect(toApiError(new LedgerError("unknown_account", "no such", "wallet:X"))?.status).toBe(422);
    expect(toApiError(new LedgerError("bad_posting", "zero"))?.code).toBe("validation_failed");
    expect(toApiError(new Error("boom"))).toBeNull();
  });
});

describe("validation errors", () => {
  const Order = z.strictObject({
    email: z.email(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).max(3),
    note: z.string().max(5).optional(),
  });
  const first = (input: unknown) => {
    const r = Order.safeParse(input);
    if (r.success) throw new Error("expected a failure");
    return validationError(r.error.issues, input);
  };
  const ok = { email: "a@b.example", lines: [{ sku: "A", quantity: 1 }] };

  it("name nested fields with indexes", () => {
    expect(fieldPath(["lines", 2, "quantity"])).toBe("lines[2].quantity");
    const e = first({ ...ok, lines: [ok.lines[0], ok.lines[0], { sku: "C", quantity: 0 }] });
    expect(e).toMatchObject({ code: "validation_failed", field: "lines[2].quantity" });
    expect(e.message).toBe("lines[2].quantity must be more than 0");
  });

  it("tell a missing field from a wrong one", () => {
    expect(first({ lines: [] }).message).toMatch(/^email is required/);
    expect(first({ ...ok, email: 7 }).message).toBe("email must be a string");
    expect(first({ ...ok, email: "nope" }).message).toBe("email must be an email address");
  });

  it("say in words what a pattern wants: the schema's own words, plain words for common ones, else the pattern", () => {
    const of = (schema: z.ZodType, value: unknown) => {
      const r = schema.safeParse(value);
      if (r.success) throw new Error("expected a failure");
      return validationError(r.error.issues, value).message;
    };
    expect(of(z.string().regex(/^\d{1,15}(\.\d+)?$/), "-500")).toBe(
      'the body must be a decimal number not below zero, such as "1250" or "99.90"',
    );
    expect(of(z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), { on: "1 May" })).toBe(
      "on must be a date as YYYY-MM-DD",
    );
    expect(of(z.string().regex(/^https?:\/\/[^\s]+$/, "an http or https address"), "javascript:x")).toBe(
      "the body must be an http or https address",
    );
    expect(of(z.string().regex(/^[a-z]+$/), "A")).toBe("the body must match /^[a-z]+$/");
  });

  it("name an unknown field, and count the other problems", () => {
    const e = first({ ...ok, emial: "x" });
    expect(e.field).toBe("emial");
    expect(e.message).toBe("emial is not a field of this request");
    const many = first({ lines: "x", note: "too long" });
    expect(many.field).toBe("email");
    expect(many.message).toBe("email is required (and 2 more problems)");
  });

  it("say the bound that was crossed", () => {
    expect(first({ ...ok, note: "far too long" }).message).toBe("note must be at most 5 characters long");
    expect(first({ ...ok, lines: Array(4).fill(ok.lines[0]) }).message).toBe(
      "lines must be at most 3 items long",
    );
  });
});

describe("the error handler", () => {
  function appThatThrows(error: unknown) {
    const logged: string[] = [];
    const app = newRouter();
    app.use("*", async (c, next) => {
      c.set("requestId", "req_fixed");
      await next();
    });
    app.onError(
      errorHandler(
        (message) => logged.push(message),
        () => "req_fixed",
      ),
    );
    app.openapi(
      createRoute({
        method: "get",
        path: "/fail",
        responses: {
          200: { description: "never", content: { "application/json": { schema: z.object({}) } } },
        },
      }),
      () => {
        throw error;
      },
    );
    return { app, logged };
  }

  it("answers an unexpected error as internal with the request id, logs it, and leaks nothing", async () => {
    const { app, logged } = appThatThrows(new Error("connection to 10.0.0.5 refused: password=hunter2"));
    const r = await call<ErrorAnswer>(app, "GET", "/fail");
    expect(r.status).toBe(500);
    expect(r.body.error).toMatchObject({ code: "internal", field: null, requestId: "req_fixed" });
    expect(JSON.stringify(r.body)).not.toMatch(/hunter2|10\.0\.0\.5|Error|at /);
    expect(logged).toEqual(["request req_fixed failed: GET /fail"]);
  });

  it("answers an ApiError with its code, status and field", async () => {
    const { app, logged } = appThatThrows(new ApiError("conflict", "already there", "email"));
    const r = await call<ErrorAnswer>(app, "GET", "/fail");
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      error: { code: "conflict", message: "already there", field: "email", requestId: "req_fixed" },
    });
    expect(logged).toEqual([]);
  });
});
