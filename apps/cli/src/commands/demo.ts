// `patron demo`: a demo tenant made from a sample of a real wholesaler's invoices (304 companies, 25,523
// lines), dates moved so that its last day is yesterday, priced through the 4-tier program of mechanic 1.
// `patron demo --replay [PROGRAM]` replays the whole data set offline instead, as `patron simulate` does.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type CompanyRow, formatDay, localDay, type OrderRow, parseDay } from "@patron/engine";
import { createDemoTenant, type Db, type DemoLogin } from "@patron/server";
import { readCompanies, readOrders } from "@patron/server/csv";
import { withDatabase } from "./data.ts";
import { loadCompanies, loadOrders } from "./import.ts";
import { CliError } from "./load.ts";
import { simulateCommand } from "./simulate.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const DATA = join(root, "examples/data/online-retail");
export const DEMO_PROGRAM = join(root, "examples/programs/01-volume-tiers.yaml");
/** The program's time zone: "yesterday" is the day before today there. */
const DEMO_TIME_ZONE = "Europe/Moscow";

/** A path, or the name of an example program ("04-progressive-discount", with or without ".yaml"). */
function resolveProgram(arg: string): string {
  if (existsSync(arg)) return arg;
  const example = join(root, "examples/programs", arg.endsWith(".yaml") ? arg : `${arg}.yaml`);
  return existsSync(example) ? example : arg;
}

const USAGE = `usage: patron demo [--tenant ID] [--port N]    a demo tenant in the configured database
       patron demo --replay [PROGRAM]            replay the whole data set offline through a program
`;

export async function demoCommand(argv: string[]): Promise<number> {
  if (argv[0] === "--replay") return replayDemo(argv.slice(1));
  let values: { tenant: string; port: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tenant: { type: "string", default: "demo" },
        port: { type: "string", default: process.env.PORT || "3000" },
      },
      strict: true,
    }) as { values: { tenant: string; port: string } });
  } catch (e) {
    process.stderr.write(`patron demo: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const made = await withDatabase((db) => makeDemo(db, values.tenant));
    printLogin(made, `http://127.0.0.1:${values.port}`);
    process.stdout.write("Start the API with `patron serve` (or `npm start`) to use it.\n");
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`patron demo: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export interface DemoMade extends DemoLogin {
  companies: number;
  lines: number;
  seconds: number;
  firstDay: string;
  lastDay: string;
}

/** Moves every date of the sample by the same number of days, so that its last day is `lastDay`. */
export function shiftDates(
  orders: OrderRow[],
  companies: CompanyRow[],
  lastDay: number,
): { days: number; firstDay: number } {
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const r of orders) {
    const d = parseDay(r.date.slice(0, 10)) as number;
    if (d > max) max = d;
    if (d < min) min = d;
  }
  const days = lastDay - max;
  const move = (text: string) => formatDay((parseDay(text.slice(0, 10)) as number) + days) + text.slice(10);
  for (const r of orders) {
    r.date = move(r.date);
    if (r.paidOn !== null) r.paidOn = move(r.paidOn);
  }
  for (const c of companies) {
    if (c.joinedOn !== null) c.joinedOn = move(c.joinedOn);
    if (c.enrolledOn !== null) c.enrolledOn = move(c.enrolledOn);
  }
  return { days, firstDay: min + days };
}

/** Creates the demo tenant and imports the sample into it. */
export async function makeDemo(db: Db, tenantId: string, quiet = false): Promise<DemoMade> {
  const started = performance.now();
  const exists = await db.query("SELECT 1 FROM tenants WHERE id = $1", [tenantId]);
  if (exists.rows.length > 0)
    throw new CliError(`tenant ${tenantId} exists already: give another --tenant, or use the one there is`);
  const [orders, companies] = await Promise.all([
    readOrders(join(DATA, "demo-orders.csv.gz")),
    readCompanies(join(DATA, "demo-companies.csv")),
  ]);
  const today = localDay(new Date().toISOString(), DEMO_TIME_ZONE) as number;
  const { firstDay } = shiftDates(orders, companies, today - 1);
  const login = await createDemoTenant(db, {
    id: tenantId,
    name: "Demo Wholesale",
    email: `owner@${tenantId}.patron.example`,
    ownerName: "Demo Owner",
    program: readFileSync(DEMO_PROGRAM, "utf8"),
  });
  if (!quiet) process.stdout.write(`Creating the demo tenant ${tenantId} from a sample of real invoices…\n`);
  await loadCompanies(db, tenantId, { id: "companies:demo", name: "demo-companies.csv" }, companies, true);
  await loadOrders(db, tenantId, "demo", { id: "orders:demo", name: "demo-orders.csv.gz" }, orders, quiet);
  return {
    ...login,
    companies: companies.length,
    lines: orders.length,
    seconds: (performance.now() - started) / 1000,
    firstDay: formatDay(firstDay),
    lastDay: formatDay(today - 1),
  };
}

export function printLogin(made: DemoMade | DemoLogin, url: string): void {
  const summary =
    "companies" in made
      ? `The demo tenant ${made.tenantId} is ready: ${made.companies} companies and ${made.lines.toLocaleString("en-US")} invoice lines from ${made.firstDay} to ${made.lastDay}, priced through ${"examples/programs/01-volume-tiers.yaml"} (${made.seconds.toFixed(1)} s).\n`
      : `The demo tenant ${made.tenantId}:\n`;
  process.stdout.write(
    `${summary}` +
      `  API       ${url}/v1   (docs at ${url}/docs)\n` +
      `  sign in   ${made.email}\n` +
      `  password  ${made.password}\n` +
      `  API key   ${made.apiKey}\n` +
      `  try       curl -s ${url}/v1/members/${DEMO_MEMBER}/wallet -H "authorization: Bearer ${made.apiKey}"\n`,
  );
}

/** A company of the sample with many orders, for the example call. */
const DEMO_MEMBER = "14056";

async function replayDemo(argv: string[]): Promise<number> {
  const program = resolveProgram(argv[0] ?? "01-volume-tiers");
  process.stdout.write(
    "Replaying a real wholesaler's year of invoices (405,611 lines, 4,338 companies; see examples/data/online-retail/README.md)\n" +
      `through ${program}\n\n`,
  );
  return simulateCommand([
    "--program",
    program,
    "--orders",
    join(DATA, "orders.csv.gz"),
    "--companies",
    join(DATA, "companies.csv"),
  ]);
}
