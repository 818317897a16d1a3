// HTTP route of the audit log: a tenant's changes, newest first, filtered and paged.
import { createRoute, z } from "@hono/zod-openapi";
import { beforeEarliest, type Deps, EARLIEST_DATE, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import { AUDIT_READERS } from "../tenants/roles.ts";
import { listAudit, MAX_AUDIT_PAGE } from "./service.ts";

const Snapshot = z.record(z.string(), z.unknown()).nullable();

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z
      .string()
      .openapi({ description: "The API key (`key_…`) or user (`usr_…`) that made the change." }),
    action: z.string().openapi({ example: "api_key.create" }),
    target: z.string().nullable(),
    comment: z.string().nullable(),
    before: Snapshot,
    after: Snapshot,
    requestId: z.string().nullable(),
  })
  .openapi("AuditEntry");

const Instant = z.iso
  .datetime({ offset: true })
  .refine((s) => !beforeEarliest(s), { message: `must be on or after ${EARLIEST_DATE}` });

const AuditQuery = z.object({
  actor: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  from: Instant.optional().openapi({ description: "From this instant, included." }),
  to: Instant.optional().openapi({ description: "Up to this instant, excluded." }),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

export function auditRoutes(deps: Deps) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/audit-log",
      tags: ["Audit"],
      summary: "Read the audit log",
      description:
        "Every change made through the API, with its comment, newest first. Owners, admins and finance.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(AUDIT_READERS)] as const,
      request: { query: AuditQuery },
      responses: {
        200: {
          description: "A page of entries",
          content: {
            "application/json": {
              schema: z
                .object({ data: z.array(AuditEntry), nextCursor: z.string().nullable() })
                .openapi("AuditPage"),
            },
          },
        },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const q = c.req.valid("query");
      const page = await listAudit(deps.db, tenantId, {
        actor: q.actor,
        action: q.action,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        cursor: q.cursor,
        limit: q.limit,
      });
      return c.json({ data: page.entries, nextCursor: page.nextCursor }, 200);
    },
  );
  return app;
}
