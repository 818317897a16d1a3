// HTTP routes that read the events a tenant took in: the list with filters and cursor paging, and one event
// with its lines, totals, explanations, pending points and ledger postings. Every staff role reads them; a
// sales manager only the events of their own clients.
import { createRoute, z } from "@hono/zod-openapi";
import { LOCALES, parseDay } from "@patron/engine";
import { type Deps, EARLIEST_DATE, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { companyScope } from "../companies/scope.ts";
import { authenticate } from "../tenants/auth.ts";
import { EVENT_TYPES, eventDetail, listEvents, ORDER_STATUSES } from "./reads.ts";

/** The most events a page holds. */
export const MAX_EVENTS_PAGE = 200;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => parseDay(d) !== null && d >= EARLIEST_DATE, `a real date on or after ${EARLIEST_DATE}`);

const EventSummary = z
  .object({
    id: z.string(),
    type: z.string().openapi({ description: "order, return, payment or cancellation" }),
    source: z.string(),
    externalId: z.string(),
    date: z.string(),
    receivedAt: z.string(),
    companyId: z.string().nullable(),
    orderId: z.string().nullable(),
    gross: z.string().nullable(),
    discount: z.string().nullable(),
    net: z.string().nullable(),
    pointsEarned: z.number().nullable(),
    pointsRedeemed: z.number().nullable(),
    status: z
      .enum(ORDER_STATUSES)
      .nullable()
      .openapi({ description: "For orders: points pending, available, or the order cancelled" }),
    refund: z.string().nullable().openapi({ description: "For returns: the money refunded" }),
    pointsTakenBack: z.number().nullable().openapi({
      description: "For returns and cancellations: earned points taken back, or pending points voided",
    }),
    pointsGivenBack: z
      .number()
      .nullable()
      .openapi({ description: "For returns and cancellations: points the order had spent, given back" }),
  })
  .openapi("EventSummary");

const EventDetail = EventSummary.extend({
  payload: z.record(z.string(), z.unknown()).openapi({ description: "The event as it was sent" }),
  result: z
    .record(z.string(), z.unknown())
    .openapi({ description: "The engine's answer when it was taken in" }),
  explanations: z.array(
    z.object({
      code: z.string(),
      rule: z.string().optional(),
      version: z.number(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      text: z.string().nullable(),
    }),
  ),
  pendingLots: z.array(z.object({ points: z.number(), availableOn: z.string().nullable() })),
  postings: z.array(
    z.object({
      transactionId: z.string(),
      code: z.string(),
      at: z.string(),
      from: z.string(),
      to: z.string(),
      amount: z.number(),
    }),
  ),
}).openapi("EventDetail");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export function eventReadRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const security = [{ bearer: [] }];

  app.openapi(
    createRoute({
      method: "get",
      path: "/events",
      tags: ["Events"],
      summary: "The events taken in",
      description:
        "Orders, returns, payments and cancellations newest first, filtered by company, type, the event's day " +
        "(`from`, `to`, inclusive) and an order's status; pass `nextCursor` back as `cursor` for older ones.",
      security,
      middleware: [auth] as const,
      request: {
        query: z.object({
          companyId: z.string().min(1).max(200).optional(),
          type: z.enum(EVENT_TYPES).optional(),
          status: z.enum(ORDER_STATUSES).optional(),
          from: Day.optional(),
          to: Day.optional(),
          limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(50),
          cursor: z.string().min(1).max(200).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({ data: z.array(EventSummary), nextCursor: z.string().nullable() }).openapi("EventPage"),
          "A page of events",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listEvents(deps.db, await companyScope(deps.db, p), c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/events/{id}",
      tags: ["Events"],
      summary: "An event and what it did",
      description:
        "The event as sent, the engine's answer with each explanation in words (`locale`: en, ru or uk), the " +
        "order's points still pending, and the ledger postings it caused (with its order's maturation).",
      security,
      middleware: [auth] as const,
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: "id", in: "path" }, example: "evt_01J0000000000000000000000" }),
        }),
        query: z.object({ locale: z.enum(LOCALES).default("en") }),
      },
      responses: { 200: json(EventDetail, "The event"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const scope = await companyScope(deps.db, p);
      return c.json(
        await eventDetail(deps.db, scope, c.req.valid("param").id, c.req.valid("query").locale),
        200,
      );
    },
  );

  return app;
}
