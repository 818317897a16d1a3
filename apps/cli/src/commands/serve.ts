// `patron serve`: the HTTP API on the embedded database in the data folder, or on DATABASE_URL, with the day
// jobs on a schedule, JSON logs on standard output, metrics, and a graceful shutdown on SIGTERM or SIGINT.
import type { Server } from "node:http";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import {
  createApp,
  createLogger,
  createMetrics,
  DbLockedError,
  DEFAULT_INTERVAL_MS,
  migrate,
  openFromEnv,
  rateLimitFromEnv,
  type Scheduler,
  shutdown,
  startScheduler,
  startWebhookWorker,
  stdoutSink,
  type WebhookWorker,
} from "@patron/server";
import { dataDir } from "./db.ts";

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: process.env.PORT || "3000" },
      host: { type: "string", default: "127.0.0.1" },
      "no-jobs": { type: "boolean", default: false },
      "no-webhooks": { type: "boolean", default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`patron serve: --port ${values.port} is not a port number\n`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openFromEnv>>;
  try {
    db = await openFromEnv(dataDir());
  } catch (e) {
    if (e instanceof DbLockedError) {
      process.stderr.write(`patron serve: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  await migrate(db);
  const logger = createLogger(stdoutSink);
  const metrics = createMetrics(db);
  const app = createApp({
    db,
    bootstrapToken: process.env.PATRON_BOOTSTRAP_TOKEN || null,
    logSink: stdoutSink,
    metrics,
    metricsToken: process.env.PATRON_METRICS_TOKEN || null,
    rateLimit: rateLimitFromEnv(),
  });
  const where = db.kind === "embedded" ? `the embedded database in ${dataDir()}` : "the PostgreSQL server";
  const server = serve({ fetch: app.fetch, port, hostname: values.host }, () => {
    process.stdout.write(`Patron API on http://${values.host}:${port} (docs at /docs), on ${where}\n`);
  });
  const failed = await new Promise<string | null>((resolve) => {
    server.once("listening", () => resolve(null));
    server.once("error", (e: NodeJS.ErrnoException) =>
      resolve(
        e.code === "EADDRINUSE"
          ? `port ${port} is in use: stop what listens there, or give --port`
          : e.message,
      ),
    );
  });
  if (failed) {
    process.stderr.write(`patron serve: ${failed}\n`);
    await db.close();
    return 1;
  }
  let scheduler: Scheduler | null = null;
  if (!values["no-jobs"]) {
    const intervalMs = Number(process.env.PATRON_JOBS_INTERVAL_MS || DEFAULT_INTERVAL_MS);
    scheduler = startScheduler(db, {
      intervalMs: Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : DEFAULT_INTERVAL_MS,
      onRun: (run) => {
        metrics.jobRun(run);
        logger.log(run.status === "done" ? "info" : "error", "job", { ...run });
      },
      onError: (error) => logger.error("job scheduler tick failed", { error }),
    });
  }
  // Webhook deliveries: every process may run a worker; they share the work through row locks.
  const webhooks: WebhookWorker | null = values["no-webhooks"]
    ? null
    : startWebhookWorker(db, { onError: (error) => logger.error("webhook worker failed", { error }) });
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  logger.info("shutting down", { signal });
  // Stop taking connections, finish the requests under way and the job step under way, then release the
  // database (and its folder lock).
  await shutdown(server as Server, {
    stopScheduler: async () => {
      await Promise.all([scheduler?.stop(), webhooks?.stop()]);
    },
    closeDb: () => db.close(),
  });
  logger.info("stopped", { signal });
  return 0;
}
