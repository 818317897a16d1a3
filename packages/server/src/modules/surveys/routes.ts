// HTTP routes of surveys: program managers make and change them and read NPS results; a contact answers in the
// portal, or anyone holding an e-mail's signed link answers through it without signing in.
import { createRoute, z } from "@hono/zod-openapi";
import { type Day, localDay } from "@patron/engine";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { CIRCLES, CONTACT_ROLES } from "../companies/contacts.ts";
import { verifyLink } from "../notifications/links.ts";
import { COMMS_MANAGERS } from "../notifications/routes.ts";
import { authenticateContact } from "../portal/routes.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { CSRF_HEADER } from "../sessions/cookie.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { TENANT_ID_PATTERN } from "../tenants/secrets.ts";
import {
  answer,
  createSurvey,
  getSurvey,
  listSurveys,
  openRequests,
  requestById,
  results,
  updateSurvey,
} from "./service.ts";

/** Read surveys and their results (finance too: NPS is one of the program's measures). */
const SURVEY_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance", "support"];
/** The most points a survey may give for an answer. */
const MAX_SURVEY_POINTS = 1_000_000;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

const SurveySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    question: z.string(),
    roles: z.array(z.string()),
    circles: z.array(z.string()),
    send: z.enum(["afterOrder", "schedule"]),
    everyDays: z.number().nullable(),
    points: z.number(),
    active: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi("Survey");

const NewSurveySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    question: z.string().trim().min(1).max(500).default("How likely are you to recommend us to a colleague?"),
    roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).default([]),
    circles: z.array(z.enum(CIRCLES)).max(CIRCLES.length).default([]),
    send: z.enum(["afterOrder", "schedule"]),
    everyDays: z.number().int().min(1).max(3660).optional(),
    points: z.number().int().min(0).max(MAX_SURVEY_POINTS).default(0),
    active: z.boolean().default(true),
    comment: Comment,
  })
  .openapi("NewSurvey");

const PatchSurveySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    question: z.string().trim().min(1).max(500).optional(),
    points: z.number().int().min(0).max(MAX_SURVEY_POINTS).optional(),
    active: z.boolean().optional(),
    comment: Comment,
  })
  .openapi("PatchSurvey");

const Day10 = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => s >= "1000-01-01" && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: "a date" });

const NpsGroupSchema = z
  .object({
    period: z.string().nullable(),
    group: z.string().nullable(),
    responses: z.number(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    nps: z.number().openapi({ description: "% promoters − % detractors, −100 to 100, one decimal" }),
  })
  .openapi("NpsGroup");

const RequestSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    name: z.string(),
    question: z.string(),
    points: z.number(),
    askedAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .openapi("SurveyRequest");

const AnswerInput = z.strictObject({
  score: z
    .number()
    .int()
    .min(0)
    .max(10)
    .openapi({ description: "0 (not at all likely) to 10 (extremely likely)" }),
  comment: z.string().trim().min(1).max(2000).optional(),
});

const AnswerSchema = z
  .object({
    requestId: z.string(),
    score: z.number(),
    comment: z.string().nullable(),
    points: z.number(),
    transactionId: z.string().nullable(),
  })
  .openapi("SurveyAnswer");

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const LinkInput = z.object({
  tenant: z.string().regex(TENANT_ID_PATTERN),
  token: z.string().min(10).max(2000),
});

export function surveyRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db, deps.now);
  const portal = authenticateContact(deps);
  const bearer = [{ bearer: [] }];
  const cookieOnly: { [scheme: string]: string[] }[] = [{ session: [] }];

  /** Today in the program's time zone, and the program in force (for the expiry of points given). */
  const todayOf = async (tenantId: string) => {
    const versions = await publishedPrograms(deps.db, tenantId);
    const tz = versions[versions.length - 1]?.timeZone ?? "UTC";
    const today = localDay(deps.now().toISOString(), tz) as Day;
    return { today, program: programAt(versions, today) };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/surveys",
      tags: ["Surveys"],
      summary: "Make a survey",
      description:
        "An NPS question (0-10) with room for a comment, asked of the contacts of the given roles and circles (all " +
        "when empty) after each order (`afterOrder`) or every `everyDays` days (`schedule`), by e-mail and in the " +
        "portal. `points` are credited to the company for an answer. Program managers; audited.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_MANAGERS)] as const,
      request: { headers: MutationHeaders, body: body(NewSurveySchema) },
      responses: { 201: json(SurveySchema, "Made"), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      if (input.send === "schedule" && input.everyDays === undefined)
        throw new ApiError("validation_failed", "a scheduled survey needs everyDays", "everyDays");
      if (input.send === "afterOrder" && input.everyDays !== undefined)
        throw new ApiError("validation_failed", "everyDays is only for a scheduled survey", "everyDays");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const { comment, ...fields } = input;
          return {
            body: await createSurvey(
              tx,
              p.tenantId,
              { ...fields, everyDays: input.everyDays ?? null },
              changeFrom(c, deps.now, p.keyId, comment),
            ),
          };
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys",
      tags: ["Surveys"],
      summary: "The surveys",
      security: bearer,
      middleware: [auth, requireRole(SURVEY_READERS)] as const,
      responses: {
        200: json(z.object({ data: z.array(SurveySchema) }).openapi("Surveys"), "The surveys"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ data: await listSurveys(deps.db, c.get("principal").tenantId) }, 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/surveys/{id}",
      tags: ["Surveys"],
      summary: "Change a survey (or stop it)",
      security: bearer,
      middleware: [auth, requireRole(COMMS_MANAGERS)] as const,
      request: { headers: MutationHeaders, params: IdParam, body: body(PatchSurveySchema) },
      responses: {
        200: json(SurveySchema, "The survey now"),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, input } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const { comment, ...fields } = input;
        return {
          body: await updateSurvey(tx, p.tenantId, id, fields, changeFrom(c, deps.now, p.keyId, comment)),
        };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/results",
      tags: ["Surveys"],
      summary: "NPS of a survey, per period and segment or tier",
      description:
        "Promoters answer 9-10, passives 7-8, detractors 0-6; NPS is % promoters − % detractors. Group by the " +
        "company's `segment` or `tier` when it answered, over `month`s, `week`s or `all` the period. `all` as the id " +
        "reads every survey together.",
      security: bearer,
      middleware: [auth, requireRole(SURVEY_READERS)] as const,
      request: {
        params: IdParam,
        query: z.object({
          from: Day10.optional(),
          to: Day10.optional(),
          groupBy: z.enum(["none", "segment", "tier"]).default("none"),
          interval: z.enum(["all", "month", "week"]).default("all"),
        }),
      },
      responses: {
        200: json(
          z.object({ surveyId: z.string(), data: z.array(NpsGroupSchema) }).openapi("SurveyResults"),
          "The results",
        ),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      if (id !== "all") await getSurvey(deps.db, p.tenantId, id);
      const data = await results(deps.db, p.tenantId, id === "all" ? null : id, c.req.valid("query"));
      return c.json({ surveyId: id, data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/surveys",
      tags: ["Portal"],
      summary: "The signed-in contact's unanswered surveys",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: {
        200: json(z.object({ data: z.array(RequestSchema) }).openapi("PortalSurveys"), "The surveys"),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const open = await openRequests(deps.db, p.tenantId, p.contactId);
      return c.json({ data: open.map(({ contactId: _c, memberId: _m, ...r }) => r) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/surveys/{id}/answer",
      tags: ["Portal"],
      summary: "Answer a survey",
      description: "Once per survey request; points the survey gives go to the company's wallet.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        headers: MutationHeaders.extend({ [CSRF_HEADER.toLowerCase()]: z.string().optional() }),
        params: IdParam,
        body: body(AnswerInput.openapi("PortalSurveyAnswer")),
      },
      responses: {
        201: json(AnswerSchema, "Answered"),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const { today, program } = await todayOf(p.tenantId);
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 201 as const,
        input: { id, input, c: p.contactId },
      };
      const out = await withIdempotency(c, scope, async (tx) => {
        const req = await requestById(tx, p.tenantId, id);
        if (!req || req.contactId !== p.contactId)
          throw new ApiError("not_found", `there is no survey ${id}`, "id");
        return {
          body: await answer(
            tx,
            p.tenantId,
            id,
            { score: input.score, comment: input.comment ?? null },
            deps.now(),
            today,
            program,
          ),
        };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/survey-links/read",
      tags: ["Surveys"],
      summary: "The survey an e-mail's signed link asks",
      description:
        "Needs no sign-in: the token is signed by the server. A POST so that the token stays out of logs.",
      request: { body: body(LinkInput.strict().openapi("SurveyLink")) },
      responses: {
        200: json(
          z
            .object({
              question: z.string(),
              name: z.string(),
              points: z.number(),
              answeredAt: z.string().nullable(),
            })
            .openapi("SurveyLinkSurvey"),
          "The survey",
        ),
        ...errorResponses(400, 404, 415, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const link = await verifyLink(deps.db, input.tenant, input.token);
      const req = link?.kind === "survey" ? await requestById(deps.db, input.tenant, link.requestId) : null;
      if (!req) throw new ApiError("not_found", "the survey link is not valid", "token");
      return c.json(
        { question: req.question, name: req.name, points: req.points, answeredAt: req.answeredAt },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/survey-links/answer",
      tags: ["Surveys"],
      summary: "Answer a survey by an e-mail's signed link",
      description:
        "Needs no sign-in: the token is signed by the server. Once per link (a second answer is a conflict), so it " +
        "takes no Idempotency-Key.",
      request: { body: body(LinkInput.extend(AnswerInput.shape).strict().openapi("SurveyLinkAnswer")) },
      responses: { 201: json(AnswerSchema, "Answered"), ...errorResponses(400, 404, 409, 415, 422) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const link = await verifyLink(deps.db, input.tenant, input.token);
      if (link?.kind !== "survey") throw new ApiError("not_found", "the survey link is not valid", "token");
      const { today, program } = await todayOf(input.tenant);
      const out = await deps.db.transaction((tx) =>
        answer(
          tx,
          input.tenant,
          link.requestId,
          { score: input.score, comment: input.comment ?? null },
          deps.now(),
          today,
          program,
        ),
      );
      return c.json(out, 201);
    },
  );

  return app;
}
