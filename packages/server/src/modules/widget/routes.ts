// HTTP routes of the embeddable widget: a token minted with an API key by the seller's backend, and the two
// reads the widget makes with it from the buyer's browser on the shop's own origin (CORS open: the token is a
// bearer header, no cookie is involved). GET /widget.js serves the script itself.
import { createRoute, z } from "@hono/zod-openapi";
import { localDay } from "@patron/engine";
import type { MiddlewareHandler } from "hono";
import { type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { HELD_OUT_CODE } from "../analytics/holdout.ts";
import { asApiError, QuoteBody, toOrderEvent, versionFor, WRITERS } from "../events/routes.ts";
import { quoteOrder } from "../events/service.ts";
import { assertMayReadMember } from "../members/access.ts";
import { tierOf, walletOf } from "../members/reads.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { authenticate, bearerToken, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { WIDGET_JS } from "./script.ts";
import {
  DEFAULT_WIDGET_TOKEN_MINUTES,
  MAX_WIDGET_TOKEN_MINUTES,
  mintWidgetToken,
  type WidgetPrincipal,
  widgetPrincipal,
} from "./service.ts";

/** Who may mint widget tokens: the keys that send orders (the shop's backend), and support. */
const MINTERS: readonly Role[] = [...WRITERS, "support"];

interface WidgetEnv {
  Variables: { widget: WidgetPrincipal };
}

/** Admits only a live widget token; the member comes from the token, never from the request. */
function authenticateWidget(deps: Deps): MiddlewareHandler<WidgetEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    const w = token === null ? null : await widgetPrincipal(deps.db, token, deps.now());
    if (!w)
      throw new ApiError(
        "unauthorized",
        "send a live widget token as Authorization: Bearer pwt_…",
        "authorization",
      );
    c.set("widget", w);
    await next();
  };
}

/** The widget's reads answer any origin: a page shows them only with a token the seller's backend gave it. */
export function widgetCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "authorization, content-type",
        "Access-Control-Max-Age": "600",
      });
    }
    await next();
    c.header("Access-Control-Allow-Origin", "*");
  };
}

const TokenBody = z
  .strictObject({
    memberId: z.string().min(1).max(200).openapi({ description: "The buyer's company" }),
    contactId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "The signed-in buyer, when known" }),
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_WIDGET_TOKEN_MINUTES)
      .default(DEFAULT_WIDGET_TOKEN_MINUTES),
  })
  .openapi("WidgetTokenRequest");

const TokenAnswer = z
  .object({
    token: z.string().nullable().openapi({ description: "`pwt_…`, in this answer only; null in a replay" }),
    memberId: z.string(),
    contactId: z.string().nullable(),
    expiresAt: z.string(),
  })
  .openapi("WidgetToken");

const Summary = z
  .object({
    memberId: z.string(),
    available: z.number(),
    pending: z.number(),
    expiring: z.array(z.object({ date: z.string(), points: z.number() })),
    tier: z.object({ id: z.string(), name: z.string() }).nullable(),
    next: z
      .object({
        name: z.string(),
        remaining: z.union([z.string(), z.number()]),
        by: z.string().nullable(),
      })
      .nullable(),
    progress: z.number().openapi({ description: "How far to the next level, 0 to 1 (1 at the top level)" }),
  })
  .openapi("WidgetSummary");

const WidgetCart = QuoteBody.pick({ lines: true, promoCode: true })
  .extend({ date: z.string().min(10).max(40).optional() })
  .openapi("WidgetCart");

const WidgetQuote = z
  .object({
    pointsEarned: z.number(),
    gross: z.string(),
    discount: z.string(),
    net: z.string(),
    heldOut: z.boolean().openapi({
      description: "The company is in the hold-out group: it earns nothing, whatever the cart",
    }),
  })
  .openapi("WidgetQuote");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const decimal = (v: string | number) => (typeof v === "number" ? v : Number(v));

export function widgetRoutes(deps: Deps) {
  const app = newRouter();
  const widget = authenticateWidget(deps);
  const widgetSecurity = [{ widget: [] }];
  app.use("/widget/summary", widgetCors());
  app.use("/widget/quote", widgetCors());

  app.openapi(
    createRoute({
      method: "post",
      path: "/widget/tokens",
      tags: ["Widget"],
      summary: "Mint a widget token for a buyer",
      description:
        "Called by the shop's backend with its API key when a buyer signs in: a read-only token for one company " +
        `(and contact), valid ${DEFAULT_WIDGET_TOKEN_MINUTES} minutes unless asked otherwise, for the widget ` +
        "script (GET /widget.js) to show that company's points. Mint a new one rather than storing it.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(MINTERS)] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: TokenBody } }, required: true },
      },
      responses: {
        201: json(TokenAnswer, "The token"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const body = c.req.valid("json");
      await assertMayReadMember(deps.db, p, body.memberId);
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 201, input: body },
        async (tx): Promise<Outcome<z.infer<typeof TokenAnswer>>> => {
          const made = await mintWidgetToken(
            tx,
            p.tenantId,
            {
              memberId: body.memberId,
              contactId: body.contactId ?? null,
              expiresInMinutes: body.expiresInMinutes,
            },
            p.keyId,
            deps.now(),
          );
          return { body: made, replayBody: { ...made, token: null } };
        },
      );
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/widget/summary",
      tags: ["Widget"],
      summary: "The buyer's points and tier, for the widget",
      security: widgetSecurity,
      middleware: [widget] as const,
      responses: { 200: json(Summary, "The summary"), ...errorResponses(401, 404, 409) },
    }),
    async (c) => {
      const w = c.get("widget");
      const wallet = await walletOf(deps.db, w.tenantId, w.memberId, 1);
      const versions = await publishedPrograms(deps.db, w.tenantId);
      const first = versions[0];
      if (!first) throw new ApiError("conflict", "the program is not published yet", "program");
      const today = localDay(deps.now().toISOString(), first.timeZone);
      if (today === null) throw new Error("the clock gave no date");
      const program = programAt(versions, today) ?? first;
      let tier: z.infer<typeof Summary>["tier"] = null;
      let next: z.infer<typeof Summary>["next"] = null;
      let progress = 1;
      if (program.tiers) {
        const s = await tierOf(deps.db, w.tenantId, w.memberId, program, today);
        tier = s.tier;
        if (s.next) {
          next = { name: s.next.name, remaining: s.next.remaining, by: s.next.by };
          const threshold = decimal(s.next.threshold);
          progress = threshold > 0 ? Math.min(1, decimal(s.measure) / threshold) : 1;
        }
      }
      return c.json(
        {
          memberId: w.memberId,
          available: wallet.available,
          pending: wallet.pending,
          expiring: wallet.expiring,
          tier,
          next,
          progress,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/widget/quote",
      tags: ["Widget"],
      summary: "What a cart earns, for the widget",
      description: "The cart priced as the token's company's order today; changes nothing.",
      security: widgetSecurity,
      middleware: [widget] as const,
      request: { body: { content: { "application/json": { schema: WidgetCart } }, required: true } },
      responses: {
        200: json(WidgetQuote, "What the cart earns"),
        ...errorResponses(400, 401, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const w = c.get("widget");
      const body = c.req.valid("json");
      const date = body.date ?? deps.now().toISOString();
      const { p, day } = await versionFor(deps, w.tenantId, date);
      try {
        const q = await quoteOrder(
          deps.db,
          w.tenantId,
          toOrderEvent(
            {
              orderId: "widget",
              date,
              companyId: w.memberId,
              contactId: w.contactId,
              lines: body.lines,
              promoCode: body.promoCode,
            },
            day,
            p,
          ),
        );
        return c.json(
          {
            pointsEarned: q.pointsEarned,
            gross: q.gross,
            discount: q.discount,
            net: q.net,
            heldOut: q.effects.some((e) => e.code === HELD_OUT_CODE),
          },
          200,
        );
      } catch (e) {
        return asApiError(e);
      }
    },
  );

  return app;
}

/** Serves the widget script to any page; short caching, so that a fix reaches shops within minutes. */
export function widgetScript(): MiddlewareHandler {
  return async (c) =>
    c.body(WIDGET_JS, 200, {
      "Content-Type": "application/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    });
}
