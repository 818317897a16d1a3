// HTTP routes of a tenant's settings: read by any key, changed by owners, admins and finance.
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { DEFAULT_ADJUSTMENT_APPROVAL_THRESHOLD, getSettings, putSettings } from "./service.ts";

/** May change settings: they decide, among other things, which adjustments need a second person. */
const SETTINGS_MANAGERS: readonly Role[] = ["owner", "admin", "finance"];

/** The largest threshold accepted: a trillion points. */
const MAX_THRESHOLD = 1_000_000_000_000;

const Settings = z
  .object({
    adjustmentApprovalThreshold: z.number().openapi({
      description: `Adjustments of more points than this wait for a second person's approval (default ${DEFAULT_ADJUSTMENT_APPROVAL_THRESHOLD})`,
    }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi("Settings");

const PutSettings = z
  .strictObject({
    adjustmentApprovalThreshold: z.number().int().min(0).max(MAX_THRESHOLD),
    comment: Comment,
  })
  .openapi("PutSettings");

export function settingsRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);

  app.openapi(
    createRoute({
      method: "get",
      path: "/settings",
      tags: ["Settings"],
      summary: "Read the tenant's settings",
      security: [{ bearer: [] }],
      middleware: [auth] as const,
      responses: {
        200: { description: "The settings", content: { "application/json": { schema: Settings } } },
        ...errorResponses(401),
      },
    }),
    async (c) => c.json(await getSettings(deps.db, c.get("principal").tenantId), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/settings",
      tags: ["Settings"],
      summary: "Change the tenant's settings",
      description: "Owners, admins and finance. Audited with the comment.",
      security: [{ bearer: [] }],
      middleware: [auth, requireRole(SETTINGS_MANAGERS)] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: PutSettings } }, required: true },
      },
      responses: {
        200: { description: "The settings now", content: { "application/json": { schema: Settings } } },
        ...errorResponses(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input },
        async (tx) => ({
          body: await putSettings(
            tx,
            p.tenantId,
            { adjustmentApprovalThreshold: input.adjustmentApprovalThreshold },
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      return c.json(out, 200);
    },
  );

  return app;
}
