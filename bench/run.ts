// `npm run bench [-- --scale N]`: runs the benchmark sections, prints a readable report and writes JSON results
// to bench/out/<section>.json. --scale multiplies the work (1 = about 1.2 M order lines; CI smoke-tests 0.05).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatAnalyticsReport, runAnalyticsBench } from "./analytics.ts";
import { formatCodesReport, runCodesBench } from "./codes.ts";
import { crashOk, formatCrashReport, runCrashBench } from "./crash.ts";
import { formatEngineReport, runEngineBench } from "./engine.ts";
import { formatImportReport, runImportBench } from "./import.ts";
import { formatLeaderboardReport, runLeaderboardBench } from "./leaderboard.ts";
import { formatJobsReport, formatServerReport, runJobsBench, runServerBench } from "./server.ts";
import { formatWebhookReport, runWebhookBench } from "./webhooks.ts";

const USAGE =
  "usage: npm run bench [-- --scale N] [--section engine|server|analytics|codes|webhooks|all|import|crash|jobs|leaderboard] [--no-embedded]\n" +
  "  (codes: 1,000,000 × N unique codes checked on PostgreSQL; webhooks: delivery under load; only when named)\n" +
  "  (import: 100,000 × N companies and 1,000,000 × N order lines into PostgreSQL; only when named)\n" +
  "  (jobs: only the server section's expiry and tier jobs over 1,000,000 × N members; only when named)\n" +
  "  (leaderboard: 10,000 × N participants and 1,000,000 × N scored sales on PostgreSQL; only when named)\n" +
  "  (crash: 405,611 × N real lines imported with 100 × N kills, against a clean import; only when named)\n" +
  "  N > 0, default 1; the server section uses DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres";
const SECTIONS = [
  "engine",
  "server",
  "analytics",
  "codes",
  "webhooks",
  "all",
  "import",
  "crash",
  "jobs",
  "leaderboard",
] as const;

async function main(): Promise<number> {
  let scale = 1;
  let section: (typeof SECTIONS)[number] = "all";
  let embedded = true;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        scale: { type: "string" },
        section: { type: "string" },
        "no-embedded": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.scale !== undefined) {
      scale = Number(values.scale);
      if (!Number.isFinite(scale) || scale <= 0 || scale > 100)
        throw new Error(`bad --scale ${values.scale}`);
    }
    if (values.section !== undefined) {
      const given = SECTIONS.find((x) => x === values.section);
      if (!given) throw new Error(`bad --section ${values.section}`);
      section = given;
    }
    embedded = !values["no-embedded"];
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = join(root, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

  let failed = false;
  if (section === "codes") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const codes = await runCodesBench({ scale, log, serverUrl });
    writeFileSync(join(outDir, "codes.json"), `${JSON.stringify(codes, null, 2)}\n`);
    process.stdout.write(formatCodesReport(codes));
  }
  if (section === "leaderboard") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const r = await runLeaderboardBench({ scale, log, serverUrl });
    writeFileSync(join(outDir, "leaderboard.json"), `${JSON.stringify(r, null, 2)}\n`);
    process.stdout.write(formatLeaderboardReport(r));
    failed ||= !r.sameTop;
  }
  if (section === "crash") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const r = await runCrashBench({ scale, serverUrl, log });
    writeFileSync(join(outDir, "crash.json"), `${JSON.stringify(r, null, 2)}\n`);
    process.stdout.write(formatCrashReport(r));
    process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all\n`);
    return crashOk(r) ? 0 : 1;
  }
  if (section === "jobs") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const r = await runJobsBench({ scale, serverUrl, log, embedded });
    writeFileSync(join(outDir, "jobs.json"), `${JSON.stringify(r, null, 2)}\n`);
    process.stdout.write(formatJobsReport(r));
    process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all\n`);
    return 0;
  }
  if (section === "import") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const r = await runImportBench({ scale, serverUrl, log });
    writeFileSync(join(outDir, "import.json"), `${JSON.stringify(r, null, 2)}\n`);
    process.stdout.write(formatImportReport(r));
    process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all\n`);
    return r.orders.ledgerClean ? 0 : 1;
  }
  if (section === "analytics" || section === "all") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const analytics = await runAnalyticsBench({ scale, log, serverUrl });
    writeFileSync(join(outDir, "analytics.json"), `${JSON.stringify(analytics, null, 2)}\n`);
    process.stdout.write(formatAnalyticsReport(analytics));
    failed ||= analytics.queries.some((q) => !q.same);
  }
  if (section === "engine" || section === "all") {
    const engine = await runEngineBench({ scale, log });
    writeFileSync(join(outDir, "engine.json"), `${JSON.stringify(engine, null, 2)}\n`);
    process.stdout.write(formatEngineReport(engine));
    failed ||= !engine.comparison.check.match;
  }
  if (section === "server" || section === "all") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const server = await runServerBench({ scale, log, serverUrl, embedded });
    writeFileSync(join(outDir, "server.json"), `${JSON.stringify(server, null, 2)}\n`);
    process.stdout.write(formatServerReport(server));
    failed ||= server.results.some(
      (r) => !r.ledgerClean || r.single.errors > 0 || (r.batched?.errors ?? 0) > 0,
    );
  }
  if (section === "webhooks") {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const hooks = await runWebhookBench({ scale, log, serverUrl });
    writeFileSync(join(outDir, "webhooks.json"), `${JSON.stringify(hooks, null, 2)}\n`);
    process.stdout.write(formatWebhookReport(hooks));
    failed ||= hooks.ingest.errors > 0 || hooks.lagMs.delivered < hooks.ingest.sent;
  }
  process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all\n`);
  // A failed check is an error; rates below the goals are reported, not failed (the machine may be noisy).
  return failed ? 1 : 0;
}

process.exitCode = await main();
