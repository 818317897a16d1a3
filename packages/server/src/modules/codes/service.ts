// Promo code batches: one shared code or many unique random ones, each batch handing out the benefit of one
// `code` discount of the program under its own limits (validity, uses per code and per company, minimum order,
// first order only). Orders and quotes check a code here, in their own transaction, before the engine prices
// them; the engine then applies the discount and the order's use is recorded once.
import { randomInt } from "node:crypto";
import {
  type CompiledProgram,
  type Day,
  type Explanation,
  formatDay,
  formatPercent,
  lineAmountMinor,
  type OrderEvent,
  type OrderOutcome,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { findMemberCaseless } from "../members/service.ts";
import { programNames } from "../programs/service.ts";
import { arrivalCode, referrerOf, related } from "../referrals/service.ts";

/** No 0/O, 1/I/L: a code read aloud or from paper is typed right. 31 symbols, about 4.95 bits each. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const MIN_CODE_LENGTH = 10;
export const DEFAULT_CODE_LENGTH = 12;
export const MAX_CODE_LENGTH = 32;
/** The most unique codes one request generates or imports. */
export const MAX_CODES_PER_REQUEST = 100_000;
/** Codes inserted per statement. */
const INSERT_CHUNK = 5_000;
/** Failed checks allowed per subject (API key, company) in the window before 429. */
export const MAX_FAILED_CHECKS = 20;
export const FAILED_CHECK_WINDOW_MS = 10 * 60 * 1000;

/** What a code's check can answer; `unknown` also for a code of a disabled batch, so neither tells more. */
export const CODE_REASONS = [
  "unknown",
  "not_yet_valid",
  "expired",
  "used_up",
  "company_limit",
  "below_minimum",
  "not_first_order",
  "no_benefit",
  "related_company",
] as const;
export type CodeReason = (typeof CODE_REASONS)[number];

export interface BatchInput {
  name: string;
  kind: "shared" | "unique";
  discountId: string;
  /** The shared code; unique batches leave it out. */
  code?: string | undefined;
  /** How many unique codes to generate now (more can be imported later). */
  count?: number | undefined;
  length?: number | undefined;
  prefix?: string | undefined;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  maxUsesPerCode?: number | null | undefined;
  maxUsesPerCompany?: number | null | undefined;
  minOrderMinor?: number | null | undefined;
  firstOrderOnly?: boolean | undefined;
}

export interface Batch {
  id: string;
  name: string;
  kind: "shared" | "unique";
  discountId: string;
  validFrom: string | null;
  validTo: string | null;
  maxUsesPerCode: number | null;
  maxUsesPerCompany: number | null;
  minOrderMinor: number | null;
  firstOrderOnly: boolean;
  status: "active" | "disabled";
  createdBy: string;
  createdAt: string;
  codes: number;
  uses: number;
  companies: number;
}

interface BatchRow {
  id: string;
  name: string;
  kind: "shared" | "unique";
  discount_id: string;
  valid_from: string | null;
  valid_to: string | null;
  max_uses_per_code: number | null;
  max_uses_per_company: number | null;
  min_order_minor: string | null;
  first_order_only: boolean;
  status: "active" | "disabled";
  created_by: string;
  created_at: Date | string;
}

const BATCH_COLUMNS = `id, name, kind, discount_id, valid_from::text, valid_to::text, max_uses_per_code,
  max_uses_per_company, min_order_minor::text, first_order_only, status, created_by, created_at`;

/** Upper-cased, without spaces: how codes are stored and looked up. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

/** A code of `length` symbols after `prefix`, each drawn uniformly by the operating system's generator. */
export function generateCode(length = DEFAULT_CODE_LENGTH, prefix = ""): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;

function checkCodeText(code: string, field: string): string {
  const c = normaliseCode(code);
  if (!CODE_PATTERN.test(c)) {
    throw new ApiError(
      "validation_failed",
      `a code has 4 to 64 letters, digits and dashes: "${code}"`,
      field,
    );
  }
  return c;
}

async function toBatch(q: Queryable, tenantId: string, r: BatchRow): Promise<Batch> {
  const stats = await q.query<{ codes: number; uses: string | null }>(
    "SELECT count(*)::int AS codes, sum(uses)::text AS uses FROM codes WHERE tenant_id = $1 AND batch_id = $2",
    [tenantId, r.id],
  );
  const companies = await q.query<{ n: number }>(
    `SELECT count(DISTINCT company_id)::int AS n FROM code_uses
     WHERE tenant_id = $1 AND batch_id = $2 AND released_at IS NULL`,
    [tenantId, r.id],
  );
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    discountId: r.discount_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxUsesPerCode: r.max_uses_per_code,
    maxUsesPerCompany: r.max_uses_per_company,
    minOrderMinor: r.min_order_minor === null ? null : Number(r.min_order_minor),
    firstOrderOnly: r.first_order_only,
    status: r.status,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    codes: stats.rows[0]?.codes ?? 0,
    uses: Number(stats.rows[0]?.uses ?? 0),
    companies: companies.rows[0]?.n ?? 0,
  };
}

/** Inserts codes into a batch; a code another batch (or this one) already has is refused, naming it. */
export async function insertCodes(
  tx: Queryable,
  tenantId: string,
  batchId: string,
  codes: readonly string[],
  field: string,
): Promise<number> {
  let inserted = 0;
  for (let from = 0; from < codes.length; from += INSERT_CHUNK) {
    const chunk = codes.slice(from, from + INSERT_CHUNK);
    const r = await tx.query<{ code: string }>(
      `INSERT INTO codes (tenant_id, code, batch_id)
       SELECT $1, c, $2 FROM jsonb_array_elements_text($3::jsonb) AS x(c)
       ON CONFLICT DO NOTHING RETURNING code`,
      [tenantId, batchId, JSON.stringify(chunk)],
    );
    if (r.rows.length < chunk.length) {
      const got = new Set(r.rows.map((x) => x.code));
      const taken = chunk.find((c) => !got.has(c)) ?? "";
      throw new ApiError("conflict", `the code ${taken} exists already`, field);
    }
    inserted += r.rows.length;
  }
  return inserted;
}

/** Generates `count` new unique codes into a batch; a rare collision is drawn again (bounded). */
export async function generateCodes(
  tx: Queryable,
  tenantId: string,
  batchId: string,
  count: number,
  length: number,
  prefix: string,
): Promise<number> {
  let left = count;
  // 31^10 codes and more: a collision is rare, so a few extra rounds bound the loop even for unlucky draws.
  const maxRounds = Math.ceil(count / INSERT_CHUNK) + 5;
  for (let round = 0; round < maxRounds && left > 0; round++) {
    const chunk = new Set<string>();
    while (chunk.size < Math.min(INSERT_CHUNK, left)) chunk.add(generateCode(length, prefix));
    const r = await tx.query(
      `INSERT INTO codes (tenant_id, code, batch_id)
       SELECT $1, c, $2 FROM jsonb_array_elements_text($3::jsonb) AS x(c) ON CONFLICT DO NOTHING`,
      [tenantId, batchId, JSON.stringify([...chunk])],
    );
    left -= r.rowCount;
  }
  if (left > 0) throw new Error(`could not draw ${count} unique codes`);
  return count;
}

export async function createBatch(
  tx: Queryable,
  tenantId: string,
  input: BatchInput,
  actor: string,
  now: Date,
): Promise<Batch> {
  const id = newId("cbt", now.getTime());
  const prefix = input.prefix ? checkCodeText(input.prefix, "prefix").replace(/-$/, "-") : "";
  if (input.kind === "shared" && !input.code) {
    throw new ApiError("validation_failed", "a shared batch needs its code", "code");
  }
  if (input.kind === "unique" && input.code) {
    throw new ApiError("validation_failed", "a unique batch has generated or imported codes", "code");
  }
  // A batch whose discount no version of the program has would accept codes that give nothing.
  const { codeDiscounts } = await programNames(tx, tenantId);
  if (!codeDiscounts.has(input.discountId)) {
    const known = [...codeDiscounts].sort();
    throw new ApiError(
      "validation_failed",
      `the program has no code discount ${JSON.stringify(input.discountId)} (${
        known.length > 0 ? `its code discounts: ${known.join(", ")}` : "it has no code discounts"
      })`,
      "discountId",
    );
  }
  await tx.query(
    `INSERT INTO code_batches (tenant_id, id, name, kind, discount_id, valid_from, valid_to, max_uses_per_code,
       max_uses_per_company, min_order_minor, first_order_only, status, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13)`,
    [
      tenantId,
      id,
      input.name,
      input.kind,
      input.discountId,
      input.validFrom ?? null,
      input.validTo ?? null,
      input.maxUsesPerCode ?? (input.kind === "unique" ? 1 : null),
      input.maxUsesPerCompany ?? null,
      input.minOrderMinor ?? null,
      input.firstOrderOnly ?? false,
      actor,
      now,
    ],
  );
  if (input.kind === "shared" && input.code) {
    await insertCodes(tx, tenantId, id, [checkCodeText(input.code, "code")], "code");
  } else if (input.count) {
    await generateCodes(tx, tenantId, id, input.count, input.length ?? DEFAULT_CODE_LENGTH, prefix);
  }
  return getBatch(tx, tenantId, id);
}

export async function getBatch(q: Queryable, tenantId: string, id: string): Promise<Batch> {
  const r = await q.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM code_batches WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `no code batch ${id}`, "id");
  return toBatch(q, tenantId, row);
}

export const MAX_BATCH_PAGE = 200;

export async function listBatches(q: Queryable, tenantId: string, limit: number): Promise<Batch[]> {
  const r = await q.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM code_batches WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2`,
    [tenantId, limit],
  );
  const out: Batch[] = [];
  for (const row of r.rows) out.push(await toBatch(q, tenantId, row));
  return out;
}

/** Turns a batch on or off; a disabled batch's codes answer as unknown. */
export async function setBatchStatus(
  tx: Queryable,
  tenantId: string,
  id: string,
  status: "active" | "disabled",
): Promise<{ before: Batch; after: Batch }> {
  const before = await getBatch(tx, tenantId, id);
  await tx.query("UPDATE code_batches SET status = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    id,
    status,
  ]);
  return { before, after: await getBatch(tx, tenantId, id) };
}

/** Imports codes into a unique batch from CSV text: the first column, a header line `code` skipped. */
export async function importCodes(
  tx: Queryable,
  tenantId: string,
  id: string,
  csv: string,
): Promise<{ imported: number }> {
  const batch = await getBatch(tx, tenantId, id);
  if (batch.kind !== "unique") {
    throw new ApiError("conflict", "a shared batch has one code; import into a unique batch", "id");
  }
  const codes: string[] = [];
  const seen = new Set<string>();
  const lines = csv.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const cell = (lines[i] ?? "").split(",")[0]?.replace(/^"|"$/g, "").trim() ?? "";
    if (cell === "" || (i === 0 && cell.toLowerCase() === "code")) continue;
    const c = checkCodeText(cell, `csv:${i + 1}`);
    if (seen.has(c))
      throw new ApiError("validation_failed", `the code ${c} is twice in the file`, `csv:${i + 1}`);
    seen.add(c);
    codes.push(c);
    if (codes.length > MAX_CODES_PER_REQUEST) {
      throw new ApiError("validation_failed", `at most ${MAX_CODES_PER_REQUEST} codes a file`, "csv");
    }
  }
  if (codes.length === 0) throw new ApiError("validation_failed", "the file has no codes", "csv");
  return { imported: await insertCodes(tx, tenantId, id, codes, "csv") };
}

/** The batch's codes as CSV (code, uses), in code order. */
export async function exportCodes(q: Queryable, tenantId: string, id: string): Promise<string> {
  await getBatch(q, tenantId, id);
  const r = await q.query<{ code: string; uses: number }>(
    "SELECT code, uses FROM codes WHERE tenant_id = $1 AND batch_id = $2 ORDER BY code",
    [tenantId, id],
  );
  return `code,uses\n${r.rows.map((x) => `${x.code},${x.uses}`).join("\n")}${r.rows.length ? "\n" : ""}`;
}

// ---------------------------------------------------------------------------------------------------------
// Checking a code

export interface CodeCheckInput {
  code: string;
  companyId: string;
  grossMinor: number;
  day: Day;
  /** The company's orders so far (for first-order-only batches). */
  orderCount: number;
}

export type CodeCheck =
  | {
      valid: true;
      code: string;
      batchId: string;
      /** The program's code the engine applies. */
      engineCode: string;
      discount: Extract<CompiledProgram["discounts"][number], { kind: "code" }>;
      maxUsesPerCode: number | null;
    }
  | { valid: false; reason: CodeReason; code: string; batchId: string | null };

interface CodeRow extends BatchRow {
  code: string;
  uses: number;
}

async function findCode(q: Queryable, tenantId: string, code: string): Promise<CodeRow | null> {
  const r = await q.query<CodeRow>(
    `SELECT c.code, c.uses, b.id, b.name, b.kind, b.discount_id, b.valid_from::text, b.valid_to::text,
       b.max_uses_per_code, b.max_uses_per_company, b.min_order_minor::text, b.first_order_only, b.status,
       b.created_by, b.created_at
     FROM codes c JOIN code_batches b ON b.tenant_id = c.tenant_id AND b.id = c.batch_id
     WHERE c.tenant_id = $1 AND c.code = $2`,
    [tenantId, code],
  );
  return r.rows[0] ?? null;
}

/** Checks a code against its batch's limits and the program of the day; reads only. */
export async function checkCode(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  input: CodeCheckInput,
): Promise<CodeCheck | null> {
  const code = normaliseCode(input.code);
  const row = await findCode(q, tenantId, code);
  if (!row) return null;
  const no = (reason: CodeReason): CodeCheck => ({ valid: false, reason, code, batchId: row.id });
  if (row.status !== "active") return { valid: false, reason: "unknown", code, batchId: null };
  const day = formatDay(input.day);
  if (row.valid_from !== null && day < row.valid_from) return no("not_yet_valid");
  if (row.valid_to !== null && day > row.valid_to) return no("expired");
  if (row.max_uses_per_code !== null && row.uses >= row.max_uses_per_code) return no("used_up");
  if (row.min_order_minor !== null && input.grossMinor < Number(row.min_order_minor))
    return no("below_minimum");
  if (row.first_order_only && input.orderCount > 0) return no("not_first_order");
  if (row.max_uses_per_company !== null) {
    const used = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM code_uses
       WHERE tenant_id = $1 AND batch_id = $2 AND company_id = $3 AND released_at IS NULL`,
      [tenantId, row.id, input.companyId],
    );
    if ((used.rows[0]?.n ?? 0) >= row.max_uses_per_company) return no("company_limit");
  }
  const discount = p.discounts.find(
    (d): d is Extract<typeof d, { kind: "code" }> => d.kind === "code" && d.id === row.discount_id,
  );
  if (!discount) return no("no_benefit");
  return {
    valid: true,
    code,
    batchId: row.id,
    engineCode: discount.code,
    discount,
    maxUsesPerCode: row.max_uses_per_code,
  };
}

/** An order's gross amount, as the engine adds it up. */
export function grossOf(ev: OrderEvent): number {
  let sum = 0;
  for (const l of ev.lines) sum += lineAmountMinor(l.quantityMilli, l.unitPriceMinor);
  return sum;
}

/** Program codes that only a batch hands out: typed as they are, they are unknown. */
export async function batchOnlyCodes(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
): Promise<Set<string>> {
  const ids = p.discounts.filter((d) => d.kind === "code").map((d) => d.id);
  if (ids.length === 0) return new Set();
  const r = await q.query<{ discount_id: string }>(
    `SELECT DISTINCT discount_id FROM code_batches
     WHERE tenant_id = $1 AND discount_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [tenantId, JSON.stringify(ids)],
  );
  const linked = new Set(r.rows.map((x) => x.discount_id));
  const out = new Set<string>();
  for (const d of p.discounts) if (d.kind === "code" && linked.has(d.id)) out.add(d.code);
  return out;
}

/**
 * A code no batch holds, checked as the engine would take it: a program `code` discount's own code (not one
 * only batches hand out) within its dates and minimum, or a referral code naming another company.
 */
export async function programCode(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  input: CodeCheckInput,
): Promise<{ id: string; rate: string; combinable: boolean } | "related_company" | null> {
  const code = normaliseCode(input.code);
  const batchOnly = await batchOnlyCodes(q, tenantId, p);
  for (const d of p.discounts) {
    const answer = { id: d.id, rate: "", combinable: d.combinable };
    if (d.kind === "code" && d.code === code && !batchOnly.has(code)) {
      if (input.day < d.validFrom || (d.validTo !== null && input.day > d.validTo)) return null;
      if (input.grossMinor < d.minGrossMinor || (d.firstOrderOnly && input.orderCount > 0)) return null;
      return { ...answer, rate: formatPercent(d.ratePpm) };
    }
    if (d.kind === "referral" && code.startsWith(d.prefix) && input.orderCount === 0) {
      const referrer = await findMemberCaseless(q, tenantId, code.slice(d.prefix.length));
      if (referrer === null || referrer === input.companyId) continue;
      if (await related(q, tenantId, referrer, input.companyId)) return "related_company";
      return { ...answer, rate: formatPercent(d.ratePpm) };
    }
  }
  return null;
}

/** What an order's code becomes before the engine prices it, and what to record once it has. */
export interface CodedOrder {
  ev: OrderEvent;
  /** Adds the batch's refusal to the engine's explanations, and records the use when the engine applied it. */
  settle(outcome: OrderOutcome, record: boolean): Promise<void>;
}

/**
 * Looks an order's code up among the batches. A batch code is checked against its limits and, when it passes,
 * given to the engine as the program's code of its discount; when it fails, the order is priced without it
 * (an order is a fact that happened; it is not refused for its code) and the reason is explained. Codes of no
 * batch go to the engine as sent (program codes, referral codes), unless only a batch may hand them out.
 */
export async function applyCodeBatch(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  ev: OrderEvent,
  orderCount: number,
): Promise<CodedOrder> {
  let code = ev.code;
  if (code === null || code.trim() === "") {
    // A new client that came through a referral link: its first order carries the link's code.
    code = await arrivalCode(q, tenantId, p, ev.companyId, orderCount);
    if (code === null) return { ev, settle: async () => {} };
    ev = { ...ev, code };
  }
  const nothing: CodedOrder = { ev, settle: async () => {} };
  const check = await checkCode(q, tenantId, p, {
    code,
    companyId: ev.companyId,
    grossMinor: grossOf(ev),
    day: ev.day,
    orderCount,
  });
  if (check === null) {
    const typed = normaliseCode(code);
    // A referral from a related company (same tax id, parent, mail domain) is self-referral: no discount.
    const referrer = await referrerOf(q, tenantId, p, typed);
    if (
      referrer !== null &&
      referrer !== ev.companyId &&
      (await related(q, tenantId, referrer, ev.companyId))
    ) {
      return refused(ev, { code: "referral.related", version: p.version, params: { code: typed, referrer } });
    }
    if (!(await batchOnlyCodes(q, tenantId, p)).has(typed)) return nothing;
    return refused(ev, { code: "code.unknown", version: p.version, params: { code: typed } });
  }
  if (!check.valid) {
    const why = { code: `code.batch.${check.reason}`, version: p.version, params: { code: check.code } };
    return refused(ev, check.reason === "unknown" ? { ...why, code: "code.unknown" } : why);
  }
  return {
    ev: { ...ev, code: check.engineCode },
    async settle(outcome, record) {
      const applied = outcome.effects.some((e) => e.code === "discount.code" && e.rule === check.discount.id);
      if (!record || !applied) return;
      await recordUse(q, tenantId, check, ev);
    },
  };
}

function refused(ev: OrderEvent, why: Explanation): CodedOrder {
  return {
    ev: { ...ev, code: null },
    async settle(outcome) {
      outcome.effects.push(why);
    },
  };
}

/** Counts the order's use: the code's counter, guarded by its limit in the UPDATE, and the order's row. */
async function recordUse(
  tx: Queryable,
  tenantId: string,
  check: Extract<CodeCheck, { valid: true }>,
  ev: OrderEvent,
): Promise<void> {
  const r = await tx.query(
    `UPDATE codes SET uses = uses + 1
     WHERE tenant_id = $1 AND code = $2 AND ($3::int IS NULL OR uses < $3::int)`,
    [tenantId, check.code, check.maxUsesPerCode],
  );
  // Another order took the last use between the check and now: this one is refused whole and may be resent.
  if (r.rowCount === 0)
    throw new ApiError("conflict", `the code ${check.code} was just used up`, "promoCode");
  await tx.query(
    `INSERT INTO code_uses (tenant_id, order_id, code, batch_id, company_id, used_on)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tenantId, ev.orderId, check.code, check.batchId, ev.companyId, formatDay(ev.day)],
  );
}

/**
 * Gives a cancelled order's use back: the order never happened, so its code may be used again. A return does
 * not: the order happened and the discount was had; a partial return would otherwise free a whole use.
 */
export async function releaseCodeUse(
  tx: Queryable,
  tenantId: string,
  orderId: string,
  at: Date,
): Promise<void> {
  const r = await tx.query<{ code: string }>(
    `UPDATE code_uses SET released_at = $3 WHERE tenant_id = $1 AND order_id = $2 AND released_at IS NULL
     RETURNING code`,
    [tenantId, orderId, at],
  );
  const code = r.rows[0]?.code;
  if (code === undefined) return;
  await tx.query("UPDATE codes SET uses = uses - 1 WHERE tenant_id = $1 AND code = $2", [tenantId, code]);
}

// ---------------------------------------------------------------------------------------------------------
// Brute-force guard

/** Refuses with 429 when a subject had too many failed checks in the window. */
export async function assertNotLimited(
  q: Queryable,
  tenantId: string,
  subjects: readonly string[],
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - FAILED_CHECK_WINDOW_MS);
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM code_failures
     WHERE tenant_id = $1 AND subject IN (SELECT jsonb_array_elements_text($2::jsonb)) AND at > $3
     GROUP BY subject ORDER BY n DESC LIMIT 1`,
    [tenantId, JSON.stringify(subjects), since],
  );
  if ((r.rows[0]?.n ?? 0) >= MAX_FAILED_CHECKS) {
    throw new ApiError("rate_limited", "too many codes that were not valid: try again later", "code");
  }
}

/** Notes a failed check for each subject, and forgets failures older than the window. */
export async function recordFailure(
  q: Queryable,
  tenantId: string,
  subjects: readonly string[],
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO code_failures (tenant_id, id, subject, at)
     SELECT $1, $2 || '_' || s, s, $3 FROM jsonb_array_elements_text($4::jsonb) AS x(s)`,
    [tenantId, newId("cfl", now.getTime()), now, JSON.stringify(subjects)],
  );
  await q.query("DELETE FROM code_failures WHERE tenant_id = $1 AND at <= $2", [
    tenantId,
    new Date(now.getTime() - FAILED_CHECK_WINDOW_MS),
  ]);
}
