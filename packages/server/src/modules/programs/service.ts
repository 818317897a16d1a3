// Program versions of a tenant: stored as validated definitions, compiled once per process and version.
import { type CompiledProgram, type Day, type ProgramIssue, parseProgram } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";

export class ProgramInvalidError extends Error {
  constructor(readonly issues: ProgramIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  }
}

const compiled = new Map<string, CompiledProgram>();

/** Validates a definition and stores it as the tenant's next published version; returns its version. */
export async function publishProgram(q: Queryable, tenantId: string, text: string): Promise<CompiledProgram> {
  const r = parseProgram(text);
  if (!r.ok) throw new ProgramInvalidError(r.issues);
  const next = await q.query<{ v: number }>(
    "SELECT COALESCE(max(version), 0) + 1 AS v FROM programs WHERE tenant_id = $1",
    [tenantId],
  );
  const version = Number(next.rows[0]?.v ?? 1);
  const def = { ...r.program, version };
  await q.query(
    "INSERT INTO programs (tenant_id, version, status, effective_from, definition) VALUES ($1, $2, 'published', $3, $4)",
    [tenantId, version, def.effectiveFrom ?? def.startsOn, JSON.stringify(def)],
  );
  return compile(tenantId, version, JSON.stringify(def));
}

function compile(tenantId: string, version: number, json: string): CompiledProgram {
  const key = `${tenantId}\u0000${version}`;
  let p = compiled.get(key);
  if (!p) {
    const r = parseProgram(json);
    if (!r.ok) throw new ProgramInvalidError(r.issues);
    p = r.compiled;
    compiled.set(key, p);
  }
  return p;
}

/** The tenant's published versions, oldest effective date first. */
export async function publishedPrograms(q: Queryable, tenantId: string): Promise<CompiledProgram[]> {
  const r = await q.query<{ version: number; definition: unknown }>(
    "SELECT version, definition FROM programs WHERE tenant_id = $1 AND status = 'published' ORDER BY effective_from, version",
    [tenantId],
  );
  return r.rows.map((row) => compile(tenantId, Number(row.version), JSON.stringify(row.definition)));
}

/** The version that applies to events of `day`: the latest effective on it (the first one for earlier days). */
export function programAt(versions: readonly CompiledProgram[], day: Day): CompiledProgram | null {
  let p = versions[0] ?? null;
  for (const x of versions) if (x.effectiveFrom <= day) p = x;
  return p;
}
