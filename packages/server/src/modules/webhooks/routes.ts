// HTTP routes of webhooks: endpoints with their event types and secrets, the delivery log, and replays.
// Owners, admins and program managers.
import { isIP } from "node:net";
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { EVENT_TYPES } from "./outbox.ts";
import {
  createEndpoint,
  DEFAULT_ROTATION_OVERLAP_MINUTES,
  deleteEndpoint,
  type Endpoint as EndpointOut,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  listMessages,
  MAX_DELIVERY_PAGE,
  MAX_ROTATION_OVERLAP_MINUTES,
  replayDelivery,
  replayMessage,
  rotateSecret,
  updateEndpoint,
} from "./service.ts";

/** May see and change where the tenant's data is sent. */
export const WEBHOOK_MANAGERS: readonly Role[] = ["owner", "admin", "program_manager"];

/** The longest URL an endpoint may have. */
const MAX_URL_CHARS = 2000;

/**
 * In production, endpoints may not point at this machine or a private network by address or by `localhost`
 * (unless PATRON_WEBHOOKS_ALLOW_PRIVATE=1): a program manager should not be able to make the server call its
 * own neighbours. Names that resolve to private addresses are not checked.
 */
export function privateHost(host: string, env = process.env): boolean {
  if (env.NODE_ENV !== "production" || env.PATRON_WEBHOOKS_ALLOW_PRIVATE === "1") return false;
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) {
    const [a = 0, b = 0] = h.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (isIP(h) === 6)
    return h === "::1" || h === "::" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80");
  return false;
}

const Url = z
  .string()
  .max(MAX_URL_CHARS)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || u.protocol === "http:") && u.username === "" && u.password === "";
      } catch {
        return false;
      }
    },
    { message: "must be an http(s) URL without user or password" },
  )
  .refine(
    (s) => {
      try {
        return !privateHost(new URL(s).hostname);
      } catch {
        return true;
      }
    },
    { message: "may not point at this machine or a private network" },
  )
  .openapi({ example: "https://erp.example.com/patron/webhooks" });

const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .max(EVENT_TYPES.length)
  .openapi({ description: "The event types sent to the endpoint; empty for all of them." });

const Endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(EVENT_TYPES)),
    status: z.enum(["enabled", "disabled"]),
    disabledReason: z.string().nullable(),
    disabledBy: z
      .enum(["worker", "user"])
      .nullable()
      .openapi({
        description:
          "Who disabled the endpoint: `worker` when the delivery worker did for failing, `user` when a person " +
          "did (by hand or by deleting it); null while it is enabled.",
      }),
    consecutiveFailures: z.number(),
    failingSince: z.string().nullable(),
    previousSecretExpiresAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("WebhookEndpoint");

const EndpointWithSecret = Endpoint.extend({
  secret: z
    .string()
    .nullable()
    .openapi({ description: "The signing secret (`whsec_…`), shown in this answer only; null in a replay." }),
}).openapi("WebhookEndpointWithSecret");

const CreateEndpoint = z
  .strictObject({
    url: Url,
    description: z.string().trim().min(1).max(200).optional(),
    eventTypes: EventTypes.default([]),
    comment: Comment,
  })
  .openapi("CreateWebhookEndpoint");

const PatchEndpoint = z
  .strictObject({
    url: Url.optional(),
    description: z.string().trim().min(1).max(200).nullable().optional(),
    eventTypes: EventTypes.optional(),
    status: z.enum(["enabled", "disabled"]).optional(),
    comment: Comment,
  })
  .openapi("UpdateWebhookEndpoint");

const RotateBody = z
  .strictObject({
    overlapMinutes: z
      .number()
      .int()
      .min(0)
      .max(MAX_ROTATION_OVERLAP_MINUTES)
      .default(DEFAULT_ROTATION_OVERLAP_MINUTES)
      .openapi({
        description: "How long the previous secret still signs (a second signature); 0 ends it now.",
      }),
    comment: Comment,
  })
  .openapi("RotateWebhookSecret");

const DeliveryStatus = z.enum(["pending", "succeeded", "failed"]);

const Delivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    messageId: z.string().openapi({ description: "The message's id, sent as webhook-id" }),
    type: z.string(),
    status: DeliveryStatus,
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi("WebhookDelivery");

const DeliveryDetail = Delivery.extend({
  payload: z.unknown(),
  attemptLog: z.array(
    z.object({
      attempt: z.number(),
      at: z.string(),
      statusCode: z.number().nullable(),
      latencyMs: z.number(),
      error: z.string().nullable(),
      responseBody: z.string().nullable().openapi({ description: "The start of the answer's body" }),
    }),
  ),
}).openapi("WebhookDeliveryDetail");

const Message = z
  .object({
    id: z.string(),
    seq: z.number(),
    type: z.string(),
    payload: z.unknown(),
    occurredAt: z.string(),
    dispatchedAt: z.string().nullable(),
  })
  .openapi("WebhookMessage");

const Id = (example: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(100)
      .openapi({ param: { name: "id", in: "path" }, example }),
  });
const EndpointId = Id("whe_01jb3v6c9w2x8k4m5n7p9q");
const DeliveryId = Id("dlv_0193a1b2c3d4e5f60718293a4b5c");
const MessageId = Id("msg_01jb3v6c9w2x8k4m5n7p9q");

const DeliveriesQuery = z.object({
  endpointId: z.string().min(1).max(100).optional(),
  messageId: z.string().min(1).max(100).optional(),
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

const MessagesQuery = z.object({
  type: z.enum(EVENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50),
  cursor: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

const ReplayMessageBody = z
  .strictObject({
    endpointId: z.string().min(1).max(100).optional().openapi({ description: "Only to this endpoint" }),
    comment: Comment,
  })
  .openapi("ReplayWebhookMessage");

const ReplayBody = z.strictObject({ comment: Comment }).openapi("ReplayWebhookDelivery");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** An answer with a secret: the replay of its Idempotency-Key answers it without the secret. */
function shownOnce(made: EndpointOut & { secret: string }): Outcome<EndpointOut & { secret: string | null }> {
  return { body: made, replayBody: { ...made, secret: null } };
}

export function webhookRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const managers = requireRole(WEBHOOK_MANAGERS);
  const security = [{ bearer: [] }];
  const tags = ["Webhooks"];

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/endpoints",
      tags,
      summary: "Add a webhook endpoint",
      description:
        "Messages of the chosen event types are POSTed to the URL, signed as Standard Webhooks " +
        "(webhook-id, webhook-timestamp, webhook-signature). The secret is in this answer only.",
      security,
      middleware: [auth, managers] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: CreateEndpoint } }, required: true },
      },
      responses: {
        201: json(EndpointWithSecret, "Created"),
        ...errorResponses(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input },
        async (tx) => {
          const made = await createEndpoint(
            tx,
            p.tenantId,
            { url: input.url, description: input.description ?? null, eventTypes: input.eventTypes },
            changeFrom(c, deps.now, p.keyId, input.comment),
          );
          return shownOnce(made);
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/endpoints",
      tags,
      summary: "List webhook endpoints",
      security,
      middleware: [auth, managers] as const,
      responses: {
        200: json(z.object({ data: z.array(Endpoint) }).openapi("WebhookEndpointList"), "The endpoints"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ data: await listEndpoints(deps.db, c.get("principal").tenantId) }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/endpoints/{id}",
      tags,
      summary: "A webhook endpoint",
      security,
      middleware: [auth, managers] as const,
      request: { params: EndpointId },
      responses: { 200: json(Endpoint, "The endpoint"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(await getEndpoint(deps.db, c.get("principal").tenantId, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/webhooks/endpoints/{id}",
      tags,
      summary: "Change a webhook endpoint",
      description:
        "URL, description, event types, or status: `enabled` turns a disabled endpoint back on (its failure count " +
        "cleared), `disabled` stops sending (waiting deliveries fail; replay them later).",
      security,
      middleware: [auth, managers] as const,
      request: {
        headers: MutationHeaders,
        params: EndpointId,
        body: { content: { "application/json": { schema: PatchEndpoint } }, required: true },
      },
      responses: {
        200: json(Endpoint, "The endpoint now"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, input } },
        async (tx) => ({
          body: await updateEndpoint(
            tx,
            p.tenantId,
            id,
            {
              url: input.url,
              description: input.description,
              eventTypes: input.eventTypes,
              status: input.status,
            },
            changeFrom(c, deps.now, p.keyId, input.comment),
          ),
        }),
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/webhooks/endpoints/{id}",
      tags,
      summary: "Delete a webhook endpoint",
      description:
        "Nothing more is sent to it; its deliveries stay in the log. Give the reason in X-Audit-Comment.",
      security,
      middleware: [auth, managers] as const,
      request: { headers: MutationHeaders, params: EndpointId },
      responses: {
        200: json(z.object({ id: z.string(), deleted: z.literal(true) }), "Deleted"),
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id } },
        async (tx) => {
          await deleteEndpoint(tx, p.tenantId, id, changeFrom(c, deps.now, p.keyId));
          return { body: { id, deleted: true as const } };
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/endpoints/{id}/rotate-secret",
      tags,
      summary: "Rotate an endpoint's secret",
      description:
        "A new secret, in this answer only. During the overlap every message carries two signatures (new and " +
        "previous) in webhook-signature, so the receiver can switch secrets without missing a message.",
      security,
      middleware: [auth, managers] as const,
      request: {
        headers: MutationHeaders,
        params: EndpointId,
        body: { content: { "application/json": { schema: RotateBody } } },
      },
      responses: {
        200: json(EndpointWithSecret, "The endpoint with its new secret"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, input } },
        async (tx) => {
          const made = await rotateSecret(
            tx,
            p.tenantId,
            id,
            input.overlapMinutes,
            changeFrom(c, deps.now, p.keyId, input.comment),
          );
          return shownOnce(made);
        },
      );
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/deliveries",
      tags,
      summary: "The delivery log",
      description: "Newest first: each message sent to each endpoint, its status, attempts and last answer.",
      security,
      middleware: [auth, managers] as const,
      request: { query: DeliveriesQuery },
      responses: {
        200: json(
          z
            .object({ data: z.array(Delivery), nextCursor: z.string().nullable() })
            .openapi("WebhookDeliveryPage"),
          "A page of deliveries",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) =>
      c.json(await listDeliveries(deps.db, c.get("principal").tenantId, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/deliveries/{id}",
      tags,
      summary: "A delivery with its attempts",
      security,
      middleware: [auth, managers] as const,
      request: { params: DeliveryId },
      responses: { 200: json(DeliveryDetail, "The delivery"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(await getDelivery(deps.db, c.get("principal").tenantId, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/deliveries/{id}/replay",
      tags,
      summary: "Send a delivery again",
      description: "A new delivery of the same message (same webhook-id) to the same endpoint, sent at once.",
      security,
      middleware: [auth, managers] as const,
      request: {
        headers: MutationHeaders,
        params: DeliveryId,
        body: { content: { "application/json": { schema: ReplayBody } } },
      },
      responses: {
        201: json(Delivery, "The new delivery"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input: { id, input } },
        async (tx) => ({
          body: await replayDelivery(tx, p.tenantId, id, changeFrom(c, deps.now, p.keyId, input.comment)),
        }),
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/webhooks/messages",
      tags,
      summary: "The messages (outbox)",
      description: "Everything the tenant's webhooks said or will say, newest first.",
      security,
      middleware: [auth, managers] as const,
      request: { query: MessagesQuery },
      responses: {
        200: json(
          z
            .object({ data: z.array(Message), nextCursor: z.string().nullable() })
            .openapi("WebhookMessagePage"),
          "A page of messages",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => c.json(await listMessages(deps.db, c.get("principal").tenantId, c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/webhooks/messages/{id}/replay",
      tags,
      summary: "Send a message again",
      description:
        "New deliveries of the message to every enabled endpoint subscribed to its type, or to `endpointId` only.",
      security,
      middleware: [auth, managers] as const,
      request: {
        headers: MutationHeaders,
        params: MessageId,
        body: { content: { "application/json": { schema: ReplayMessageBody } } },
      },
      responses: {
        201: json(z.object({ data: z.array(Delivery) }).openapi("WebhookDeliveryList"), "The new deliveries"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input: { id, input } },
        async (tx) => ({
          body: {
            data: await replayMessage(
              tx,
              p.tenantId,
              id,
              input.endpointId ?? null,
              changeFrom(c, deps.now, p.keyId, input.comment),
            ),
          },
        }),
      );
      return c.json(out, 201);
    },
  );

  return app;
}
