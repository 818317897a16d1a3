// HTTP routes of analytics: the console's dashboard and the metrics, read from the rollups, and the hold-out share.
import { createRoute, z } from "@hono/zod-openapi";
import { parseDay } from "@patron/engine";
import {
  beforeEarliest,
  Comment,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { Format, reportRoute } from "./answer.ts";
import { dashboardCsv, metricsCsv } from "./csv.ts";
import { forgetHoldoutShare, holdoutShare, setHoldoutShare } from "./holdout.ts";
import { metrics } from "./metrics.ts";
import { dashboard } from "./service.ts";

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

/** May set the hold-out share: it decides who earns nothing. */
const HOLDOUT_MANAGERS: readonly Role[] = ["owner", "admin", "program_manager"];

const Value = z.union([z.string(), z.number()]).nullable();

const MetricsBody = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    holdoutShare: z.number().openapi({ description: "The hold-out share, 0 to 0.5" }),
    metrics: z.array(
      z.object({
        key: z.string(),
        unit: z.enum(["count", "ratio", "money", "points"]),
        values: z.object({ participants: Value, holdout: Value }),
        definition: Link,
      }),
    ),
    lift: z.array(
      z.object({
        key: z.enum(["rpr", "frequency", "aov", "margin"]),
        value: z.number().nullable(),
        low: z.number().nullable(),
        high: z.number().nullable(),
        definition: Link,
      }),
    ),
  })
  .openapi("Metrics");

const Holdout = z
  .object({
    share: z.number().openapi({ description: "Share of companies held out, 0 to 0.5", example: 0.1 }),
  })
  .openapi("Holdout");

const PutHoldout = z
  .strictObject({
    share: z.number().min(0).max(0.5).multipleOf(0.0001).openapi({ example: 0.1 }),
    comment: Comment,
  })
  .openapi("PutHoldout");

export function analyticsRoutes(deps: Deps) {
  const app = newRouter();
  reportRoute(app, deps.db, {
    path: "/analytics/dashboard",
    summary: "The home dashboard",
    description:
      "Members, active members, orders and revenue, points issued, spent and expired, the outstanding " +
      "liability and the tier mix, with the same per day, week or month. Read from the rollups, which are " +
      "first brought up to date. `format=csv` or `format=1c` gives a file (columns in " +
      "docs/metrics.md#dashboard-csv). Owners, admins, program managers and finance.",
    readers: ANALYTICS_READERS,
    query: PeriodQuery.extend({
      interval: z
        .enum(["day", "week", "month"])
        .optional()
        .openapi({ description: "Chart points; by the period's length when absent." }),
      format: Format,
    }),
    schema: DashboardBody,
    answer: "The dashboard",
    read: (p, q) => dashboard(deps.db, p.tenantId, deps.now(), q),
    file: (d, f) => ({ name: `dashboard-${d.from}-${d.to}`, text: dashboardCsv(d, f) }),
  });

  reportRoute(app, deps.db, {
    path: "/analytics/metrics",
    summary: "The program's metrics",
    description:
      "CRR, RPR, churn, frequency, AOV, revenue and margin per member, LTV, redemption rate, breakage, points, " +
      "liability, program cost and ROI over a period, for participants and the hold-out group side by side, " +
      "with the lift of participants and its 95% interval. Each figure links to its definition in " +
      "docs/metrics.md. Owners, admins, program managers and finance.",
    readers: ANALYTICS_READERS,
    query: PeriodQuery.extend({
      segment: z.string().min(1).max(200).optional(),
      tier: z.string().min(1).max(200).optional(),
      region: z.string().min(1).max(200).optional(),
      version: z.coerce.number().int().min(1).max(1_000_000).optional(),
      format: z
        .enum(["json", "csv", "1c"])
        .default("json")
        .openapi({ description: "json, or a CSV file of the metrics and the lift (csv, or 1c)" }),
    }),
    schema: MetricsBody,
    answer: "The metrics",
    read: (p, q) => metrics(deps.db, p.tenantId, deps.now(), q),
    file: (m, f) => ({ name: `metrics-${m.from}-${m.to}`, text: metricsCsv(m, f) }),
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/analytics/holdout",
      tags: ["Analytics"],
      summary: "Read the hold-out share",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(ANALYTICS_READERS)] as const,
      responses: {
        200: { description: "The share", content: { "application/json": { schema: Holdout } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ share: (await holdoutShare(deps.db, c.get("principal").tenantId)) / 10_000 }, 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/analytics/holdout",
      tags: ["Analytics"],
      summary: "Set the hold-out share",
      description:
        "Keeps a random but stable share of companies (by a hash of tenant and company id) out of the program: " +
        "their orders are tracked but earn nothing from then on. Owners, admins and program managers; audited.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(HOLDOUT_MANAGERS)] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: PutHoldout } }, required: true },
      },
      responses: {
        200: { description: "The share now", content: { "application/json": { schema: Holdout } } },
        ...errorResponses(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const shareBp = Math.round(input.share * 10_000);
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input },
        async (tx) => {
          const change = changeFrom(c, deps.now, p.keyId, input.comment);
          const before = await setHoldoutShare(tx, p.tenantId, shareBp, p.keyId, change.at);
          await recordAudit(tx, p.tenantId, change, {
            action: "holdout.update",
            target: "holdout",
            before: { share: before / 10_000 },
            after: { share: shareBp / 10_000 },
          });
          return { body: { share: shareBp / 10_000 } };
        },
      );
      forgetHoldoutShare(p.tenantId);
      return c.json(out, 200);
    },
  );
  return app;
}
