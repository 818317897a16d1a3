// HTTP routes of coalition partners. Staff register partners, give them keys and read and close the monthly
// settlement (CSV too). A partner's key reaches only /v1/partner/...: it sends its own orders and returns (its
// points rate comes from the program's coalition section), lists its own orders, and reads the balance of a
// company only once that company has bought from it.
import { createRoute, z } from "@hono/zod-openapi";
import { formatDay, formatMinor } from "@patron/engine";
import type { MiddlewareHandler } from "hono";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { type EventResult, OrderBody, takeEvent, versionFor, WRITERS } from "../events/routes.ts";
import type { Ingested } from "../events/service.ts";
import { walletOf } from "../members/reads.ts";
import { publishedPrograms } from "../programs/service.ts";
import { type Hold, listHolds, MAX_HOLD_PAGE } from "../redemptions/service.ts";
import { authenticate, bearerToken, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { addPartnerHoldRoutes } from "./holds.ts";
import {
  closeMonth,
  createPartner,
  createPartnerKey,
  getPartner,
  isPartnerCustomer,
  listPartnerKeys,
  listPartners,
  MAX_REPORT_MONTHS,
  monthsBetween,
  type PartnerPrincipal,
  partnerForToken,
  partnerOrderId,
  partnerOrders,
  partnerSource,
  revokePartnerKey,
  settlementCsv,
  settlementReport,
  updatePartner,
} from "./service.ts";

/** Who reads the settlement: the program's managers and finance. */
const SETTLEMENT_READERS: readonly Role[] = [...WRITERS, "finance"];
/** Who closes a month: it posts to the ledger, so finance and the owners, not the program's managers. */
const SETTLEMENT_CLOSERS: readonly Role[] = ["owner", "admin", "finance"];

interface PartnerEnv {
  Variables: { partner: PartnerPrincipal };
}

/** Admits only a live partner key; the partner comes from the key, never from the request. */
function authenticatePartner(deps: Deps): MiddlewareHandler<PartnerEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    const p = token === null ? null : await partnerForToken(deps.db, token);
    if (!p) {
      throw new ApiError(
        "unauthorized",
        "send a partner key as Authorization: Bearer ppk_…",
        "authorization",
      );
    }
    c.set("partner", p);
    await next();
  };
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

const PartnerIdText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and -");
const PartnerParam = z.object({ id: PartnerIdText.openapi({ param: { name: "id", in: "path" } }) });
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM")
  .refine((m) => m >= "1000-01", "a month on or after 1000-01");
const Comment = z.string().trim().min(1).max(1000).optional();

const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    createdAt: z.string(),
    activeKeys: z.number(),
    inProgram: z.boolean().openapi({
      description: "The published program's coalition section lists it (else its orders earn nothing)",
    }),
  })
  .openapi("Partner");

const PartnerKeySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    prefix: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("PartnerKey");

const SettlementRowSchema = z
  .object({
    month: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    pointsIssued: z.number(),
    pointsRedeemed: z.number(),
    amountMinor: z.number(),
    amount: z.string().openapi({
      description: "Positive: the partner owes the program; negative: the program owes the partner",
    }),
    closedAt: z.string().nullable(),
    transactionId: z.string().nullable(),
  })
  .openapi("SettlementRow");

const SettlementQuery = z
  .object({
    from: Month,
    to: Month,
    partnerId: PartnerIdText.optional(),
  })
  .refine((q) => q.from <= q.to, { message: "from is after to", path: ["to"] })
  .refine((q) => q.from > q.to || monthsBetween(q.from, q.to) <= MAX_REPORT_MONTHS, {
    message: `at most ${MAX_REPORT_MONTHS} months`,
    path: ["to"],
  });

const PartnerOrderBody = OrderBody.omit({
  source: true,
  partnerId: true,
  salesRepId: true,
  holdId: true,
  replaces: true,
}).openapi("PartnerOrderEvent");

const PartnerReturnBody = z
  .object({
    type: z.literal("return"),
    externalId: z.string().min(1).max(200),
    orderId: z.string().min(1).max(200).openapi({ description: "The partner's own order id" }),
    date: z.string().min(10).max(40),
    lines: z
      .array(
        z.object({
          sku: z.string().min(1).max(200),
          unitPrice: z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]),
          quantity: z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]),
        }),
      )
      .min(1)
      .max(1000),
  })
  .openapi("PartnerReturnEvent");

const PartnerEventBody = z
  .discriminatedUnion("type", [PartnerOrderBody, PartnerReturnBody])
  .openapi("PartnerEvent");

export const PartnerHoldQuery = z.object({
  status: z.enum(["held", "captured", "cancelled", "expired"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_HOLD_PAGE).default(20),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

export const PartnerHoldLine = z
  .object({
    id: z.string(),
    partnerId: z.string().nullable(),
    memberId: z.string(),
    status: z.enum(["held", "captured", "cancelled", "expired"]),
    points: z.number(),
    amount: z.string().openapi({ description: "The points' money value at the program's point value" }),
    createdAt: z.string(),
    expiresAt: z.string(),
    settledAt: z.string().nullable(),
    orderId: z.string().nullable(),
  })
  .openapi("PartnerHoldLine");

const PartnerHoldPage = z
  .object({ data: z.array(PartnerHoldLine), nextCursor: z.string().nullable() })
  .openapi("PartnerHoldPage");

/** A hold as the console and the portal list it: without its lots, with its points' money value. */
export function holdLine(h: Hold, money: { pointValueMinor: number; digits: number }) {
  const { lots: _lots, ...rest } = h;
  return { ...rest, amount: formatMinor(BigInt(h.points) * BigInt(money.pointValueMinor), money.digits) };
}

/** The program's point value and money digits, from the version of today. */
async function programMoney(deps: Deps, tenantId: string) {
  const { p, day } = await versionFor(deps, tenantId, deps.now().toISOString());
  return { money: { pointValueMinor: p.pointValueMinor, digits: p.digits }, today: formatDay(day) };
}

export function partnerRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db, deps.now);
  const partnerAuth = authenticatePartner(deps);
  const security = [{ bearer: [] }];
  const partnerSecurity = [{ partner: [] }];

  /** Partners with whether the tenant's newest program lists them. */
  async function withProgram(tenantId: string, list: Awaited<ReturnType<typeof listPartners>>) {
    const versions = await publishedPrograms(deps.db, tenantId);
    const newest = versions[versions.length - 1];
    const inProgram = new Set(newest?.partners ? [...newest.partners.keys()] : []);
    return list.map((x) => ({ ...x, inProgram: inProgram.has(x.id) }));
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/partners",
      tags: ["Partners"],
      summary: "The coalition's partners",
      security,
      middleware: [auth, requireRole(SETTLEMENT_READERS)] as const,
      responses: {
        200: json(z.object({ data: z.array(PartnerSchema) }).openapi("PartnerList"), "The partners"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      return c.json({ data: await withProgram(tenantId, await listPartners(deps.db, tenantId)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partners",
      tags: ["Partners"],
      summary: "Register a partner",
      description:
        "Its id is the one the program's `coalition.partners` uses for its rates and that its orders carry.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              id: PartnerIdText,
              name: z.string().trim().min(1).max(200),
              email: z.string().trim().email().max(320).nullable().optional(),
              comment: Comment,
            })
            .openapi("PartnerRequest"),
        ),
      },
      responses: { 201: json(PartnerSchema, "Registered"), ...errorResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const partner = await createPartner(tx, tenantId, input, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "partner.create",
          target: partner.id,
          before: null,
          after: { ...partner },
        });
        return { body: partner };
      });
      const [shown] = await withProgram(tenantId, [out]);
      return c.json(shown ?? { ...out, inProgram: false }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partners/settlement",
      tags: ["Partners"],
      summary: "The settlement between partners, per month",
      description:
        "Per month and partner: points its orders issued and points spent at it, both net of returns and cancellations in that month, and the money that stands for at the point's value (positive: the partner owes the program). Closed months name their ledger transaction.",
      security,
      middleware: [auth, requireRole(SETTLEMENT_READERS)] as const,
      request: { query: SettlementQuery },
      responses: {
        200: json(z.object({ data: z.array(SettlementRowSchema) }).openapi("Settlement"), "The report"),
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const { money } = await programMoney(deps, tenantId);
      return c.json({ data: await settlementReport(deps.db, tenantId, c.req.valid("query"), money) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partners/settlement/export",
      tags: ["Partners"],
      summary: "The settlement as CSV",
      description:
        "`month,partner_id,partner_name,points_issued,points_redeemed,amount,closed_at,transaction_id`.",
      security,
      middleware: [auth, requireRole(SETTLEMENT_READERS)] as const,
      request: { query: SettlementQuery },
      responses: {
        200: { description: "The report", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const q = c.req.valid("query");
      const { money } = await programMoney(deps, tenantId);
      const csv = settlementCsv(await settlementReport(deps.db, tenantId, q, money));
      return c.text(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="settlement-${q.from}-${q.to}.csv"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partners/settlement/close",
      tags: ["Partners"],
      summary: "Close a month's settlement in the ledger",
      description:
        "Once the month is over: for each partner, one ledger transaction moves the points it issued onto its settlement account and the points spent at it off the program's redeemed account, so its settlement account holds what it is owed (negative: what it owes). A month closes once.",
      security,
      middleware: [auth, requireRole(SETTLEMENT_CLOSERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(z.strictObject({ month: Month, comment: Comment }).openapi("SettlementClose")),
      },
      responses: {
        201: json(z.object({ data: z.array(SettlementRowSchema) }).openapi("ClosedSettlement"), "Closed"),
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const input = c.req.valid("json");
      const { money, today } = await programMoney(deps, tenantId);
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const rows = await closeMonth(tx, tenantId, input.month, today, change.actor, change.at, money);
        await recordAudit(tx, tenantId, change, {
          action: "partner.settlement.close",
          target: input.month,
          before: null,
          after: { month: input.month, rows },
        });
        return { body: { data: rows } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partners/{id}",
      tags: ["Partners"],
      summary: "A partner with its keys",
      security,
      middleware: [auth, requireRole(SETTLEMENT_READERS)] as const,
      request: { params: PartnerParam },
      responses: {
        200: json(
          PartnerSchema.extend({ keys: z.array(PartnerKeySchema) }).openapi("PartnerDetail"),
          "The partner",
        ),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const { id } = c.req.valid("param");
      const [partner] = await withProgram(tenantId, [await getPartner(deps.db, tenantId, id)]);
      const keys = await listPartnerKeys(deps.db, tenantId, id);
      if (!partner) throw new ApiError("not_found", `no partner ${id}`, "id");
      return c.json({ ...partner, keys }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partners/{id}/redemptions",
      tags: ["Partners"],
      summary: "A partner's holds and redemptions",
      description:
        "The points the partner held through its key, newest first (`status: held` for the open ones), each " +
        "with its money value at the program's point value; pass `nextCursor` back as `cursor`.",
      security,
      middleware: [auth, requireRole(SETTLEMENT_READERS)] as const,
      request: { params: PartnerParam, query: PartnerHoldQuery },
      responses: { 200: json(PartnerHoldPage, "A page of holds"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const { id } = c.req.valid("param");
      await getPartner(deps.db, tenantId, id);
      const { money } = await programMoney(deps, tenantId);
      const page = await listHolds(deps.db, tenantId, { ...c.req.valid("query"), partnerId: id });
      return c.json({ ...page, data: page.data.map((h) => holdLine(h, money)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/partners/{id}",
      tags: ["Partners"],
      summary: "Change a partner's name or e-mail",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: PartnerParam,
        body: body(
          z
            .strictObject({
              name: z.string().trim().min(1).max(200).optional(),
              email: z.string().trim().email().max(320).nullable().optional(),
              comment: Comment,
            })
            .openapi("PartnerChange"),
        ),
      },
      responses: { 200: json(PartnerSchema, "Changed"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 200 as const, input };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const before = await getPartner(tx, tenantId, id);
        const after = await updatePartner(tx, tenantId, id, input);
        await recordAudit(tx, tenantId, change, {
          action: "partner.update",
          target: id,
          before: { ...before },
          after: { ...after },
        });
        return { body: after };
      });
      const [shown] = await withProgram(tenantId, [out]);
      return c.json(shown ?? { ...out, inProgram: false }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partners/{id}/keys",
      tags: ["Partners"],
      summary: "Give a partner an API key",
      description:
        "The answer shows the whole key once; only its prefix is kept. The key reaches only the partner routes (`/v1/partner/...`), for this partner.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: PartnerParam,
        body: body(
          z
            .strictObject({ name: z.string().trim().min(1).max(200).optional(), comment: Comment })
            .openapi("PartnerKeyRequest"),
        ),
      },
      responses: {
        201: json(PartnerKeySchema.extend({ secret: z.string() }).openapi("NewPartnerKey"), "Made"),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      type Made = Awaited<ReturnType<typeof createPartnerKey>>;
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Made>> => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const key = await createPartnerKey(tx, tenantId, id, input.name ?? null, change.actor, change.at);
        const { secret: _secret, ...shown } = key;
        await recordAudit(tx, tenantId, change, {
          action: "partner.key.create",
          target: key.id,
          before: null,
          after: { ...shown, partnerId: id },
        });
        // A replay must not hand the secret out again.
        return { body: key, replayBody: { ...key, secret: "" } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/partners/{id}/keys/{keyId}/revoke",
      tags: ["Partners"],
      summary: "Revoke a partner's key",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: PartnerParam.extend({
          keyId: z
            .string()
            .min(1)
            .max(100)
            .openapi({ param: { name: "keyId", in: "path" } }),
        }),
      },
      responses: { 200: json(PartnerKeySchema, "Revoked"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id, keyId } = c.req.valid("param");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, keyId } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, principal.keyId);
        const key = await revokePartnerKey(tx, tenantId, id, keyId, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "partner.key.revoke",
          target: keyId,
          before: null,
          after: { ...key, partnerId: id },
        });
        return { body: key };
      });
      return c.json(out, 200);
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // The partner's own routes

  app.openapi(
    createRoute({
      method: "post",
      path: "/partner/events",
      tags: ["Partner API"],
      summary: "A partner sends an order or a return",
      description:
        "With a partner key. The order earns at the partner's rates of the program's coalition section and may spend points (`pointsToRedeem`). Order ids are the partner's own: they never meet another partner's or the owner's. A return names one of the partner's orders. Idempotent like `POST /v1/events`.",
      security: partnerSecurity,
      middleware: [partnerAuth] as const,
      request: { headers: MutationHeaders, body: body(PartnerEventBody) },
      responses: {
        201: json(z.record(z.string(), z.unknown()).openapi("PartnerIngested"), "Taken in"),
        200: json(z.record(z.string(), z.unknown()), "Seen before: nothing changed"),
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      const input = c.req.valid("json");
      const versions = await publishedPrograms(deps.db, tenantId);
      if (versions.length === 0)
        throw new ApiError("conflict", "the program is not published yet", "program");
      const source = partnerSource(partnerId);
      const orderId = partnerOrderId(partnerId, input.orderId);
      const event =
        input.type === "order"
          ? { ...input, source, orderId, partnerId }
          : { ...input, source, orderId, externalId: input.externalId };
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      const out = await withIdempotency(
        c,
        scope,
        async (tx): Promise<Outcome<Ingested<EventResult>>> => ({
          body: await takeEvent(tx, tenantId, event, versions, { versions, locked: null }),
        }),
      );
      return c.json(out, out.replayed ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partner/orders",
      tags: ["Partner API"],
      summary: "The partner's own orders",
      security: partnerSecurity,
      middleware: [partnerAuth] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        200: json(
          z
            .object({
              data: z.array(
                z.object({
                  orderId: z.string(),
                  companyId: z.string(),
                  date: z.string(),
                  net: z.string(),
                  pointsEarned: z.number(),
                  pointsRedeemed: z.number(),
                  cancelled: z.boolean(),
                }),
              ),
            })
            .openapi("PartnerOrders"),
          "Newest first",
        ),
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      const { money } = await programMoney(deps, tenantId);
      const limit = c.req.valid("query").limit;
      return c.json({ data: await partnerOrders(deps.db, tenantId, partnerId, money.digits, limit) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/partner/members/{id}/wallet",
      tags: ["Partner API"],
      summary: "A customer's points, for a partner",
      description:
        "Only for a company that has bought from this partner; any other company is 404, as if it did not exist.",
      security: partnerSecurity,
      middleware: [partnerAuth] as const,
      request: {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: {
        200: json(
          z
            .object({ memberId: z.string(), available: z.number(), pending: z.number(), held: z.number() })
            .openapi("PartnerWallet"),
          "The balance",
        ),
        ...errorResponses(401, 404, 422),
      },
    }),
    async (c) => {
      const { tenantId, partnerId } = c.get("partner");
      const { id } = c.req.valid("param");
      if (!(await isPartnerCustomer(deps.db, tenantId, partnerId, id))) {
        throw new ApiError("not_found", `no customer ${id} of this partner`, "id");
      }
      const w = await walletOf(deps.db, tenantId, id, 0);
      return c.json({ memberId: w.memberId, available: w.available, pending: w.pending, held: w.held }, 200);
    },
  );

  addPartnerHoldRoutes(app, deps, partnerAuth);
  return app;
}
