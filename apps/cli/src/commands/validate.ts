// `patron validate FILE...`: every problem of each definition, with its path and line, and a non-zero exit.
import { readFile } from "node:fs/promises";
import { parseProgram } from "@patron/engine";

export async function validateCommand(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith("-"));
  if (files.length === 0) {
    process.stderr.write("usage: patron validate FILE...\n");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      process.stderr.write(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      failed++;
      continue;
    }
    const result = parseProgram(text);
    if (result.ok) {
      const p = result.program;
      process.stdout.write(`${file}: ok (${p.id} v${p.version}, ${p.currency}, ${p.timeZone})\n`);
      continue;
    }
    failed++;
    for (const i of result.issues) {
      const at = i.line === null ? file : `${file}:${i.line}:${i.column}`;
      process.stderr.write(`${at}: ${i.path}: ${i.message}\n`);
    }
    process.stderr.write(`${file}: ${result.issues.length} error(s)\n`);
  }
  return failed > 0 ? 1 : 0;
}
