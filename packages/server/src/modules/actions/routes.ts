// HTTP routes of actions that earn outside purchases: one or a batch (a training's attendance list), each once
// by external id; the staff's list and the portal's history of the company's actions.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import {
  beforeEarliest,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { companyScope } from "../companies/scope.ts";
import { authenticateContact } from "../portal/routes.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import {
  ACTION_KINDS,
  type ActionInput,
  listActions,
  MAX_ACTION_BATCH,
  MAX_ACTION_PAGE,
  recordAction,
} from "./service.ts";

/** May record actions: those who run the program and its events, support, a sales manager for own clients. */
const RECORDERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager", "support"];

const ActionBody = z
  .strictObject({
    externalId: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "Sending the same id twice records it once" }),
    companyId: z.string().min(1).max(200),
    contactId: z.string().min(1).max(200).optional(),
    action: z.enum(ACTION_KINDS),
    subject: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The training, course, survey or occasion", example: "safety-2026" }),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
      .refine((s) => !beforeEarliest(s), `a date from ${EARLIEST_DATE} on`)
      .optional()
      .openapi({ description: "When it happened (today by default)" }),
  })
  .openapi("Action");

const ActionRecord = z
  .object({
    id: z.string(),
    externalId: z.string(),
    companyId: z.string(),
    contactId: z.string().nullable(),
    action: z.string(),
    subject: z.string().nullable(),
    date: z.string(),
    points: z.number(),
    effects: z.array(z.record(z.string(), z.unknown())),
    transactionId: z.string().nullable(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi("ActionRecord");
const Recorded = ActionRecord.extend({ replayed: z.boolean() }).openapi("RecordedAction");

const ListQuery = z.object({
  companyId: z.string().min(1).max(200).optional(),
  action: z.enum(ACTION_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ACTION_PAGE).default(50),
  cursor: z.string().min(1).max(100).optional(),
});
const Page = z
  .object({ data: z.array(ActionRecord), nextCursor: z.string().nullable() })
  .openapi("ActionPage");

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

function inputOf(b: z.infer<typeof ActionBody>): ActionInput {
  return {
    externalId: b.externalId,
    companyId: b.companyId,
    contactId: b.contactId ?? null,
    action: b.action,
    subject: b.subject ?? null,
    date: b.date ?? null,
  };
}

export function actionRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const route = <R extends RouteConfig>(r: R) => createRoute({ tags: ["Actions"], ...r });

  app.openapi(
    route({
      method: "post",
      path: "/actions",
      summary: "Record an action that earns",
      description:
        "A training attended, a course completed, a survey answered, the profile completed, a greeting with a " +
        "gift. The program's action rules decide the points (once per subject where they say so); the points " +
        "are credited to the company's wallet through the ledger. The same external id is recorded once.",
      security,
      middleware: [auth, requireRole(RECORDERS)] as const,
      request: { headers: MutationHeaders, body: body(ActionBody) },
      responses: { 201: json(Recorded, "Recorded (or recorded before: replayed)"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const { record, replayed } = await recordAction(
            tx,
            await companyScope(tx, p),
            inputOf(input),
            changeFrom(c, deps.now, p.keyId),
          );
          return { body: { ...record, replayed } };
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/actions/batch",
      summary: "Record many actions",
      description: `Up to ${MAX_ACTION_BATCH}, all or none: an error names the action (\`actions[3].companyId\`). Each external id is recorded once.`,
      security,
      middleware: [auth, requireRole(RECORDERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({ actions: z.array(ActionBody).min(1).max(MAX_ACTION_BATCH) })
            .openapi("ActionBatch"),
        ),
      },
      responses: {
        200: json(z.object({ data: z.array(Recorded) }).openapi("ActionBatchResult"), "Recorded"),
        ...MUTATION_ERRORS,
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input },
        async (tx) => {
          const scope = await companyScope(tx, p);
          const change = changeFrom(c, deps.now, p.keyId);
          const data = [];
          for (const [i, a] of input.actions.entries()) {
            const { record, replayed } = await recordAction(tx, scope, inputOf(a), change, `actions[${i}].`);
            data.push({ ...record, replayed });
          }
          return { body: { data } };
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/actions",
      summary: "List recorded actions",
      description: "Newest first; a sales manager sees their own clients' only.",
      security,
      middleware: [auth] as const,
      request: { query: ListQuery },
      responses: { 200: json(Page, "A page of actions"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listActions(deps.db, await companyScope(deps.db, p), c.req.valid("query")), 200);
    },
  );

  const portal = authenticateContact(deps);
  app.openapi(
    route({
      method: "get",
      path: "/portal/actions",
      tags: ["Portal"],
      summary: "The company's trainings, courses, surveys and greetings, with their points",
      security: [{ session: [] }],
      middleware: [portal] as const,
      request: { query: ListQuery.omit({ companyId: true }) },
      responses: { 200: json(Page, "A page of actions"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const k = c.get("contact");
      const scope = await companyScope(deps.db, { tenantId: k.tenantId, role: "admin", userId: null });
      return c.json(
        await listActions(deps.db, scope, { ...c.req.valid("query"), companyId: k.companyId }),
        200,
      );
    },
  );

  return app;
}
