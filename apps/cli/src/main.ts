// The `patron` command: dispatches to one module per subcommand.
import { analyticsCommand } from "./commands/analytics.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { ledgerCommand, migrateCommand } from "./commands/db.ts";
import { demoCommand } from "./commands/demo.ts";
import { economicsCommand } from "./commands/economics.ts";
import { exportCommand } from "./commands/export.ts";
import { importCommand } from "./commands/import.ts";
import { jobsCommand } from "./commands/jobs.ts";
import { serveCommand } from "./commands/serve.ts";
import { simulateCommand } from "./commands/simulate.ts";
import { startCommand } from "./commands/start.ts";
import { validateCommand } from "./commands/validate.ts";

const USAGE = `patron — a B2B loyalty platform

Usage:
  patron validate FILE...                  check program definitions against the schema
  patron simulate --program P --orders O.csv [--companies C.csv] [--as-of DATE] [--json]
                                           replay order history through a program
  patron economics --price 9000 --margin 30% --discount 5% --bonus 5% [--breakage 20%]
                  [--tiers "60%:1%,30%:2%,10%:3%"] [--json]
                                           what a discount, a bonus or a tier design costs (mechanic 6)
  patron demo [--tenant demo]              a demo tenant from a sample of real invoices (304 companies),
                                           dates moved to end yesterday, the 4-tier program published;
                                           prints where to sign in
  patron demo --replay [PROGRAM]           replay the whole bundled data set offline through a program
                                           (a file, or an example's name such as 04-progressive-discount;
                                           01-volume-tiers when none is given)
  patron start [--port 3000]               migrate, create the demo tenant if there is no tenant, and serve
  patron serve [--port 3000]               the HTTP API (docs at /docs) on the embedded database in
                                           PATRON_DATA (default .patron/data) or on DATABASE_URL
  patron migrate                           bring the database up to date (PATRON_DATA or DATABASE_URL)
  patron ledger verify [--tenant ID]       re-add every account from its postings and report differences
  patron jobs run <maturation|credits|expiry|tiers|campaigns|holds|analytics|notifications|all> [--as-of DATE] [--tenant ID]
                                           run the day jobs by hand (days done are skipped)
  patron jobs list [--tenant ID]           the latest job runs
  patron analytics rebuild|refresh [--tenant ID]
                                           recompute the analytics rollups from the raw tables, or add
                                           what arrived since they were last brought up to date
  patron import companies|contacts|orders|rewards FILE [--tenant ID] [--source import]
                                           load a CSV file (.gz too) in batches, with a progress bar;
                                           run again after a crash, it continues where it stopped
  patron export companies|contacts|orders|ledger|rewards|wallets|reward-orders|webhook-deliveries|
                survey-answers|audit [--tenant ID] [--out FILE[.gz]]
                                           a tenant's data as CSV (all but the ledger import again)
  patron backup FILE                       a consistent copy of the database (PGlite tarball or pg_dump)
  patron restore FILE [--force]            restore a backup; refuses a database that is not empty
  patron help                              this text
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  validate: validateCommand,
  simulate: simulateCommand,
  economics: economicsCommand,
  demo: demoCommand,
  migrate: migrateCommand,
  serve: serveCommand,
  ledger: ledgerCommand,
  jobs: jobsCommand,
  import: importCommand,
  export: exportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  analytics: analyticsCommand,
  start: startCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`patron: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

process.exitCode = await main(process.argv.slice(2));
