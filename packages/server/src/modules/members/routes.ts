// HTTP routes for what a member has: its wallet, its ledger history, and its tier with the progress to the next.
import { createRoute, z } from "@hono/zod-openapi";
import { localDay } from "@patron/engine";
import { type Deps, EARLIEST_DATE, EARLIEST_DAY, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { authenticate } from "../tenants/auth.ts";
import { assertMayReadMember } from "./access.ts";
import { ledgerOf, tierNamesOf, tierOf, walletOf } from "./reads.ts";

/** The most expiry dates a wallet lists, and the most ledger entries a page holds. */
export const MAX_EXPIRING_DATES = 24;
export const MAX_LEDGER_PAGE = 200;

const MemberId = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "C1" }),
});

const Amount = z.union([z.string(), z.number()]).openapi({
  description: 'Money as a decimal string ("12000.00") for purchase tiers, points as a number',
});

const WalletSchema = z
  .object({
    memberId: z.string(),
    available: z.number().openapi({ description: "Points the member may spend now" }),
    pending: z.number().openapi({ description: "Points waiting for payment or the return window" }),
    held: z.number().openapi({ description: "Points reserved by redemption holds" }),
    debt: z.number().openapi({ description: "Points owed, repaid first by points that come" }),
    expiring: z
      .array(z.object({ date: z.string(), points: z.number() }))
      .openapi({ description: "Available points by their last day, soonest first" }),
  })
  .openapi("Wallet");

export const EarnRateSchema = z
  .object({
    points: z.number(),
    rate: z.string().openapi({ description: 'The rate as the program writes it, "2%"' }),
    basis: z.string().openapi({ description: "The amount the rate applied to, in the program's currency" }),
    source: z.string().openapi({ description: "tier:ID, base, an earning rule's id, partner:ID" }),
    tier: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi("EarnRate");

const LedgerEntrySchema = z
  .object({
    transactionId: z.string(),
    seq: z.number(),
    at: z.string().openapi({ description: "When the entry was recorded (for imported history, the import)" }),
    date: z.string().openapi({
      description:
        "The day it happened in the program's calendar: its order's, return's or other event's day, the day " +
        "pending points became available, an expiry's day; for holds, adjustments and the like, the day it was " +
        "recorded in the program's time zone",
      example: "2026-03-05",
    }),
    kind: z
      .string()
      .openapi({ description: "earn, earn.pending, mature, redeem, refund, reverse, expire, hold…" }),
    reference: z.object({ type: z.string(), id: z.string().nullable(), orderId: z.string().optional() }),
    from: z.string(),
    to: z.string(),
    amount: z.number(),
    available: z.number(),
    pending: z.number(),
    held: z.number(),
    balance: z.number().openapi({ description: "The wallet's balance after this entry" }),
    rates: z
      .array(EarnRateSchema)
      .openapi({ description: "For points an order earned: each rate applied, its amount and its source" }),
  })
  .openapi("LedgerEntry");

const TierSchema = z
  .object({
    memberId: z.string(),
    tier: z.object({ id: z.string(), name: z.string() }).nullable(),
    since: z.string().nullable(),
    metric: z.enum(["netPurchases", "pointsEarned"]),
    evaluation: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    measure: Amount,
    next: z
      .object({
        id: z.string(),
        name: z.string(),
        threshold: Amount,
        remaining: Amount,
        by: z.string().nullable(),
        effectiveOn: z.string(),
      })
      .nullable(),
    keep: z
      .object({
        threshold: Amount,
        remaining: Amount,
        by: z.string().nullable(),
        orderBy: z.string().nullable(),
        graceDays: z.number(),
      })
      .nullable(),
    explanation: z
      .object({
        code: z.string(),
        version: z.number(),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      })
      .nullable(),
    text: z.string().nullable(),
  })
  .openapi("TierStatus");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export function memberRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const security = [{ bearer: [] }];

  app.openapi(
    createRoute({
      method: "get",
      path: "/members/{id}/wallet",
      tags: ["Wallets"],
      summary: "A member's points",
      description:
        "Available, pending and held points, any debt, and the points that expire on each of the next dates.",
      security,
      middleware: [auth] as const,
      request: {
        params: MemberId,
        query: z.object({
          expiringDates: z.coerce.number().int().min(0).max(MAX_EXPIRING_DATES).default(3),
        }),
      },
      responses: { 200: json(WalletSchema, "The wallet"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { id } = c.req.valid("param");
      await assertMayReadMember(deps.db, principal, id);
      return c.json(await walletOf(deps.db, principal.tenantId, id, c.req.valid("query").expiringDates), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/members/{id}/ledger",
      tags: ["Wallets"],
      summary: "A member's ledger history",
      description:
        "Postings of the member's wallet, pending and hold accounts, newest first, each with its transaction's " +
        "kind, what caused it and the wallet's balance after it. Pass `nextCursor` back as `cursor` for older ones.",
      security,
      middleware: [auth] as const,
      request: {
        params: MemberId,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_LEDGER_PAGE).default(50),
          cursor: z
            .string()
            .min(1)
            .max(500)
            .optional()
            .openapi({ description: "The `nextCursor` of the previous page." }),
        }),
      },
      responses: {
        200: json(
          z
            .object({ data: z.array(LedgerEntrySchema), nextCursor: z.string().nullable() })
            .openapi("LedgerPage"),
          "A page of entries",
        ),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { id } = c.req.valid("param");
      await assertMayReadMember(deps.db, principal, id);
      const versions = await publishedPrograms(deps.db, principal.tenantId);
      const names = tierNamesOf(versions);
      const query = c.req.valid("query");
      return c.json(
        await ledgerOf(deps.db, principal.tenantId, id, query, names, versions[0]?.timeZone),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/members/{id}/tier",
      tags: ["Wallets"],
      summary: "A member's tier and progress",
      description:
        "The current tier and since when, the window of the next evaluation and what counts in it so far, the next " +
        "level with what is missing and by which day, and what keeps the current level. `date` (default today, in " +
        "the program's time zone) asks as of another day.",
      security,
      middleware: [auth] as const,
      request: {
        params: MemberId,
        query: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
      },
      responses: { 200: json(TierSchema, "The tier"), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { id } = c.req.valid("param");
      await assertMayReadMember(deps.db, principal, id);
      const versions = await publishedPrograms(deps.db, principal.tenantId);
      const first = versions[0];
      if (!first) throw new ApiError("conflict", "the tenant has no published program yet", "program");
      const date = c.req.valid("query").date;
      const today = localDay(date ?? deps.now().toISOString(), first.timeZone);
      if (today === null) throw new ApiError("validation_failed", `"${date}" is not a real date`, "date");
      if (today < EARLIEST_DAY)
        throw new ApiError("validation_failed", `date must be on or after ${EARLIEST_DATE}`, "date");
      const p = programAt(versions, today) ?? first;
      return c.json(await tierOf(deps.db, principal.tenantId, id, p, today), 200);
    },
  );

  return app;
}
