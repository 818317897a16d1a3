// A partner's redemption holds, through its own key: the same two phases as /v1/redemptions (points reserved
// for a cart, captured with the partner's order, cancelled, or released by the expiry job), scoped to the
// partner: it holds points only of a company that has bought from it, sees and settles only its own holds, and
// the order that captures one is its own, so the points count as redeemed at it in the settlement.
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { changeFrom, type Deps, MutationHeaders, type newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { type EventResult, OrderBody, takeEvent, versionFor } from "../events/routes.ts";
import type { Ingested } from "../events/service.ts";
import { HoldBody, HoldCart, HoldSchema, holdPoints } from "../redemptions/routes.ts";
import { cancelHold, getPartnerHold, type Hold } from "../redemptions/service.ts";
import { isPartnerCustomer, type PartnerPrincipal, partnerOrderId, partnerSource } from "./service.ts";

interface PartnerEnv {
  Variables: { partner: PartnerPrincipal };
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const PartnerHoldBody = HoldBody.extend({
  cart: HoldCart.omit({ partnerId: true, salesRepId: true }).optional().openapi({
    description: "The cart the points are for, priced as this partner's order: at most what it may spend.",
  }),
}).openapi("PartnerHoldRequest");

const HoldId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "hld_01jb3v6c9w2x8k4m5n7p9q" }),
});

/** The partner's order that captures a hold: an order as `POST /v1/partner/events` takes it, without its type. */
const CaptureBody = OrderBody.omit({
  type: true,
  source: true,
  partnerId: true,
  salesRepId: true,
  holdId: true,
  replaces: true,
}).openapi("PartnerCaptureOrder");

export function addPartnerHoldRoutes(
  app: ReturnType<typeof newRouter>,
  deps: Deps,
  partnerAuth: MiddlewareHandler<PartnerEnv>,
): void {
  const security = [{ partner: [] }];

  app.openapi(
    createRoute({
      method: "post",
      path: "/partner/redemptions",
      tags: ["Partner API"],
      summary: "A partner holds a customer's points for a cart",
      description:
        "As `POST /v1/redemptions`, for a company that has bought from this partner (any other is 404). The hold " +
        "is this partner's: only its key reads, captures or cancels it, and only its own order captures it.",
      security,
      middleware: [partnerAuth] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: PartnerHoldBody } } },
      },
      responses: { 201: json(HoldSchema, "Held"), ...errorResponses(400, 401, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      const body = c.req.valid("json");
      const now = deps.now();
      const { p, day } = await versionFor(deps, tenantId, body.cart?.date ?? now.toISOString());
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Hold>> => {
        if (!(await isPartnerCustomer(tx, tenantId, partnerId, body.memberId)))
          throw new ApiError("not_found", `no customer ${body.memberId} of this partner`, "memberId");
        const hold = await holdPoints(tx, tenantId, body, { p, day }, now, partnerId);
        return { body: hold };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partner/redemptions/{id}",
      tags: ["Partner API"],
      summary: "One of the partner's holds",
      description: "Another partner's hold, or the owner's, is 404, as if it did not exist.",
      security,
      middleware: [partnerAuth] as const,
      request: { params: HoldId },
      responses: { 200: json(HoldSchema, "The hold"), ...errorResponses(401, 404, 422) },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      return c.json(await getPartnerHold(deps.db, tenantId, partnerId, c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partner/redemptions/{id}/capture",
      tags: ["Partner API"],
      summary: "Capture the partner's hold with its order",
      description:
        "Takes the partner's order in (as `POST /v1/partner/events`) and, in the same transaction, the held points " +
        "back into the wallet for the order to spend, `pointsToRedeem` defaulting to the held points. They count " +
        "as redeemed at this partner in the settlement.",
      security,
      middleware: [partnerAuth] as const,
      request: {
        headers: MutationHeaders,
        params: HoldId,
        body: { content: { "application/json": { schema: CaptureBody } } },
      },
      responses: {
        201: json(
          z
            .object({ hold: HoldSchema, order: z.record(z.string(), z.unknown()) })
            .openapi("PartnerCapturedHold"),
          "Captured",
        ),
        200: json(
          z.object({ hold: HoldSchema, order: z.record(z.string(), z.unknown()) }),
          "The order was seen before",
        ),
        ...errorResponses(400, 401, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const { versions } = await versionFor(deps, tenantId, body.date);
      const scope = { db: deps.db, tenantId, status: 201 as const, input: { id, body } };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<{ hold: Hold; order: Ingested<EventResult> }>> => {
          await getPartnerHold(tx, tenantId, partnerId, id);
          const event = {
            ...body,
            type: "order" as const,
            source: partnerSource(partnerId),
            orderId: partnerOrderId(partnerId, body.orderId),
            partnerId,
            holdId: id,
          };
          const order = await takeEvent(tx, tenantId, event, versions, { versions, locked: null });
          return { body: { hold: await getPartnerHold(tx, tenantId, partnerId, id), order } };
        },
      );
      return c.json(out, out.order.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partner/redemptions/{id}/cancel",
      tags: ["Partner API"],
      summary: "Cancel the partner's hold",
      description:
        "Gives the held points back to the wallet in lots with their own dates. Only a held hold can be cancelled " +
        "(409 otherwise); another partner's hold is 404. Give the reason in X-Audit-Comment.",
      security,
      middleware: [partnerAuth] as const,
      request: { headers: MutationHeaders, params: HoldId },
      responses: { 200: json(HoldSchema, "Cancelled"), ...errorResponses(401, 404, 409, 422) },
    }),
    async (c) => {
      const { tenantId, partnerId, keyId } = c.get("partner");
      const { id } = c.req.valid("param");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Hold>> => {
        const before = await getPartnerHold(tx, tenantId, partnerId, id);
        const hold = await cancelHold(tx, tenantId, id, deps.now());
        await recordAudit(tx, tenantId, changeFrom(c, deps.now, keyId), {
          action: "hold.cancel",
          target: id,
          before: { status: before.status, points: before.points, partnerId },
          after: { status: hold.status, points: hold.points, partnerId },
        });
        return { body: hold };
      });
      return c.json(out, 200);
    },
  );
}
