// Tests of the orders and companies CSV readers: column mapping, exact units, line numbers, and errors.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CsvInputError,
  type CsvProblem,
  checkIsoDate,
  MAX_ERRORS,
  parseCompaniesText,
  parseDecimalToMinor,
  parseOrdersText,
  readCompanies,
  readOrders,
  streamCompanies,
} from "./csv.ts";

const HEADER =
  "event,order_id,date,company_id,contact_id,sku,category,quantity,unit_price,unit_cost,points_to_redeem,promo_code";
const ROW = "order,INV1,2026-03-01,C1,,SKU1,lighting,6,127.50,,,";

function orders(...rows: string[]): string {
  return `${[HEADER, ...rows].join("\n")}\n`;
}

/** The CsvInputError a parse throws (fails the test when it does not throw). */
function errorOf(run: () => unknown): CsvInputError {
  try {
    run();
  } catch (err) {
    if (err instanceof CsvInputError) return err;
    throw err;
  }
  throw new Error("expected a CsvInputError, but parsing succeeded");
}

async function asyncErrorOf(run: () => Promise<unknown>): Promise<CsvInputError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof CsvInputError) return err;
    throw err;
  }
  throw new Error("expected a CsvInputError, but reading succeeded");
}

function only(err: CsvInputError): CsvProblem {
  expect(err.errors).toHaveLength(1);
  return err.errors[0] as CsvProblem;
}

describe("parseDecimalToMinor", () => {
  it("converts decimals to integer minor units exactly", () => {
    expect(parseDecimalToMinor("127.50", 2)).toBe(12750);
    expect(parseDecimalToMinor("127.5", 2)).toBe(12750);
    expect(parseDecimalToMinor("10", 2)).toBe(1000);
    expect(parseDecimalToMinor("0", 2)).toBe(0);
    expect(parseDecimalToMinor("0.01", 2)).toBe(1);
    expect(parseDecimalToMinor("007.05", 2)).toBe(705);
    expect(parseDecimalToMinor("1.005", 3)).toBe(1005);
    expect(parseDecimalToMinor("42", 0)).toBe(42);
    // 0.29 * 100 is 28.999999999999996 in floats; the string arithmetic is exact.
    expect(parseDecimalToMinor("0.29", 2)).toBe(29);
    expect(parseDecimalToMinor("90071992547409.91", 2)).toBe(9007199254740991);
  });

  it("rejects anything but a plain non-negative decimal within the allowed decimals", () => {
    for (const bad of [
      "",
      "-1",
      "+1",
      "1.234",
      "1.",
      ".5",
      "1,5",
      " 1",
      "1 ",
      "1e3",
      "abc",
      "1.2.3",
      "NaN",
    ]) {
      expect(parseDecimalToMinor(bad, 2), bad).toBeNull();
    }
    expect(parseDecimalToMinor("1.5", 0)).toBeNull();
    expect(parseDecimalToMinor("90071992547409.92", 2)).toBeNull();
  });
});

describe("checkIsoDate", () => {
  it("accepts dates and the date-time forms the engine reads", () => {
    for (const ok of [
      "2026-03-01",
      "2024-02-29",
      "2026-03-01T08:26",
      "2026-03-01T08:26:00",
      "2026-03-01T08:26:00.123",
      "2026-03-01T08:26:00Z",
      "2026-03-01T08:26:00.5+03:00",
      "2026-03-01T08:26:00-0500",
      "2026-03-01 08:26:00",
    ]) {
      expect(checkIsoDate(ok, true), ok).toBeNull();
    }
  });

  it("rejects wrong shapes, impossible dates and times, and times where only a date is allowed", () => {
    for (const bad of [
      "2026-02-30",
      "2025-02-29",
      "1900-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-3-1",
      "01.03.2026",
      "2026-03-01T24:00",
      "2026-03-01T08:60",
      "2026-03-01T08:26:61",
      "2026-03-01T08:26:00.",
      "2026-03-01T08:26:00+3",
      "2026-03-01T08:26:00+24:00",
      "2026-03-01T08:26:00Zx",
      "2026-03-01T",
    ]) {
      expect(checkIsoDate(bad, true), bad).not.toBeNull();
    }
    expect(checkIsoDate("2026-03-01T08:26:00", false)).not.toBeNull();
  });
});

describe("parseOrdersText", () => {
  it("reads a row into exact units, with empty optional cells and absent optional columns as null", () => {
    const [row, ...rest] = parseOrdersText(orders(ROW), "orders.csv");
    expect(rest).toEqual([]);
    expect(row).toEqual({
      fileLine: 2,
      event: "order",
      orderId: "INV1",
      date: "2026-03-01",
      companyId: "C1",
      contactId: null,
      sku: "SKU1",
      category: "lighting",
      quantityMilli: 6000,
      unitPriceMinor: 12750,
      unitCostMinor: null,
      pointsToRedeem: null,
      promoCode: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
      lineId: null,
    });
  });

  it("reads every column when all are filled, keeping the date as written", () => {
    const text = [
      `${HEADER},paid_on,term_months,partner_id,sales_rep_id,line_id`,
      "return,INV2,2026-03-01T08:26:00.250+03:00,C2,P7,SKU2,,1.5,10,7.25,300,SPRING,2026-04-01,12,PT1,REP9,L-1",
    ].join("\n");
    const [row] = parseOrdersText(text, "orders.csv");
    expect(row).toMatchObject({
      event: "return",
      date: "2026-03-01T08:26:00.250+03:00",
      contactId: "P7",
      category: "",
      quantityMilli: 1500,
      unitPriceMinor: 1000,
      unitCostMinor: 725,
      pointsToRedeem: 300,
      promoCode: "SPRING",
      paidOn: "2026-04-01",
      termMonths: 12,
      partnerId: "PT1",
      salesRepId: "REP9",
      lineId: "L-1",
    });
  });

  it("matches columns by header name whatever their order", () => {
    const text = [
      "promo_code,unit_price,quantity,sku,points_to_redeem,event,unit_cost,category,date,contact_id,order_id,company_id",
      "X,3.10,2,SKU9,5,order,1.00,decor,2026-01-05,K1,INV9,C9",
    ].join("\n");
    const [row] = parseOrdersText(text, "orders.csv");
    expect(row).toMatchObject({
      orderId: "INV9",
      companyId: "C9",
      contactId: "K1",
      sku: "SKU9",
      category: "decor",
      quantityMilli: 2000,
      unitPriceMinor: 310,
      unitCostMinor: 100,
      pointsToRedeem: 5,
      promoCode: "X",
    });
  });

  it("ignores unknown extra columns", () => {
    const text = [`description,${HEADER},country`, `"A lamp, red",${ROW},UK`].join("\n");
    const [row] = parseOrdersText(text, "orders.csv");
    expect(row).toMatchObject({ orderId: "INV1", sku: "SKU1", unitPriceMinor: 12750 });
    expect(row).not.toHaveProperty("description");
  });

  it("strips a UTF-8 byte order mark before the header", () => {
    const rows = parseOrdersText(`\uFEFF${orders(ROW)}`, "orders.csv");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.event).toBe("order");
  });

  it("keeps ids as strings, leading zeros included", () => {
    const [row] = parseOrdersText(
      orders("order,000123,2026-03-01,007,0042,00985,kitchen,1,1,,,"),
      "orders.csv",
    );
    expect(row).toMatchObject({ orderId: "000123", companyId: "007", contactId: "0042", sku: "00985" });
  });

  it("reads quoted fields with a comma or a line break, and keeps counting physical lines after them", () => {
    const text = orders(
      'order,INV1,2026-03-01,C1,,SKU1,"lamps, shades",1,1,,,',
      'order,INV2,2026-03-01,C1,,SKU2,"two\nline\ncategory",1,1,,,',
      "order,INV3,2026-03-01,C1,,SKU3,kitchen,1,1,,,",
      "order,INV4,2026-03-01,C1,,SKU4,kitchen,-3,1,,,",
    );
    const err = errorOf(() => parseOrdersText(text, "orders.csv"));
    // Lines: 1 header, 2 INV1, 3-5 INV2, 6 INV3, 7 INV4.
    expect(only(err)).toEqual({
      file: "orders.csv",
      line: 7,
      field: "quantity",
      message: '"-3" is not a positive quantity',
    });
    expect(err.message).toContain('orders.csv line 7, field quantity: "-3" is not a positive quantity');

    const rows = parseOrdersText(text.replace(",-3,", ",3,"), "orders.csv");
    expect(rows.map((r) => [r.orderId, r.fileLine])).toEqual([
      ["INV1", 2],
      ["INV2", 3],
      ["INV3", 6],
      ["INV4", 7],
    ]);
    expect(rows[0]?.category).toBe("lamps, shades");
    expect(rows[1]?.category).toBe("two\nline\ncategory");
  });

  it("counts lines right with CRLF endings, also inside a quoted field, and skips blank lines", () => {
    const text = [
      HEADER,
      ROW,
      'order,INV2,2026-03-01,C1,,SKU2,"a\r\nb",1,1,,,',
      "",
      ROW.replace(",6,", ",0,"),
    ].join("\r\n");
    const err = errorOf(() => parseOrdersText(text, "orders.csv"));
    expect(only(err)).toMatchObject({
      line: 6,
      field: "quantity",
      message: '"0" is not a positive quantity',
    });
  });

  it("uses the minorDigits option for prices", () => {
    const text = orders(
      "order,INV1,2026-03-01,C1,,SKU1,x,1,1500,,,",
      "order,INV2,2026-03-01,C1,,SKU1,x,1,2.5,,,",
    );
    expect(parseOrdersText(text, "o.csv", { minorDigits: 3 }).map((r) => r.unitPriceMinor)).toEqual([
      1500000, 2500,
    ]);
    const err = errorOf(() => parseOrdersText(text, "o.csv", { minorDigits: 0 }));
    expect(only(err)).toMatchObject({ line: 3, field: "unit_price" });
  });

  it("returns no rows for a header with no data", () => {
    expect(parseOrdersText(`${HEADER}\n`, "orders.csv")).toEqual([]);
  });

  describe("rejects bad input with the line and field of each problem", () => {
    const cases: { name: string; row: string; field: string; message: RegExp }[] = [
      {
        name: "a date that is not on the calendar",
        row: "order,INV1,2026-02-30,C1,,SKU1,x,1,1,,,",
        field: "date",
        message: /"2026-02-30" is not a valid date: not a real calendar date/,
      },
      {
        name: "a date in another format",
        row: "order,INV1,01/03/2026,C1,,SKU1,x,1,1,,,",
        field: "date",
        message: /"01\/03\/2026" is not a valid date: expected an ISO date/,
      },
      {
        name: "a negative quantity",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,-3,1,,,",
        field: "quantity",
        message: /"-3" is not a positive quantity/,
      },
      {
        name: "a zero quantity",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,0,1,,,",
        field: "quantity",
        message: /"0" is not a positive quantity/,
      },
      {
        name: "a quantity with 4 decimals",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1.2345,1,,,",
        field: "quantity",
        message: /"1.2345" has 4 decimal places; at most 3 allowed/,
      },
      {
        name: "a quantity with a decimal comma",
        row: 'order,INV1,2026-03-01,C1,,SKU1,x,"1,5",1,,,',
        field: "quantity",
        message: /use a dot as the decimal separator/,
      },
      {
        name: "a price with 3 decimals",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1,127.505,,,",
        field: "unit_price",
        message: /"127.505" has 3 decimal places; at most 2 allowed/,
      },
      {
        name: "a negative cost",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1,1,-2,,",
        field: "unit_cost",
        message: /"-2" is negative/,
      },
      {
        name: "a price that is not a number",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1,free,,,",
        field: "unit_price",
        message: /"free" is not a number/,
      },
      {
        name: "points to redeem that are not a whole number",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1,1,,2.5,",
        field: "points_to_redeem",
        message: /"2.5" has decimals; points_to_redeem must be a whole number/,
      },
      {
        name: "an unknown event",
        row: "sale,INV1,2026-03-01,C1,,SKU1,x,1,1,,,",
        field: "event",
        message: /"sale" is not a valid event \(expected "order" or "return"\)/,
      },
      {
        name: "an empty required cell",
        row: "order,INV1,2026-03-01,,,SKU1,x,1,1,,,",
        field: "company_id",
        message: /is required but empty/,
      },
      {
        name: "an empty price",
        row: "order,INV1,2026-03-01,C1,,SKU1,x,1,,,,",
        field: "unit_price",
        message: /is required but empty/,
      },
    ];
    for (const c of cases) {
      it(`${c.name} (${c.field})`, () => {
        const err = errorOf(() => parseOrdersText(orders(ROW, c.row), "orders.csv"));
        const problem = only(err);
        expect(problem).toMatchObject({ file: "orders.csv", line: 3, field: c.field });
        expect(problem.message).toMatch(c.message);
        expect(err.message).toContain(`orders.csv line 3, field ${c.field}: `);
      });
    }

    it("an optional paid_on date and term_months that are malformed", () => {
      const text = [`${HEADER},paid_on,term_months`, `${ROW},2026-04-31,-1`].join("\n");
      const err = errorOf(() => parseOrdersText(text, "orders.csv"));
      expect(err.errors.map((e) => [e.line, e.field])).toEqual([
        [2, "paid_on"],
        [2, "term_months"],
      ]);
    });
  });

  it("names a missing required column on line 1 and reads no rows", () => {
    const header = HEADER.replace(",quantity", "");
    const err = errorOf(() => parseOrdersText(`${header}\n${ROW}\n`, "orders.csv"));
    const problem = only(err);
    expect(problem).toMatchObject({ file: "orders.csv", line: 1, field: "quantity" });
    expect(problem.message).toMatch(/required column "quantity" is missing/);
  });

  it("reports a row whose field count differs from the header", () => {
    const err = errorOf(() => parseOrdersText(orders(ROW, `${ROW},extra`), "orders.csv"));
    expect(only(err)).toMatchObject({ line: 3, field: null });
    expect(err.errors[0]?.message).toMatch(/13 fields but the header has 12/);
  });

  it("reports an unclosed quote at the line its row starts on", () => {
    const err = errorOf(() =>
      parseOrdersText(orders(ROW, 'order,INV2,2026-03-01,C1,,SKU1,"oops,1,1,,,', ROW), "o.csv"),
    );
    expect(only(err)).toMatchObject({ line: 3, field: null });
    expect(err.errors[0]?.message).toMatch(/quoted field is never closed/);
  });

  it("reports an empty file", () => {
    const err = errorOf(() => parseOrdersText("", "orders.csv"));
    expect(only(err)).toMatchObject({ line: 1, field: null });
  });

  it("collects the problems of all rows, several per row, before throwing", () => {
    const text = orders(
      ROW,
      "sale,INV1,2026-02-30,C1,,SKU1,x,1,1,,,",
      ROW,
      "order,INV1,2026-03-01,C1,,SKU1,x,-1,1.001,,,",
    );
    const err = errorOf(() => parseOrdersText(text, "orders.csv"));
    expect(err.errors.map((e) => `${e.line}:${e.field}`)).toEqual([
      "3:event",
      "3:date",
      "5:quantity",
      "5:unit_price",
    ]);
    expect(err.truncated).toBe(false);
    expect(err.message).toMatch(/^4 problems in orders\.csv:\n/);
  });

  it("stops collecting after the cap", () => {
    const bad = "order,INV1,2026-03-01,C1,,SKU1,x,0,1,,,";
    const err = errorOf(() =>
      parseOrdersText(orders(...Array.from({ length: 150 }, () => bad)), "orders.csv"),
    );
    expect(err.errors).toHaveLength(MAX_ERRORS);
    expect(err.truncated).toBe(true);
    expect(err.errors.at(-1)?.line).toBe(MAX_ERRORS + 1);
    expect(err.message).toMatch(/stopped after 100 problems/);
  });

  it("refuses an invalid minorDigits option", () => {
    expect(() => parseOrdersText(orders(ROW), "o.csv", { minorDigits: -1 })).toThrow(RangeError);
  });
});

describe("parseCompaniesText", () => {
  const CO_HEADER = "company_id,name,tax_id,parent_id,segment,region,joined_on";

  it("reads companies, with empty cells as null and enrolled_on optional", () => {
    const text = [
      CO_HEADER,
      "00012,Acme,7701,,domestic,Moscow,2025-01-18",
      '00013,"Beta, Ltd",,00012,,,',
    ].join("\n");
    expect(parseCompaniesText(text, "companies.csv")).toEqual([
      {
        fileLine: 2,
        companyId: "00012",
        name: "Acme",
        taxId: "7701",
        parentId: null,
        segment: "domestic",
        region: "Moscow",
        joinedOn: "2025-01-18",
        enrolledOn: null,
      },
      {
        fileLine: 3,
        companyId: "00013",
        name: "Beta, Ltd",
        taxId: null,
        parentId: "00012",
        segment: null,
        region: null,
        joinedOn: null,
        enrolledOn: null,
      },
    ]);
    const withEnrolled = parseCompaniesText(
      `enrolled_on,${CO_HEADER}\n2025-06-01,1,A,,,,,2025-01-01\n`,
      "c.csv",
    );
    expect(withEnrolled[0]).toMatchObject({
      companyId: "1",
      enrolledOn: "2025-06-01",
      joinedOn: "2025-01-01",
    });
  });

  it("rejects a duplicate company_id, naming the line of the first", () => {
    const text = [CO_HEADER, "1,A,,,,,", "2,B,,,,,", "1,C,,,,,"].join("\n");
    const problem = only(errorOf(() => parseCompaniesText(text, "companies.csv")));
    expect(problem).toMatchObject({ file: "companies.csv", line: 4, field: "company_id" });
    expect(problem.message).toBe('"1" is a duplicate (first on line 2)');
  });

  it("rejects an empty company_id, a bad date, and a missing column", () => {
    const err = errorOf(() =>
      parseCompaniesText([CO_HEADER, ",A,,,,,", "2,B,,,,,2025-13-01"].join("\n"), "c.csv"),
    );
    expect(err.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "company_id"],
      [3, "joined_on"],
    ]);
    const missing = only(
      errorOf(() => parseCompaniesText(`${CO_HEADER.replace(",tax_id", "")}\n1,A,,,,\n`, "c.csv")),
    );
    expect(missing).toMatchObject({ line: 1, field: "tax_id" });
  });

  it("rejects a time where only a date is allowed", () => {
    const problem = only(
      errorOf(() => parseCompaniesText(`${CO_HEADER}\n1,A,,,,,2025-01-01T10:00\n`, "c.csv")),
    );
    expect(problem).toMatchObject({ line: 2, field: "joined_on" });
  });

  it("refuses what POST /v1/companies refuses: no name, too long a value, a date before the year 1000", () => {
    const err = errorOf(() =>
      parseCompaniesText(
        [
          CO_HEADER,
          `N4,${"n".repeat(5000)},,,,,`,
          `N5,Five,${"t".repeat(51)},,${"s".repeat(500)},${"r".repeat(101)},`,
          `${"i".repeat(201)},Six,,${"p".repeat(201)},,,0999-12-31`,
        ].join("\n"),
        "c.csv",
      ),
    );
    expect(err.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [2, "name", "is 5000 characters long; at most 300 allowed"],
      [3, "tax_id", "is 51 characters long; at most 50 allowed"],
      [3, "segment", "is 500 characters long; at most 100 allowed"],
      [3, "region", "is 101 characters long; at most 100 allowed"],
      [4, "company_id", "is 201 characters long; at most 200 allowed"],
      [4, "parent_id", "is 201 characters long; at most 200 allowed"],
      [4, "joined_on", '"0999-12-31" is not a valid date: must be on or after 1000-01-01'],
    ]);
  });

  it("keeps values at the API's limits, trimmed as the API trims them, and blank labels as null", () => {
    const name = "n".repeat(300);
    const [row] = parseCompaniesText(
      `${CO_HEADER}\n${"i".repeat(200)}, ${name} ,${"t".repeat(50)},,  ,${"r".repeat(100)},1000-01-01\n`,
      "c.csv",
    );
    expect(row).toMatchObject({ name, taxId: "t".repeat(50), segment: null, joinedOn: "1000-01-01" });
  });

  it("refuses a company that is its own parent", () => {
    const problem = only(errorOf(() => parseCompaniesText(`${CO_HEADER}\nN3,Three,,N3,,,\n`, "c.csv")));
    expect(problem).toMatchObject({
      line: 2,
      field: "parent_id",
      message: "a company cannot be its own parent",
    });
  });

  it("refuses a cycle among the file's rows on the row that closes it, and takes a tree in any order", () => {
    const text = [
      CO_HEADER,
      "N4,Four,,N5,,,",
      "A,A,,B,,,",
      "N5,Five,,N4,,,",
      "B,B,,C,,,",
      "C,C,,A,,,",
      "D,D,,C,,,",
    ].join("\n");
    expect(errorOf(() => parseCompaniesText(text, "c.csv")).errors).toEqual([
      {
        file: "c.csv",
        line: 4,
        field: "parent_id",
        message: "N4 is a subsidiary of N5: making it the parent would close a cycle",
      },
      {
        file: "c.csv",
        line: 6,
        field: "parent_id",
        message: "A is a subsidiary of C: making it the parent would close a cycle",
      },
    ]);
    const tree = [CO_HEADER, "L,Leaf,,M,,,", "M,Mid,,R,,,", "R,Root,,,,,", "S,Side,,R,,,"].join("\n");
    expect(parseCompaniesText(tree, "c.csv").map((r) => r.parentId)).toEqual(["M", "R", null, "R"]);
  });
});

describe("readOrders and readCompanies (files)", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "patron-csv-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a plain file and a gzip file to the same rows as the text, reporting progress", async () => {
    const text = `\uFEFF${orders(ROW, 'order,INV2,2026-03-02,C2,,SKU2,"x\ny",0.5,0.99,,,')}`;
    const plain = join(dir, "orders.csv");
    const gz = join(dir, "orders.csv.gz");
    await writeFile(plain, text);
    const zipped = gzipSync(Buffer.from(text));
    await writeFile(gz, zipped);
    const expected = parseOrdersText(text, "orders.csv");
    expect(expected).toHaveLength(2);
    expect(await readOrders(plain)).toEqual(expected);
    const progress: [number, number][] = [];
    expect(await readOrders(gz, { onProgress: (read, total) => progress.push([read, total]) })).toEqual(
      expected,
    );
    expect(progress.at(-1)).toEqual([zipped.length, zipped.length]);
  });

  it("detects gzip by its magic bytes whatever the file is called", async () => {
    const path = join(dir, "orders-compressed.csv");
    await writeFile(path, gzipSync(Buffer.from(orders(ROW))));
    expect(await readOrders(path)).toHaveLength(1);
  });

  it("reports errors with the file path and the right line deep into a large gzip file", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `order,INV${i},2026-03-01,C${i % 97},,SKU${i},x,1,1.50,,,`,
    );
    rows[15_000] = 'order,INV,2026-03-01,C1,,SKU,"multi\nline",1,1,,,';
    rows[17_000] = "order,INV,2026-03-01,C1,,SKU,x,1.0001,1,,,";
    rows[19_000] = 'order,INV,2026-03-01,C1,,SKU,"never closed,1,1,,,';
    const path = join(dir, "big.csv.gz");
    await writeFile(path, gzipSync(Buffer.from(orders(...rows))));
    const err = await asyncErrorOf(() => readOrders(path));
    // Row i is on line i + 2 until the two-line row at 15,000, then i + 3.
    expect(err.errors.map((e) => [e.file, e.line, e.field])).toEqual([
      [path, 17_003, "quantity"],
      [path, 19_003, null],
    ]);
  });

  it("reports a corrupt gzip file as an input error", async () => {
    const path = join(dir, "cut.csv.gz");
    const zipped = gzipSync(Buffer.from(orders(...Array.from({ length: 1000 }, () => ROW))));
    await writeFile(path, zipped.subarray(0, zipped.length - 100));
    const err = await asyncErrorOf(() => readOrders(path));
    expect(err.errors[0]?.message).toMatch(/gzip data is corrupt or cut short/);
  });

  it("reports bytes that are not UTF-8 (a file saved in a legacy encoding)", async () => {
    const path = join(dir, "latin1.csv");
    const row = "order,INV1,2026-03-01,C1,,SKU1,caf\u00e9,1,1,,,";
    await writeFile(path, Buffer.from(orders(ROW, row), "latin1"));
    const problem = only(await asyncErrorOf(() => readOrders(path)));
    expect(problem).toMatchObject({ line: 3, field: "category" });
    expect(problem.message).toMatch(/not valid UTF-8/);
  });

  it("refuses a cycle in a companies file read as it streams, after giving its first batches", async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `K${i},Company ${i},,${i > 0 ? `K${i - 1}` : "K2499"},,,`,
    );
    const path = join(dir, "cycle.csv.gz");
    await writeFile(
      path,
      gzipSync(
        Buffer.from(`company_id,name,tax_id,parent_id,segment,region,joined_on\n${rows.join("\n")}\n`),
      ),
    );
    let given = 0;
    const err = await asyncErrorOf(async () => {
      for await (const batch of streamCompanies(path, 1000)) given += batch.length;
    });
    expect(given).toBe(2000);
    expect(only(err)).toMatchObject({ file: path, line: 2501, field: "parent_id" });
  });

  it("reads a companies file", async () => {
    const path = join(dir, "companies.csv");
    await writeFile(
      path,
      "company_id,name,tax_id,parent_id,segment,region,joined_on\n007,A,,,,,2025-01-01\n",
    );
    expect(await readCompanies(path)).toMatchObject([
      { fileLine: 2, companyId: "007", joinedOn: "2025-01-01" },
    ]);
  });
});
