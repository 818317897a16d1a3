// HTTP routes for redemption holds: reserve points for a cart, capture them with the order, cancel, read.
import { createRoute, z } from "@hono/zod-openapi";
import type { CompiledProgram, Day } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { asApiError, OrderBody, QuoteBody, toOrderEvent, versionFor, WRITERS } from "../events/routes.ts";
import { type Ingested, ingestOrderIn, type OrderResult, quoteOrder } from "../events/service.ts";
import { assertMayReadMember } from "../members/access.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import { ROLES, type Role } from "../tenants/roles.ts";
import {
  type CartLimit,
  cancelHold,
  createHold,
  DEFAULT_HOLD_TTL_MINUTES,
  getHold,
  type Hold,
  listHolds,
  MAX_HOLD_PAGE,
  MAX_HOLD_TTL_MINUTES,
  MIN_HOLD_TTL_MINUTES,
} from "./service.ts";

/** Who may hold, capture and cancel: those who send orders, and support, who settles a customer's stuck hold. */
const HOLDERS: readonly Role[] = [...WRITERS, "support"];

export const HoldCart = QuoteBody.omit({ companyId: true, pointsToRedeem: true, orderId: true, date: true })
  .extend({
    date: z
      .string()
      .min(10)
      .max(40)
      .optional()
      .openapi({ description: "The cart's date, local to the program's time zone; now when not given" }),
  })
  .openapi("HoldCart");

export const HoldBody = z
  .strictObject({
    memberId: z.string().min(1).max(200),
    points: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    cart: HoldCart.optional().openapi({
      description:
        "The cart the points are for; the engine then allows at most what it would let this cart spend (cap, " +
        "minimum, eligible lines).",
    }),
    expiresInMinutes: z
      .number()
      .int()
      .min(MIN_HOLD_TTL_MINUTES)
      .max(MAX_HOLD_TTL_MINUTES)
      .default(DEFAULT_HOLD_TTL_MINUTES),
  })
  .openapi("HoldRequest");

export const HoldSchema = z
  .object({
    id: z.string(),
    memberId: z.string(),
    points: z.number(),
    status: z.enum(["held", "captured", "cancelled", "expired"]),
    expiresAt: z.string(),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
    orderId: z.string().nullable(),
    partnerId: z
      .string()
      .nullable()
      .openapi({ description: "The coalition partner that made the hold (null: the program owner's)" }),
    lots: z
      .array(z.object({ points: z.number(), grantedOn: z.string(), expiresOn: z.string().nullable() }))
      .openapi({
        description: "The lots the points were taken from, given back with these dates on release",
      }),
  })
  .openapi("Hold");

const CaptureBody = OrderBody.omit({ type: true, holdId: true }).openapi("CaptureOrder");

const HoldId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "hld_01jb3v6c9w2x8k4m5n7p9q" }),
});

const HoldQuery = z.object({
  memberId: z.string().min(1).max(200).openapi({ description: "The member (company) whose holds to list." }),
  status: z.enum(["held", "captured", "cancelled", "expired"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_HOLD_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/**
 * Holds a member's points for the owner or, with `partnerId`, for a coalition partner (its cart then priced as
 * that partner's order): the one way both `POST /v1/redemptions` and `POST /v1/partner/redemptions` hold.
 * Called in the request's transaction.
 */
export async function holdPoints(
  tx: Queryable,
  tenantId: string,
  body: {
    memberId: string;
    points: number;
    expiresInMinutes: number;
    cart?: Omit<z.infer<typeof HoldCart>, "partnerId" | "salesRepId"> | undefined;
  },
  program: { p: CompiledProgram; day: Day },
  now: Date,
  partnerId: string | null = null,
): Promise<Hold> {
  const { p, day } = program;
  const cart = body.cart;
  const priceCart = cart
    ? async () => {
        const ev = toOrderEvent(
          {
            ...cart,
            orderId: "hold",
            date: cart.date ?? now.toISOString(),
            companyId: body.memberId,
            pointsToRedeem: body.points,
            ...(partnerId === null ? {} : { partnerId }),
          },
          day,
          p,
        );
        try {
          return limitOf(await quoteOrder(tx, tenantId, ev), p.redemption.minimumPoints);
        } catch (e) {
          return asApiError(e);
        }
      }
    : null;
  return createHold(
    tx,
    tenantId,
    {
      memberId: body.memberId,
      points: body.points,
      now,
      expiresAt: new Date(now.getTime() + body.expiresInMinutes * 60_000),
      minimumPoints: p.redemption.minimumPoints,
      cart: cart ?? null,
      partnerId,
    },
    priceCart,
  );
}

/** What the engine lets a priced cart spend, from its `redeem.points` explanation. */
export function limitOf(quote: OrderResult, minimum: number): CartLimit {
  const e = quote.effects.find((x) => x.code === "redeem.points");
  const limitedBy = e?.params.limitedBy;
  const cap = e?.params.cap;
  return {
    redeemed: quote.pointsRedeemed,
    limitedBy: typeof limitedBy === "string" ? limitedBy : null,
    cap: typeof cap === "number" ? cap : null,
    minimum,
  };
}

export function redemptionRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const security = [{ bearer: [] }];

  app.openapi(
    createRoute({
      method: "post",
      path: "/redemptions",
      tags: ["Redemptions"],
      summary: "Hold points for a cart",
      description:
        "Moves `points` from the member's wallet to its hold until the order captures them (an order event or " +
        "POST /v1/redemptions/{id}/capture with `holdId`), the hold is cancelled, or it expires " +
        `(\`expiresInMinutes\`, default ${DEFAULT_HOLD_TTL_MINUTES}). Held points cannot be spent by anyone else. ` +
        "All or nothing: fewer points available than asked is 409 insufficient_points; more than the cart may " +
        "spend is 422.",
      security,
      middleware: [auth, requireRole(HOLDERS)] as const,
      request: { headers: MutationHeaders, body: { content: { "application/json": { schema: HoldBody } } } },
      responses: { 201: json(HoldSchema, "Held"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const body = c.req.valid("json");
      await assertMayReadMember(deps.db, principal, body.memberId);
      const now = deps.now();
      const { p, day } = await versionFor(deps, tenantId, body.cart?.date ?? now.toISOString());
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<Hold>> => ({
          body: await holdPoints(tx, tenantId, body, { p, day }, now),
        }),
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/redemptions",
      tags: ["Redemptions"],
      summary: "A member's holds",
      description:
        "Newest first, of one status when given. A sales manager sees only the holds of own clients (another " +
        "member answers 404).",
      security,
      middleware: [auth, requireRole(ROLES)] as const,
      request: { query: HoldQuery },
      responses: {
        200: json(
          z.object({ data: z.array(HoldSchema), nextCursor: z.string().nullable() }).openapi("HoldPage"),
          "A page of holds",
        ),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const q = c.req.valid("query");
      await assertMayReadMember(deps.db, principal, q.memberId);
      return c.json(await listHolds(deps.db, principal.tenantId, q), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/redemptions/{id}",
      tags: ["Redemptions"],
      summary: "A hold",
      security,
      middleware: [auth] as const,
      request: { params: HoldId },
      responses: { 200: json(HoldSchema, "The hold"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const hold = await getHold(deps.db, principal.tenantId, c.req.valid("param").id);
      await assertMayReadMember(deps.db, principal, hold.memberId);
      return c.json(hold, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/redemptions/{id}/capture",
      tags: ["Redemptions"],
      summary: "Capture a hold with its order",
      description:
        "Takes the order in (as POST /v1/events with `holdId`): in one transaction the held points return to the " +
        "wallet and the order spends them, `pointsToRedeem` defaulting to the held points. A hold can be " +
        "captured while it is held, until it is cancelled or the expiry job releases it.",
      security,
      middleware: [auth, requireRole(HOLDERS)] as const,
      request: {
        headers: MutationHeaders,
        params: HoldId,
        body: { content: { "application/json": { schema: CaptureBody } } },
      },
      responses: {
        201: json(
          z.object({ hold: HoldSchema, order: z.record(z.string(), z.unknown()) }).openapi("CapturedHold"),
          "Captured",
        ),
        200: json(
          z.object({ hold: HoldSchema, order: z.record(z.string(), z.unknown()) }),
          "The order was seen before",
        ),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const { p, day } = await versionFor(deps, tenantId, body.date);
      const scope = { db: deps.db, tenantId, status: 201 as const, input: { id, body } };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<{ hold: Hold; order: Ingested<OrderResult> }>> => {
          const before = await getHold(tx, tenantId, id);
          await assertMayReadMember(tx, principal, before.memberId);
          let order: Ingested<OrderResult>;
          try {
            order = await ingestOrderIn(tx, tenantId, body.source, toOrderEvent(body, day, p), null, id);
          } catch (e) {
            return asApiError(e);
          }
          return { body: { hold: await getHold(tx, tenantId, id), order } };
        },
      );
      return c.json(out, out.order.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/redemptions/{id}/cancel",
      tags: ["Redemptions"],
      summary: "Cancel a hold",
      description:
        "Gives the held points back to the wallet, in lots with their own grant and expiry days. Only a held hold " +
        "can be cancelled (409 otherwise). Give the reason in X-Audit-Comment.",
      security,
      middleware: [auth, requireRole(HOLDERS)] as const,
      request: { headers: MutationHeaders, params: HoldId },
      responses: { 200: json(HoldSchema, "Cancelled"), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Hold>> => {
        const before = await getHold(tx, tenantId, id);
        await assertMayReadMember(tx, principal, before.memberId);
        const hold = await cancelHold(tx, tenantId, id, deps.now());
        await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId), {
          action: "hold.cancel",
          target: id,
          before: { status: before.status, points: before.points },
          after: { status: hold.status, points: hold.points },
        });
        return { body: hold };
      });
      return c.json(out, 200);
    },
  );

  return app;
}
