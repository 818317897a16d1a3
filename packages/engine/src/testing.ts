// Builders for tests: order rows and programs without a CSV file in between.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CompiledProgram } from "./compile.ts";
import { parseScaled } from "./money.ts";
import { parseProgram } from "./program/parse.ts";
import type { CompanyRow, OrderRow } from "./replay/input.ts";

let line = 1;

/** An order or return line; `qty` and `price` as decimal strings or numbers in units. */
export function row(
  event: "order" | "return",
  orderId: string,
  date: string,
  companyId: string,
  sku: string,
  category: string,
  qty: number | string,
  price: number | string,
  extra: Partial<OrderRow> = {},
): OrderRow {
  line += 1;
  const quantityMilli = parseScaled(String(qty), 3);
  const unitPriceMinor = parseScaled(String(price), 2);
  if (quantityMilli === null || unitPriceMinor === null) throw new Error(`bad test row ${qty} × ${price}`);
  return {
    fileLine: line,
    event,
    orderId,
    date,
    companyId,
    contactId: null,
    sku,
    category,
    quantityMilli,
    unitPriceMinor,
    unitCostMinor: null,
    pointsToRedeem: null,
    promoCode: null,
    paidOn: null,
    termMonths: null,
    partnerId: null,
    salesRepId: null,
    lineId: null,
    ...extra,
  };
}

export function company(companyId: string, extra: Partial<CompanyRow> = {}): CompanyRow {
  return {
    fileLine: 0,
    companyId,
    name: companyId,
    taxId: null,
    parentId: null,
    segment: null,
    region: null,
    joinedOn: null,
    enrolledOn: null,
    ...extra,
  };
}

/** Loads and compiles examples/programs/<name>.yaml, failing loudly on any issue. */
export function example(name: string): CompiledProgram {
  const path = fileURLToPath(new URL(`../../../examples/programs/${name}.yaml`, import.meta.url));
  return programFrom(readFileSync(path, "utf8"));
}

export function programFrom(text: string): CompiledProgram {
  const r = parseProgram(text);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return r.compiled;
}

export function exampleText(name: string): string {
  return readFileSync(
    fileURLToPath(new URL(`../../../examples/programs/${name}.yaml`, import.meta.url)),
    "utf8",
  );
}
