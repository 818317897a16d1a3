// Reads Patron's public CSV input formats (orders, companies, contacts) into typed rows with exact units, for
// the CLI (files, streamed) and the API (a request's text). Text and file readers share one record sink, so a
// file gives the same rows and errors as its text.

import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { CompanyRow, OrderRow } from "@patron/engine";
import { CsvError, type Options as CsvOptions, Parser } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { ContactRow } from "./contacts.ts";

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface CsvProblem {
  /** The file name as given to the reader. */
  file: string;
  /** 1-based physical line in the file (header = 1); for a row, the line the row starts on. */
  line: number;
  /** The column name, or null for a problem with the whole row or file. */
  field: string | null;
  message: string;
}

/** At most this many problems are collected; reading stops at the first one beyond. */
export const MAX_ERRORS = 100;

/** Every problem found in one CSV file. Thrown instead of returning any rows. */
export class CsvInputError extends Error {
  readonly errors: CsvProblem[];
  /** True when reading stopped after MAX_ERRORS problems; there may be more. */
  readonly truncated: boolean;

  constructor(errors: CsvProblem[], truncated = false) {
    super(formatErrors(errors, truncated));
    this.name = "CsvInputError";
    this.errors = errors;
    this.truncated = truncated;
  }
}

export function formatProblem(p: CsvProblem): string {
  if (p.line === 0) return `${p.file}: ${p.message}`;
  return p.field === null
    ? `${p.file} line ${p.line}: ${p.message}`
    : `${p.file} line ${p.line}, field ${p.field}: ${p.message}`;
}

function formatErrors(errors: CsvProblem[], truncated: boolean): string {
  const file = errors[0]?.file ?? "CSV input";
  const count = `${errors.length}${truncated ? "+" : ""} problem${errors.length === 1 ? "" : "s"}`;
  const lines = errors.map((e) => `  ${formatProblem(e)}`);
  if (truncated) lines.push(`  (stopped after ${MAX_ERRORS} problems; fix these and run again)`);
  return `${count} in ${file}:\n${lines.join("\n")}`;
}

/** Thrown through csv-parse to stop reading; never escapes this module. */
class StopReading extends Error {}

class Problems {
  readonly list: CsvProblem[] = [];
  truncated = false;

  constructor(readonly file: string) {}

  /** Records a problem; throws StopReading once the cap is passed. */
  add(line: number, field: string | null, message: string): void {
    if (this.list.length >= MAX_ERRORS) {
      this.truncated = true;
      throw new StopReading();
    }
    this.list.push({ file: this.file, line, field, message });
  }

  /** Records a problem found after reading stopped; never throws. */
  note(line: number, field: string | null, message: string): void {
    if (this.list.length >= MAX_ERRORS) this.truncated = true;
    else this.list.push({ file: this.file, line, field, message });
  }

  toError(): CsvInputError {
    return new CsvInputError(this.list, this.truncated);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Exact scalar parsing (no floats, no regex on the hot path)

const C0 = 48; // "0"
const C9 = 57; // "9"
const DOT = 46;

/**
 * Parses a non-negative decimal ("127.50", "10", "0.5") into integer minor units with `digits` decimals,
 * exactly: parseDecimalToMinor("127.5", 2) = 12750. Null when `text` is not a plain non-negative decimal
 * (digits, optionally a dot and 1..`digits` digits; no sign, spaces, exponent or grouping), has more than
 * `digits` decimals, or the result is not a safe integer.
 */
export function parseDecimalToMinor(text: string, digits: number): number | null {
  const len = text.length;
  let value = 0;
  let i = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) break;
    if (c < C0 || c > C9) return null;
    value = value * 10 + (c - C0);
  }
  if (i === 0) return null; // empty or starts with a dot
  let decimals = 0;
  if (i < len) {
    i++; // skip the dot
    if (i === len) return null; // "10."
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < C0 || c > C9) return null;
      if (++decimals > digits) return null;
      value = value * 10 + (c - C0);
    }
  }
  for (; decimals < digits; decimals++) value *= 10;
  return Number.isSafeInteger(value) ? value : null;
}

/** A non-negative whole number written with digits only; null otherwise. */
function parseWholeNumber(text: string): number | null {
  const len = text.length;
  if (len === 0) return null;
  let value = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < C0 || c > C9) return null;
    value = value * 10 + (c - C0);
  }
  return Number.isSafeInteger(value) ? value : null;
}

const DECIMAL_SHAPE = /^\d+(\.\d+)?$/;

/** Why `text` is not a decimal acceptable to parseDecimalToMinor (only called on the error path). */
function explainBadDecimal(text: string, digits: number, what: string): string {
  const q = JSON.stringify(text);
  const t = text.trim();
  if (t !== text && parseDecimalToMinor(t, digits) !== null) return `${q} has spaces around the number`;
  if (t.startsWith("-") && DECIMAL_SHAPE.test(t.slice(1)))
    return `${q} is negative; ${what} cannot be negative`;
  if (DECIMAL_SHAPE.test(t)) {
    const decimals = t.length - t.indexOf(".") - 1;
    if (t.includes(".") && decimals > digits) {
      return digits === 0
        ? `${q} has decimals; ${what} must be a whole number`
        : `${q} has ${decimals} decimal places; at most ${digits} allowed`;
    }
    return `${q} is too large`;
  }
  if (/^[+-]?\d+,\d+$/.test(t)) return `${q} is not a number (use a dot as the decimal separator)`;
  return `${q} is not a number`;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i); // NaN past the end
  return c >= C0 && c <= C9;
}

function twoDigits(s: string, i: number): number {
  return (s.charCodeAt(i) - C0) * 10 + (s.charCodeAt(i + 1) - C0);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DATE_SHAPE = "expected an ISO date YYYY-MM-DD";
const DATE_TIME_SHAPE = "expected an ISO date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]";

/**
 * Checks an ISO date (`2026-03-01`) or, when `allowTime`, a date-time as the engine reads it:
 * `2026-03-01T08:26`, `…T08:26:00`, `…T08:26:00.123`, each optionally with `Z`, `±HH:MM` or `±HHMM`
 * (a space may stand for the T). Returns null when valid, else what is wrong.
 */
export function checkIsoDate(s: string, allowTime: boolean): string | null {
  const len = s.length;
  const shapeError = allowTime ? DATE_TIME_SHAPE : DATE_SHAPE;
  if (
    len < 10 ||
    !isDigitAt(s, 0) ||
    !isDigitAt(s, 1) ||
    !isDigitAt(s, 2) ||
    !isDigitAt(s, 3) ||
    s.charCodeAt(4) !== 45 ||
    !isDigitAt(s, 5) ||
    !isDigitAt(s, 6) ||
    s.charCodeAt(7) !== 45 ||
    !isDigitAt(s, 8) ||
    !isDigitAt(s, 9)
  ) {
    return shapeError;
  }
  if (len > 10) {
    if (!allowTime) return shapeError;
    const sep = s.charCodeAt(10);
    if (
      (sep !== 84 && sep !== 32) || // "T" or " "
      !isDigitAt(s, 11) ||
      !isDigitAt(s, 12) ||
      s.charCodeAt(13) !== 58 ||
      !isDigitAt(s, 14) ||
      !isDigitAt(s, 15)
    ) {
      return shapeError;
    }
    if (twoDigits(s, 11) > 23 || twoDigits(s, 14) > 59) return "the time of day is out of range";
    let i = 16;
    if (s.charCodeAt(i) === 58) {
      if (!isDigitAt(s, i + 1) || !isDigitAt(s, i + 2)) return shapeError;
      if (twoDigits(s, i + 1) > 59) return "the seconds are out of range";
      i += 3;
      if (s.charCodeAt(i) === DOT) {
        i++;
        if (!isDigitAt(s, i)) return shapeError;
        while (isDigitAt(s, i)) i++;
      }
    }
    if (i < len) {
      const z = s.charCodeAt(i);
      if (z === 90 && i + 1 === len) {
        // "Z"
      } else if (z === 43 || z === 45) {
        // "+HH:MM", "-HH:MM", "+HHMM"
        const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
        if (
          i + 5 + colon !== len ||
          !isDigitAt(s, i + 1) ||
          !isDigitAt(s, i + 2) ||
          !isDigitAt(s, i + 3 + colon) ||
          !isDigitAt(s, i + 4 + colon)
        ) {
          return shapeError;
        }
        if (twoDigits(s, i + 1) > 23 || twoDigits(s, i + 3 + colon) > 59)
          return "the UTC offset is out of range";
      } else {
        return shapeError;
      }
    }
  }
  const y = (s.charCodeAt(0) - C0) * 1000 + (s.charCodeAt(1) - C0) * 100 + twoDigits(s, 2);
  const m = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return "not a real calendar date";
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Shared record handling: header mapping, physical line counting, per-field checks

/** Receives raw records (arrays of strings) in file order. */
interface RecordSink {
  header(fields: string[], line: number): void;
  record(fields: string[], line: number): void;
  /** After the last record: checks that need the whole file. */
  finish?(): void;
}

/** Number of line breaks (\r\n, \n or a lone \r) inside a field. */
function lineBreaks(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * Feeds csv-parse records to a sink, tracking the physical line each record starts on. (csv-parse's own
 * `info.lines` counts a \r\n inside a quoted field as two lines, so lines are counted here instead.)
 * Empty lines reach here as a single empty field and are skipped, but counted.
 */
class LineTracker {
  /** The line the next record starts on. */
  nextLine = 1;
  private sawHeader = false;
  private columnNames: string[] = [];

  constructor(
    private readonly sink: RecordSink,
    private readonly problems: Problems,
  ) {}

  onRecord(fields: string[]): void {
    const line = this.nextLine;
    let breaks = 0;
    let badUtf8 = -1;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as string;
      if (f.indexOf("\n") !== -1 || f.indexOf("\r") !== -1) breaks += lineBreaks(f);
      if (badUtf8 < 0 && f.indexOf("\uFFFD") !== -1) badUtf8 = i;
    }
    this.nextLine = line + 1 + breaks;
    if (fields.length === 1 && fields[0] === "") return; // empty line
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.columnNames = fields.map((name) => name.trim().toLowerCase());
      this.sink.header(fields, line);
    } else if (badUtf8 >= 0) {
      const field = this.columnNames[badUtf8] || null;
      this.problems.add(line, field, "has bytes that are not valid UTF-8 (save the file as UTF-8)");
    } else {
      this.sink.record(fields, line);
    }
  }

  finish(): void {
    if (!this.sawHeader) this.problems.note(1, null, "the file is empty; expected a header line first");
    else this.sink.finish?.();
  }
}

const CSV_OPTIONS: CsvOptions = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: false,
};

/** Names of columns in the header, trimmed and lower-cased, with their positions. */
function mapHeader(
  fields: string[],
  line: number,
  required: readonly string[],
  optional: readonly string[],
  problems: Problems,
): Map<string, number> {
  const byName = new Map<string, number>();
  for (let i = 0; i < fields.length; i++) {
    const name = (fields[i] as string).trim().toLowerCase();
    if (name === "") continue;
    if (byName.has(name)) {
      if (required.includes(name) || optional.includes(name)) {
        problems.add(line, name, `column "${name}" appears more than once in the header`);
      }
      continue;
    }
    byName.set(name, i);
  }
  for (const name of required) {
    if (!byName.has(name)) {
      problems.add(
        line,
        name,
        `required column "${name}" is missing from the header (found: ${fields.join(",")})`,
      );
    }
  }
  return byName;
}

abstract class RowSink<Row> implements RecordSink {
  readonly rows: Row[] = [];
  protected width = 0;
  protected line = 0;
  /** Whether the current row has a problem (so it is not kept). */
  protected bad = false;

  constructor(protected readonly problems: Problems) {}

  protected abstract readonly required: readonly string[];
  protected abstract readonly optional: readonly string[];
  protected abstract bind(columns: Map<string, number>): void;
  protected abstract build(f: string[]): Row;

  header(fields: string[], line: number): void {
    const before = this.problems.list.length;
    const columns = mapHeader(fields, line, this.required, this.optional, this.problems);
    // Rows cannot be read against a broken header: stop at once with what the header has.
    if (this.problems.list.length > before) throw new StopReading();
    this.width = fields.length;
    this.bind(columns);
  }

  record(fields: string[], line: number): void {
    if (fields.length !== this.width) {
      this.problems.add(
        line,
        null,
        `the row has ${fields.length} fields but the header has ${this.width} (an unquoted comma in a value?)`,
      );
      return;
    }
    this.line = line;
    this.bad = false;
    const row = this.build(fields);
    if (!this.bad) this.rows.push(row);
  }

  protected fail(field: string, message: string): void {
    this.bad = true;
    this.problems.add(this.line, field, message);
  }

  protected requiredText(f: string[], i: number, name: string): string {
    const v = f[i] as string;
    if (v === "") this.fail(name, "is required but empty");
    return v;
  }

  protected optionalText(f: string[], i: number): string | null {
    if (i < 0) return null;
    const v = f[i] as string;
    return v === "" ? null : v;
  }

  protected optionalDate(f: string[], i: number, name: string): string | null {
    if (i < 0) return null;
    const v = f[i] as string;
    if (v === "") return null;
    const why = checkIsoDate(v, false);
    if (why !== null) this.fail(name, `${JSON.stringify(v)} is not a valid date: ${why}`);
    return v;
  }

  protected optionalWhole(f: string[], i: number, name: string): number | null {
    if (i < 0) return null;
    const v = f[i] as string;
    if (v === "") return null;
    const n = parseWholeNumber(v);
    if (n === null) this.fail(name, explainBadDecimal(v, 0, name));
    return n;
  }
}

function col(columns: Map<string, number>, name: string): number {
  return columns.get(name) ?? -1;
}

// ---------------------------------------------------------------------------------------------------------
// Orders

export const ORDER_REQUIRED_COLUMNS = [
  "event",
  "order_id",
  "date",
  "company_id",
  "contact_id",
  "sku",
  "category",
  "quantity",
  "unit_price",
  "unit_cost",
  "points_to_redeem",
  "promo_code",
] as const;
export const ORDER_OPTIONAL_COLUMNS = [
  "paid_on",
  "term_months",
  "partner_id",
  "sales_rep_id",
  "line_id",
] as const;

export interface ReadOrdersOptions {
  /** Decimals of the currency's minor unit (2 for kopecks/cents, 0 for yen). Default 2. */
  minorDigits?: number;
}

export interface ReadOrdersFileOptions extends ReadOrdersOptions {
  /** Called as the file is read, with bytes read so far and the file size (compressed bytes for .gz). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

class OrderSink extends RowSink<OrderRow> {
  protected readonly required = ORDER_REQUIRED_COLUMNS;
  protected readonly optional = ORDER_OPTIONAL_COLUMNS;
  private iEvent = -1;
  private iOrderId = -1;
  private iDate = -1;
  private iCompanyId = -1;
  private iContactId = -1;
  private iSku = -1;
  private iCategory = -1;
  private iQuantity = -1;
  private iUnitPrice = -1;
  private iUnitCost = -1;
  private iPoints = -1;
  private iPromo = -1;
  private iPaidOn = -1;
  private iTermMonths = -1;
  private iPartnerId = -1;
  private iSalesRepId = -1;
  private iLineId = -1;

  constructor(
    problems: Problems,
    private readonly minorDigits: number,
  ) {
    super(problems);
  }

  protected bind(c: Map<string, number>): void {
    this.iEvent = col(c, "event");
    this.iOrderId = col(c, "order_id");
    this.iDate = col(c, "date");
    this.iCompanyId = col(c, "company_id");
    this.iContactId = col(c, "contact_id");
    this.iSku = col(c, "sku");
    this.iCategory = col(c, "category");
    this.iQuantity = col(c, "quantity");
    this.iUnitPrice = col(c, "unit_price");
    this.iUnitCost = col(c, "unit_cost");
    this.iPoints = col(c, "points_to_redeem");
    this.iPromo = col(c, "promo_code");
    this.iPaidOn = col(c, "paid_on");
    this.iTermMonths = col(c, "term_months");
    this.iPartnerId = col(c, "partner_id");
    this.iSalesRepId = col(c, "sales_rep_id");
    this.iLineId = col(c, "line_id");
  }

  protected build(f: string[]): OrderRow {
    const event = f[this.iEvent] as string;
    if (event !== "order" && event !== "return") {
      this.fail(
        "event",
        event === ""
          ? `is required but empty (expected "order" or "return")`
          : `${JSON.stringify(event)} is not a valid event (expected "order" or "return")`,
      );
    }
    const orderId = this.requiredText(f, this.iOrderId, "order_id");
    const date = f[this.iDate] as string;
    if (date === "") this.fail("date", "is required but empty");
    else {
      const why = checkIsoDate(date, true);
      if (why !== null) this.fail("date", `${JSON.stringify(date)} is not a valid date: ${why}`);
    }
    const companyId = this.requiredText(f, this.iCompanyId, "company_id");
    const sku = this.requiredText(f, this.iSku, "sku");
    return {
      fileLine: this.line,
      event: event as OrderRow["event"],
      orderId,
      date,
      companyId,
      contactId: this.optionalText(f, this.iContactId),
      sku,
      category: f[this.iCategory] as string,
      quantityMilli: this.quantity(f[this.iQuantity] as string),
      unitPriceMinor: this.price(f[this.iUnitPrice] as string, "unit_price") ?? 0,
      unitCostMinor:
        (f[this.iUnitCost] as string) === "" ? null : this.price(f[this.iUnitCost] as string, "unit_cost"),
      pointsToRedeem: this.optionalWhole(f, this.iPoints, "points_to_redeem"),
      promoCode: this.optionalText(f, this.iPromo),
      paidOn: this.optionalDate(f, this.iPaidOn, "paid_on"),
      termMonths: this.optionalWhole(f, this.iTermMonths, "term_months"),
      partnerId: this.optionalText(f, this.iPartnerId),
      salesRepId: this.optionalText(f, this.iSalesRepId),
      lineId: this.optionalText(f, this.iLineId),
    };
  }

  private quantity(v: string): number {
    const q = parseDecimalToMinor(v, 3);
    if (q !== null && q > 0) return q;
    if (v === "") this.fail("quantity", "is required but empty");
    else if (q === 0) this.fail("quantity", `${JSON.stringify(v)} is not a positive quantity`);
    else if (v.trim().startsWith("-"))
      this.fail("quantity", `${JSON.stringify(v)} is not a positive quantity`);
    else this.fail("quantity", explainBadDecimal(v, 3, "a quantity"));
    return 0;
  }

  private price(v: string, name: string): number | null {
    const p = parseDecimalToMinor(v, this.minorDigits);
    if (p !== null) return p;
    if (v === "") this.fail(name, "is required but empty");
    else this.fail(name, explainBadDecimal(v, this.minorDigits, "a price"));
    return null;
  }
}

function checkMinorDigits(minorDigits: number): number {
  if (!Number.isInteger(minorDigits) || minorDigits < 0 || minorDigits > 8) {
    throw new RangeError(`minorDigits must be a whole number from 0 to 8, got ${minorDigits}`);
  }
  return minorDigits;
}

// ---------------------------------------------------------------------------------------------------------
// Companies

export const COMPANY_REQUIRED_COLUMNS = [
  "company_id",
  "name",
  "tax_id",
  "parent_id",
  "segment",
  "region",
  "joined_on",
] as const;
export const COMPANY_OPTIONAL_COLUMNS = ["enrolled_on"] as const;

// The limits POST /v1/companies sets (companies/routes.ts), written out so that reading a file loads no server
// code: a file may hold no company the API would refuse.
const COMPANY_ID_MAX = 200;
const COMPANY_NAME_MAX = 300;
const TAX_ID_MAX = 50;
const SEGMENT_MAX = 100;
const REGION_MAX = 100;
/** The earliest business date (http/context.ts EARLIEST_DATE): the database refuses year 0. */
const EARLIEST_DATE = "1000-01-01";

class CompanySink extends RowSink<CompanyRow> {
  protected readonly required = COMPANY_REQUIRED_COLUMNS;
  protected readonly optional = COMPANY_OPTIONAL_COLUMNS;
  private readonly seen = new Map<string, number>();
  /** Each good row's parent, for the cycle check once the whole file is read. */
  private readonly parents = new Map<string, { parentId: string; line: number }>();
  private iCompanyId = -1;
  private iName = -1;
  private iTaxId = -1;
  private iParentId = -1;
  private iSegment = -1;
  private iRegion = -1;
  private iJoinedOn = -1;
  private iEnrolledOn = -1;

  protected bind(c: Map<string, number>): void {
    this.iCompanyId = col(c, "company_id");
    this.iName = col(c, "name");
    this.iTaxId = col(c, "tax_id");
    this.iParentId = col(c, "parent_id");
    this.iSegment = col(c, "segment");
    this.iRegion = col(c, "region");
    this.iJoinedOn = col(c, "joined_on");
    this.iEnrolledOn = col(c, "enrolled_on");
  }

  protected build(f: string[]): CompanyRow {
    const companyId = this.requiredText(f, this.iCompanyId, "company_id");
    if (companyId !== "" && this.fits(companyId, "company_id", COMPANY_ID_MAX)) {
      const first = this.seen.get(companyId);
      if (first !== undefined) {
        this.fail("company_id", `${JSON.stringify(companyId)} is a duplicate (first on line ${first})`);
      } else {
        this.seen.set(companyId, this.line);
      }
    }
    // Names and labels are kept trimmed, as the API keeps them. A blank name is no name: a company that came
    // with its first order has none, and its export says so; a name a company has stays.
    const name = (f[this.iName] as string).trim();
    this.fits(name, "name", COMPANY_NAME_MAX);
    const parentId = this.optionalText(f, this.iParentId);
    if (parentId !== null && this.fits(parentId, "parent_id", COMPANY_ID_MAX) && parentId === companyId) {
      this.fail("parent_id", "a company cannot be its own parent");
    }
    const row: CompanyRow = {
      fileLine: this.line,
      companyId,
      name,
      taxId: this.label(f, this.iTaxId, "tax_id", TAX_ID_MAX),
      parentId,
      segment: this.label(f, this.iSegment, "segment", SEGMENT_MAX),
      region: this.label(f, this.iRegion, "region", REGION_MAX),
      joinedOn: this.businessDate(f, this.iJoinedOn, "joined_on"),
      enrolledOn: this.businessDate(f, this.iEnrolledOn, "enrolled_on"),
    };
    if (!this.bad && parentId !== null) this.parents.set(companyId, { parentId, line: this.line });
    return row;
  }

  /** A cycle among the file's own rows, named on the row that closes it (the last one of it in the file). */
  finish(): void {
    // 1: on the walk being made; 2: walked, no cycle through it left to report.
    const state = new Map<string, 1 | 2>();
    for (const start of this.parents.keys()) {
      const path: string[] = [];
      let id: string | undefined = start;
      // Each id joins the path once, so a walk is bounded by the file's rows.
      while (id !== undefined && !state.has(id)) {
        state.set(id, 1);
        path.push(id);
        id = this.parents.get(id)?.parentId;
      }
      if (id !== undefined && state.get(id) === 1) this.noteCycle(path.slice(path.indexOf(id)));
      for (const p of path) state.set(p, 2);
    }
  }

  private noteCycle(cycle: readonly string[]): void {
    let closing = cycle[0] as string;
    for (const id of cycle) {
      if ((this.parents.get(id)?.line ?? 0) > (this.parents.get(closing)?.line ?? 0)) closing = id;
    }
    const { parentId, line } = this.parents.get(closing) as { parentId: string; line: number };
    this.problems.note(
      line,
      "parent_id",
      `${parentId} is a subsidiary of ${closing}: making it the parent would close a cycle`,
    );
  }

  /** Whether `v` has at most `max` characters (as the API counts them); a problem when not. */
  private fits(v: string, name: string, max: number): boolean {
    if (v.length <= max) return true;
    this.fail(name, `is ${v.length} characters long; at most ${max} allowed`);
    return false;
  }

  /** An optional text, trimmed; blank is empty. */
  private label(f: string[], i: number, name: string, max: number): string | null {
    const v = this.optionalText(f, i)?.trim() || null;
    if (v !== null) this.fits(v, name, max);
    return v;
  }

  private businessDate(f: string[], i: number, name: string): string | null {
    const v = this.optionalDate(f, i, name);
    // Only a valid date is compared: a bad one has its problem already.
    if (v !== null && v < EARLIEST_DATE && checkIsoDate(v, false) === null) {
      this.fail(name, `${JSON.stringify(v)} is not a valid date: must be on or after ${EARLIEST_DATE}`);
    }
    return v;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drivers: text (sync) and file (streaming, gzip-aware)

/** Turns a csv-parse error (bad quoting and the like) into a problem on the line being read. */
function addParseError(err: unknown, problems: Problems, tracker: LineTracker): void {
  let message = err instanceof Error ? err.message : String(err);
  switch (errorCode(err)) {
    case "CSV_QUOTE_NOT_CLOSED":
      message = "a quoted field is never closed (a missing closing double quote)";
      break;
    case "CSV_INVALID_OPENING_QUOTE":
      message = 'a double quote inside an unquoted field (quote the whole field and write the quote as "")';
      break;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      message = 'text follows a closing double quote (write a quote inside a quoted field as "")';
      break;
    case "CSV_MAX_RECORD_SIZE":
      message = "a row is too long (an unclosed double quote?)";
      break;
  }
  problems.note(tracker.nextLine, null, message);
}

/** An error's code; csv-parse's codes come with or without their CSV_ prefix, so it is added when missing. */
function errorCode(err: unknown): string {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== "string") return "";
  return err instanceof CsvError && !code.startsWith("CSV_") ? `CSV_${code}` : code;
}

function runText(text: string, problems: Problems, sink: RecordSink): void {
  const tracker = new LineTracker(sink, problems);
  try {
    // on_record keeps records in step with the line count, so a quoting error gets the line it is on.
    parseSync(text, {
      ...CSV_OPTIONS,
      on_record: (fields: string[]) => {
        tracker.onRecord(fields);
        return null;
      },
    });
    tracker.finish();
  } catch (err) {
    if (!(err instanceof StopReading)) addParseError(err, problems, tracker);
  }
  if (problems.list.length > 0) throw problems.toError();
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === GZIP_MAGIC_0 && buf[1] === GZIP_MAGIC_1;
  } finally {
    await fh.close();
  }
}

async function runFile(
  path: string,
  problems: Problems,
  sink: RecordSink,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<void> {
  let gzip: boolean;
  let totalBytes: number;
  try {
    const [isGzip, info] = await Promise.all([isGzipFile(path), stat(path)]);
    gzip = isGzip;
    totalBytes = info.size;
  } catch (err) {
    // A file that cannot be opened is the user's input problem, not a crash.
    const code = errorCode(err);
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code || String(err);
    problems.note(0, null, `cannot read the file (${why})`);
    throw problems.toError();
  }
  const tracker = new LineTracker(sink, problems);
  const source = createReadStream(path);
  if (onProgress) {
    let bytesRead = 0;
    source.on("data", (chunk) => {
      bytesRead += chunk.length;
      onProgress(bytesRead, totalBytes);
    });
  }
  // No on_record here: csv-parse builds an info object for each call, which costs a fifth of the time.
  // The parser emits records synchronously as it parses, so the tracker's line count stays exact.
  const parser = new Parser(CSV_OPTIONS);
  const consume = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(fields: string[], _enc, done) {
      try {
        tracker.onRecord(fields);
      } catch (err) {
        done(err as Error);
        return;
      }
      done();
    },
  });
  try {
    if (gzip) await pipeline(source, createGunzip(), parser, consume);
    else await pipeline(source, parser, consume);
    tracker.finish();
  } catch (err) {
    if (err instanceof StopReading) {
      // reading stopped on purpose
    } else if (errorCode(err).startsWith("CSV_")) {
      addParseError(err, problems, tracker);
    } else if (errorCode(err).startsWith("Z_")) {
      const detail = (err as Error).message;
      problems.note(tracker.nextLine, null, `the gzip data is corrupt or cut short (${detail})`);
    } else {
      throw err;
    }
  }
  if (problems.list.length > 0) throw problems.toError();
}

/** Parses the text of an orders CSV. Throws CsvInputError listing every problem (up to MAX_ERRORS). */
export function parseOrdersText(text: string, fileName: string, opts: ReadOrdersOptions = {}): OrderRow[] {
  const problems = new Problems(fileName);
  const sink = new OrderSink(problems, checkMinorDigits(opts.minorDigits ?? 2));
  runText(text, problems, sink);
  return sink.rows;
}

/** Parses the text of a companies CSV. Throws CsvInputError listing every problem (up to MAX_ERRORS). */
export function parseCompaniesText(text: string, fileName: string): CompanyRow[] {
  const problems = new Problems(fileName);
  const sink = new CompanySink(problems);
  runText(text, problems, sink);
  return sink.rows;
}

/** Reads an orders CSV file (plain or gzip-compressed), streaming. Throws CsvInputError on any problem. */
export async function readOrders(path: string, opts: ReadOrdersFileOptions = {}): Promise<OrderRow[]> {
  const problems = new Problems(path);
  const sink = new OrderSink(problems, checkMinorDigits(opts.minorDigits ?? 2));
  await runFile(path, problems, sink, opts.onProgress);
  return sink.rows;
}

/** Reads a companies CSV file (plain or gzip-compressed), streaming. Throws CsvInputError on any problem. */
export async function readCompanies(path: string): Promise<CompanyRow[]> {
  const problems = new Problems(path);
  const sink = new CompanySink(problems);
  await runFile(path, problems, sink);
  return sink.rows;
}

// ---------------------------------------------------------------------------------------------------------
// Contacts, and reading a file batch by batch

export const CONTACT_REQUIRED_COLUMNS = ["contact_id", "company_id", "name", "email"] as const;
export const CONTACT_OPTIONAL_COLUMNS = [
  "phone",
  "role",
  "circle",
  "position",
  "marketing_consent",
  "active",
] as const;

// The server's lists (CONTACT_ROLES, CIRCLES), written out so that reading a file loads no server code.
export const CONTACT_ROLE_NAMES: readonly string[] = ["company_admin", "buyer"] satisfies NonNullable<
  ContactRow["role"]
>[];
export const CIRCLE_NAMES: readonly string[] = [
  "decision_maker",
  "procurement",
  "accounting",
  "engineering",
  "influencer",
] satisfies NonNullable<ContactRow["circle"]>[];
/** A plain email address: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class ContactSink extends RowSink<ContactRow> {
  protected readonly required = CONTACT_REQUIRED_COLUMNS;
  protected readonly optional = CONTACT_OPTIONAL_COLUMNS;
  private readonly seenIds = new Map<string, number>();
  private readonly seenEmails = new Map<string, number>();
  private i: Record<(typeof CONTACT_REQUIRED_COLUMNS | typeof CONTACT_OPTIONAL_COLUMNS)[number], number> = {
    contact_id: -1,
    company_id: -1,
    name: -1,
    email: -1,
    phone: -1,
    role: -1,
    circle: -1,
    position: -1,
    marketing_consent: -1,
    active: -1,
  };

  protected bind(c: Map<string, number>): void {
    for (const name of Object.keys(this.i) as (keyof typeof this.i)[]) this.i[name] = col(c, name);
  }

  private unique(seen: Map<string, number>, key: string, field: string, shown: string): void {
    const first = seen.get(key);
    if (first !== undefined)
      this.fail(field, `${JSON.stringify(shown)} is a duplicate (first on line ${first})`);
    else seen.set(key, this.line);
  }

  private oneOf<T extends string>(
    f: string[],
    name: keyof typeof this.i,
    allowed: readonly string[],
  ): T | null {
    const v = this.optionalText(f, this.i[name]);
    if (v === null) return null;
    if (!allowed.includes(v)) {
      this.fail(name, `${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
      return null;
    }
    return v as T;
  }

  private yesNo(f: string[], name: keyof typeof this.i): boolean | null {
    const v = this.optionalText(f, this.i[name])?.toLowerCase() ?? null;
    if (v === null) return null;
    if (v === "true" || v === "yes" || v === "1") return true;
    if (v === "false" || v === "no" || v === "0") return false;
    this.fail(name, `${JSON.stringify(v)} is not true or false`);
    return null;
  }

  protected build(f: string[]): ContactRow {
    const contactId = this.requiredText(f, this.i.contact_id, "contact_id").trim();
    if (contactId !== "") this.unique(this.seenIds, contactId, "contact_id", contactId);
    const email = this.requiredText(f, this.i.email, "email").trim();
    if (email !== "") {
      if (!EMAIL.test(email) || email.length > 254) {
        this.fail("email", `${JSON.stringify(email)} is not an email address`);
      } else {
        this.unique(this.seenEmails, email.toLowerCase(), "email", email);
      }
    }
    const name = this.requiredText(f, this.i.name, "name").trim();
    return {
      fileLine: this.line,
      contactId,
      companyId: this.requiredText(f, this.i.company_id, "company_id").trim(),
      name,
      email,
      phone: this.optionalText(f, this.i.phone),
      role: this.oneOf(f, "role", CONTACT_ROLE_NAMES),
      circle: this.oneOf(f, "circle", CIRCLE_NAMES),
      position: this.optionalText(f, this.i.position),
      marketingConsent: this.yesNo(f, "marketing_consent"),
      active: this.yesNo(f, "active"),
    };
  }
}

/** Parses the text of a contacts CSV. Throws CsvInputError listing every problem (up to MAX_ERRORS). */
export function parseContactsText(text: string, fileName: string): ContactRow[] {
  const problems = new Problems(fileName);
  const sink = new ContactSink(problems);
  runText(text, problems, sink);
  return sink.rows;
}

/**
 * Reads a contacts CSV file (plain or gzip-compressed) as it streams, `batchRows` rows at a time: memory holds
 * one batch whatever the file's size. Rows are given only while the file has no problem; at the end, any
 * problem found throws CsvInputError (so read it through once to check it before acting on its rows).
 */
export function streamContacts(path: string, batchRows: number): AsyncGenerator<ContactRow[]> {
  const problems = new Problems(path);
  return streamRows(path, problems, new ContactSink(problems), batchRows);
}

async function* streamRows<Row>(
  path: string,
  problems: Problems,
  sink: RowSink<Row>,
  batchRows: number,
): AsyncGenerator<Row[]> {
  let gzip: boolean;
  try {
    gzip = await isGzipFile(path);
  } catch (err) {
    const code = errorCode(err);
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code || String(err);
    problems.note(0, null, `cannot read the file (${why})`);
    throw problems.toError();
  }
  const tracker = new LineTracker(sink, problems);
  const source = createReadStream(path);
  const parser = new Parser(CSV_OPTIONS);
  const unzip = gzip ? createGunzip() : null;
  source.on("error", (e) => parser.destroy(e));
  if (unzip) {
    unzip.on("error", (e) => parser.destroy(e));
    source.pipe(unzip).pipe(parser);
  } else {
    source.pipe(parser);
  }
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      tracker.onRecord(fields);
      if (problems.list.length > 0) sink.rows.length = 0;
      else if (sink.rows.length >= batchRows) yield sink.rows.splice(0);
    }
    tracker.finish();
  } catch (err) {
    if (err instanceof StopReading) {
      // too many problems: reading stopped on purpose
    } else if (errorCode(err).startsWith("CSV_")) {
      addParseError(err, problems, tracker);
    } else if (errorCode(err).startsWith("Z_")) {
      const detail = (err as Error).message;
      problems.note(tracker.nextLine, null, `the gzip data is corrupt or cut short (${detail})`);
    } else {
      throw err;
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (problems.list.length > 0) throw problems.toError();
  if (sink.rows.length > 0) yield sink.rows.splice(0);
}

/** Reads an orders CSV file as it streams, `batchRows` rows at a time (see streamContacts). */
export function streamOrders(
  path: string,
  batchRows: number,
  opts: ReadOrdersOptions = {},
): AsyncGenerator<OrderRow[]> {
  const problems = new Problems(path);
  return streamRows(
    path,
    problems,
    new OrderSink(problems, checkMinorDigits(opts.minorDigits ?? 2)),
    batchRows,
  );
}

/** Reads a companies CSV file as it streams, `batchRows` rows at a time (see streamContacts). */
export function streamCompanies(path: string, batchRows: number): AsyncGenerator<CompanyRow[]> {
  const problems = new Problems(path);
  return streamRows(path, problems, new CompanySink(problems), batchRows);
}
