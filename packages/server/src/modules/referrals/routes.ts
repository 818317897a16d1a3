// HTTP route of the portal's referral page: the company's referral code and link, and how many companies
// have used it.
import { createRoute, z } from "@hono/zod-openapi";
import { formatPercent } from "@patron/engine";
import { type Deps, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { versionFor } from "../events/routes.ts";
import { authenticateContact } from "../portal/routes.ts";
import { referralRule } from "./service.ts";

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
  return app;
}
