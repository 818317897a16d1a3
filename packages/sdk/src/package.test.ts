// The package as an integrator gets it: built by tsc into dist/ (JavaScript and declarations), packed by npm
// with only what `files` names, installed into a new project, type-checked there by a plain TypeScript setup
// (Node's own module resolution, no access to the sources) and run by plain Node against a running server.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { createApp } from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap, call } from "../../server/src/http/testing.ts";
import { type TestDb, testDb } from "../../server/src/testing/db.ts";

const run = promisify(execFile);
const SDK = fileURLToPath(new URL("..", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const STEP_MS = 300_000;

let t: TestDb;
let server: ReturnType<typeof serve>;
let base = "";
let key = "";
let project = "";

beforeAll(async () => {
  t = await testDb();
  const app = createApp({ db: t.db, log: () => {}, webDir: null });
  key = (await bootstrap(app, "acme")).ownerKey;
  const program = readFileSync(
    fileURLToPath(new URL("../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
    "utf8",
  );
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  project = await mkdtemp(join(tmpdir(), "patron-sdk-"));
}, STEP_MS);

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  await t?.drop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("the packaged SDK", () => {
  it(
    "builds, packs only dist and the README, and works from a new project with plain Node and TypeScript",
    async () => {
      await run(process.execPath, [TSC, "-p", join(SDK, "tsconfig.build.json")], { cwd: SDK });
      expect((await readdir(join(SDK, "dist"))).sort()).toEqual([
        "index.d.ts",
        "index.js",
        "schema.d.ts",
        "schema.js",
      ]);
      // npm pack: what `files` lets into the tarball.
      const packed = await run("npm", ["pack", "--json", "--pack-destination", project], { cwd: SDK });
      const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      expect(info?.files.map((f) => f.path).sort()).toEqual([
        "README.md",
        "dist/index.d.ts",
        "dist/index.js",
        "dist/schema.d.ts",
        "dist/schema.js",
        "package.json",
      ]);
      const installed = join(project, "node_modules/@patron/sdk");
      await mkdir(installed, { recursive: true });
      await run("tar", [
        "-xzf",
        join(project, info?.filename ?? ""),
        "-C",
        installed,
        "--strip-components=1",
      ]);
      // Its one dependency, as npm would have installed it.
      await symlink(join(ROOT, "node_modules/openapi-fetch"), join(project, "node_modules/openapi-fetch"));
      await writeFile(join(project, "package.json"), JSON.stringify({ type: "module", private: true }));

      const program = `import { createPatronClient, errorMessage } from "@patron/sdk";
const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;
const patron = createPatronClient({ baseUrl, apiKey });
const made = await patron.POST("/v1/companies", { body: { id: "C1", name: "Acme Bakery" } });
if (made.error) throw new Error(errorMessage(made.error));
const order = await patron.POST("/v1/events", {
  body: {
    type: "order",
    source: "erp",
    orderId: "10045",
    date: "2026-03-01",
    companyId: "C1",
    lines: [{ sku: "A", category: "goods", quantity: 2, unitPrice: "9250.00" }],
  },
});
const missing = await patron.GET("/v1/companies/{id}", { params: { path: { id: "nobody" } } });
const found: { name: string | null } | undefined = (await patron.GET("/v1/companies/{id}", { params: { path: { id: "C1" } } })).data;
console.log(JSON.stringify({ name: found?.name, order: order.response.status, missing: missing.error?.error.code }));
`;
      await writeFile(join(project, "client.ts"), program);
      await writeFile(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            skipLibCheck: false,
            outDir: "out",
            types: [],
            lib: ["ES2022", "DOM"],
          },
          files: ["client.ts"],
        }),
      );
      // Types from dist: the client compiles, and a wrong body does not.
      await run(process.execPath, [TSC, "-p", project], { cwd: project }).catch((e: { stdout: string }) => {
        throw new Error(e.stdout);
      });
      await writeFile(join(project, "wrong.ts"), program.replace('"Acme Bakery"', "42"));
      await writeFile(
        join(project, "tsconfig.wrong.json"),
        JSON.stringify({
          extends: "./tsconfig.json",
          compilerOptions: { noEmit: true },
          files: ["wrong.ts"],
        }),
      );
      const wrong = await run(process.execPath, [TSC, "-p", join(project, "tsconfig.wrong.json")], {
        cwd: project,
      }).then(
        () => "compiled",
        (e: { stdout: string }) => e.stdout,
      );
      expect(wrong).toContain("wrong.ts"); // a company's name must be a string
      expect(wrong).toContain("TS2322");

      const out = await run(process.execPath, [join(project, "out/client.js"), base, key], { cwd: project });
      expect(JSON.parse(out.stdout)).toEqual({ name: "Acme Bakery", order: 201, missing: "not_found" });
    },
    STEP_MS,
  );
});
