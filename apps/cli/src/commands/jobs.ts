// `patron jobs run` and `patron jobs list`: the day jobs (maturation, expiry, tiers, ...) by hand, on the
// embedded database in the data folder or on DATABASE_URL. Days already done are skipped; missed ones run in order.
import { parseArgs } from "node:util";
import { parseDay } from "@patron/engine";
import { type Db, DbLockedError, JOBS, migrate, openFromEnv, recentRuns, runJobs } from "@patron/server";
import { dataDir } from "./db.ts";

const names = () => JOBS.map((j) => j.name);
const usage = () =>
  `usage: patron jobs run <${[...names(), "all"].join("|")}> [--as-of YYYY-MM-DD] [--tenant ID]\n` +
  "       patron jobs list [--tenant ID] [--limit N]\n";

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openFromEnv(dataDir());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function jobsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === "run") return await run(rest);
    if (sub === "list") return await list(rest);
  } catch (e) {
    if (e instanceof DbLockedError) {
      process.stderr.write(`patron jobs: ${e.message}\n`);
      return 1;
    }
    if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`patron jobs: ${e.message}\n${usage()}`);
      return 2;
    }
    throw e;
  }
  process.stderr.write(usage());
  return 2;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { "as-of": { type: "string" }, tenant: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const job = positionals[0];
  if (positionals.length !== 1 || job === undefined || !(job === "all" || names().includes(job))) {
    process.stderr.write(`patron jobs: name one job: ${[...names(), "all"].join(", ")}\n${usage()}`);
    return 2;
  }
  const asOf = values["as-of"] === undefined ? undefined : parseDay(values["as-of"]);
  if (asOf === null) {
    process.stderr.write(`patron jobs: --as-of ${values["as-of"]} is not a date (YYYY-MM-DD)\n`);
    return 2;
  }
  const tenant = values.tenant;
  return withDb(async (db) => {
    if (tenant !== undefined) {
      const found = await db.query("SELECT 1 FROM tenants WHERE id = $1", [tenant]);
      if (found.rows.length === 0) {
        process.stderr.write(`patron jobs: there is no tenant ${tenant}\n`);
        return 1;
      }
    }
    const runs = await runJobs(db, {
      ...(tenant === undefined ? {} : { tenantId: tenant }),
      ...(job === "all" ? {} : { jobs: [job] }),
      ...(asOf === undefined ? {} : { until: asOf }),
      // A run by hand waits for a server process working on the same tenant, then goes on after it.
      wait: true,
    });
    for (const r of runs) {
      const counts = Object.entries(r.result ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      process.stdout.write(`${r.day}  ${r.tenantId}  ${r.job}  ${r.status}  ${r.ms} ms  ${counts}\n`);
      if (r.error) process.stderr.write(`${r.error}\n`);
    }
    const failed = runs.filter((r) => r.status === "failed").length;
    process.stdout.write(
      runs.length === 0
        ? "nothing was due: every day up to then is done\n"
        : `${runs.length} run(s)${failed ? `, ${failed} failed` : ""}\n`,
    );
    return failed ? 1 : 0;
  });
}

async function list(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { tenant: { type: "string" }, limit: { type: "string", default: "20" } },
    strict: true,
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    process.stderr.write(`patron jobs: --limit ${values.limit} is not a number from 1 to 1000\n`);
    return 2;
  }
  const tenant = values.tenant;
  const runs = await withDb((db) =>
    recentRuns(db, { ...(tenant === undefined ? {} : { tenantId: tenant }), limit }),
  );
  if (runs.length === 0) {
    process.stdout.write("no job has run yet\n");
    return 0;
  }
  for (const r of runs) {
    const counts = Object.entries(r.result ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    process.stdout.write(
      `${r.day}  ${r.tenantId}  ${r.job}  ${r.status}  tries=${r.attempts}  ${r.durationMs} ms  ${counts || "-"}  ${r.worker}  ${r.startedAt}\n`,
    );
  }
  return 0;
}
