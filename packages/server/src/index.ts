// The server's modules, for the CLI and tests.
export * from "./db/db.ts";
export * from "./db/migrate.ts";
export * from "./http/app.ts";
export { ApiError } from "./http/errors.ts";
export * from "./ids.ts";
export * from "./jobs/registry.ts";
export * from "./jobs/runner.ts";
export * from "./jobs/scheduler.ts";
export * from "./modules/analytics/rollups.ts";
export * from "./modules/imports/index.ts";
export * from "./modules/ledger/service.ts";
export * from "./modules/webhooks/worker.ts";
export * from "./ops/log.ts";
export * from "./ops/metrics.ts";
export * from "./ops/rate-limit.ts";
export * from "./ops/shutdown.ts";
