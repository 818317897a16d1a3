// Program versions of a tenant: drafts kept as their author wrote them (valid or not), published versions
// stored as validated definitions with their effective dates, compiled once per process and version.
// Publishing never rewrites history: a rollback publishes an earlier definition again as a new version.
// Errors: not_found (an unknown draft or version), conflict (publishing what is not a draft, nothing to roll
// back to), validation_failed (a definition with issues, a date before the latest version's).
import {
  type CompiledProgram,
  type Day,
  formatDay,
  type ProgramDef,
  type ProgramIssue,
  parseDay,
  parseProgram,
} from "@patron/engine";
import type { Param, Queryable } from "../../db/db.ts";
import { READ_CACHE_MS, ReadCache } from "../../db/read-cache.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";

export class ProgramInvalidError extends Error {
  constructor(readonly issues: ProgramIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  }
}

export type ProgramStatus = "draft" | "published" | "retired";

/** A draft or a version as the API shows it, without its text. */
export interface ProgramSummary {
  id: string;
  version: number | null;
  status: ProgramStatus;
  programId: string | null;
  name: string | null;
  effectiveFrom: string | null;
  /** The last day this version applies to: the day before the next version takes effect; null if open. */
  effectiveTo: string | null;
  valid: boolean;
  issueCount: number;
  basedOn: number | null;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ProgramDetail extends ProgramSummary {
  /** The text as written; for versions published before texts were kept, the stored definition as JSON. */
  text: string;
  /** The validated definition (for a draft with issues, null). */
  definition: ProgramDef | null;
  issues: ProgramIssue[];
}

const compiled = new Map<string, CompiledProgram>();

function compile(json: string): CompiledProgram {
  const r = parseProgram(json);
  if (!r.ok) throw new ProgramInvalidError(r.issues);
  return r.compiled;
}

/**
 * The tenant's versions in force (published, not retired), oldest effective date first. A published row's
 * definition never changes, so each is compiled once per process, by its row id (random, never reused); only
 * rows not compiled yet have their definitions read.
 */
export async function publishedPrograms(q: Queryable, tenantId: string): Promise<CompiledProgram[]> {
  const r = await q.query<{ id: string }>(
    "SELECT id FROM programs WHERE tenant_id = $1 AND status = 'published' ORDER BY effective_from, version",
    [tenantId],
  );
  const missing = r.rows.filter((row) => !compiled.has(row.id)).map((row) => row.id);
  if (missing.length > 0) {
    const defs = await q.query<{ id: string; definition: unknown }>(
      "SELECT id, definition FROM programs WHERE tenant_id = $1 AND id = ANY($2::text[])",
      [tenantId, `{${missing.map((id) => `"${id}"`).join(",")}}`],
    );
    for (const row of defs.rows) compiled.set(row.id, compile(JSON.stringify(row.definition)));
  }
  return r.rows.map((row) => compiled.get(row.id) as CompiledProgram);
}

/** What the versions of a tenant's program name, that other records may refer to. */
export interface ProgramNames {
  /** Level ids. */
  levels: Set<string>;
  /** Ids of `code` discounts, the benefits code batches give. */
  codeDiscounts: Set<string>;
}

/**
 * The level and `code` discount ids of every version of the tenant's program: published, retired (a record made
 * for one stays valid) and drafts that validate (a batch or reward may be set up before its version is published).
 */
export async function programNames(q: Queryable, tenantId: string): Promise<ProgramNames> {
  const elements = (path: string) =>
    `jsonb_array_elements(CASE WHEN jsonb_typeof(p.definition${path}) = 'array' THEN p.definition${path} ELSE '[]' END)`;
  const r = await q.query<{ kind: "level" | "code"; id: string }>(
    `SELECT 'level' AS kind, l ->> 'id' AS id FROM programs p CROSS JOIN LATERAL ${elements("-> 'tiers' -> 'levels'")} l
     WHERE p.tenant_id = $1 AND jsonb_typeof(l -> 'id') = 'string'
     UNION
     SELECT 'code', d ->> 'id' FROM programs p CROSS JOIN LATERAL ${elements("-> 'discounts'")} d
     WHERE p.tenant_id = $1 AND d ->> 'kind' = 'code' AND jsonb_typeof(d -> 'id') = 'string'`,
    [tenantId],
  );
  const names: ProgramNames = { levels: new Set(), codeDiscounts: new Set() };
  for (const row of r.rows) (row.kind === "level" ? names.levels : names.codeDiscounts).add(row.id);
  // A draft keeps only its text, read as its validation reads it; one that does not validate names nothing.
  const drafts = await q.query<{ source: string }>(
    "SELECT source FROM programs WHERE tenant_id = $1 AND status = 'draft' AND source IS NOT NULL",
    [tenantId],
  );
  for (const d of drafts.rows) {
    const parsed = parseProgram(d.source);
    if (!parsed.ok) continue;
    for (const l of parsed.compiled.tiers?.levels ?? []) names.levels.add(l.id);
    for (const x of parsed.compiled.discounts) if (x.kind === "code") names.codeDiscounts.add(x.id);
  }
  return names;
}

/** Published versions recently read, by tenant; a publish or rollback in this process drops its tenant's. */
const publishedCache = new ReadCache<CompiledProgram[]>(READ_CACHE_MS);

/**
 * The tenant's published versions as `publishedPrograms` reads them, kept for `READ_CACHE_MS`: what events and
 * quotes read on every request. A version published by this process is seen at once, one published by another
 * process sharing the database within that time.
 */
export function cachedPublishedPrograms(db: Queryable, tenantId: string): Promise<CompiledProgram[]> {
  return publishedCache.get(db, tenantId, "", () => publishedPrograms(db, tenantId));
}

/** Drops the tenant's cached versions: called when a version is published and again once it is committed. */
export function forgetPublished(tenantId: string): void {
  publishedCache.invalidate(tenantId);
}

/** The version that applies to events of `day`: the latest effective on it (the first one for earlier days). */
export function programAt(versions: readonly CompiledProgram[], day: Day): CompiledProgram | null {
  let p = versions[0] ?? null;
  for (const x of versions) if (x.effectiveFrom <= day) p = x;
  return p;
}

/** Validates a definition and publishes it at once as the tenant's next version, effective from its own
 * `effectiveFrom` (or `startsOn`). Audited when `change` is given. */
export async function publishProgram(
  q: Queryable,
  tenantId: string,
  text: string,
  change: Change | null = null,
): Promise<CompiledProgram> {
  const r = parseProgram(text);
  if (!r.ok) throw new ProgramInvalidError(r.issues);
  const id = newId("prg");
  await q.query(
    `INSERT INTO programs (tenant_id, id, status, source, issues, created_by, comment)
     VALUES ($1, $2, 'draft', $3, '[]', $4, $5)`,
    [tenantId, id, text, change?.actor ?? null, change?.comment ?? null],
  );
  const effectiveFrom = r.program.effectiveFrom ?? r.program.startsOn;
  const out = await publishRow(q, tenantId, id, r.program, effectiveFrom, null, change);
  return out.compiled;
}

// ---- Drafts -----------------------------------------------------------------------------------------------

/** Stores a draft as written, whether or not it validates; answers it with its issues. */
export async function createDraft(
  tx: Queryable,
  tenantId: string,
  text: string,
  change: Change,
): Promise<ProgramDetail> {
  const id = newId("prg");
  const issues = issuesOf(text);
  await tx.query(
    `INSERT INTO programs (tenant_id, id, status, source, issues, created_by, comment, created_at)
     VALUES ($1, $2, 'draft', $3, $4::jsonb, $5, $6, $7)`,
    [tenantId, id, text, JSON.stringify(issues), change.actor, change.comment, change.at],
  );
  await recordAudit(tx, tenantId, change, {
    action: "program.draft.create",
    target: id,
    before: null,
    after: { id, valid: issues.length === 0, issueCount: issues.length },
  });
  return (await getProgram(tx, tenantId, id)) as ProgramDetail;
}

/** Replaces a draft's text; a published version cannot be edited (make a new draft instead). */
export async function updateDraft(
  tx: Queryable,
  tenantId: string,
  id: string,
  text: string,
  change: Change,
): Promise<ProgramDetail> {
  const row = await lockDraft(tx, tenantId, id);
  const issues = issuesOf(text);
  await tx.query(
    `UPDATE programs SET source = $3, issues = $4::jsonb, updated_at = $5, updated_by = $6,
       comment = COALESCE($7, comment)
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, text, JSON.stringify(issues), change.at, change.actor, change.comment],
  );
  await recordAudit(tx, tenantId, change, {
    action: "program.draft.update",
    target: id,
    before: { valid: row.issues.length === 0, issueCount: row.issues.length },
    after: { valid: issues.length === 0, issueCount: issues.length },
  });
  return (await getProgram(tx, tenantId, id)) as ProgramDetail;
}

function issuesOf(text: string): ProgramIssue[] {
  const r = parseProgram(text);
  return r.ok ? [] : r.issues;
}

/** A draft's current text checked again (the engine may have learned more since it was saved). */
export async function validateDraft(
  q: Queryable,
  tenantId: string,
  id: string,
): Promise<{ id: string; valid: boolean; issues: ProgramIssue[] }> {
  const row = await findDraft(q, tenantId, id);
  const issues = issuesOf(row.source ?? "");
  return { id, valid: issues.length === 0, issues };
}

/** A draft's definition compiled for a simulation; a draft with issues is refused with the first of them. */
export async function compiledDraft(q: Queryable, tenantId: string, id: string): Promise<CompiledProgram> {
  const row = await findDraft(q, tenantId, id);
  const r = parseProgram(row.source ?? "");
  if (!r.ok) throw invalidDefinition(r.issues);
  return r.compiled;
}

/** A definition with issues as one API error: the first issue with its line, and how many more there are. */
export function invalidDefinition(issues: readonly ProgramIssue[]): ApiError {
  const first = issues[0];
  const at = first?.line ? `line ${first.line}, column ${first.column ?? 1}: ` : "";
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return new ApiError(
    "validation_failed",
    `the definition does not validate: ${at}${first?.path}: ${first?.message}${more}`,
    "definition",
  );
}

// ---- Publishing -------------------------------------------------------------------------------------------

/** Publishes a draft as the next version, effective from `effectiveFrom`; its definition must validate. */
export async function publishDraft(
  tx: Queryable,
  tenantId: string,
  id: string,
  effectiveFrom: string,
  change: Change,
): Promise<ProgramDetail> {
  const row = await lockDraft(tx, tenantId, id);
  const r = parseProgram(row.source ?? "");
  if (!r.ok) throw invalidDefinition(r.issues);
  const out = await publishRow(tx, tenantId, id, r.program, effectiveFrom, null, change);
  return (await getProgram(tx, tenantId, out.id)) as ProgramDetail;
}

/**
 * Publishes an earlier version's definition again as a new version effective from `effectiveFrom`: by default
 * the version in force before the latest one. Nothing already published changes.
 */
export async function rollbackProgram(
  tx: Queryable,
  tenantId: string,
  input: { effectiveFrom: string; toVersion: number | null },
  change: Change,
): Promise<ProgramDetail> {
  await lockVersions(tx, tenantId);
  const inForce = await tx.query<{ version: number }>(
    "SELECT version FROM programs WHERE tenant_id = $1 AND status = 'published' ORDER BY effective_from DESC, version DESC LIMIT 2",
    [tenantId],
  );
  const latest = inForce.rows[0];
  if (!latest) throw new ApiError("conflict", "no version is published yet: there is nothing to roll back");
  let target = input.toVersion;
  if (target === null) {
    const previous = inForce.rows[1];
    if (!previous) {
      throw new ApiError(
        "conflict",
        `version ${latest.version} is the only one in force: there is no earlier version to roll back to`,
      );
    }
    target = Number(previous.version);
  }
  if (target === Number(latest.version)) {
    throw new ApiError("conflict", `version ${target} is the latest version already`, "toVersion");
  }
  const base = await tx.query<{ source: string | null; definition: ProgramDef }>(
    "SELECT source, definition FROM programs WHERE tenant_id = $1 AND version = $2",
    [tenantId, target],
  );
  const from = base.rows[0];
  if (!from) throw new ApiError("not_found", `no version ${target}`, "toVersion");
  const id = newId("prg");
  await tx.query(
    `INSERT INTO programs (tenant_id, id, status, source, issues, created_by, comment, created_at, based_on)
     VALUES ($1, $2, 'draft', $3, '[]', $4, $5, $6, $7)`,
    [
      tenantId,
      id,
      from.source ?? JSON.stringify(from.definition, null, 2),
      change.actor,
      change.comment,
      change.at,
      target,
    ],
  );
  await publishRow(tx, tenantId, id, from.definition, input.effectiveFrom, target, change);
  return (await getProgram(tx, tenantId, id)) as ProgramDetail;
}

/**
 * Turns the draft row `id` into the next published version. The date must not be before the latest version
 * in force (versions take effect in the order they are published); the currency and time zone stay those of
 * the versions before it. A version in force from the same day is retired: the new one shadows it entirely.
 */
async function publishRow(
  tx: Queryable,
  tenantId: string,
  id: string,
  program: ProgramDef,
  effectiveFromText: string,
  basedOn: number | null,
  change: Change | null,
): Promise<{ id: string; version: number; compiled: CompiledProgram }> {
  forgetPublished(tenantId);
  const effectiveFrom = parseDay(effectiveFromText);
  if (effectiveFrom === null)
    throw new ApiError(
      "validation_failed",
      "effectiveFrom must be a date such as 2026-01-31",
      "effectiveFrom",
    );
  await lockVersions(tx, tenantId);
  const latest = (
    await tx.query<{ version: number; effective_from: string; definition: ProgramDef }>(
      `SELECT version, effective_from::text, definition FROM programs
       WHERE tenant_id = $1 AND status = 'published' ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [tenantId],
    )
  ).rows[0];
  if (latest) {
    if (formatDay(effectiveFrom) < latest.effective_from) {
      throw new ApiError(
        "validation_failed",
        `effectiveFrom must be on or after ${latest.effective_from}, when version ${latest.version} took effect: versions take effect in the order they are published`,
        "effectiveFrom",
      );
    }
    // Events already taken in were priced by the versions in force: a new version may not take effect on
    // their days, so that replaying the published versions gives what was posted. A version shadowing the
    // only one in force would also change the days before it (the first version applies to them).
    const inForce = await tx.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM programs WHERE tenant_id = $1 AND status = 'published'",
      [tenantId],
    );
    const shadowsFirst =
      Number(inForce.rows[0]?.n) === 1 && formatDay(effectiveFrom) === latest.effective_from;
    const priced = await tx.query<{ last: string | null }>(
      "SELECT max(day)::text AS last FROM events WHERE tenant_id = $1 AND ($2::date IS NULL OR day >= $2::date)",
      [tenantId, shadowsFirst ? null : formatDay(effectiveFrom)],
    );
    const last = priced.rows[0]?.last ?? null;
    if (last !== null) {
      throw new ApiError(
        "validation_failed",
        `events dated up to ${last} were already priced by the versions in force; a new version may take effect from ${formatDay((parseDay(last) as Day) + 1)} on`,
        "effectiveFrom",
      );
    }
    for (const field of ["currency", "timeZone"] as const) {
      if (program[field] !== latest.definition[field]) {
        throw new ApiError(
          "validation_failed",
          `the definition's ${field} is ${program[field]}, but the published versions use ${latest.definition[field]}; it cannot change between versions`,
          "definition",
        );
      }
    }
  }
  const next = await tx.query<{ v: number }>(
    "SELECT COALESCE(max(version), 0) + 1 AS v FROM programs WHERE tenant_id = $1",
    [tenantId],
  );
  const version = Number(next.rows[0]?.v ?? 1);
  const def: ProgramDef = { ...program, version, effectiveFrom: formatDay(effectiveFrom) };
  const json = JSON.stringify(def);
  const p = compile(json);
  const at = change?.at ?? new Date();
  const retired = await tx.query<{ version: number }>(
    `UPDATE programs SET status = 'retired', retired_at = $3
     WHERE tenant_id = $1 AND status = 'published' AND effective_from = $2 RETURNING version`,
    [tenantId, formatDay(effectiveFrom), at],
  );
  await tx.query(
    `UPDATE programs SET status = 'published', version = $3, effective_from = $4, definition = $5::jsonb,
       issues = '[]', published_at = $6, published_by = $7, based_on = $8
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, version, formatDay(effectiveFrom), json, at, change?.actor ?? null, basedOn],
  );
  if (change) {
    await recordAudit(tx, tenantId, change, {
      action: basedOn === null ? "program.publish" : "program.rollback",
      target: `program:v${version}`,
      before: latest ? { version: Number(latest.version), effectiveFrom: latest.effective_from } : null,
      after: {
        id,
        version,
        effectiveFrom: formatDay(effectiveFrom),
        basedOn,
        retired: retired.rows.map((x) => Number(x.version)),
      },
    });
  }
  return { id, version, compiled: p };
}

/** Serialises the publishing of a tenant's versions (numbers and dates), without locking anything else. */
async function lockVersions(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`patron.programs:${tenantId}`]);
}

// ---- Reading ----------------------------------------------------------------------------------------------

interface ProgramRow {
  id: string;
  version: number | null;
  status: ProgramStatus;
  effective_from: string | null;
  definition: ProgramDef | null;
  source: string | null;
  issues: ProgramIssue[];
  created_by: string | null;
  comment: string | null;
  created_at: Date | string;
  updated_by: string | null;
  updated_at: Date | string | null;
  published_by: string | null;
  published_at: Date | string | null;
  retired_at: Date | string | null;
  based_on: number | null;
}

const COLUMNS = `id, version, status, effective_from::text, definition, source, issues, created_by, comment,
  created_at, updated_by, updated_at, published_by, published_at, retired_at, based_on`;

async function findRow(q: Queryable, tenantId: string, id: string, lock = false): Promise<ProgramRow | null> {
  const r = await q.query<ProgramRow>(
    `SELECT ${COLUMNS} FROM programs WHERE tenant_id = $1 AND id = $2${lock ? " FOR UPDATE" : ""}`,
    [tenantId, id],
  );
  return r.rows[0] ?? null;
}

async function findDraft(q: Queryable, tenantId: string, id: string): Promise<ProgramRow> {
  const row = await findRow(q, tenantId, id);
  if (row?.status !== "draft") throw new ApiError("not_found", `no draft ${id}`, "id");
  return row;
}

async function lockDraft(tx: Queryable, tenantId: string, id: string): Promise<ProgramRow> {
  const row = await findRow(tx, tenantId, id, true);
  if (!row) throw new ApiError("not_found", `no draft ${id}`, "id");
  if (row.status !== "draft") {
    throw new ApiError(
      "conflict",
      `${id} was published as version ${row.version}; a published version never changes: create a new draft`,
      "id",
    );
  }
  return row;
}

/** A draft by id (`prg_…`) or a version by number, with its text and definition. */
export async function getProgram(q: Queryable, tenantId: string, ref: string): Promise<ProgramDetail | null> {
  const byVersion = /^\d{1,9}$/.test(ref);
  const r = await q.query<ProgramRow>(
    `SELECT ${COLUMNS} FROM programs WHERE tenant_id = $1 AND ${byVersion ? "version = $2::int" : "id = $2"}`,
    [tenantId, ref],
  );
  const row = r.rows[0];
  if (!row) return null;
  const ends = await effectiveEnds(q, tenantId);
  return {
    ...summaryOf(row, ends),
    text: row.source ?? JSON.stringify(row.definition, null, 2),
    definition: row.status === "draft" ? parsedOrNull(row.source) : row.definition,
    issues: row.issues,
  };
}

function parsedOrNull(text: string | null): ProgramDef | null {
  const r = parseProgram(text ?? "");
  return r.ok ? r.program : null;
}

/** The most rows one listing answers. */
export const MAX_PROGRAM_LIST = 500;

/** Drafts first (newest first), then versions from the newest. */
export async function listPrograms(
  q: Queryable,
  tenantId: string,
  filter: { status?: ProgramStatus | undefined; limit: number },
): Promise<ProgramSummary[]> {
  const params: Param[] = [tenantId, Math.min(Math.max(1, filter.limit), MAX_PROGRAM_LIST)];
  let where = "tenant_id = $1";
  if (filter.status !== undefined) {
    params.push(filter.status);
    where += " AND status = $3";
  }
  const r = await q.query<ProgramRow>(
    `SELECT ${COLUMNS} FROM programs WHERE ${where}
     ORDER BY version DESC NULLS FIRST, created_at DESC, id DESC LIMIT $2`,
    params,
  );
  const ends = await effectiveEnds(q, tenantId);
  return r.rows.map((row) => summaryOf(row, ends));
}

/** For each version in force, the last day it applies to (the day before the next one takes effect). */
async function effectiveEnds(q: Queryable, tenantId: string): Promise<Map<number, string>> {
  const r = await q.query<{ version: number; ends: string | null }>(
    `SELECT version, (lead(effective_from) OVER (ORDER BY effective_from, version) - 1)::text AS ends
     FROM programs WHERE tenant_id = $1 AND status = 'published'`,
    [tenantId],
  );
  const out = new Map<number, string>();
  for (const row of r.rows) if (row.ends !== null) out.set(Number(row.version), row.ends);
  return out;
}

function summaryOf(row: ProgramRow, ends: ReadonlyMap<number, string>): ProgramSummary {
  const def = row.definition ?? (row.status === "draft" ? parsedOrNull(row.source) : null);
  const version = row.version === null ? null : Number(row.version);
  return {
    id: row.id,
    version,
    status: row.status,
    programId: def?.id ?? null,
    name: def?.name ?? null,
    effectiveFrom: row.effective_from,
    effectiveTo: version !== null && row.status === "published" ? (ends.get(version) ?? null) : null,
    valid: row.issues.length === 0,
    issueCount: row.issues.length,
    basedOn: row.based_on === null ? null : Number(row.based_on),
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
    publishedBy: row.published_by,
    publishedAt: iso(row.published_at),
    retiredAt: iso(row.retired_at),
  };
}

function iso(v: Date | string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}
