// The HTTP API: request ids, body limits, JSON errors, health, the OpenAPI document and its docs page, and
// every module's routes under /v1.

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Db } from "../db/db.ts";
import { newId } from "../ids.ts";
import { actionRoutes } from "../modules/actions/routes.ts";
import { adjustmentRoutes } from "../modules/adjustments/routes.ts";
import { reportRoutes } from "../modules/analytics/reportRoutes.ts";
import { analyticsRoutes } from "../modules/analytics/routes.ts";
import { auditRoutes } from "../modules/audit/routes.ts";
import { campaignRoutes } from "../modules/campaigns/routes.ts";
import { codeRoutes } from "../modules/codes/routes.ts";
import { companyRoutes } from "../modules/companies/routes.ts";
import { eventReadRoutes } from "../modules/events/read-routes.ts";
import { eventRoutes } from "../modules/events/routes.ts";
import { grantRoutes } from "../modules/grants/routes.ts";
import { exportRoutes } from "../modules/imports/routes.ts";
import { memberRoutes } from "../modules/members/routes.ts";
import { membershipRoutes } from "../modules/memberships/routes.ts";
import { notificationRoutes } from "../modules/notifications/routes.ts";
import { partnerRoutes } from "../modules/partners/routes.ts";
import { portalRoutes } from "../modules/portal/routes.ts";
import { programRoutes } from "../modules/programs/routes.ts";
import { redemptionRoutes } from "../modules/redemptions/routes.ts";
import { referralRoutes } from "../modules/referrals/routes.ts";
import { rewardRoutes } from "../modules/rewards/routes.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../modules/sessions/cookie.ts";
import { sessionRoutes } from "../modules/sessions/routes.ts";
import { settingsRoutes } from "../modules/settings/routes.ts";
import { surveyRoutes } from "../modules/surveys/routes.ts";
import { tenantRoutes } from "../modules/tenants/routes.ts";
import { webhookRoutes } from "../modules/webhooks/routes.ts";
import { widgetRoutes, widgetScript } from "../modules/widget/routes.ts";
import { createLogger, type LogSink, requestLog } from "../ops/log.ts";
import type { Metrics } from "../ops/metrics.ts";
import { type RateLimitOptions, rateLimit } from "../ops/rate-limit.ts";
import { opsRoutes } from "../ops/routes.ts";
import { type AppEnv, type Deps, newRouter } from "./context.ts";
import { DOCS_CSP, DOCS_HTML } from "./docs.ts";
import { ApiError, ERROR_CODES, errorHandler, type Log, notFoundHandler } from "./errors.ts";
import { DEFAULT_WEB_DIR, serveWeb } from "./web.ts";

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /** Lets `POST /v1/tenants` create tenants; without it, only the deployment's first tenant can be made. */
  bootstrapToken?: string | null;
  /** Where unexpected errors are reported, with their request id. */
  log?: Log;
  /** The web console's build served at `/`; the repository's apps/web/dist unless given, none with null. */
  webDir?: string | null;
  /** Where structured JSON log lines go: one per request, and errors with their stack. None when absent. */
  logSink?: LogSink;
  /** Per-API-key limits on /v1; none when absent. */
  rateLimit?: RateLimitOptions | null;
  /** Prometheus metrics, served at /metrics; none when absent. */
  metrics?: Metrics | null;
  /** When set, /metrics needs it as a bearer token. */
  metricsToken?: string | null;
}

/** The body limit of every request but batch endpoints (paths ending in `/batch`). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const BATCH_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export const API_VERSION = "0.1.0";

export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const deps: Deps = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    bootstrapToken: options.bootstrapToken ?? null,
  };
  const logger = options.logSink ? createLogger(options.logSink) : null;
  const log =
    options.log ??
    (logger
      ? (message: string, error: unknown) => logger.error(message, { error })
      : (message: string, error: unknown) => console.error(message, error));
  const app = newRouter();
  app.use("*", requestId());
  if (logger) app.use("*", requestLog(logger));
  if (options.metrics) app.use("*", options.metrics.middleware());
  if (options.rateLimit) app.use("/v1/*", rateLimit(options.rateLimit));
  app.use("*", limitBody());
  app.onError(errorHandler(log, (c) => requestIdOf(c)));
  app.notFound(notFoundHandler((c) => requestIdOf(c)));
  app.use("*", serveWeb(options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir));

  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags: ["Operations"],
      summary: "Health",
      description: "200 when the server answers and its database does.",
      responses: {
        200: {
          description: "Healthy",
          content: {
            "application/json": {
              schema: z.object({ status: z.literal("ok"), database: z.enum(["embedded", "server"]) }),
            },
          },
        },
      },
    }),
    async (c) => {
      await deps.db.query("SELECT 1");
      return c.json({ status: "ok" as const, database: deps.db.kind }, 200);
    },
  );

  app.route("/", opsRoutes(deps.db, options.metrics ?? null, options.metricsToken ?? null));
  app.route("/v1", tenantRoutes(deps));
  app.route("/v1", auditRoutes(deps));
  app.route("/v1", eventRoutes(deps));
  app.route("/v1", eventReadRoutes(deps));
  app.route("/v1", memberRoutes(deps));
  app.route("/v1", redemptionRoutes(deps));
  app.route("/v1", programRoutes(deps));
  app.route("/v1", settingsRoutes(deps));
  app.route("/v1", adjustmentRoutes(deps));
  app.route("/v1", companyRoutes(deps));
  app.route("/v1", sessionRoutes(deps));
  app.route("/v1", portalRoutes(deps));
  app.route("/v1", analyticsRoutes(deps));
  app.route("/v1", reportRoutes(deps));
  app.route("/v1", webhookRoutes(deps));
  app.route("/v1", notificationRoutes(deps));
  app.route("/v1", surveyRoutes(deps));
  app.route("/v1", codeRoutes(deps));
  app.route("/v1", exportRoutes(deps));
  app.route("/v1", rewardRoutes(deps));
  app.route("/v1", referralRoutes(deps));
  app.route("/v1", campaignRoutes(deps));
  app.route("/v1", widgetRoutes(deps));
  app.route("/v1", membershipRoutes(deps));
  app.route("/v1", grantRoutes(deps));
  app.route("/v1", actionRoutes(deps));
  app.route("/v1", partnerRoutes(deps));
  app.get("/widget.js", widgetScript());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`ptn_<tenant>_<secret>`), or the bootstrap token for POST /v1/tenants.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: `The browser session set by POST /v1/sessions; changes made with it also send ${CSRF_HEADER}: 1.`,
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "widget", {
    type: "http",
    scheme: "bearer",
    description: "A widget token (`pwt_<tenant>_<secret>`) minted by POST /v1/widget/tokens.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "partner", {
    type: "http",
    scheme: "bearer",
    description: "A coalition partner's key (`ppk_<tenant>_<secret>`) made by POST /v1/partners/{id}/keys.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Patron API",
      version: API_VERSION,
      description:
        `Errors answer { error: { code, message, field, requestId } } with code one of: ${ERROR_CODES.join(", ")}. ` +
        "Mutations accept an Idempotency-Key header.",
    },
  });
  app.get("/docs", (c) => {
    c.header("Content-Security-Policy", DOCS_CSP);
    return c.html(DOCS_HTML);
  });
  return app;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is plain enough to log, else makes one; echoes it back. */
function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const id = given !== undefined && REQUEST_ID.test(given) ? given : newId("req");
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
  };
}

function requestIdOf(c: Context): string {
  const id: unknown = c.get("requestId");
  return typeof id === "string" ? id : "unknown";
}

function limitBody(): MiddlewareHandler<AppEnv> {
  const tooLarge = (maxSize: number) =>
    new ApiError(
      "payload_too_large",
      `the body is larger than ${maxSize} bytes; split it into smaller requests`,
    );
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw tooLarge(maxSize);
      },
    });
  const normal = limit(BODY_LIMIT_BYTES);
  const batch = limit(BATCH_BODY_LIMIT_BYTES);
  return (c, next) => {
    // Batches of events and CSV files imported whole take the larger limit.
    const large = c.req.path.endsWith("/batch") || c.req.path.startsWith("/v1/imports/");
    const maxSize = large ? BATCH_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    // A body of a declared length is judged by the header, as hono's bodyLimit does, but without asking the
    // request for its body stream: on Node that builds a whole web Request (a quarter of a small request's
    // CPU), where the route's own read of the body takes it from the socket directly. A GET or HEAD has no body.
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number.parseInt(length, 10) > maxSize) throw tooLarge(maxSize);
      return next();
    }
    // Without a declared length the body is counted as it is read.
    return large ? batch(c, next) : normal(c, next);
  };
}
