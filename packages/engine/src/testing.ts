// Builders for tests: order rows and programs without a CSV file in between.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { CompiledProgram } from "./compile.ts";
import { parseScaled } from "./money.ts";
import type { MemberReader } from "./pricing.ts";
import { parseProgram } from "./program/parse.ts";
import type { CompanyRow, OrderRow } from "./replay/input.ts";
import type { ReplayResult } from "./replay/replay.ts";

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

/** An order line of SKU S1 in category goods: the plain line most tests need. */
export function order(
  id: string,
  date: string,
  companyId: string,
  qty: number | string,
  price: number | string,
  extra: Partial<OrderRow> = {},
): OrderRow {
  return row("order", id, date, companyId, "S1", "goods", qty, price, extra);
}

/** Items that touch the example programs' mechanics (bands, stamps, bundles, membership), for random histories. */
export const SAMPLE_ITEMS = [
  { sku: "LAMP-PACK", category: "lighting", price: "10" },
  { sku: "LENS-1", category: "lenses", price: "45.50" },
  { sku: "PROMO-A", category: "promo", price: "199.99" },
  { sku: "PROMO-B", category: "promo", price: "120" },
  { sku: "BIG", category: "goods", price: "12500" },
  { sku: "MEMBERSHIP", category: "membership", price: "220" },
  { sku: "TICKET", category: "tickets", price: "80" },
] as const;

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

export function orderOf(r: ReplayResult, id: string) {
  const o = r.orders.find((x) => x.orderId === id);
  if (!o) throw new Error(`no order ${id}`);
  return o;
}

export function memberOf(r: ReplayResult, id: string) {
  const m = r.members.find((x) => x.companyId === id);
  if (!m) throw new Error(`no member ${id}`);
  return m;
}

/** Every wallet's books: balance + pending = earned + refunded − redeemed − expired − reversed. */
export function expectBooksBalance(r: ReplayResult): void {
  for (const w of [...r.members, ...r.contacts]) {
    expect(w.balance + w.pending, `books of ${"companyId" in w ? w.companyId : w.id}`).toBe(
      w.earned + w.refunded - w.redeemed - w.expired - w.reversed,
    );
  }
}

/** A member with no history, for evaluating single orders; fields can be overridden. */
export function stubReader(overrides: Partial<MemberReader> = {}): MemberReader {
  return {
    profile: { id: "C1", segment: null, region: null, parentId: null, taxId: null, joinedOn: null },
    tier: null,
    orderCount: 0,
    balance: 0,
    ordersInWindow: () => 0,
    purchasesInWindow: () => 0,
    stamps: () => 0,
    bandUnits: () => 0,
    membershipEnd: () => null,
    findCompany: () => null,
    ...overrides,
  };
}
