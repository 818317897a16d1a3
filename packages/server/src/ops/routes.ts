// Operations routes beside /healthz: readiness for a load balancer, and the Prometheus metrics.
import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import { migrations } from "../db/migrate.ts";
import { newRouter } from "../http/context.ts";
import { ApiError } from "../http/errors.ts";
import { bearerToken } from "../modules/tenants/auth.ts";
import { sameSecret } from "../modules/tenants/secrets.ts";
import type { Metrics } from "./metrics.ts";

const Readiness = z.object({
  status: z.enum(["ready", "unavailable"]),
  reason: z.string().nullable().openapi({ description: "Why the server cannot take traffic yet" }),
});

/** Null when the database answers and every migration is applied; else why not. */
export async function notReady(db: Db): Promise<string | null> {
  let applied: Set<string>;
  try {
    const r = await db.query<{ version: string }>("SELECT version FROM schema_migrations");
    applied = new Set(r.rows.map((x) => x.version));
  } catch {
    return "the database does not answer, or has never been migrated";
  }
  const missing = migrations()
    .map((m) => m.version)
    .filter((v) => !applied.has(v));
  return missing.length === 0 ? null : `migrations not applied: ${missing.join(", ")} (run patron migrate)`;
}

export function opsRoutes(db: Db, metrics: Metrics | null, metricsToken: string | null) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/readyz",
      tags: ["Operations"],
      summary: "Readiness",
      description: "200 when the database answers and every migration is applied; 503 otherwise.",
      responses: {
        200: { description: "Ready", content: { "application/json": { schema: Readiness } } },
        503: { description: "Not ready", content: { "application/json": { schema: Readiness } } },
      },
    }),
    async (c) => {
      const reason = await notReady(db);
      return reason === null
        ? c.json({ status: "ready" as const, reason: null }, 200)
        : c.json({ status: "unavailable" as const, reason }, 503);
    },
  );
  if (metrics) {
    app.openapi(
      createRoute({
        method: "get",
        path: "/metrics",
        tags: ["Operations"],
        summary: "Prometheus metrics",
        description:
          "Requests by route and status with latency histograms, job runs and durations, ledger totals per " +
          "tenant. With PATRON_METRICS_TOKEN set it needs that token as a bearer token.",
        responses: { 200: { description: "Metrics", content: { "text/plain": { schema: z.string() } } } },
      }),
      async (c) => {
        if (metricsToken !== null) {
          const token = bearerToken(c.req.header("authorization"));
          if (token === null || !sameSecret(token, metricsToken))
            throw new ApiError(
              "unauthorized",
              "send the metrics token as Authorization: Bearer <token>",
              "authorization",
            );
        }
        const body = await metrics.render();
        return c.text(body, 200, { "Content-Type": metrics.contentType });
      },
    );
  }
  return app;
}
