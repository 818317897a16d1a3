// Loads program files for commands that run them, turning validation problems into one readable error.
import { readFile } from "node:fs/promises";
import { type CompiledProgram, parseProgram } from "@patron/engine";

export class CliError extends Error {}

export async function loadProgram(file: string): Promise<CompiledProgram> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const result = parseProgram(text);
  if (!result.ok) {
    const lines = result.issues.map(
      (i) => `${file}${i.line === null ? "" : `:${i.line}:${i.column}`}: ${i.path}: ${i.message}`,
    );
    throw new CliError(lines.join("\n"));
  }
  return result.compiled;
}
