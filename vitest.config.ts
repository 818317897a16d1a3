// Test runner configuration: every *.test.ts beside the code, in all workspaces.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
    testTimeout: 60_000,
    // Opening an embedded database takes seconds on a busy machine: a test file's setup may take as long.
    hookTimeout: 60_000,
  },
});
