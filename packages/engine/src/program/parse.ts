// Reads a program definition from YAML or JSON text and reports every problem with its path and line.
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type CompiledProgram,
  type CompileIssue,
  compileProgram,
  formatPath,
  ProgramError,
} from "../compile.ts";
import { Program, type ProgramDef } from "./schema.ts";

export interface ProgramIssue {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export type ParseResult =
  | { ok: true; program: ProgramDef; compiled: CompiledProgram }
  | { ok: false; issues: ProgramIssue[] };

/** Parses, validates and compiles a definition. JSON is read as YAML, of which it is a subset. */
export function parseProgram(text: string): ParseResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return {
          path: "(file)",
          line: pos.line,
          column: pos.col,
          message: e.message.split("\n")[0] ?? e.message,
        };
      }),
    };
  }
  const data: unknown = doc.toJS();
  const where = (path: readonly PropertyKey[]): { line: number | null; column: number | null } => {
    // The deepest node that exists along the path.
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === "object" && node.range) {
        const pos = lc.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: null, column: null };
  };
  const parsed = Program.safeParse(data);
  if (!parsed.success) {
    const found = flattenIssues(parsed.error.issues);
    const issues: ProgramIssue[] = found.map((i) => ({
      path: i.path,
      message: i.message,
      ...where(i.locate),
    }));
    // Report the checks that need a valid shape too, as far as the file allows, so one run shows everything.
    for (const i of semanticIssuesDespite(data, found)) {
      const path = formatPath(i.path);
      if (!issues.some((x) => x.path === path)) issues.push({ path, message: i.message, ...where(i.path) });
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, issues };
  }
  try {
    return { ok: true, program: parsed.data, compiled: compileProgram(parsed.data) };
  } catch (e) {
    if (e instanceof ProgramError) {
      return {
        ok: false,
        issues: e.issues.map((i) => ({ path: formatPath(i.path), message: i.message, ...where(i.path) })),
      };
    }
    throw e;
  }
}

/** Zod reports a failed union as one issue holding each branch's issues: keep the branch that got furthest. */
interface FoundIssue {
  keys: PropertyKey[];
  /** Where to point in the file: the field itself, or for unknown fields the first of them. */
  locate: PropertyKey[];
  path: string;
  message: string;
}

function pathText(keys: readonly PropertyKey[]): string {
  return formatPath(keys.map((k) => (typeof k === "symbol" ? String(k) : k)));
}

/**
 * Removes the fields the schema refused (a few rounds at most) and, if the rest then has a valid shape,
 * returns what the compiler finds in it: dates that do not exist, thresholds out of order, missing approvals.
 */
function semanticIssuesDespite(data: unknown, found: readonly FoundIssue[]): CompileIssue[] {
  if (typeof data !== "object" || data === null) return [];
  const clone: unknown = structuredClone(data);
  let issues: readonly FoundIssue[] = found;
  for (let round = 0; round < 3; round++) {
    for (const i of issues) removeAt(clone, i.locate);
    const r = Program.safeParse(clone);
    if (r.success) {
      try {
        compileProgram(r.data);
        return [];
      } catch (e) {
        if (e instanceof ProgramError) return e.issues;
        throw e;
      }
    }
    issues = flattenIssues(r.error.issues);
  }
  return [];
}

function removeAt(root: unknown, path: readonly PropertyKey[]): void {
  let node: unknown = root;
  for (let k = 0; k < path.length - 1; k++) {
    if (typeof node !== "object" || node === null) return;
    node = (node as Record<PropertyKey, unknown>)[path[k] as PropertyKey];
  }
  const last = path[path.length - 1];
  if (last === undefined || typeof node !== "object" || node === null || Array.isArray(node)) return;
  delete (node as Record<PropertyKey, unknown>)[last];
}

function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): FoundIssue[] {
  const out: FoundIssue[] = [];
  for (const i of issues) {
    const keys = [...prefix, ...i.path];
    if (i.code === "invalid_union" && i.errors.length > 0) {
      let best = i.errors[0] ?? [];
      let bestDepth = -1;
      for (const branch of i.errors) {
        const depth = Math.max(...branch.map((b) => b.path.length), 0) - branch.length / 100;
        if (depth > bestDepth) {
          best = branch;
          bestDepth = depth;
        }
      }
      if (bestDepth > 0) {
        out.push(...flattenIssues(best, keys));
        continue;
      }
    }
    if (i.code === "unrecognized_keys") {
      // One issue per unknown field, pointing at the field itself.
      for (const key of i.keys) {
        const at = [...keys, key];
        out.push({ keys: at, locate: at, path: pathText(at), message: "unknown field" });
      }
      continue;
    }
    out.push({ keys, locate: keys, path: pathText(keys), message: i.message });
  }
  return out;
}
