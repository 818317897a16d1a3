// An orders file sent over the API (POST /v1/imports/orders), in the format `patron import orders` reads. The
// text is checked whole, then taken through the CLI import's own path (importEvents: each day's orders read
// ahead together as a batch chunk is, the day jobs run before each day, returns after their orders), all inside
// the caller's one transaction, so a bad line, or an event the server refuses, writes nothing. Every order is
// taken once by (tenant, source, order id), every return by (tenant, source, `return:<order id>:<n>`): a file
// sent again, or imported before by `patron import orders` with the same source, changes nothing.
// Errors: ApiError validation_failed naming the line and column (`line 3, quantity: …`), payload_too_large.
import { createHash } from "node:crypto";
import type { OrderRow } from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { CsvInputError, parseOrdersText } from "./csv.ts";
import { eventsOf, ImportError, importEventsCounted } from "./service.ts";
import { problemAt, refused, within } from "./upload.ts";

/** The most lines (CSV rows) one request may carry; a bigger file goes through `patron import orders`. */
export const MAX_ORDER_UPLOAD_LINES = 20_000;

export interface OrderUploadReport {
  source: string;
  /** Order and return lines in the file. */
  lines: number;
  /** Orders taken by this request, and those found taken before (which changed nothing). */
  orders: { taken: number; seen: number };
  /** Returns, counted as orders are. */
  returns: { taken: number; seen: number };
}

function parse(text: string): OrderRow[] {
  try {
    return parseOrdersText(text, "orders");
  } catch (e) {
    if (e instanceof CsvInputError) throw refused(e);
    throw e;
  }
}

function located(e: ImportError): ApiError {
  const at = problemAt(e.line, e.field);
  return new ApiError("validation_failed", at === "" ? e.message : `${at}: ${e.message}`, "csv");
}

/**
 * Checks the orders CSV `text` whole, then takes its orders and returns inside `tx` (the caller's transaction),
 * priced by the tenant's published program. Throws ApiError naming the line and column of a problem, found
 * before or while writing; the caller's rollback then leaves nothing.
 */
export async function importOrderUpload(
  tx: Queryable,
  dbKind: Db["kind"],
  tenantId: string,
  source: string,
  text: string,
): Promise<OrderUploadReport> {
  if (text.trim() === "") throw new ApiError("validation_failed", "the file is empty", "csv");
  const rows = parse(text);
  if (rows.length === 0) throw new ApiError("validation_failed", "the file has a header and no rows", "csv");
  if (rows.length > MAX_ORDER_UPLOAD_LINES)
    throw new ApiError(
      "payload_too_large",
      `the file has ${rows.length} lines; at most ${MAX_ORDER_UPLOAD_LINES} a request (split it by date, or use patron import orders)`,
      "csv",
    );
  // The id `patron import orders --source SOURCE` gives the same bytes: a file loaded either way is skipped.
  const hash = createHash("sha256").update(text, "utf8").digest("hex");
  const file = { id: `orders:${source}:${hash}`, name: "orders.csv (API)" };
  try {
    const events = await eventsOf(tx, tenantId, rows);
    const report = await importEventsCounted(within(tx, dbKind), tenantId, source, file, events);
    return { source, lines: rows.length, orders: report.orders, returns: report.returns };
  } catch (e) {
    if (e instanceof ImportError) throw located(e);
    throw e;
  }
}
