// HTTP route of the portal's referral page: the company's referral code and link, and how many companies
// have used it.
import { createRoute, z } from "@hono/zod-openapi";
import { formatPercent } from "@patron/engine";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { versionFor } from "../events/routes.ts";
import { authenticateContact } from "../portal/routes.ts";
import { applyArrivalCode, referralRule } from "./service.ts";

const Referral = z
  .object({
    code: z.string(),
    link: z
      .string()
      .openapi({ description: "The portal's address with the code; share it with a new client" }),
    rate: z.string().openapi({ description: "The referred company's discount on its first order" }),
    referrerPoints: z.number(),
    credit: z.enum(["atOnce", "afterPayment"]),
    referred: z.number().openapi({ description: "Orders that used the code" }),
  })
  .openapi("PortalReferral");

export function referralRoutes(deps: Deps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/referral",
      tags: ["Portal"],
      summary: "The company's referral code and link",
      description: "404 when the program has no referral discount.",
      security: [{ session: [] }],
      middleware: [authenticateContact(deps)] as const,
      responses: {
        200: { description: "The code", content: { "application/json": { schema: Referral } } },
        ...errorResponses(401, 404, 409),
      },
    }),
    async (c) => {
      const me = c.get("contact");
      const { p } = await versionFor(deps, me.tenantId, deps.now().toISOString());
      const rule = referralRule(p);
      if (!rule) throw new ApiError("not_found", "the program has no referral discount", null);
      const code = `${rule.prefix}${me.companyId}`.toUpperCase();
      const used = await deps.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM orders
         WHERE tenant_id = $1 AND outcome->'referral'->>'referrerId' = $2 AND cancelled_on IS NULL`,
        [me.tenantId, me.companyId],
      );
      const origin = new URL(c.req.url).origin;
      return c.json(
        {
          code,
          link: `${origin}/portal?ref=${encodeURIComponent(code)}`,
          rate: formatPercent(rule.ratePpm),
          referrerPoints: rule.referrerPoints,
          credit: rule.credit,
          referred: used.rows[0]?.n ?? 0,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/referral/apply",
      tags: ["Portal"],
      summary: "Apply the referral code of the link the company came with",
      description:
        "The portal sends the `ref` of a referral link here after sign-in. The company's first order that brings no code of its own is priced with it. 422 for a code that names nobody, the company itself or a related company; 409 once the company has ordered.",
      security: [{ session: [] }],
      middleware: [authenticateContact(deps)] as const,
      request: {
        headers: MutationHeaders,
        body: {
          content: {
            "application/json": {
              schema: z.strictObject({ code: z.string().trim().min(1).max(100) }).openapi("ReferralApply"),
            },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: "Kept for the first order",
          content: {
            "application/json": {
              schema: z.object({ code: z.string(), referrerId: z.string() }).openapi("ReferralApplied"),
            },
          },
        },
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) => {
      const me = c.get("contact");
      const input = c.req.valid("json");
      const { p } = await versionFor(deps, me.tenantId, deps.now().toISOString());
      if (!referralRule(p)) throw new ApiError("not_found", "the program has no referral discount", null);
      const scope = { db: deps.db, tenantId: me.tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, me.contactId);
        const applied = await applyArrivalCode(tx, me.tenantId, p, me, input.code, change.at);
        await recordAudit(tx, me.tenantId, change, {
          action: "referral.apply",
          target: me.companyId,
          before: null,
          after: { ...applied },
        });
        return { body: applied };
      });
      return c.json(out, 201);
    },
  );
  return app;
}
