// HTTP routes for programs and events: publish a program, send orders and returns, price a cart.
import { createRoute, z } from "@hono/zod-openapi";
import {
  type CompiledProgram,
  type Day,
  localDay,
  type OrderEvent,
  parseDay,
  parseScaled,
} from "@patron/engine";
import { type Deps, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { ProgramInvalidError, programAt, publishedPrograms, publishProgram } from "../programs/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import {
  EventError,
  type Ingested,
  ingestOrderIn,
  ingestReturnIn,
  type OrderResult,
  quoteOrder,
  type ReturnResult,
} from "./service.ts";

/** Who may publish programs and send events: the program's managers and integration keys made by them. */
export const WRITERS = ["owner", "admin", "program_manager"] as const;

const Decimal = z
  .union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()])
  .openapi({ description: 'A decimal in units, e.g. "11000.00" or 2.5' });
const DateText = z.string().min(10).max(40).openapi({
  description: "An ISO date or date-time; without an offset it is local to the program's time zone",
});
const Optional = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const OrderBody = z
  .object({
    type: z.literal("order"),
    source: z.string().min(1).max(100).default("api"),
    orderId: z.string().min(1).max(200),
    date: DateText,
    companyId: z.string().min(1).max(200),
    contactId: Optional(z.string().min(1).max(200)),
    lines: z
      .array(
        z.object({
          sku: z.string().min(1).max(200),
          category: z.string().max(200).default(""),
          quantity: Decimal,
          unitPrice: Decimal,
          unitCost: Optional(Decimal),
        }),
      )
      .min(1)
      .max(1000),
    pointsToRedeem: Optional(z.number().int().nonnegative()),
    promoCode: Optional(z.string().max(100)),
    paidOn: Optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    termMonths: Optional(z.number().int().nonnegative()),
    partnerId: Optional(z.string().max(200)),
    salesRepId: Optional(z.string().max(200)),
    holdId: Optional(z.string().min(1).max(100)).openapi({
      description: "A redemption hold the order captures: its points are spent by this order",
    }),
  })
  .openapi("OrderEvent");

const ReturnBody = z
  .object({
    type: z.literal("return"),
    source: z.string().min(1).max(100).default("api"),
    externalId: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "The return's own id in the sending system" }),
    orderId: z.string().min(1).max(200),
    date: DateText,
    lines: z
      .array(z.object({ sku: z.string().min(1).max(200), unitPrice: Decimal, quantity: Decimal }))
      .min(1)
      .max(1000),
  })
  .openapi("ReturnEvent");

export const QuoteBody = OrderBody.omit({ type: true, source: true, holdId: true })
  .extend({ orderId: z.string().min(1).max(200).default("quote") })
  .openapi("Cart");

const EventBody = z.discriminatedUnion("type", [OrderBody, ReturnBody]);

const IngestedSchema = z
  .object({ eventId: z.string(), replayed: z.boolean(), result: z.record(z.string(), z.unknown()) })
  .openapi("IngestedEvent");

export function asApiError(e: unknown): never {
  if (e instanceof EventError) {
    switch (e.code) {
      case "no_program":
        throw new ApiError("conflict", "publish a program before sending events", e.field);
      case "unknown_order":
        throw new ApiError("not_found", e.message, e.field);
      case "duplicate_order":
        throw new ApiError("conflict", e.message, e.field);
      case "bad_return":
        throw new ApiError("validation_failed", e.message, e.field);
    }
  }
  throw e;
}

/** Exact units from a decimal: money in the program's minor units, quantities in thousandths. */
function scaled(v: string | number, digits: number, field: string, what: string): number {
  const n = parseScaled(String(v), digits);
  if (n === null || n < 0)
    throw new ApiError("validation_failed", `${what} with at most ${digits} decimals`, field);
  return n;
}

export type OrderInput = Omit<z.infer<typeof OrderBody>, "type" | "source">;

/** An order as the engine takes it: money in the program's minor units, quantities in thousandths, days. */
export function toOrderEvent(body: OrderInput, day: Day, p: CompiledProgram): OrderEvent {
  const paidOn = body.paidOn ? parseDay(body.paidOn) : null;
  if (body.paidOn && paidOn === null) throw new ApiError("validation_failed", "not a real date", "paidOn");
  return {
    type: "order",
    orderId: body.orderId,
    day,
    companyId: body.companyId,
    contactId: body.contactId ?? null,
    lines: body.lines.map((l, i) => ({
      sku: l.sku,
      category: l.category,
      quantityMilli: scaled(l.quantity, 3, `lines[${i}].quantity`, "a quantity"),
      unitPriceMinor: scaled(l.unitPrice, p.digits, `lines[${i}].unitPrice`, "a price"),
      unitCostMinor:
        l.unitCost == null ? null : scaled(l.unitCost, p.digits, `lines[${i}].unitCost`, "a cost"),
    })),
    pointsToRedeem: body.pointsToRedeem ?? 0,
    code: body.promoCode ?? null,
    paidOn,
    termMonths: body.termMonths ?? null,
    partnerId: body.partnerId ?? null,
    salesRepId: body.salesRepId ?? null,
  };
}

/** The program version of an event's date, and that date as a day of the program's time zone. */
export async function versionFor(
  deps: Deps,
  tenantId: string,
  date: string,
): Promise<{ p: CompiledProgram; day: Day }> {
  const versions = await publishedPrograms(deps.db, tenantId);
  const first = versions[0];
  if (!first) throw new ApiError("conflict", "publish a program before sending events", "program");
  const day = dayOf(date, first, "date");
  return { p: programAt(versions, day) ?? first, day };
}

function dayOf(text: string, p: CompiledProgram, field: string): Day {
  const d = localDay(text, p.timeZone);
  if (d === null) throw new ApiError("validation_failed", `"${text}" is not an ISO date or date-time`, field);
  return d;
}

export function eventRoutes(deps: Deps) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: "post",
      path: "/programs",
      tags: ["Programs"],
      summary: "Publish a program version",
      description:
        "Validates a definition (YAML or JSON, as text) and publishes it as the next version, effective from its `effectiveFrom` (or `startsOn`).",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WRITERS)] as const,
      request: {
        body: {
          content: {
            "application/json": { schema: z.object({ definition: z.string().min(1).max(1_000_000) }) },
          },
        },
      },
      responses: {
        201: {
          description: "Published",
          content: {
            "application/json": {
              schema: z
                .object({ id: z.string(), version: z.number(), effectiveFrom: z.string() })
                .openapi("PublishedProgram"),
            },
          },
        },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      try {
        const p = await deps.db.transaction((tx) =>
          publishProgram(tx, tenantId, c.req.valid("json").definition),
        );
        const effectiveFrom = p.def.effectiveFrom ?? p.def.startsOn;
        return c.json({ id: p.id, version: p.version, effectiveFrom }, 201);
      } catch (e) {
        if (e instanceof ProgramInvalidError) {
          const first = e.issues[0];
          const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more problems)` : "";
          throw new ApiError(
            "validation_failed",
            `${first?.path}: ${first?.message}${more}`,
            `definition${first?.line ? `:${first.line}` : ""}`,
          );
        }
        throw e;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/events",
      tags: ["Events"],
      summary: "Send an order or a return",
      description:
        "Each event is taken once per (source, order id) or (source, external id): sending it again changes nothing and answers as the first time (`replayed: true`).",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WRITERS)] as const,
      request: { body: { content: { "application/json": { schema: EventBody } } } },
      responses: {
        201: { description: "Taken in", content: { "application/json": { schema: IngestedSchema } } },
        200: {
          description: "Seen before: nothing changed",
          content: { "application/json": { schema: IngestedSchema } },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const body = c.req.valid("json");
      const { p, day } = await versionFor(deps, tenantId, body.date);
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<Ingested<OrderResult | ReturnResult>>> => {
          try {
            if (body.type === "order") {
              const ev = toOrderEvent(body, day, p);
              return { body: await ingestOrderIn(tx, tenantId, body.source, ev, body.holdId ?? null) };
            }
            return {
              body: await ingestReturnIn(tx, tenantId, body.source, body.externalId, {
                type: "return",
                orderId: body.orderId,
                day,
                lines: body.lines.map((l, i) => ({
                  sku: l.sku,
                  unitPriceMinor: scaled(l.unitPrice, p.digits, `lines[${i}].unitPrice`, "a price"),
                  quantityMilli: scaled(l.quantity, 3, `lines[${i}].quantity`, "a quantity"),
                })),
              }),
            };
          } catch (e) {
            return asApiError(e);
          }
        },
      );
      return c.json(out, out.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/quote",
      tags: ["Events"],
      summary: "Price a cart",
      description:
        "What an order would cost and earn now: line prices, discounts, the points it may spend (`pointsToRedeem` asks) and will earn, each explained. Changes nothing.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db)] as const,
      request: { body: { content: { "application/json": { schema: QuoteBody } } } },
      responses: {
        200: {
          description: "The cart as the engine prices it",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()).openapi("Quote") } },
        },
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const body = c.req.valid("json");
      const { p, day } = await versionFor(deps, tenantId, body.date);
      try {
        return c.json(await quoteOrder(deps.db, tenantId, toOrderEvent(body, day, p)), 200);
      } catch (e) {
        return asApiError(e);
      }
    },
  );

  return app;
}
