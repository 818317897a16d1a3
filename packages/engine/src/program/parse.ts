// Reads a program definition from YAML or JSON text and reports every problem with its path and line.
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type CompiledProgram, compileProgram, formatPath, ProgramError } from "../compile.ts";
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
    return { ok: false, issues: flattenIssues(parsed.error.issues).map((i) => ({ ...i, ...where(i.keys) })) };
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
function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): { keys: PropertyKey[]; path: string; message: string }[] {
  const out: { keys: PropertyKey[]; path: string; message: string }[] = [];
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
    const message = i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message;
    out.push({ keys, path: formatPath(keys.map((k) => (typeof k === "symbol" ? String(k) : k))), message });
  }
  return out;
}
