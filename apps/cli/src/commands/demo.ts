// `patron demo`: replays the bundled real order history through an example program and prints the result.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulateCommand } from "./simulate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

export async function demoCommand(argv: string[]): Promise<number> {
  const program = argv[0] ?? join(root, "examples/programs/01-volume-tiers.yaml");
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
