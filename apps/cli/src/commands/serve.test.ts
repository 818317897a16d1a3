// `patron serve` as a person runs it: it answers on its port, and stops cleanly on SIGTERM, releasing its folder.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../bin/patron.js");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("patron serve", () => {
  it("serves the API on the embedded database and shuts down on SIGTERM", async () => {
    const data = join(mkdtempSync(join(tmpdir(), "patron-serve-")), "data");
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PATRON_DATA: data };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, "serve", "--port", String(port)], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (b) => {
      out += String(b);
    });
    for (let i = 0; i < 900 && !out.includes("Patron API on"); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
    expect(existsSync(join(data, "patron.lock"))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(join(data, "patron.lock"))).toBe(false);
  }, 120_000);
});
