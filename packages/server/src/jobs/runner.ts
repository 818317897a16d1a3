// Runs the registered jobs of each tenant: day jobs once per (tenant, job, day), missed days caught up in order,
// safe when several processes share one database. Each step is one transaction that locks the tenant's row in
// job_locks (FOR UPDATE SKIP LOCKED: a busy tenant is skipped, not waited for), picks the first day job not yet
// done, runs it and writes its run record; the record's primary key makes a second run of a day impossible.
import { hostname } from "node:os";
import { type Day, formatDay, localDay, parseDay } from "@patron/engine";
import type { Db, Queryable } from "../db/db.ts";
import { programAt, publishedPrograms } from "../modules/programs/service.ts";
import { JOBS, type Job, type JobResult } from "./registry.ts";

/** Day jobs one call runs for one tenant at most (about ten years of three jobs); the next call goes on. */
const MAX_STEPS_PER_TENANT = 12_000;

export interface RunOptions {
  /** Only this tenant; every tenant when absent. */
  tenantId?: string;
  /** Only these jobs; all of them when absent. */
  jobs?: readonly string[];
  /** The last day to run day jobs for; the tenant's local today (in its program's time zone) when absent. */
  until?: Day;
  now?: () => Date;
  /** Wait for a process working on the same tenant instead of skipping the tenant (runs by hand). */
  wait?: boolean;
  /** Names the process in run records. */
  worker?: string;
  /** Asked between steps; true ends the call early (shutdown). */
  stopping?: () => boolean;
  /** Told about each run as it ends. */
  onRun?: (run: RunReport) => void;
}

export interface RunReport {
  tenantId: string;
  job: string;
  day: string;
  status: "done" | "failed";
  ms: number;
  result: JobResult | null;
  error: string | null;
}

export const defaultWorker = () => `${hostname()}:${process.pid}`;

class AlreadyDone extends Error {}

/** Runs what is due for the chosen tenants and jobs; returns the runs made by this call. */
export async function runJobs(db: Db, opts: RunOptions = {}): Promise<RunReport[]> {
  const jobs = opts.jobs ? JOBS.filter((j) => opts.jobs?.includes(j.name)) : JOBS;
  const tenants = opts.tenantId
    ? [opts.tenantId]
    : (await db.query<{ id: string }>("SELECT id FROM tenants ORDER BY id")).rows.map((r) => r.id);
  const reports: RunReport[] = [];
  const report = (r: RunReport) => {
    reports.push(r);
    opts.onRun?.(r);
  };
  const failures: unknown[] = [];
  for (const tenantId of tenants) {
    if (opts.stopping?.()) break;
    // One tenant that cannot run (its program no longer compiles, say) does not hold back the others.
    await runTenant(db, tenantId, jobs, opts, report).catch((e) => failures.push(e));
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `jobs of ${failures.length} tenant(s) could not run`);
  return reports;
}

async function runTenant(
  db: Db,
  tenantId: string,
  jobs: readonly Job[],
  opts: RunOptions,
  report: (r: RunReport) => void,
): Promise<void> {
  const versions = await publishedPrograms(db, tenantId);
  if (versions.length === 0) return;
  const now = opts.now ?? (() => new Date());
  const start = Math.min(...versions.map((v) => v.startsOn));
  const today = localDay(
    now().toISOString(),
    programAt(versions, Number.MAX_SAFE_INTEGER)?.timeZone ?? "UTC",
  );
  const until = opts.until ?? (today as Day);
  const worker = opts.worker ?? defaultWorker();
  const dayJobs = jobs.filter((j) => j.every === "day");
  await db.query("INSERT INTO job_locks (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING", [tenantId]);
  for (let step = 0; step < MAX_STEPS_PER_TENANT && dayJobs.length > 0; step++) {
    if (opts.stopping?.()) return;
    let picked: { job: Job & { every: "day" }; day: Day } | null = null;
    const startedAt = now();
    const t0 = performance.now();
    try {
      const outcome = await db.transaction(async (tx) => {
        const lock = await tx.query(
          `SELECT tenant_id FROM job_locks WHERE tenant_id = $1 FOR UPDATE${opts.wait ? "" : " SKIP LOCKED"}`,
          [tenantId],
        );
        if (lock.rows.length === 0) return "busy" as const;
        picked = await nextDue(tx, tenantId, dayJobs, start, until);
        if (!picked) return "idle" as const;
        const result = await picked.job.run(tx, tenantId, picked.day);
        const ms = Math.round(performance.now() - t0);
        await recordDone(tx, tenantId, picked.job.name, picked.day, startedAt, now(), ms, result, worker);
        const done: RunReport = {
          tenantId,
          job: picked.job.name,
          day: formatDay(picked.day),
          status: "done",
          ms,
          result,
          error: null,
        };
        return done;
      });
      if (outcome === "busy" || outcome === "idle") break;
      report(outcome);
    } catch (e) {
      if (e instanceof AlreadyDone) continue;
      const failed = picked as { job: Job; day: Day } | null;
      if (!failed) throw e;
      const ms = Math.round(performance.now() - t0);
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      await recordFailed(db, tenantId, failed.job.name, failed.day, startedAt, now(), ms, error, worker);
      report({
        tenantId,
        job: failed.job.name,
        day: formatDay(failed.day),
        status: "failed",
        ms,
        result: null,
        error,
      });
      // Later days wait for this one: the next tick tries it again.
      return;
    }
  }
  for (const job of jobs) {
    if (job.every !== "tick" || opts.stopping?.()) continue;
    await runSweep(db, tenantId, job, until, now, worker, report);
  }
}

/** The first day job not yet done, day by day from the program's start; jobs of one day in registry order. */
async function nextDue(
  tx: Queryable,
  tenantId: string,
  jobs: readonly (Job & { every: "day" })[],
  start: Day,
  until: Day,
): Promise<{ job: Job & { every: "day" }; day: Day } | null> {
  const done = await tx.query<{ job: string; last: string }>(
    `SELECT job, max(day)::text AS last FROM job_runs
     WHERE tenant_id = $1 AND status = 'done' GROUP BY job`,
    [tenantId],
  );
  const last = new Map(done.rows.map((r) => [r.job, parseDay(r.last) as Day]));
  let best: { job: Job & { every: "day" }; day: Day } | null = null;
  for (const job of jobs) {
    const prev = last.get(job.name);
    const day = prev === undefined ? start : prev + 1;
    if (day <= until && (!best || day < best.day)) best = { job, day };
  }
  return best;
}

async function recordDone(
  tx: Queryable,
  tenantId: string,
  job: string,
  day: Day,
  startedAt: Date,
  finishedAt: Date,
  ms: number,
  result: JobResult,
  worker: string,
): Promise<void> {
  const r = await tx.query(
    `INSERT INTO job_runs (tenant_id, job, day, status, attempts, started_at, finished_at, duration_ms, result, error, worker)
     VALUES ($1, $2, $3, 'done', 1, $4, $5, $6, $7, NULL, $8)
     ON CONFLICT (tenant_id, job, day) DO UPDATE SET status = 'done', attempts = job_runs.attempts + 1,
       started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms,
       result = EXCLUDED.result, error = NULL, worker = EXCLUDED.worker
     WHERE job_runs.status = 'failed'`,
    [tenantId, job, formatDay(day), startedAt, finishedAt, ms, JSON.stringify(result), worker],
  );
  // Unreachable while the tenant's lock is held; if it ever happens, the rollback undoes the second run.
  if (r.rowCount === 0) throw new AlreadyDone(`${job} of ${formatDay(day)} for ${tenantId} is already done`);
}

async function recordFailed(
  db: Db,
  tenantId: string,
  job: string,
  day: Day,
  startedAt: Date,
  finishedAt: Date,
  ms: number,
  error: string,
  worker: string,
): Promise<void> {
  await db.query(
    `INSERT INTO job_runs (tenant_id, job, day, status, attempts, started_at, finished_at, duration_ms, result, error, worker)
     VALUES ($1, $2, $3, 'failed', 1, $4, $5, $6, NULL, $7, $8)
     ON CONFLICT (tenant_id, job, day) DO UPDATE SET attempts = job_runs.attempts + 1,
       started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms,
       error = EXCLUDED.error, worker = EXCLUDED.worker
     WHERE job_runs.status = 'failed'`,
    [tenantId, job, formatDay(day), startedAt, finishedAt, ms, error.slice(0, 4000), worker],
  );
}

/** A sweep job's tick: run, then count the tick in the day's record (its last result kept). */
async function runSweep(
  db: Db,
  tenantId: string,
  job: Job & { every: "tick" },
  day: Day,
  now: () => Date,
  worker: string,
  report: (r: RunReport) => void,
): Promise<void> {
  const startedAt = now();
  const t0 = performance.now();
  let result: JobResult | null = null;
  let error: string | null = null;
  try {
    result = await job.run(db, tenantId, startedAt);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  const ms = Math.round(performance.now() - t0);
  const status = error === null ? "done" : "failed";
  await db.query(
    `INSERT INTO job_runs (tenant_id, job, day, status, attempts, started_at, finished_at, duration_ms, result, error, worker)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, job, day) DO UPDATE SET status = EXCLUDED.status, attempts = job_runs.attempts + 1,
       started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms,
       result = EXCLUDED.result, error = EXCLUDED.error, worker = EXCLUDED.worker`,
    [
      tenantId,
      job.name,
      formatDay(day),
      status,
      startedAt,
      now(),
      ms,
      result === null ? null : JSON.stringify(result),
      error,
      worker,
    ],
  );
  report({ tenantId, job: job.name, day: formatDay(day), status, ms, result, error });
}

export interface RunRecord {
  tenantId: string;
  job: string;
  day: string;
  status: "done" | "failed";
  attempts: number;
  startedAt: string;
  durationMs: number;
  result: JobResult | null;
  error: string | null;
  worker: string;
}

/** The latest runs, newest first; one tenant's or all. */
export async function recentRuns(
  q: Queryable,
  opts: { tenantId?: string; limit?: number } = {},
): Promise<RunRecord[]> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 1000);
  const r = await q.query<{
    tenant_id: string;
    job: string;
    day: string;
    status: "done" | "failed";
    attempts: number;
    started_at: Date | string;
    duration_ms: number;
    result: JobResult | null;
    error: string | null;
    worker: string;
  }>(
    // Runs finished in the same millisecond (small days' jobs do) are listed as they ran: a later day first, and
    // within a day the job that runs later first.
    `SELECT tenant_id, job, day::text, status, attempts, started_at, duration_ms, result, error, worker
     FROM job_runs ${opts.tenantId ? "WHERE tenant_id = $2" : ""}
     ORDER BY finished_at DESC, tenant_id, day DESC, array_position($1::text[], job) DESC, job LIMIT ${limit}`,
    [`{${JOBS.map((j) => j.name).join(",")}}`, ...(opts.tenantId ? [opts.tenantId] : [])],
  );
  return r.rows.map((x) => ({
    tenantId: x.tenant_id,
    job: x.job,
    day: x.day,
    status: x.status,
    attempts: Number(x.attempts),
    startedAt: new Date(x.started_at).toISOString(),
    durationMs: Number(x.duration_ms),
    result: x.result,
    error: x.error,
    worker: x.worker,
  }));
}
