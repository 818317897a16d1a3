// HTTP routes of analytics: the console's dashboard, read from the rollups.
import { createRoute, z } from "@hono/zod-openapi";
import { parseDay } from "@patron/engine";
import { beforeEarliest, type Deps, EARLIEST_DATE, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { AnalyticsError, dashboard } from "./service.ts";

/** May read the tenant-wide figures: who runs the program and who accounts for it. */
export const ANALYTICS_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];

export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => parseDay(s) !== null, { message: "is not a date" })
  .refine((s) => !beforeEarliest(s), { message: `must be on or after ${EARLIEST_DATE}` })
  .openapi({ description: "An ISO date", example: "2026-04-01" });

const Money = z.string().openapi({ description: "An amount in the program's currency", example: "1250.00" });
const Link = z
  .string()
  .openapi({ description: "Where the figure is defined", example: "docs/metrics.md#revenue" });

const PeriodQuery = z.object({
  from: IsoDay.optional().openapi({ description: "First day, included; 89 days before `to` when absent." }),
  to: IsoDay.optional().openapi({ description: "Last day, included; the tenant's today when absent." }),
});

const DashboardPoint = z
  .object({
    start: z.string(),
    members: z.number(),
    activeMembers: z.number(),
    orders: z.number(),
    revenue: Money,
    pointsIssued: z.number(),
    pointsSpent: z.number(),
    pointsExpired: z.number(),
    liabilityPoints: z.number(),
  })
  .openapi("DashboardPoint");

const DashboardBody = z
  .object({
    from: z.string(),
    to: z.string(),
    interval: z.enum(["day", "week", "month"]),
    currency: z.string(),
    upto: z.string().openapi({ description: "Everything received before this instant is counted." }),
    totals: z.object({
      members: z.number(),
      activeMembers: z.number(),
      orders: z.number(),
      revenue: Money,
      pointsIssued: z.number(),
      pointsSpent: z.number(),
      pointsExpired: z.number(),
      liabilityPoints: z.number(),
      liability: Money,
    }),
    series: z.array(DashboardPoint),
    tiers: z.array(z.object({ tier: z.string().nullable(), members: z.number() })),
    definitions: z.record(z.string(), Link),
  })
  .openapi("Dashboard");

/** A domain error of analytics as the API answers it. */
export function analyticsError(e: unknown): unknown {
  if (!(e instanceof AnalyticsError)) return e;
  return e.code === "no_program"
    ? new ApiError("conflict", e.message, e.field)
    : new ApiError("validation_failed", e.message, e.field);
}

export function analyticsRoutes(deps: Deps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/analytics/dashboard",
      tags: ["Analytics"],
      summary: "The home dashboard",
      description:
        "Members, active members, orders and revenue, points issued, spent and expired, the outstanding " +
        "liability and the tier mix, with the same per day, week or month. Read from the rollups, which are " +
        "first brought up to date. Owners, admins, program managers and finance.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(ANALYTICS_READERS)] as const,
      request: {
        query: PeriodQuery.extend({
          interval: z
            .enum(["day", "week", "month"])
            .optional()
            .openapi({ description: "Chart points; by the period's length when absent." }),
        }),
      },
      responses: {
        200: { description: "The dashboard", content: { "application/json": { schema: DashboardBody } } },
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const q = c.req.valid("query");
      try {
        return c.json(await dashboard(deps.db, tenantId, deps.now(), q), 200);
      } catch (e) {
        throw analyticsError(e);
      }
    },
  );
  return app;
}
