// HTTP routes of manual adjustments: request one for a member, approve or reject one waiting for a second
// person, list them.
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import type { Principal } from "../tenants/service.ts";
import {
  approveAdjustment,
  listAdjustments,
  MAX_ADJUSTMENT_PAGE,
  type Person,
  rejectAdjustment,
  requestAdjustment,
} from "./service.ts";

/** May request adjustments: support corrects a client's points, finance and administrators too. */
const REQUESTERS: readonly Role[] = ["owner", "admin", "finance", "support"];
/** May approve or reject another person's adjustment. */
const APPROVERS: readonly Role[] = ["owner", "admin", "finance"];

/** The largest adjustment accepted either way: a billion points. */
const MAX_ADJUSTMENT_POINTS = 1_000_000_000;

const Status = z.enum(["pending_approval", "posted", "rejected"]);

const Adjustment = z
  .object({
    id: z.string().openapi({ example: "adj_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
    memberId: z.string(),
    points: z.number().openapi({ description: "Positive: a credit; negative: a debit" }),
    reason: z.string(),
    comment: z.string().nullable(),
    expiresOn: z.string().nullable(),
    status: Status,
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    transactionId: z.string().nullable().openapi({ description: "The ledger transaction, once posted" }),
  })
  .openapi("Adjustment");

const AdjustmentBody = z
  .strictObject({
    points: z
      .number()
      .int()
      .min(-MAX_ADJUSTMENT_POINTS)
      .max(MAX_ADJUSTMENT_POINTS)
      .refine((n) => n !== 0, "must not be zero")
      .openapi({ description: "Points to credit (positive) or debit (negative)", example: 500 }),
    reason: z.string().trim().min(1).max(500).openapi({ example: "goodwill: late delivery of order 10045" }),
    comment: Comment,
    expiresOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .openapi({ description: "For a credit: when its points expire (the program's expiry by default)" }),
  })
  .openapi("RequestAdjustment");

const DecisionBody = z.strictObject({ comment: Comment }).openapi("AdjustmentDecision");

const Id = (example: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(200)
      .openapi({ param: { name: "id", in: "path" }, example }),
  });

const ListQuery = z.object({
  status: Status.optional(),
  memberId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ADJUSTMENT_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
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

/** The person behind a request: its key (console users will add their user id). */
function personOf(p: Principal): Person {
  return { keyId: p.keyId, userId: null };
}

export function adjustmentRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);

  app.openapi(
    createRoute({
      method: "post",
      path: "/members/{id}/adjustments",
      tags: ["Adjustments"],
      summary: "Adjust a member's points",
      description:
        "Credits or debits points with a reason. Within the tenant's `adjustmentApprovalThreshold` it is posted at once; above it, it waits as `pending_approval`, with nothing posted, until another person approves it. A debit never takes a balance below zero unless the program allows debt.",
      security,
      middleware: [auth, requireRole(REQUESTERS)] as const,
      request: { headers: MutationHeaders, params: Id("C1"), body: body(AdjustmentBody) },
      responses: { 201: json(Adjustment, "Posted, or waiting for approval"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input: { id, ...input } },
        async (tx) => ({
          body: await requestAdjustment(
            tx,
            p.tenantId,
            id,
            {
              points: input.points,
              reason: input.reason,
              comment: input.comment ?? null,
              expiresOn: input.expiresOn ?? null,
            },
            personOf(p),
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      return c.json(out, 201);
    },
  );

  for (const verb of ["approve", "reject"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/adjustments/{id}/${verb}`,
        tags: ["Adjustments"],
        summary: verb === "approve" ? "Approve an adjustment" : "Reject an adjustment",
        description:
          verb === "approve"
            ? "Posts a pending adjustment, once. Owners, admins and finance; never the person who requested it."
            : "Closes a pending adjustment with nothing posted. Owners, admins and finance; never the person who requested it.",
        security,
        middleware: [auth, requireRole(APPROVERS)] as const,
        request: {
          headers: MutationHeaders,
          params: Id("adj_01jb3v6c9w2x8k4m5n7p9q1r3s"),
          body: body(DecisionBody),
        },
        responses: { 200: json(Adjustment, verb === "approve" ? "Posted" : "Rejected"), ...MUTATION_ERRORS },
      }),
      async (c) => {
        const p = c.get("principal");
        const { id } = c.req.valid("param");
        const input = c.req.valid("json");
        const decide = verb === "approve" ? approveAdjustment : rejectAdjustment;
        const out = await withIdempotency(
          c,
          { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, ...input } },
          async (tx) => ({
            body: await decide(
              tx,
              p.tenantId,
              id,
              personOf(p),
              changeFrom(c, deps.now, p.keyId, input.comment),
            ),
          }),
        );
        return c.json(out, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/adjustments",
      tags: ["Adjustments"],
      summary: "List adjustments",
      description: "Newest first, filtered by status or member.",
      security,
      middleware: [auth, requireRole(REQUESTERS)] as const,
      request: { query: ListQuery },
      responses: {
        200: json(
          z
            .object({ data: z.array(Adjustment), nextCursor: z.string().nullable() })
            .openapi("AdjustmentPage"),
          "A page of adjustments",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listAdjustments(deps.db, p.tenantId, c.req.valid("query")), 200);
    },
  );

  return app;
}
