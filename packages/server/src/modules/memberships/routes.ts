// HTTP routes of paid memberships: plans (program managers), memberships bought, renewed and cancelled by staff
// (a sales manager for their own clients) or by a company's admin in the portal, the plans' economics, and a
// portal quote that shows the membership's discount on a cart.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { formatDay, parsePercent, parseScaled } from "@patron/engine";
import {
  beforeEarliest,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { companyScope } from "../companies/scope.ts";
import { asApiError, OrderBody, toOrderEvent, versionFor } from "../events/routes.ts";
import { quoteOrder } from "../events/service.ts";
import { authenticateContact } from "../portal/routes.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import {
  buyMembership,
  cancelMembership,
  createPlan,
  listMemberships,
  listPlans,
  MAX_MEMBERSHIP_PAGE,
  type PlanInput,
  planEconomics,
  programNow,
  renewMembership,
  updatePlan,
} from "./service.ts";

/** Define plans: those who write the program. */
const PLAN_WRITERS: readonly Role[] = ["owner", "admin", "program_manager"];
/** Sell, renew and cancel memberships (a sales manager for their own clients only). */
const SELLERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager", "finance", "support"];
/** Read the plans' economics. */
const REPORT_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];

const Rate = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?%$/, 'a percentage such as "50%" or "2.5%"')
  .refine((s) => (parsePercent(s) ?? 0) <= 1_000_000, "at most 100%");
const Money = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,4})?$/, 'an amount such as "220" or "99.90"')
  .openapi({ example: "220.00" });

const PlanFields = {
  name: z.string().trim().min(1).max(200).openapi({ example: "BahnCard 50" }),
  fee: Money,
  feePoints: z.number().int().min(1).max(1_000_000_000).nullable().openapi({
    description: "When set, the fee is paid in points from the company's wallet instead of money",
  }),
  periodDays: z.number().int().min(1).max(3660).openapi({ example: 365 }),
  discountRate: Rate.openapi({ example: "50%", description: "Off every line while the membership is valid" }),
  extraEarnRate: Rate.openapi({ example: "0%", description: "Points earned on top of the program's rate" }),
  freeDelivery: z.boolean(),
  priorityService: z.boolean(),
  refund: z.enum(["none", "prorata"]).openapi({ description: "What a cancellation gives back of the fee" }),
  active: z.boolean().openapi({ description: "Whether it is sold now" }),
};

const PlanBody = z
  .strictObject({
    ...PlanFields,
    feePoints: PlanFields.feePoints.default(null),
    extraEarnRate: PlanFields.extraEarnRate.default("0%"),
    freeDelivery: PlanFields.freeDelivery.default(false),
    priorityService: PlanFields.priorityService.default(false),
    refund: PlanFields.refund.default("prorata"),
    active: PlanFields.active.default(true),
  })
  .openapi("MembershipPlanInput");
const PlanPatch = z.strictObject(PlanFields).partial().openapi("MembershipPlanPatch");

const Plan = z
  .object({
    id: z.string(),
    name: z.string(),
    fee: z.string(),
    feePoints: z.number().nullable(),
    periodDays: z.number(),
    discountRate: z.string(),
    extraEarnRate: z.string(),
    freeDelivery: z.boolean(),
    priorityService: z.boolean(),
    refund: z.enum(["none", "prorata"]),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("MembershipPlan");

const Membership = z
  .object({
    id: z.string(),
    planId: z.string(),
    planName: z.string(),
    companyId: z.string(),
    startsOn: z.string(),
    endsOn: z
      .string()
      .openapi({ description: "The last day of the benefit (before startsOn: it never began)" }),
    status: z.enum(["active", "cancelled"]),
    fee: z.string(),
    feePoints: z.number().nullable(),
    boughtBy: z.string(),
    cancelledOn: z.string().nullable(),
    refund: z.string(),
    refundPoints: z.number(),
    createdAt: z.string(),
  })
  .openapi("Membership");

const MembershipPage = z
  .object({ data: z.array(Membership), nextCursor: z.string().nullable() })
  .openapi("MembershipPage");

const Economics = z
  .object({
    from: z.string(),
    to: z.string(),
    plans: z.array(
      z.object({
        planId: z.string(),
        name: z.string(),
        memberships: z.number(),
        active: z.number().openapi({ description: "Memberships valid on the last day" }),
        feesIn: z.string(),
        refundsOut: z.string(),
        feePointsIn: z.number(),
        refundPointsOut: z.number(),
        discountsGiven: z.string(),
        extraPointsGiven: z.number(),
        orders: z.number(),
        net: z.string().openapi({ description: "Fees in − refunds out − discounts given (money only)" }),
      }),
    ),
  })
  .openapi("MembershipEconomics");

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((s) => !beforeEarliest(s), `a date from ${EARLIEST_DATE} on`);

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});
const security = [{ bearer: [] }];
const cookieOnly = [{ session: [] }];
const MUTATION_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);

/** The plan's fields in storage units; the fee in the program's minor units. */
function planInput<T extends Partial<z.infer<typeof PlanPatch>>>(b: T, digits: number): Partial<PlanInput> {
  const out: Partial<PlanInput> = {};
  if (b.name !== undefined) out.name = b.name;
  if (b.fee !== undefined) {
    const v = parseScaled(b.fee, digits);
    if (v === null) throw new ApiError("validation_failed", `the fee has at most ${digits} decimals`, "fee");
    out.feeMinor = v;
  }
  if (b.feePoints !== undefined) out.feePoints = b.feePoints;
  if (b.periodDays !== undefined) out.periodDays = b.periodDays;
  if (b.discountRate !== undefined) out.discountPpm = parsePercent(b.discountRate) as number;
  if (b.extraEarnRate !== undefined) out.extraEarnPpm = parsePercent(b.extraEarnRate) as number;
  if (b.freeDelivery !== undefined) out.freeDelivery = b.freeDelivery;
  if (b.priorityService !== undefined) out.priorityService = b.priorityService;
  if (b.refund !== undefined) out.refund = b.refund;
  if (b.active !== undefined) out.active = b.active;
  return out;
}

export function membershipRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const portal = authenticateContact(deps);
  const route = <R extends RouteConfig>(r: R) => createRoute({ tags: ["Memberships"], ...r });

  app.openapi(
    route({
      method: "get",
      path: "/membership-plans",
      summary: "List membership plans",
      security,
      middleware: [auth] as const,
      responses: {
        200: json(z.object({ data: z.array(Plan) }).openapi("MembershipPlanList"), "The plans"),
        ...errorResponses(401),
      },
    }),
    async (c) => c.json({ data: await listPlans(deps.db, c.get("principal").tenantId, deps.now()) }, 200),
  );

  app.openapi(
    route({
      method: "post",
      path: "/membership-plans",
      summary: "Create a membership plan",
      description:
        "A fee for a period buys benefits: a discount on every line, extra earning, free delivery, priority service.",
      security,
      middleware: [auth, requireRole(PLAN_WRITERS)] as const,
      request: { headers: MutationHeaders, body: body(PlanBody) },
      responses: { 201: json(Plan, "Created"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const { digits } = await programNow(tx, p.tenantId, deps.now());
          const plan = planInput(input, digits) as PlanInput;
          return { body: await createPlan(tx, p.tenantId, plan, changeFrom(c, deps.now, p.keyId)) };
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    route({
      method: "patch",
      path: "/membership-plans/{id}",
      summary: "Change a membership plan",
      description: "Changes apply to memberships bought from now on and to the benefit of those running.",
      security,
      middleware: [auth, requireRole(PLAN_WRITERS)] as const,
      request: { headers: MutationHeaders, params: IdParam, body: body(PlanPatch) },
      responses: { 200: json(Plan, "Changed"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, input } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const { digits } = await programNow(tx, p.tenantId, deps.now());
        return {
          body: await updatePlan(
            tx,
            p.tenantId,
            id,
            planInput(input, digits),
            changeFrom(c, deps.now, p.keyId),
          ),
        };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/memberships",
      summary: "List memberships",
      description: "Newest first; a sales manager sees their own clients' only.",
      security,
      middleware: [auth] as const,
      request: {
        query: z.object({
          companyId: z.string().min(1).max(200).optional(),
          planId: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_MEMBERSHIP_PAGE).default(50),
          cursor: z.string().min(1).max(100).optional(),
        }),
      },
      responses: { 200: json(MembershipPage, "A page of memberships"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const scope = await companyScope(deps.db, p);
      return c.json(await listMemberships(deps.db, scope, c.req.valid("query"), deps.now()), 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/memberships",
      summary: "Buy a membership for a company",
      description:
        "Starts today, or the day after the company's current membership of the plan ends (a renewal). A fee in " +
        "money is recorded as a payment; a fee in points is taken from the company's wallet (409 " +
        "insufficient_points).",
      security,
      middleware: [auth, requireRole(SELLERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({ companyId: z.string().min(1).max(200), planId: z.string().min(1).max(200) })
            .openapi("BuyMembership"),
        ),
      },
      responses: { 201: json(Membership, "Bought"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const scope = await companyScope(tx, p);
          const change = changeFrom(c, deps.now, p.keyId);
          return {
            body: await buyMembership(tx, scope, input.companyId, input.planId, p.userId ?? p.keyId, change),
          };
        },
      );
      return c.json(out, 201);
    },
  );

  for (const verb of ["renew", "cancel"] as const) {
    app.openapi(
      route({
        method: "post",
        path: `/memberships/{id}/${verb}`,
        summary: verb === "renew" ? "Renew a membership" : "Cancel a membership",
        description:
          verb === "renew"
            ? "Buys the plan again for the company; the new period starts the day after the current one ends."
            : "The benefit ends yesterday; a pro-rata plan gives back the unused days' share of the fee (rounded down).",
        security,
        middleware: [auth, requireRole(SELLERS)] as const,
        request: { headers: MutationHeaders, params: IdParam },
        responses: { 200: json(Membership, "Done"), ...MUTATION_ERRORS },
      }),
      async (c) => {
        const p = c.get("principal");
        const { id } = c.req.valid("param");
        const status = 200 as const;
        const out = await withIdempotency(
          c,
          { db: deps.db, tenantId: p.tenantId, status, input: { id, verb } },
          async (tx) => {
            const scope = await companyScope(tx, p);
            const change = changeFrom(c, deps.now, p.keyId);
            return {
              body:
                verb === "renew"
                  ? await renewMembership(tx, scope, id, p.userId ?? p.keyId, change)
                  : await cancelMembership(tx, scope, id, change),
            };
          },
        );
        return c.json(out, status);
      },
    );
  }

  app.openapi(
    route({
      method: "get",
      path: "/reports/memberships",
      summary: "Membership economics",
      description:
        "Per plan over a period: fees received and refunds paid (money and points), the discounts and extra " +
        "points its memberships gave on orders, and the difference. Defaults to the year up to today.",
      security,
      middleware: [auth, requireRole(REPORT_READERS)] as const,
      request: { query: z.object({ from: DateText.optional(), to: DateText.optional() }) },
      responses: { 200: json(Economics, "The plans' economics"), ...errorResponses(401, 403, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const q = c.req.valid("query");
      const { today } = await programNow(deps.db, p.tenantId, deps.now());
      const to = q.to ?? formatDay(today);
      const from = q.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw new ApiError("validation_failed", "from must not be after to", "from");
      return c.json({ from, to, plans: await planEconomics(deps.db, p.tenantId, from, to, deps.now()) }, 200);
    },
  );

  // ---- Portal ----------------------------------------------------------------------------------------------

  app.openapi(
    route({
      method: "get",
      path: "/portal/memberships",
      tags: ["Portal"],
      summary: "The plans on sale and the company's memberships",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: {
        200: json(
          z.object({ plans: z.array(Plan), memberships: z.array(Membership) }).openapi("PortalMemberships"),
          "Plans and memberships",
        ),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const k = c.get("contact");
      const scope = await companyScope(deps.db, { tenantId: k.tenantId, role: "admin", userId: null });
      const plans = await listPlans(deps.db, k.tenantId, deps.now(), true);
      const page = await listMemberships(deps.db, scope, { companyId: k.companyId, limit: 50 }, deps.now());
      return c.json({ plans, memberships: page.data }, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/portal/memberships",
      tags: ["Portal"],
      summary: "Buy a membership for one's company",
      description: "The company's admin only (403 for a buyer).",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        headers: MutationHeaders,
        body: body(z.strictObject({ planId: z.string().min(1).max(200) }).openapi("PortalBuyMembership")),
      },
      responses: { 201: json(Membership, "Bought"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const k = c.get("contact");
      if (k.role !== "company_admin")
        throw new ApiError("forbidden", "only the company's admin buys memberships");
      const input = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: k.tenantId,
        status: 201 as const,
        input: { contact: k.contactId, input },
      };
      const out = await withIdempotency(c, scope, async (tx) => {
        const companies = await companyScope(tx, { tenantId: k.tenantId, role: "admin", userId: null });
        const change = changeFrom(c, deps.now, k.contactId);
        return { body: await buyMembership(tx, companies, k.companyId, input.planId, k.contactId, change) };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/portal/memberships/{id}/cancel",
      tags: ["Portal"],
      summary: "Cancel one of the company's memberships",
      description: "The company's admin only (403 for a buyer); 404 for another company's membership.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { headers: MutationHeaders, params: IdParam },
      responses: { 200: json(Membership, "Cancelled"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const k = c.get("contact");
      if (k.role !== "company_admin")
        throw new ApiError("forbidden", "only the company's admin cancels memberships");
      const { id } = c.req.valid("param");
      const scope = {
        db: deps.db,
        tenantId: k.tenantId,
        status: 200 as const,
        input: { contact: k.contactId, id },
      };
      const out = await withIdempotency(c, scope, async (tx) => {
        const own = {
          tenantId: k.tenantId,
          salesRepId: null,
          where: () => "TRUE",
          includes: async (_q: unknown, companyId: string) => companyId === k.companyId,
        };
        return { body: await cancelMembership(tx, own, id, changeFrom(c, deps.now, k.contactId)) };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/portal/quote",
      tags: ["Portal"],
      summary: "Price a cart for one's company",
      description:
        "What an order would cost and earn today, with the company's membership and individual discounts. Changes nothing.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        body: body(
          z
            .strictObject({
              lines: OrderBody.shape.lines,
              promoCode: z.string().max(100).optional(),
              pointsToRedeem: z.number().int().nonnegative().max(1_000_000_000).optional(),
            })
            .openapi("PortalCart"),
        ),
      },
      responses: {
        200: json(
          z.record(z.string(), z.unknown()).openapi("PortalQuote"),
          "The cart as the engine prices it",
        ),
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const k = c.get("contact");
      const input = c.req.valid("json");
      const { today } = await programNow(deps.db, k.tenantId, deps.now());
      const { p, day, versions } = await versionFor(deps, k.tenantId, formatDay(today));
      const cart = {
        ...input,
        orderId: "quote",
        date: formatDay(day),
        companyId: k.companyId,
        contactId: k.contactId,
      };
      try {
        return c.json(await quoteOrder(deps.db, k.tenantId, toOrderEvent(cart, day, p), versions), 200);
      } catch (e) {
        return asApiError(e);
      }
    },
  );

  return app;
}
