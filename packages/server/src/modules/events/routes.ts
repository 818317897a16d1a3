// HTTP routes for programs, events and wallets: publish a program, send orders, returns, payments and
// cancellations (one at a time or in batches), read a balance.
import { createRoute, z } from "@hono/zod-openapi";
import {
  type CompiledProgram,
  type Day,
  formatMinor,
  localDay,
  MAX_ORDER_MINOR,
  type OrderEvent,
  parseDay,
  parseScaled,
} from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import {
  Comment,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  EARLIEST_DAY,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { ApiError, errorResponses, toApiError, validationError } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { cachedHoldoutShare } from "../analytics/holdout.ts";
import { openProgramAccounts } from "../members/service.ts";
import {
  cachedPublishedPrograms,
  forgetPublished,
  ProgramInvalidError,
  programAt,
  publishProgram,
} from "../programs/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import { type BatchEntry, CHUNK_EVENTS, MAX_BATCH_EVENTS, runBatch } from "./batch.ts";
import { type ChunkOrder, claimKey, readChunk } from "./chunk.ts";
import { GroupCommitter } from "./group.ts";
import {
  type CancellationResult,
  cancelOrderIn,
  defaultExternalId,
  type EditResult,
  type EventContext,
  EventError,
  editOrderIn,
  type Ingested,
  ingestOrderIn,
  ingestReturnIn,
  type OrderResult,
  type PaymentResult,
  payOrderIn,
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
  .strictObject({
    type: z.literal("order"),
    source: z.string().min(1).max(100).default("api"),
    orderId: z.string().min(1).max(200),
    date: DateText,
    companyId: z.string().min(1).max(200),
    contactId: Optional(z.string().min(1).max(200)),
    lines: z
      .array(
        z.strictObject({
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
    replaces: Optional(z.string().min(1).max(200)).openapi({
      description:
        "An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet)",
    }),
  })
  .openapi("OrderEvent");

const ReturnBody = z
  .strictObject({
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
      .array(
        z.strictObject({
          sku: z.string().min(1).max(200),
          unitPrice: Decimal,
          quantity: Decimal,
          // A line as the order had it may be sent back as it is: its category and cost are the order's.
          category: z.string().max(200).optional(),
          unitCost: Optional(Decimal),
        }),
      )
      .min(1)
      .max(1000),
  })
  .openapi("ReturnEvent");

const LifecycleExternalId = Optional(z.string().min(1).max(200));

const PaymentBody = z
  .strictObject({
    type: z.literal("payment"),
    source: z.string().min(1).max(100).default("api"),
    externalId: LifecycleExternalId.openapi({
      description: "The payment's own id in the sending system; `payment:<orderId>` when none is given",
    }),
    orderId: z.string().min(1).max(200),
    date: DateText.openapi({ description: "The day the order was paid" }),
  })
  .openapi("PaymentEvent");

const CancellationBody = z
  .strictObject({
    type: z.literal("cancellation"),
    source: z.string().min(1).max(100).default("api"),
    externalId: LifecycleExternalId.openapi({
      description:
        "The cancellation's own id in the sending system; `cancellation:<orderId>` when none is given",
    }),
    orderId: z.string().min(1).max(200),
    date: DateText,
  })
  .openapi("CancellationEvent");

/** A cart: an order's fields, so that an order's body can be quoted as it is (its type, source, hold and the order it replaces are not read). */
export const QuoteBody = z
  .strictObject({
    ...OrderBody.shape,
    type: z.literal("order").optional(),
    source: z.string().min(1).max(100).optional(),
    orderId: z.string().min(1).max(200).default("quote"),
  })
  .openapi("Cart");

const EventBody = z
  .discriminatedUnion("type", [OrderBody, ReturnBody, PaymentBody, CancellationBody])
  .openapi("Event");

export type EventInput = z.infer<typeof EventBody>;
export type EventResult = OrderResult | EditResult | ReturnResult | PaymentResult | CancellationResult;

const BatchBody = z
  .object({
    events: z
      .array(z.unknown().openapi({ allOf: [{ $ref: "#/components/schemas/Event" }] }))
      .min(1)
      .max(MAX_BATCH_EVENTS)
      .openapi({
        description: `Up to ${MAX_BATCH_EVENTS} events, taken in this order; each is checked and taken on its own`,
      }),
  })
  .openapi("EventBatch");

const BatchAnswer = z
  .object({
    results: z.array(
      z
        .object({
          index: z.number(),
          ok: z.boolean(),
          status: z.number().openapi({ description: "What a single request would have answered" }),
          eventId: z.string().optional(),
          replayed: z.boolean().optional(),
          result: z.record(z.string(), z.unknown()).optional(),
          error: z
            .object({ code: z.string(), message: z.string(), field: z.string().nullable() })
            .optional()
            .openapi({ description: "Why this event was refused; `field` is a path in the batch's body" }),
        })
        .openapi("BatchEntry"),
    ),
    taken: z.number(),
    replayed: z.number(),
    refused: z.number(),
  })
  .openapi("EventBatchResult");

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
      case "changed_event":
      case "order_paid":
      case "order_cancelled":
        throw new ApiError("conflict", e.message, e.field);
      case "bad_return":
      case "bad_event":
        throw new ApiError("validation_failed", e.message, e.field);
    }
  }
  throw e;
}

/** Exact units from a decimal: money in the program's minor units, quantities in thousandths. */
function scaled(v: string | number, digits: number, field: string, what: string): number {
  const text = String(v).trim();
  const n = parseScaled(text, digits);
  if (n !== null && n >= 0) return n;
  const places = /^\+?\d+(?:\.(\d*))?$/.exec(text);
  if (places && (places[1] ?? "").length <= digits)
    throw new ApiError("validation_failed", `${what} too large for the engine to take`, field);
  throw new ApiError("validation_failed", `${what} with at most ${digits} decimals`, field);
}

/**
 * Refuses an order (or a return) that comes to more than the engine takes, naming the quantity of the line at
 * which it does, as an import's replay of the same rows would.
 */
function withinLimit(
  lines: readonly { quantityMilli: number; unitPriceMinor: number }[],
  digits: number,
): void {
  // A float is exact enough to compare with a limit far below 2^53.
  let gross = 0;
  for (const [i, l] of lines.entries()) {
    gross += (l.quantityMilli * l.unitPriceMinor) / 1000;
    if (gross > MAX_ORDER_MINOR)
      throw new ApiError(
        "validation_failed",
        `the lines up to this one come to more than ${formatMinor(MAX_ORDER_MINOR, digits)}, the largest amount the engine takes`,
        `lines[${i}].quantity`,
      );
  }
}

export type OrderInput = Omit<z.infer<typeof OrderBody>, "type" | "source">;

/** An order as the engine takes it: money in the program's minor units, quantities in thousandths, days. */
export function toOrderEvent(body: OrderInput, day: Day, p: CompiledProgram): OrderEvent {
  const paidOn = body.paidOn ? parseDay(body.paidOn) : null;
  if (body.paidOn && paidOn === null) throw new ApiError("validation_failed", "not a real date", "paidOn");
  const lines = body.lines.map((l, i) => ({
    sku: l.sku,
    category: l.category,
    quantityMilli: scaled(l.quantity, 3, `lines[${i}].quantity`, "a quantity"),
    unitPriceMinor: scaled(l.unitPrice, p.digits, `lines[${i}].unitPrice`, "a price"),
    unitCostMinor: l.unitCost == null ? null : scaled(l.unitCost, p.digits, `lines[${i}].unitCost`, "a cost"),
  }));
  withinLimit(lines, p.digits);
  return {
    type: "order",
    orderId: body.orderId,
    day,
    companyId: body.companyId,
    contactId: body.contactId ?? null,
    lines,
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
): Promise<{ p: CompiledProgram; day: Day; versions: readonly CompiledProgram[] }> {
  const versions = await cachedPublishedPrograms(deps.db, tenantId);
  const first = versions[0];
  if (!first) throw new ApiError("conflict", "publish a program before sending events", "program");
  const day = dayOf(date, first, "date");
  return { p: programAt(versions, day) ?? first, day, versions };
}

/** Takes one validated event in, inside the caller's transaction, against the tenant's published versions. */
export async function takeEvent(
  tx: Queryable,
  tenantId: string,
  body: EventInput,
  versions: readonly CompiledProgram[],
  ctx: EventContext | null,
): Promise<Ingested<EventResult>> {
  const first = versions[0];
  if (!first) throw new ApiError("conflict", "publish a program before sending events", "program");
  const day = dayOf(body.date, first, "date");
  const p = programAt(versions, day) ?? first;
  try {
    switch (body.type) {
      case "order": {
        const ev = toOrderEvent(body, day, p);
        const holdId = body.holdId ?? null;
        if (body.replaces)
          return await editOrderIn(tx, tenantId, body.source, ev, body.replaces, ctx, holdId);
        return await ingestOrderIn(tx, tenantId, body.source, ev, ctx, holdId);
      }
      case "return": {
        const lines = body.lines.map((l, i) => {
          const quantityMilli = scaled(l.quantity, 3, `lines[${i}].quantity`, "a quantity");
          if (quantityMilli === 0)
            throw new ApiError("validation_failed", "a returned quantity above zero", `lines[${i}].quantity`);
          return {
            sku: l.sku,
            unitPriceMinor: scaled(l.unitPrice, p.digits, `lines[${i}].unitPrice`, "a price"),
            quantityMilli,
          };
        });
        withinLimit(lines, p.digits);
        const ev = { type: "return" as const, orderId: body.orderId, day, lines };
        return await ingestReturnIn(tx, tenantId, body.source, body.externalId, ev, ctx);
      }
      case "payment": {
        const externalId = body.externalId ?? defaultExternalId("payment", body.orderId);
        return await payOrderIn(tx, tenantId, body.source, externalId, { orderId: body.orderId, day }, ctx);
      }
      case "cancellation": {
        const externalId = body.externalId ?? defaultExternalId("cancellation", body.orderId);
        const ev = { orderId: body.orderId, day };
        return await cancelOrderIn(tx, tenantId, body.source, externalId, ev, ctx);
      }
    }
  } catch (e) {
    return asApiError(e);
  }
}

function dayOf(text: string, p: CompiledProgram, field: string): Day {
  const d = localDay(text, p.timeZone);
  if (d === null) throw new ApiError("validation_failed", `"${text}" is not an ISO date or date-time`, field);
  if (d < EARLIEST_DAY)
    throw new ApiError("validation_failed", `${field} must be on or after ${EARLIEST_DATE}`, field);
  return d;
}

/** The members the orders of a chunk name, each with the day and wallet rule of its first order there. */
function orderingMembers(
  parsed: readonly { success: boolean; data?: EventInput }[],
  versions: readonly CompiledProgram[],
): { id: string; firstDay: Day; allowDebt: boolean }[] {
  const first = versions[0];
  const seen = new Map<string, { id: string; firstDay: Day; allowDebt: boolean }>();
  for (const one of parsed) {
    const body = one.data;
    if (!first || body?.type !== "order" || seen.has(body.companyId)) continue;
    const day = localDay(body.date, first.timeZone);
    if (day === null || day < EARLIEST_DAY) continue; // refused on its own when taken
    const allowDebt = (programAt(versions, day) ?? first).wallet.allowDebt;
    seen.set(body.companyId, { id: body.companyId, firstDay: day, allowDebt });
  }
  return [...seen.values()];
}

/**
 * The orders of a chunk that it may claim ahead (new orders, neither edits nor captures of a hold, with a program
 * on their day and well-formed amounts), and the keys its other events claim one by one.
 */
function claimableOrders(
  parsed: readonly { success: boolean; data?: EventInput }[],
  versions: readonly CompiledProgram[],
): { orders: ChunkOrder[]; otherKeys: Set<string> } {
  const first = versions[0];
  const orders: ChunkOrder[] = [];
  const otherKeys = new Set<string>();
  for (const one of parsed) {
    const body = one.data;
    if (!first || !body) continue;
    if (body.type !== "order") {
      const own =
        body.type === "return"
          ? body.externalId
          : (body.externalId ?? defaultExternalId(body.type, body.orderId));
      otherKeys.add(claimKey(body.source, own));
      continue;
    }
    if (body.replaces || body.holdId) {
      otherKeys.add(claimKey(body.source, body.orderId));
      if (body.replaces)
        otherKeys.add(claimKey(body.source, defaultExternalId("cancellation", body.replaces)));
      continue;
    }
    const day = localDay(body.date, first.timeZone);
    if (day === null || day < EARLIEST_DAY) continue; // refused on its own when taken
    const p = programAt(versions, day);
    if (!p) continue;
    try {
      orders.push({ source: body.source, ev: toOrderEvent(body, day, p) });
    } catch {
      // refused on its own when taken
    }
  }
  return { orders, otherKeys };
}

/** A definition that does not validate, as the API error naming its first problem and line. */
function publishError(e: unknown): never {
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

function summarise(results: BatchEntry<EventResult>[]) {
  let taken = 0;
  let replayed = 0;
  for (const r of results) {
    if (!r.ok) continue;
    if (r.replayed) replayed++;
    else taken++;
  }
  return { results, taken, replayed, refused: results.length - taken - replayed };
}

type Parsed = { success: true; data: EventInput } | { success: false; error: z.ZodError };

/** How a batch's events are checked, prepared (members created and locked once) and taken, `ctx` shared. */
function batchSteps(
  tenantId: string,
  parsed: readonly Parsed[],
  raw: readonly unknown[],
  ctx: EventContext,
): Parameters<typeof runBatch<EventResult>>[2] {
  return {
    precheck: (index) => {
      const one = parsed[index];
      return one?.success === false ? validationError(one.error.issues, raw[index]) : null;
    },
    prepare: async (tx, pass) => {
      if (pass.alone) {
        await openProgramAccounts(tx, tenantId);
        ctx.locked = null;
        ctx.chunk = null;
      } else {
        // The program's accounts opened with the chunk's members, its new orders claimed ahead.
        const chunk = parsed.slice(pass.from, pass.to);
        const members = orderingMembers(chunk, ctx.versions);
        const { orders, otherKeys } = claimableOrders(chunk, ctx.versions);
        const read = await readChunk(tx, tenantId, members, orders, otherKeys);
        ctx.locked = read.locked;
        ctx.chunk = read.reads;
      }
    },
    take: (tx, index) => {
      const one = parsed[index];
      if (!one?.success) throw new Error(`event ${index} was run without passing its check`);
      return takeEvent(tx, tenantId, one.data, ctx.versions, ctx);
    },
  };
}

/** Single events written together: as many groups at once as this, each of at most a batch chunk's events. */
const GROUPS_IN_FLIGHT = 4;

/**
 * Single events without an Idempotency-Key, grouped: each group runs through the batch path in one
 * transaction, and each event's own error is kept as a single request reports it (its field not prefixed).
 */
function groupCommitter(deps: Deps): GroupCommitter<EventInput, EventResult> {
  const context = async (tenantId: string): Promise<EventContext> => {
    const versions = await cachedPublishedPrograms(deps.db, tenantId);
    if (versions.length === 0)
      throw new ApiError("conflict", "publish a program before sending events", "program");
    return { versions, locked: null, holdoutBp: await cachedHoldoutShare(deps.db, tenantId) };
  };
  return new GroupCommitter<EventInput, EventResult>(
    async (tenantId, events) => {
      const ctx = await context(tenantId);
      const parsed: Parsed[] = events.map((data) => ({ success: true, data }));
      const steps = batchSteps(tenantId, parsed, events, ctx);
      const errors = new Map<number, ApiError>();
      const entries = await runBatch<EventResult>(
        { db: deps.db },
        events.length,
        {
          ...steps,
          take: async (tx, index, alone) => {
            try {
              return await steps.take(tx, index, alone);
            } catch (e) {
              // Only a refusal under the event's own savepoint is its own: a chunk run whole may fail on an
              // earlier event's held writes (see writes.ts), and then runs again, each event alone.
              const error = toApiError(e);
              if (error && alone) errors.set(index, error);
              throw e;
            }
          },
        },
        CHUNK_EVENTS,
      );
      return entries.map((entry) => ({ entry, error: errors.get(entry.index) ?? null }));
    },
    async (tenantId, event) => {
      const ctx = await context(tenantId);
      return deps.db.transaction((tx) => takeEvent(tx, tenantId, event, ctx.versions, ctx));
    },
    { maxGroup: CHUNK_EVENTS, maxInFlight: GROUPS_IN_FLIGHT },
  );
}

/** Events change the ledger but are no person's edit: of the mutation headers, only the Idempotency-Key. */
const IdempotencyHeader = MutationHeaders.pick({ "idempotency-key": true });

export function eventRoutes(deps: Deps) {
  const app = newRouter();
  const grouped = groupCommitter(deps);

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
        headers: MutationHeaders,
        body: {
          content: {
            "application/json": {
              schema: z.object({ definition: z.string().min(1).max(1_000_000), comment: Comment }),
            },
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
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId, keyId } = c.get("principal");
      const input = c.req.valid("json");
      const out = await withIdempotency(c, { db: deps.db, tenantId, status: 201, input }, async (tx) => {
        const change = changeFrom(c, deps.now, keyId, input.comment);
        const p = await publishProgram(tx, tenantId, input.definition, change).catch(publishError);
        return {
          body: { id: p.id, version: p.version, effectiveFrom: p.def.effectiveFrom ?? p.def.startsOn },
        };
      });
      forgetPublished(tenantId);
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/events",
      tags: ["Events"],
      summary: "Send an order, a return, a payment or a cancellation",
      description:
        "Each event is taken once per (source, order id) or (source, external id): sending it again changes nothing and answers as the first time (`replayed: true`); sent again with other content under the same id, it is a 409 naming the id's field. A payment sets the day the order's pending points become available; a cancellation, before payment and before the points are available, voids them and gives back points the order spent (after that, send a return); an order with `replaces` is an edit: the replaced order is cancelled and the new one taken, together.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WRITERS)] as const,
      request: {
        headers: IdempotencyHeader,
        body: { content: { "application/json": { schema: EventBody } } },
      },
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
      const versions = await cachedPublishedPrograms(deps.db, tenantId);
      if (versions.length === 0)
        throw new ApiError("conflict", "publish a program before sending events", "program");
      if (c.req.header("idempotency-key") === undefined) {
        // Written with the other single events that arrive meanwhile, in one transaction; answered once committed.
        const done = await grouped.submit(tenantId, body);
        if (done.kind === "alone") return c.json(done.taken, done.taken.replayed ? 200 : 201);
        const { entry, error } = done.outcome;
        if (!entry.ok) throw error ?? new Error(`event refused without an error: ${entry.error.message}`);
        const out = { eventId: entry.eventId, replayed: entry.replayed, result: entry.result };
        return c.json(out, out.replayed ? 200 : 201);
      }
      const holdoutBp = await cachedHoldoutShare(deps.db, tenantId);
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<Ingested<EventResult>>> => ({
          // The versions just read serve the event: they are not read again inside its transaction.
          body: await takeEvent(tx, tenantId, body, versions, { versions, locked: null, holdoutBp }),
        }),
      );
      return c.json(out, out.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/events/batch",
      tags: ["Events"],
      summary: "Send up to 1,000 events at once",
      description:
        "Events are taken in the order given, each exactly as `POST /v1/events` would take it and idempotent in the same way; each is all-or-nothing, and one refused event does not stop the others. The answer lists, per event, its result or its own error, whose `field` names it in this body (`events[17].lines[0].quantity`). Only a malformed envelope (no `events` array, more than 1,000 events) or a NUL character (`\\u0000`, which no text can store) anywhere in it refuses the whole request.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WRITERS)] as const,
      request: {
        headers: IdempotencyHeader,
        body: { content: { "application/json": { schema: BatchBody } } },
      },
      responses: {
        200: {
          description: "Each event's result or error",
          content: { "application/json": { schema: BatchAnswer } },
        },
        ...errorResponses(401, 403, 409, 413, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const raw = c.req.valid("json").events;
      const versions = await cachedPublishedPrograms(deps.db, tenantId);
      if (versions.length === 0)
        throw new ApiError("conflict", "publish a program before sending events", "program");
      const parsed = raw.map((item) => EventBody.safeParse(item));
      const ctx: EventContext = {
        versions,
        locked: null,
        holdoutBp: await cachedHoldoutShare(deps.db, tenantId),
      };
      const run = (target: { db: Db } | { tx: Queryable }) =>
        runBatch<EventResult>(target, parsed.length, batchSteps(tenantId, parsed, raw, ctx));
      const scope = { db: deps.db, tenantId, status: 200 as const, input: raw };
      // Under an Idempotency-Key the whole batch is one transaction, so its stored answer is all or nothing.
      const entries = c.req.header("idempotency-key")
        ? await withIdempotency(c, scope, async (tx) => ({ body: await run({ tx }) }))
        : await run({ db: deps.db });
      return c.json(summarise(entries), 200);
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
      const { p, day, versions } = await versionFor(deps, tenantId, body.date);
      try {
        return c.json(await quoteOrder(deps.db, tenantId, toOrderEvent(body, day, p), versions), 200);
      } catch (e) {
        return asApiError(e);
      }
    },
  );

  return app;
}
