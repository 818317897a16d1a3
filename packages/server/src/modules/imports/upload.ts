// Imports of a whole CSV file sent over the API (companies, contacts), in the formats `patron import` reads. The
// text is checked whole before anything is written, then written in the caller's one transaction, so a bad file
// writes nothing. A file imported before (the same bytes, by the API or by `patron import`) is found by its hash
// and skipped whole: sending it again changes nothing.
// Errors: ApiError validation_failed naming the line and column (`line 3, joined_on: …`), payload_too_large.
import { createHash } from "node:crypto";
import type { CompanyRow } from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { pgArray } from "../ledger/service.ts";
import { importContacts } from "./contacts.ts";
import { CsvInputError, type CsvProblem, parseCompaniesText, parseContactsText } from "./csv.ts";
import { ImportError, type ImportReport, importCompanyStream } from "./service.ts";

export const UPLOAD_KINDS = ["companies", "contacts"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** The most rows one request may carry (a bigger file goes through `patron import`, batch by batch). */
export const MAX_UPLOAD_ROWS = 20_000;
/** The most problems an answer lists; the first one is named in full. */
const LISTED_PROBLEMS = 20;

/** Where a problem is: `line 3, joined_on` (or `line 3` for the whole row, nothing for the whole file). */
export function problemAt(line: number, field: string | null): string {
  if (line <= 0) return "";
  return field === null ? `line ${line}` : `line ${line}, ${field}`;
}

/** CSV problems as one bad-input answer: every problem (up to a bound) by line and column. */
export function refused(e: CsvInputError): ApiError {
  const shown = e.errors.slice(0, LISTED_PROBLEMS).map((p: CsvProblem) => {
    const at = problemAt(p.line, p.field);
    return at === "" ? p.message : `${at}: ${p.message}`;
  });
  const more = e.errors.length - shown.length;
  const tail = more > 0 || e.truncated ? `; and ${more > 0 ? more : "more"} other problems` : "";
  return new ApiError("validation_failed", `${shown.join("; ")}${tail}`, "csv");
}

function parse(kind: UploadKind, text: string) {
  try {
    return kind === "companies"
      ? { kind, rows: parseCompaniesText(text, kind) }
      : { kind, rows: parseContactsText(text, kind) };
  } catch (e) {
    if (e instanceof CsvInputError) throw refused(e);
    throw e;
  }
}

/** A parent company must be in the file or the tenant's already (the database would refuse it only at commit). */
async function checkParents(tx: Queryable, tenantId: string, rows: readonly CompanyRow[]): Promise<void> {
  const inFile = new Set(rows.map((r) => r.companyId));
  const named = [
    ...new Set(rows.flatMap((r) => (r.parentId === null || inFile.has(r.parentId) ? [] : [r.parentId]))),
  ];
  if (named.length === 0) return;
  const found = await tx.query<{ id: string }>(
    "SELECT id FROM members WHERE tenant_id = $1 AND id = ANY($2::text[])",
    [tenantId, pgArray(named)],
  );
  const known = new Set(found.rows.map((r) => r.id));
  const orphan = rows.find((r) => r.parentId !== null && !inFile.has(r.parentId) && !known.has(r.parentId));
  if (orphan)
    throw new ApiError(
      "validation_failed",
      `line ${orphan.fileLine}, parent_id: there is no company ${JSON.stringify(orphan.parentId)}`,
      "csv",
    );
}

/**
 * A database whose every statement and "transaction" runs inside `tx`: an import written all or nothing. No
 * savepoints: an import's many steps (a day job's each day) would overflow the server's cache of
 * subtransactions and slow every other session's reads; a statement that fails fails the whole request.
 */
export function within(tx: Queryable, kind: Db["kind"]): Db {
  return {
    kind,
    query: (sql, params) => tx.query(sql, params),
    transaction: (fn) => fn(tx),
    exec: () => Promise.reject(new Error("an import inside a transaction runs no scripts")),
    close: () => Promise.reject(new Error("an import inside a transaction does not close the database")),
  };
}

/**
 * Checks the CSV `text` of `kind` whole, then writes it inside `tx` (the caller's transaction). Throws ApiError
 * naming the line and column of each problem, before or while writing; the caller's rollback then leaves nothing.
 */
export async function importUpload(
  tx: Queryable,
  dbKind: Db["kind"],
  tenantId: string,
  kind: UploadKind,
  text: string,
): Promise<ImportReport> {
  if (text.trim() === "") throw new ApiError("validation_failed", "the file is empty", "csv");
  const parsed = parse(kind, text);
  if (parsed.rows.length === 0)
    throw new ApiError("validation_failed", "the file has a header and no rows", "csv");
  if (parsed.rows.length > MAX_UPLOAD_ROWS)
    throw new ApiError(
      "payload_too_large",
      `the file has ${parsed.rows.length} rows; at most ${MAX_UPLOAD_ROWS} a request (split it, or use patron import)`,
      "csv",
    );
  // The id `patron import` gives the same bytes, so a file loaded either way is skipped the other way.
  const hash = createHash("sha256").update(text, "utf8").digest("hex");
  const file = { id: `${kind}:import:${hash}`, name: `${kind}.csv (API)` };
  if (parsed.kind === "companies") await checkParents(tx, tenantId, parsed.rows);
  const db = within(tx, dbKind);
  try {
    return parsed.kind === "companies"
      ? await importCompanyStream(db, tenantId, file, parsed.rows.length, [parsed.rows])
      : await importContacts(db, tenantId, file, parsed.rows.length, [parsed.rows]);
  } catch (e) {
    if (e instanceof ImportError) {
      const at = problemAt(e.line, e.field);
      throw new ApiError("validation_failed", at === "" ? e.message : `${at}: ${e.message}`, "csv");
    }
    throw e;
  }
}
