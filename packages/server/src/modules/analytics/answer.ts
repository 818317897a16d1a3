// How the analytics routes answer: their domain errors as API errors, and a report as JSON or as a CSV file.
import type { Context } from "hono";
import { ApiError } from "../../http/errors.ts";
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
