// HTTP routes of individual discounts: the per-role limits, grants (asked for by sales managers for their own
// clients, approved above the limit by another person), and the report of their cost by manager.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { formatDay, parsePercent } from "@patron/engine";
import {
  beforeEarliest,
  Comment,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { companyScope } from "../companies/scope.ts";
import { programNow } from "../memberships/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import { ROLES, type Role } from "../tenants/roles.ts";
import {
  costByManager,
  decideGrant,
  listGrants,
  listLimits,
  MAX_GRANT_PAGE,
  putLimits,
  requestGrant,
  revokeGrant,
} from "./service.ts";

/** May grant individual discounts (a sales manager to their own clients only). */
const GRANTERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager"];
/** May approve or reject a grant above its owner's limit, and set the limits. */
const APPROVERS: readonly Role[] = ["owner", "admin", "finance"];
/** May read grants and their cost. */
const READERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager", "finance"];

const Rate = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?%$/, 'a percentage such as "5%" or "2.5%"')
  .refine((s) => (parsePercent(s) ?? 0) <= 1_000_000, "at most 100%");
const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((s) => !beforeEarliest(s), `a date from ${EARLIEST_DATE} on`);
const Status = z.enum(["pending_approval", "active", "rejected", "revoked"]);

const Limit = z
  .object({ role: z.enum(ROLES), maxDiscountRate: z.string(), maxEarnRate: z.string() })
  .openapi("DiscountLimit");
const LimitList = z.object({ data: z.array(Limit) }).openapi("DiscountLimitList");

const Grant = z
  .object({
    id: z.string(),
    companyId: z.string(),
    discountRate: z.string(),
    extraEarnRate: z.string(),
    reason: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    ownerId: z.string().openapi({ description: "The person answerable for the grant" }),
    ownerName: z
      .string()
      .nullable()
      .openapi({ description: "The owner's name when the owner is a console user; null for an API key" }),
    ownerRole: z.string(),
    status: Status,
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("DiscountGrant");

const GrantBody = z
  .strictObject({
    companyId: z.string().min(1).max(200),
    discountRate: Rate.default("0%").openapi({ example: "4%" }),
    extraEarnRate: Rate.default("0%").openapi({ example: "0%" }),
    reason: z.string().trim().min(1).max(500).openapi({ example: "three-year contract" }),
    validFrom: DateText.optional().openapi({ description: "Today by default" }),
    validTo: DateText,
    comment: Comment,
  })
  .openapi("DiscountGrantInput");

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});
const security = [{ bearer: [] }];
const MUTATION_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);

export function grantRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const route = <R extends RouteConfig>(r: R) => createRoute({ tags: ["Individual discounts"], ...r });

  app.openapi(
    route({
      method: "get",
      path: "/discount-limits",
      summary: "What each role may grant without approval",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      responses: { 200: json(LimitList, "The limits"), ...errorResponses(401, 403) },
    }),
    async (c) => c.json({ data: await listLimits(deps.db, c.get("principal").tenantId) }, 200),
  );

  app.openapi(
    route({
      method: "put",
      path: "/discount-limits",
      summary: "Set the limits of roles",
      description: "Owners, admins and finance. Roles not named keep their limit.",
      security,
      middleware: [auth, requireRole(APPROVERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              limits: z
                .array(z.strictObject({ role: z.enum(ROLES), maxDiscountRate: Rate, maxEarnRate: Rate }))
                .min(1)
                .max(ROLES.length),
              comment: Comment,
            })
            .openapi("PutDiscountLimits"),
        ),
      },
      responses: { 200: json(LimitList, "The limits now"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input },
        async (tx) => {
          const limits = input.limits.map((l) => ({
            role: l.role,
            discountPpm: parsePercent(l.maxDiscountRate) as number,
            earnPpm: parsePercent(l.maxEarnRate) as number,
          }));
          return {
            body: {
              data: await putLimits(tx, p.tenantId, limits, changeFrom(c, deps.now, p.keyId, input.comment)),
            },
          };
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/discount-grants",
      summary: "Grant a company an individual discount",
      description:
        "A personal discount and/or extra earning rate for a period, with a reason; the person granting it owns " +
        "it. Within the limit of their role it is `active` at once; above it, it waits as `pending_approval` " +
        "until another person approves it. A sales manager grants only to their own clients (404 elsewhere).",
      security,
      middleware: [auth, requireRole(GRANTERS)] as const,
      request: { headers: MutationHeaders, body: body(GrantBody) },
      responses: { 201: json(Grant, "Active, or waiting for approval"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const scope = await companyScope(tx, p);
          const grant = await requestGrant(
            tx,
            scope,
            {
              companyId: input.companyId,
              discountPpm: parsePercent(input.discountRate) as number,
              extraEarnPpm: parsePercent(input.extraEarnRate) as number,
              reason: input.reason,
              validFrom: input.validFrom ?? null,
              validTo: input.validTo,
            },
            { keyId: p.keyId, userId: p.userId ?? null, role: p.role },
            changeFrom(c, deps.now, p.keyId, input.comment),
          );
          return { body: grant };
        },
      );
      return c.json(out, 201);
    },
  );

  for (const verb of ["approve", "reject", "revoke"] as const) {
    app.openapi(
      route({
        method: "post",
        path: `/discount-grants/{id}/${verb}`,
        summary:
          verb === "approve" ? "Approve a grant" : verb === "reject" ? "Reject a grant" : "Revoke a grant",
        description:
          verb === "revoke"
            ? "Ends a grant (or withdraws a pending one): the engine stops applying it. Its owner's role or an approver."
            : "Owners, admins and finance; never the person who asked for it.",
        security,
        middleware: [auth, requireRole(verb === "revoke" ? GRANTERS.concat(APPROVERS) : APPROVERS)] as const,
        request: {
          headers: MutationHeaders,
          params: IdParam,
          body: body(z.strictObject({ comment: Comment }).openapi("DiscountGrantDecision")),
        },
        responses: { 200: json(Grant, "Done"), ...MUTATION_ERRORS },
      }),
      async (c) => {
        const p = c.get("principal");
        const { id } = c.req.valid("param");
        const input = c.req.valid("json");
        const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, verb, input } };
        const out = await withIdempotency(c, scope, async (tx) => {
          const companies = await companyScope(tx, p);
          const change = changeFrom(c, deps.now, p.keyId, input.comment);
          return {
            body:
              verb === "revoke"
                ? await revokeGrant(tx, companies, id, change)
                : await decideGrant(
                    tx,
                    companies,
                    id,
                    verb,
                    { keyId: p.keyId, userId: p.userId ?? null },
                    change,
                  ),
          };
        });
        return c.json(out, 200);
      },
    );
  }

  app.openapi(
    route({
      method: "get",
      path: "/discount-grants",
      summary: "List individual discounts",
      description: "Newest first; a sales manager sees their own clients' only.",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: {
        query: z.object({
          companyId: z.string().min(1).max(200).optional(),
          status: Status.optional(),
          limit: z.coerce.number().int().min(1).max(MAX_GRANT_PAGE).default(50),
          cursor: z.string().min(1).max(100).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({ data: z.array(Grant), nextCursor: z.string().nullable() }).openapi("DiscountGrantPage"),
          "A page",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listGrants(deps.db, await companyScope(deps.db, p), c.req.valid("query")), 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/reports/discount-cost",
      summary: "Cost of individual discounts by manager",
      description:
        "Per grant owner, over a period (the year to today by default): grants valid in it, and the discounts and " +
        "extra points they gave on orders. A sales manager sees their own clients' grants only.",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: { query: z.object({ from: DateText.optional(), to: DateText.optional() }) },
      responses: {
        200: json(
          z
            .object({
              from: z.string(),
              to: z.string(),
              managers: z.array(
                z.object({
                  ownerId: z.string(),
                  grants: z.number(),
                  active: z.number(),
                  pending: z.number(),
                  orders: z.number(),
                  discountGiven: z.string(),
                  extraPointsGiven: z.number(),
                }),
              ),
            })
            .openapi("DiscountCost"),
          "The cost by manager",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const q = c.req.valid("query");
      const { today } = await programNow(deps.db, p.tenantId, deps.now());
      const to = q.to ?? formatDay(today);
      const from = q.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw new ApiError("validation_failed", "from must not be after to", "from");
      const scope = await companyScope(deps.db, p);
      return c.json({ from, to, managers: await costByManager(deps.db, scope, from, to, deps.now()) }, 200);
    },
  );

  return app;
}
