// Test runner configuration: every *.test.ts beside the code, in all workspaces. Tests of several processes
// sharing one database (concurrency, crashes) are *.pg.test.ts and run only against a PostgreSQL server.
import { defaultClientConditions, defaultServerConditions } from "vite";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages are read from their sources (the `source` export condition), not their built dist/.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/web/e2e/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? [] : ["**/*.pg.test.ts"])],
    testTimeout: 60_000,
    // A migrated embedded database takes a few seconds to open, more on a busy machine.
    hookTimeout: 60_000,
  },
});
