// Runs the jobs on a timer in a server process: a tick at start, then one every interval after the last
// ended. Several processes may run it against one database; the runner does each day's job once. Each tick
// also refreshes the statistics of tables that have grown much since they were taken, and on the embedded
// database, which has no autovacuum, vacuums them.
import type { Db } from "../db/db.ts";
import { refreshGrownTables } from "../db/statistics.ts";
import { type RunReport, runJobs } from "./runner.ts";

export interface SchedulerOptions {
  /** Time between the end of one tick and the start of the next. */
  intervalMs?: number;
  now?: () => Date;
  worker?: string;
  onRun?: (run: RunReport) => void;
  /** A tick that failed as a whole (the database went away, say); the next tick tries again. */
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** Waits for the tick under way (which stops between two steps), and schedules no further one. */
  stop(): Promise<void>;
}

export const DEFAULT_INTERVAL_MS = 60_000;

export function startScheduler(db: Db, opts: SchedulerOptions = {}): Scheduler {
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    try {
      await runJobs(db, {
        ...(opts.now ? { now: opts.now } : {}),
        ...(opts.worker ? { worker: opts.worker } : {}),
        ...(opts.onRun ? { onRun: opts.onRun } : {}),
        stopping: () => stopped,
      });
      // Tables that have grown much since their statistics were taken get new ones (see db/statistics.ts).
      if (!stopped) await refreshGrownTables(db, { vacuum: db.kind === "embedded" });
    } catch (e) {
      opts.onError?.(e);
    }
  };
  const loop = () => {
    timer = null;
    if (stopped) return;
    running = tick().finally(() => {
      running = null;
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
