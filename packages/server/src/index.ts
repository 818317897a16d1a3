// The server's modules, for the CLI and tests.
export * from "./db/db.ts";
export * from "./db/migrate.ts";
export * from "./http/app.ts";
export * from "./ids.ts";
export * from "./modules/imports/index.ts";
export * from "./modules/ledger/service.ts";
