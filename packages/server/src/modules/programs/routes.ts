// HTTP routes of program versions: drafts (kept even when invalid, with their issues), validation, a
// simulation over the tenant's own history, publishing with an effective date, rollback, and reading.
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import {
  createDraft,
  forgetPublished,
  getProgram,
  listPrograms,
  MAX_PROGRAM_LIST,
  publishDraft,
  rollbackProgram,
  updateDraft,
  validateDraft,
} from "./service.ts";
import { MAX_SIMULATION_EVENTS, simulateDraft } from "./simulate.ts";

/** May write drafts, publish and roll back. */
const PROGRAM_EDITORS: readonly Role[] = ["owner", "admin", "program_manager"];
/** May read versions and simulate drafts: the editors, and finance, who weighs what a change costs. */
const PROGRAM_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ description: "An ISO date", example: "2026-04-01" });

const Issue = z
  .object({
    path: z.string().openapi({ example: "tiers.levels[1].from" }),
    line: z.number().nullable(),
    column: z.number().nullable(),
    message: z.string(),
  })
  .openapi("ProgramIssue");

const Summary = z
  .object({
    id: z.string().openapi({ example: "prg_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
    version: z.number().nullable().openapi({ description: "Null for a draft" }),
    status: z.enum(["draft", "published", "retired"]).openapi({
      description:
        "draft: not in force · published: applies to events from effectiveFrom (to effectiveTo) · retired: shadowed by a later version effective the same day",
    }),
    programId: z.string().nullable(),
    name: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    valid: z.boolean(),
    issueCount: z.number(),
    basedOn: z.number().nullable().openapi({ description: "The version a rollback published again" }),
    comment: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
  })
  .openapi("ProgramVersion");

const Detail = Summary.extend({
  text: z.string().openapi({ description: "The definition as written (YAML or JSON)" }),
  definition: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({ description: "The validated definition; null for a draft with issues" }),
  issues: z.array(Issue),
}).openapi("ProgramVersionDetail");

const DraftBody = z
  .strictObject({
    definition: z
      .string()
      .min(1)
      .max(1_000_000)
      .openapi({ description: "The program definition, YAML or JSON, as text" }),
    comment: Comment,
  })
  .openapi("ProgramDraft");

const PublishBody = z
  .strictObject({
    effectiveFrom: IsoDate.openapi({
      description: "Events dated from this day use the new version; not before the latest version's date",
    }),
    comment: Comment,
  })
  .openapi("PublishDraft");

const RollbackBody = z
  .strictObject({
    effectiveFrom: IsoDate,
    toVersion: z.number().int().positive().optional().openapi({
      description:
        "The version whose definition to publish again; the one in force before the latest by default",
    }),
    comment: Comment,
  })
  .openapi("RollbackProgram");

const SimulateBody = z
  .strictObject({
    from: IsoDate.optional().openapi({ description: "First day of history replayed; all of it by default" }),
    to: IsoDate.optional().openapi({
      description: "Last day replayed (its jobs run too); the last event's day by default",
    }),
    limit: z.number().int().min(1).max(MAX_SIMULATION_EVENTS).default(10_000).openapi({
      description: "The most events replayed; a longer history is cut there and `truncated` is true",
    }),
  })
  .openapi("SimulateDraft");

const Totals = z
  .object({
    balance: z.number(),
    pending: z.number(),
    earned: z.number(),
    redeemed: z.number(),
    refunded: z.number(),
    expired: z.number(),
    reversed: z.number(),
    liability: z.string(),
    gross: z.string(),
    discount: z.string(),
    net: z.string(),
    refund: z.string(),
    orders: z.number(),
    returns: z.number(),
  })
  .openapi("SimulationTotals");

const Side = z.object({
  versions: z.array(z.number()),
  totals: Totals,
  tiers: z.record(z.string(), z.number()),
  cost: z.string().openapi({
    description: "Discounts plus points earned and kept, at the point value: docs/metrics.md#program-cost",
  }),
});

const Simulation = z
  .object({
    draftId: z.string(),
    from: z.string().nullable(),
    asOf: z.string(),
    orders: z.number(),
    returns: z.number(),
    skippedReturns: z.number(),
    truncated: z.boolean(),
    draft: Side,
    published: Side.nullable(),
    difference: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  })
  .openapi("Simulation");

const Validation = z
  .object({ id: z.string(), valid: z.boolean(), issues: z.array(Issue) })
  .openapi("ProgramValidation");

const DraftId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "prg_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
});

const ListQuery = z.object({
  status: z.enum(["draft", "published", "retired"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PROGRAM_LIST).default(100),
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

export function programRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const editors = requireRole(PROGRAM_EDITORS);
  const readers = requireRole(PROGRAM_READERS);

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs/drafts",
      tags: ["Programs"],
      summary: "Save a draft",
      description:
        "Stores the text as a draft with its author and comment, even when it does not validate; the answer lists its issues with path, line and column.",
      security,
      middleware: [auth, editors] as const,
      request: { headers: MutationHeaders, body: body(DraftBody) },
      responses: { 201: json(Detail, "Saved"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => ({
          body: await createDraft(
            tx,
            p.tenantId,
            input.definition,
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      forgetPublished(p.tenantId);
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/programs/drafts/{id}",
      tags: ["Programs"],
      summary: "Edit a draft",
      description: "Replaces the draft's text; answers its issues. A published version cannot be edited.",
      security,
      middleware: [auth, editors] as const,
      request: { headers: MutationHeaders, params: DraftId, body: body(DraftBody) },
      responses: { 200: json(Detail, "Saved"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, ...input } },
        async (tx) => ({
          body: await updateDraft(
            tx,
            p.tenantId,
            id,
            input.definition,
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      forgetPublished(p.tenantId);
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs/drafts/{id}/validate",
      tags: ["Programs"],
      summary: "Validate a draft",
      description: "Every issue of the draft's text, with path, line and column. Changes nothing.",
      security,
      middleware: [auth, readers] as const,
      request: { params: DraftId },
      responses: { 200: json(Validation, "The draft's issues"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await validateDraft(deps.db, p.tenantId, c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs/drafts/{id}/simulate",
      tags: ["Programs"],
      summary: "Simulate a draft over the tenant's history",
      description:
        "Replays the stored orders and returns (in day order, within from/to, at most `limit` events) through the draft and through the published versions, as `patron simulate` does, and answers both totals, members per level and the difference. Changes nothing.",
      security,
      middleware: [auth, readers] as const,
      request: { params: DraftId, body: body(SimulateBody) },
      responses: { 200: json(Simulation, "The simulation"), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const q = c.req.valid("json");
      const out = await simulateDraft(deps.db, p.tenantId, id, {
        from: q.from ?? null,
        to: q.to ?? null,
        limit: q.limit,
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs/drafts/{id}/publish",
      tags: ["Programs"],
      summary: "Publish a draft",
      description:
        "The draft becomes the next version, in force for events dated from `effectiveFrom`. Its definition must validate; the date must not be before the latest version's. A version effective the same day is retired.",
      security,
      middleware: [auth, editors] as const,
      request: { headers: MutationHeaders, params: DraftId, body: body(PublishBody) },
      responses: { 200: json(Detail, "Published"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, ...input } },
        async (tx) => ({
          body: await publishDraft(
            tx,
            p.tenantId,
            id,
            input.effectiveFrom,
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      forgetPublished(p.tenantId);
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs/rollback",
      tags: ["Programs"],
      summary: "Roll back to an earlier version",
      description:
        "Publishes an earlier version's definition again, as a new version effective from `effectiveFrom` (the version in force before the latest one, unless `toVersion` names another). Nothing published before changes.",
      security,
      middleware: [auth, editors] as const,
      request: { headers: MutationHeaders, body: body(RollbackBody) },
      responses: { 201: json(Detail, "Published"), ...MUTATION_ERRORS },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => ({
          body: await rollbackProgram(
            tx,
            p.tenantId,
            { effectiveFrom: input.effectiveFrom, toVersion: input.toVersion ?? null },
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      forgetPublished(p.tenantId);
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/programs",
      tags: ["Programs"],
      summary: "List drafts and versions",
      description:
        "Drafts first, then versions from the newest, with their status, effective dates, and who made and published them.",
      security,
      middleware: [auth, readers] as const,
      request: { query: ListQuery },
      responses: {
        200: json(z.object({ data: z.array(Summary) }).openapi("ProgramVersionList"), "The versions"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json({ data: await listPrograms(deps.db, p.tenantId, c.req.valid("query")) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/programs/{version}",
      tags: ["Programs"],
      summary: "Read a version or a draft",
      description: "By version number, or a draft by its id: the text as written and the parsed definition.",
      security,
      middleware: [auth, readers] as const,
      request: {
        params: z.object({
          version: z
            .string()
            .min(1)
            .max(100)
            .openapi({ param: { name: "version", in: "path" }, example: "3" }),
        }),
      },
      responses: { 200: json(Detail, "The version"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { version } = c.req.valid("param");
      const found = await getProgram(deps.db, p.tenantId, version);
      if (!found) throw new ApiError("not_found", `no program version or draft ${version}`, "version");
      return c.json(found, 200);
    },
  );

  return app;
}
