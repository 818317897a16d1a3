// Graceful shutdown: a request under way when the signal comes still gets its answer; new connections are
// refused; the scheduler stops and the database closes only after the last request.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { shutdown } from "./shutdown.ts";

describe("graceful shutdown", () => {
  it("finishes a slow request in flight, refuses new ones, then stops the scheduler and closes the database", async () => {
    const events: string[] = [];
    const app = new Hono();
    app.get("/slow", async (c) => {
      events.push("slow started");
      await new Promise((r) => setTimeout(r, 600));
      events.push("slow answered");
      return c.text("finished");
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as { port: number };
    const slow = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({
      status: r.status,
      body: await r.text(),
    }));
    while (!events.includes("slow started")) await new Promise((r) => setTimeout(r, 10));
    const done = shutdown(server as import("node:http").Server, {
      stopScheduler: async () => {
        events.push("scheduler stopped");
      },
      closeDb: async () => {
        events.push("database closed");
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
    expect(await slow).toEqual({ status: 200, body: "finished" });
    await done;
    expect(events).toEqual(["slow started", "scheduler stopped", "slow answered", "database closed"]);
  });
});
