// Test runner configuration: every *.test.ts beside the code, in all workspaces. Tests of several processes
// sharing one database (concurrency, crashes) are *.pg.test.ts and run only against a PostgreSQL server.
import { availableParallelism } from "node:os";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages are read from their sources (the `source` export condition), not their built dist/.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/web/e2e/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? [] : ["**/*.pg.test.ts"])],
    // On the embedded database a test file is bound by its own process's CPU, so files run on every core (the
    // default leaves one idle: one worker on two cores). Against a server they stay at the default, so that
    // two files' concurrency tests do not together pass the server's connection limit.
    ...(process.env.DATABASE_URL ? {} : { maxWorkers: Math.max(2, availableParallelism()) }),
    testTimeout: 60_000,
    // A migrated embedded database takes a few seconds to open, more on a busy machine.
    hookTimeout: 60_000,
  },
});
