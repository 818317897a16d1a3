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
    // The port from PORT; settings left empty in the environment count as not set.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATRON_DATA: data,
      PORT: String(port),
      PATRON_BOOTSTRAP_TOKEN: "",
      PATRON_JOBS_INTERVAL_MS: "",
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, "serve"], {
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
    // An empty bootstrap token is no token: the first tenant may be made without one, and only the first.
    const make = (id: string) =>
      fetch(`http://127.0.0.1:${port}/v1/tenants`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer " },
        body: JSON.stringify({ id, name: id, owner: { email: `owner@${id}.example`, name: "Owner" } }),
      });
    expect((await make("first")).status).toBe(201);
    expect((await make("second")).status).toBe(403);
    expect(existsSync(join(data, "patron.lock"))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(join(data, "patron.lock"))).toBe(false);
  }, 120_000);
});
