// Writes schemas/program.schema.json from the zod schema the engine validates with; --check fails when stale.
import { readFile, writeFile } from "node:fs/promises";
import { Program } from "@patron/engine";
import { z } from "zod";

const target = new URL("../schemas/program.schema.json", import.meta.url);
const schema = {
  ...z.toJSONSchema(Program, { io: "input", target: "draft-2020-12" }),
  $id: "https://patron.dev/schemas/program.schema.json",
  title: "Patron program definition",
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    process.stderr.write("schemas/program.schema.json is out of date: run `npm run schema` and commit it\n");
    process.exit(1);
  }
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
