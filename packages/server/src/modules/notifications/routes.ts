// HTTP routes of notifications: trigger settings and templates (with a preview) for program managers, the log
// of what was sent, bounces, a contact's communication profile, the signed unsubscribe link, and the portal's
// inbox and preferences (a contact's session).
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { getContact, lockInScope } from "../companies/contacts.ts";
import { companyScope } from "../companies/scope.ts";
import { authenticateContact } from "../portal/routes.ts";
import { CSRF_HEADER } from "../sessions/cookie.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { TENANT_ID_PATTERN } from "../tenants/secrets.ts";
import { verifyLink } from "./links.ts";
import { profileOf, putProfile } from "./profile.ts";
import {
  inboxOf,
  listBounces,
  listNotifications,
  MAX_BOUNCE_PAGE,
  MAX_NOTIFICATION_PAGE,
  markAllRead,
  markRead,
  recordBounce,
  unsubscribe,
} from "./service.ts";
import { getNotificationSettings, putNotificationSettings } from "./settings.ts";
import {
  CATEGORIES,
  checkTemplate,
  LANGUAGES,
  listTemplates,
  MAX_BODY_CHARS,
  MAX_SUBJECT_CHARS,
  putTemplate,
  render,
  SAMPLE,
  TRIGGERS,
  templateFor,
  VARIABLES,
} from "./templates.ts";

/** Decide what the program says to members and when. */
export const COMMS_MANAGERS: readonly Role[] = ["owner", "admin", "program_manager"];
/** See what was sent and record bounces. */
const COMMS_READERS: readonly Role[] = ["owner", "admin", "program_manager", "support"];
/** Change a contact's communication profile: those who may change contacts. */
const PROFILE_WRITERS: readonly Role[] = ["owner", "admin", "sales_manager", "support"];
const PROFILE_READERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager", "support"];

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

const TriggerSchema = z.enum(TRIGGERS);
const LanguageSchema = z.enum(LANGUAGES);
const CategorySchema = z.enum(CATEGORIES);
const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .openapi({ description: "A local time, HH:MM", example: "21:00" });
const On = z.object({ enabled: z.boolean() });

const TriggersSchema = z
  .strictObject({
    welcome: On.strict(),
    pointsEarned: On.extend({ minPoints: z.number().int().min(1).max(1_000_000_000) }).strict(),
    pointsExpiring: On.extend({
      daysBefore: z.array(z.number().int().min(0).max(365)).min(1).max(5),
    }).strict(),
    tierUp: On.strict(),
    tierAtRisk: On.extend({ windowDays: z.number().int().min(1).max(365) }).strict(),
    rewardOrder: On.strict(),
    inactivity: On.extend({ days: z.number().int().min(1).max(3650) }).strict(),
    birthday: On.strict(),
    anniversary: On.strict(),
    survey: On.strict(),
    campaign: On.strict().default({ enabled: false }),
  })
  .openapi("NotificationTriggers");

const SettingsSchema = z
  .object({
    triggers: TriggersSchema,
    defaultLanguage: LanguageSchema,
    quietHours: z.object({ from: Time, to: Time }).nullable(),
    maxEmailsPerDay: z.number(),
    fromAddress: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi("NotificationSettings");

const PutSettingsSchema = z
  .strictObject({
    triggers: TriggersSchema,
    defaultLanguage: LanguageSchema.default("en"),
    quietHours: z.strictObject({ from: Time, to: Time }).nullable().default(null),
    maxEmailsPerDay: z.number().int().min(1).max(100).default(3),
    fromAddress: z.string().trim().min(3).max(254).nullable().default(null),
    comment: Comment,
  })
  .openapi("PutNotificationSettings");

const TemplateSchema = z
  .object({
    trigger: TriggerSchema,
    language: LanguageSchema,
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    custom: z.boolean(),
    variables: z.array(z.string()),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi("NotificationTemplate");

const Subject = z.string().trim().min(1).max(MAX_SUBJECT_CHARS);
const Body = z.string().min(1).max(MAX_BODY_CHARS);

const PutTemplateSchema = z
  .strictObject({
    subject: Subject.optional(),
    text: Body.optional(),
    html: Body.optional(),
    reset: z.boolean().optional().openapi({ description: "Go back to the built-in wording." }),
    comment: Comment,
  })
  .openapi("PutNotificationTemplate");

const PreviewSchema = z
  .strictObject({
    trigger: TriggerSchema,
    language: LanguageSchema,
    subject: Subject.optional(),
    text: Body.optional(),
    html: Body.optional(),
  })
  .openapi("NotificationPreviewRequest");

const NotificationSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    category: z.string(),
    channel: z.enum(["email", "portal"]),
    memberId: z.string().nullable(),
    contactId: z.string(),
    email: z.string().nullable(),
    language: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(["scheduled", "sent", "skipped", "failed"]),
    scheduledAt: z.string(),
    sentAt: z.string().nullable(),
    readAt: z.string().nullable(),
    attempts: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Notification");

const BounceSchema = z
  .object({
    email: z.string(),
    kind: z.enum(["hard", "complaint", "rejected"]),
    reason: z.string().nullable(),
    at: z.string(),
    recordedBy: z.string(),
  })
  .openapi("EmailBounce");

const ProfileSchema = z
  .object({
    contactId: z.string(),
    language: LanguageSchema.nullable(),
    birthday: z.string().nullable(),
    unsubscribed: z.array(CategorySchema),
  })
  .openapi("CommunicationProfile");

const Birthday = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && s >= "1900-01-01" && s <= "2100-12-31", {
    message: "a date from 1900-01-01 to 2100-12-31",
  });

const PutProfileSchema = z
  .strictObject({
    language: LanguageSchema.nullable().optional(),
    birthday: Birthday.nullable().optional(),
    unsubscribed: z.array(CategorySchema).max(CATEGORIES.length).optional(),
    comment: Comment,
  })
  .openapi("PutCommunicationProfile");

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const CsrfHeaders = MutationHeaders.extend({
  [CSRF_HEADER.toLowerCase()]: z.string().optional().openapi({
    description: "Any value; required with a session cookie on every call that changes something.",
  }),
});

export function notificationRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db, deps.now);
  const portal = authenticateContact(deps);
  const bearer = [{ bearer: [] }];
  const cookieOnly: { [scheme: string]: string[] }[] = [{ session: [] }];

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications/settings",
      tags: ["Notifications"],
      summary: "Read the notification settings",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      responses: { 200: json(SettingsSchema, "The settings"), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(await getNotificationSettings(deps.db, c.get("principal").tenantId), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/notifications/settings",
      tags: ["Notifications"],
      summary: "Change the notification settings",
      description:
        "Which triggers are on and their parameters, quiet hours (local time of the program), the most e-mails a " +
        "contact gets in 24 hours (more wait, none is dropped), the default language and sender. A trigger turned " +
        "on announces what happens from then on. Owners, admins and program managers; audited.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_MANAGERS)] as const,
      request: { headers: MutationHeaders, body: body(PutSettingsSchema) },
      responses: {
        200: json(SettingsSchema, "The settings now"),
        ...errorResponses(400, 401, 403, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input },
        async (tx) => {
          const { comment, ...settings } = input;
          return {
            body: await putNotificationSettings(
              tx,
              p.tenantId,
              settings,
              changeFrom(c, deps.now, p.keyId, comment),
            ),
          };
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications/templates",
      tags: ["Notifications"],
      summary: "Every trigger's template in every language",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      responses: {
        200: json(
          z.object({ data: z.array(TemplateSchema) }).openapi("NotificationTemplates"),
          "The templates",
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const all = await listTemplates(deps.db, c.get("principal").tenantId);
      return c.json({ data: all.map((t) => ({ ...t, variables: variablesOf(t.trigger) })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/notifications/templates/{trigger}/{language}",
      tags: ["Notifications"],
      summary: "Change a template",
      description:
        "Subject, plain text and HTML with `{{variable}}` placeholders (the template lists its variables; values are " +
        "escaped in HTML). `reset: true` goes back to the built-in wording. Program managers; audited.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_MANAGERS)] as const,
      request: {
        headers: MutationHeaders,
        params: z.object({
          trigger: TriggerSchema.openapi({ param: { name: "trigger", in: "path" } }),
          language: LanguageSchema.openapi({ param: { name: "language", in: "path" } }),
        }),
        body: body(PutTemplateSchema),
      },
      responses: {
        200: json(TemplateSchema, "The template now"),
        ...errorResponses(400, 401, 403, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { trigger, language } = c.req.valid("param");
      const input = c.req.valid("json");
      let t: { subject: string; text: string; html: string } | null = null;
      if (!input.reset) {
        for (const f of ["subject", "text", "html"] as const) {
          if (input[f] === undefined)
            throw new ApiError("validation_failed", `${f} is required (or reset: true)`, f);
        }
        t = { subject: input.subject as string, text: input.text as string, html: input.html as string };
        checkTemplate(trigger, t);
      }
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 200 as const,
        input: { trigger, language, input },
      };
      const out = await withIdempotency(c, scope, async (tx) => {
        const saved = await putTemplate(
          tx,
          p.tenantId,
          trigger,
          language,
          t,
          changeFrom(c, deps.now, p.keyId, input.comment),
        );
        return { body: { ...saved, variables: variablesOf(trigger) } };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/notifications/templates/preview",
      tags: ["Notifications"],
      summary: "Render a template with sample data",
      description: "The given wording (or the template in use) filled with sample values; changes nothing.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      request: { body: body(PreviewSchema) },
      responses: {
        200: json(
          z
            .object({ subject: z.string(), text: z.string(), html: z.string() })
            .openapi("NotificationPreview"),
          "The rendered message",
        ),
        ...errorResponses(400, 401, 403, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const current = await templateFor(deps.db, p.tenantId, input.trigger, input.language);
      const t = {
        subject: input.subject ?? current.subject,
        text: input.text ?? current.text,
        html: input.html ?? current.html,
      };
      checkTemplate(input.trigger, t);
      return c.json(render(t, SAMPLE), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/notifications",
      tags: ["Notifications"],
      summary: "What was sent, is waiting or was skipped",
      description: "Newest first; pass `nextCursor` back as `cursor`.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      request: {
        query: z.object({
          memberId: z.string().min(1).max(200).optional(),
          contactId: z.string().min(1).max(200).optional(),
          channel: z.enum(["email", "portal"]).optional(),
          status: z.enum(["scheduled", "sent", "skipped", "failed"]).optional(),
          trigger: TriggerSchema.optional(),
          cursor: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATION_PAGE).default(50),
        }),
      },
      responses: {
        200: json(
          z
            .object({ data: z.array(NotificationSchema), nextCursor: z.string().nullable() })
            .openapi("NotificationPage"),
          "A page",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) =>
      c.json(await listNotifications(deps.db, c.get("principal").tenantId, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/email/bounces",
      tags: ["Notifications"],
      summary: "Record a bounced address",
      description:
        "From the mail provider's bounce or complaint report: the address gets no more e-mail. Refusals by the SMTP " +
        "server (5xx) are recorded by the server itself.",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              email: z.email().max(254),
              kind: z.enum(["hard", "complaint"]).default("hard"),
              reason: z.string().trim().min(1).max(1000).optional(),
              comment: Comment,
            })
            .openapi("NewEmailBounce"),
        ),
      },
      responses: { 201: json(BounceSchema, "Recorded"), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const change = changeFrom(c, deps.now, p.keyId, input.comment);
          await recordBounce(
            tx,
            p.tenantId,
            input.email,
            input.kind,
            input.reason ?? null,
            p.keyId,
            change.at,
          );
          await recordAudit(tx, p.tenantId, change, {
            action: "email.bounce.record",
            target: `email:${input.email.toLowerCase()}`,
            before: null,
            after: { kind: input.kind, reason: input.reason ?? null },
          });
          return {
            body: {
              email: input.email.toLowerCase(),
              kind: input.kind,
              reason: input.reason ?? null,
              at: change.at.toISOString(),
              recordedBy: p.keyId,
            },
          };
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/email/bounces",
      tags: ["Notifications"],
      summary: "Addresses that bounced",
      security: bearer,
      middleware: [auth, requireRole(COMMS_READERS)] as const,
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_BOUNCE_PAGE).default(100) }),
      },
      responses: {
        200: json(z.object({ data: z.array(BounceSchema) }).openapi("EmailBounces"), "The bounces"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) =>
      c.json(
        { data: await listBounces(deps.db, c.get("principal").tenantId, c.req.valid("query").limit) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/email/unsubscribe",
      tags: ["Notifications"],
      summary: "Unsubscribe by a message's signed link",
      description:
        "The token of an e-mail's unsubscribe link: the contact gets no more e-mail of the link's category. Needs no " +
        "sign-in; the token is signed by the server.",
      request: {
        body: body(
          z
            .strictObject({
              tenant: z.string().regex(TENANT_ID_PATTERN),
              token: z.string().min(10).max(2000),
            })
            .openapi("Unsubscribe"),
        ),
      },
      responses: {
        200: json(z.object({ category: CategorySchema }).openapi("Unsubscribed"), "Unsubscribed"),
        ...errorResponses(400, 404, 415, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const link = await verifyLink(deps.db, input.tenant, input.token);
      if (link?.kind !== "unsubscribe" || !(CATEGORIES as readonly string[]).includes(link.category)) {
        throw new ApiError("not_found", "the unsubscribe link is not valid", "token");
      }
      await deps.db.transaction((tx) =>
        unsubscribe(tx, input.tenant, link.contactId, link.category, deps.now()),
      );
      return c.json({ category: link.category as (typeof CATEGORIES)[number] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}/communication",
      tags: ["Notifications"],
      summary: "A contact's language, birthday and unsubscribed categories",
      security: bearer,
      middleware: [auth, requireRole(PROFILE_READERS)] as const,
      request: { params: IdParam },
      responses: { 200: json(ProfileSchema, "The profile"), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const p = c.get("principal");
      const contact = await getContact(deps.db, await companyScope(deps.db, p), c.req.valid("param").id);
      return c.json(await profileOf(deps.db, p.tenantId, contact.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/contacts/{id}/communication",
      tags: ["Notifications"],
      summary: "Change a contact's language, birthday or unsubscribed categories",
      description: "Fields left out stay as they are. Audited (the birthday only as set or not).",
      security: bearer,
      middleware: [auth, requireRole(PROFILE_WRITERS)] as const,
      request: { headers: MutationHeaders, params: IdParam, body: body(PutProfileSchema) },
      responses: {
        200: json(ProfileSchema, "The profile now"),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, input } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const contact = await lockInScope(tx, await companyScope(tx, p), id);
        const change = changeFrom(c, deps.now, p.keyId, input.comment);
        return { body: await putProfile(tx, p.tenantId, contact.id, input, change.at, change) };
      });
      return c.json(out, 200);
    },
  );

  // ---- Portal ----

  const InboxSchema = z
    .object({ data: z.array(NotificationSchema), unread: z.number(), nextCursor: z.string().nullable() })
    .openapi("PortalInbox");

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/messages",
      tags: ["Portal"],
      summary: "The signed-in contact's messages",
      description: "Newest first, with the number unread; pass `nextCursor` back as `cursor`.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATION_PAGE).default(50),
          cursor: z.string().min(1).max(200).optional(),
          unread: z.enum(["true", "false"]).optional(),
        }),
      },
      responses: { 200: json(InboxSchema, "The messages"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const p = c.get("contact");
      const q = c.req.valid("query");
      return c.json(
        await inboxOf(deps.db, p.tenantId, p.contactId, {
          limit: q.limit,
          cursor: q.cursor,
          unreadOnly: q.unread === "true",
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/messages/{id}/read",
      tags: ["Portal"],
      summary: "Mark a message read",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { headers: CsrfHeaders, params: IdParam },
      responses: {
        200: json(z.object({ id: z.string(), unread: z.number() }).openapi("PortalMessageRead"), "Read"),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const { id } = c.req.valid("param");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, contact: p.contactId } },
        async (tx) => {
          if (!(await markRead(tx, p.tenantId, p.contactId, id, deps.now()))) {
            throw new ApiError("not_found", `there is no message ${id}`, "id");
          }
          const inbox = await inboxOf(tx, p.tenantId, p.contactId, { limit: 1 });
          return { body: { id, unread: inbox.unread } };
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/messages/read-all",
      tags: ["Portal"],
      summary: "Mark every message read",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { headers: CsrfHeaders },
      responses: {
        200: json(z.object({ marked: z.number() }).openapi("PortalMessagesRead"), "Read"),
        ...errorResponses(401, 403, 409),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { contact: p.contactId } },
        async (tx) => ({ body: { marked: await markAllRead(tx, p.tenantId, p.contactId, deps.now()) } }),
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/preferences",
      tags: ["Portal"],
      summary: "The signed-in contact's language, birthday and e-mail categories turned off",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: { 200: json(ProfileSchema, "The preferences"), ...errorResponses(401) },
    }),
    async (c) => {
      const p = c.get("contact");
      return c.json(await profileOf(deps.db, p.tenantId, p.contactId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/portal/preferences",
      tags: ["Portal"],
      summary: "Change the signed-in contact's preferences",
      description: "Fields left out stay as they are.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { headers: CsrfHeaders, body: body(PutProfileSchema) },
      responses: {
        200: json(ProfileSchema, "The preferences now"),
        ...errorResponses(400, 401, 403, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const input = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 200 as const,
        input: { contact: p.contactId, input },
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await putProfile(tx, p.tenantId, p.contactId, input, deps.now(), null),
      }));
      return c.json(out, 200);
    },
  );

  return app;
}

function variablesOf(trigger: (typeof TRIGGERS)[number]): string[] {
  return ["contactName", "companyName", "programName", "portalUrl", "unsubscribeUrl", ...VARIABLES[trigger]];
}
