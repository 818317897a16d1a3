// How the analytics routes answer: their domain errors as API errors, and a report as JSON or as a CSV file.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../../db/db.ts";
import type { AppEnv } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import type { Principal } from "../tenants/service.ts";
import { type CsvFormat, csvHeaders } from "./csv.ts";
import { AnalyticsError } from "./service.ts";

/** A domain error of analytics as the API answers it. */
export function analyticsError(e: unknown): unknown {
  if (!(e instanceof AnalyticsError)) return e;
  return e.code === "no_program"
    ? new ApiError("conflict", e.message, e.field)
    : new ApiError("validation_failed", e.message, e.field);
}

/** A report as a CSV file: its name without the extension, and its text. */
export interface CsvFile {
  name: string;
  text: string;
}

/**
 * The report `read` gives, as JSON, or with `format` csv or 1c as the file `toFile` makes of it (named after
 * the report's period); a domain error of analytics becomes the API's.
 */
export async function reportAnswer<R extends object>(
  c: Context,
  format: "json" | CsvFormat,
  read: () => Promise<R>,
  toFile: (r: R, format: CsvFormat) => CsvFile,
): Promise<Response> {
  let r: R;
  try {
    r = await read();
  } catch (e) {
    throw analyticsError(e);
  }
  if (format === "json") return c.json(r, 200);
  const file = toFile(r, format);
  return c.text(file.text, 200, csvHeaders(file.name, format));
}

/** `json` (the default), `csv`, or `1c`: the CSV variant for 1C and other accounting systems. */
export const Format = z
  .enum(["json", "csv", "1c"])
  .default("json")
  .openapi({ description: "json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM)" });

/** A report's GET route: who reads it, its query (with `format`), its JSON schema, and how it is read and filed. */
export interface ReportSpec<
  Q extends z.ZodObject<{ format: z.ZodDefault<z.ZodEnum<Formats>> }>,
  R extends object,
> {
  path: string;
  summary: string;
  description: string;
  readers: readonly Role[];
  query: Q;
  schema: z.ZodType;
  /** What the 200 answer is, in a few words. */
  answer: string;
  read: (principal: Principal, q: Omit<z.infer<Q>, "format">) => Promise<R>;
  file: (r: R, format: CsvFormat) => CsvFile;
}

type Formats = { json: "json"; csv: "csv"; "1c": "1c" };

/** Adds a report's route to `app`: JSON by default, a CSV file with `format=csv` or `1c`. */
export function reportRoute<
  Q extends z.ZodObject<{ format: z.ZodDefault<z.ZodEnum<Formats>> }>,
  R extends object,
>(app: OpenAPIHono<AppEnv>, db: Db, spec: ReportSpec<Q, R>): void {
  const route = createRoute({
    method: "get",
    path: spec.path,
    tags: ["Analytics"],
    summary: spec.summary,
    description: spec.description,
    security: [{ bearer: [] }],
    middleware: [authenticate(db), requireRole(spec.readers)] as const,
    request: { query: spec.query },
    responses: {
      200: {
        description: spec.answer,
        content: { "application/json": { schema: spec.schema }, "text/csv": { schema: z.string() } },
      },
      ...errorResponses(401, 403, 409, 422),
    },
  });
  app.openapi(route, async (c) => {
    const { format, ...q } = c.req.valid("query" as never) as z.infer<Q>;
    return reportAnswer(c, format, () => spec.read(c.get("principal"), q), spec.file);
  });
}
