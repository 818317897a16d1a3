// `patron demo`: replays the bundled real order history through an example program and prints the result.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulateCommand } from "./simulate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** A path, or the name of an example program ("04-progressive-discount", with or without ".yaml"). */
function resolveProgram(arg: string): string {
  if (existsSync(arg)) return arg;
  const example = join(root, "examples/programs", arg.endsWith(".yaml") ? arg : `${arg}.yaml`);
  return existsSync(example) ? example : arg;
}

export async function demoCommand(argv: string[]): Promise<number> {
  const program = resolveProgram(argv[0] ?? "01-volume-tiers");
  const data = join(root, "examples/data/online-retail");
  process.stdout.write(
    "Replaying a real wholesaler's year of invoices (405,611 lines, 4,338 companies; see examples/data/online-retail/README.md)\n" +
      `through ${program}\n\n`,
  );
  return simulateCommand([
    "--program",
    program,
    "--orders",
    join(data, "orders.csv.gz"),
    "--companies",
    join(data, "companies.csv"),
  ]);
}
