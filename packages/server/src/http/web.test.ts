// Serving the web console's build: its files, index.html for page paths, the API's paths left alone, and
// nothing outside the build folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";
import { createApp } from "./app.ts";
import { call } from "./testing.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
const dir = mkdtempSync(join(tmpdir(), "patron-web-dist-"));

beforeAll(async () => {
  mkdirSync(join(dir, "dist", "assets"), { recursive: true });
  writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(dir, "dist", "assets", "app-1.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "outside");
  t = await testDb();
  app = createApp({ db: t.db, log: () => {}, webDir: join(dir, "dist") });
}, 60_000);
afterAll(() => t.drop());

describe("the web console's files", () => {
  it("serves index.html at / and at page paths, with its policy", async () => {
    for (const path of ["/", "/api-keys", "/users/usr_1"]) {
      const r = await call<string>(app, "GET", path);
      expect(r.status).toBe(200);
      expect(r.body).toBe("<!doctype html><title>console</title>");
      expect(r.headers.get("content-type")).toMatch(/^text\/html/);
      expect(r.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(r.headers.get("x-request-id")).toMatch(/^req_/);
    }
  });

  it("serves assets as long-lived files and answers a missing one 404", async () => {
    const r = await call<string>(app, "GET", "/assets/app-1.js");
    expect(r.body).toBe("console.log(1)");
    expect(r.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(r.headers.get("cache-control")).toContain("immutable");
    expect((await call(app, "GET", "/assets/missing.js")).status).toBe(404);
  });

  it("leaves the API's paths to the API", async () => {
    const unknown = await call<{ error: { code: string } }>(app, "GET", "/v1/no-such-thing");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await call<{ status: string }>(app, "GET", "/healthz")).body.status).toBe("ok");
    expect((await call<{ openapi: string }>(app, "GET", "/openapi.json")).body.openapi).toBe("3.1.0");
    expect((await call(app, "GET", "/metrics")).status).toBe(404);
    expect((await call(app, "POST", "/somewhere")).status).toBe(404);
  });

  it("serves nothing outside its folder", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"]) {
      const r = await call<string>(app, "GET", path);
      expect(r.body).not.toContain("outside");
    }
  });

  it("says how to build the console when there is no build", async () => {
    const bare = createApp({ db: t.db, log: () => {}, webDir: join(dir, "none") });
    const r = await call<string>(bare, "GET", "/");
    expect(r.status).toBe(200);
    expect(r.body).toContain("npm run build");
    expect((await call(bare, "GET", "/users")).status).toBe(404);
  });
});
