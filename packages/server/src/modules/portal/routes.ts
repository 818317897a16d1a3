// HTTP routes of the client portal: invitations, accepting one, portal sign-in, and what a contact may read of
// its own company (wallet, tier, ledger) and, for a company admin, the company's users. A portal route admits
// only a contact's session cookie; its company comes from the session, never from the request.
import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import { formatMinor, localDay } from "@patron/engine";
import type { Context, MiddlewareHandler } from "hono";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { CONTACT_ROLES, getContact, upsertContact } from "../companies/contacts.ts";
import { companyScope } from "../companies/scope.ts";
import { ledgerOf, tierNamesOf, tierOf, walletOf } from "../members/reads.ts";
import { EarnRateSchema, MAX_EXPIRING_DATES, MAX_LEDGER_PAGE } from "../members/routes.ts";
import { holdLine, PartnerHoldLine, PartnerHoldQuery } from "../partners/routes.ts";
import { listPartners } from "../partners/service.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { listHolds } from "../redemptions/service.ts";
import {
  assertCsrfHeader,
  CSRF_HEADER,
  SESSION_COOKIE,
  sessionCookie,
  writeSessionCookie,
} from "../sessions/cookie.ts";
import { type AuthEnv, authenticate, bearerToken } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { TENANT_ID_PATTERN } from "../tenants/secrets.ts";
import type { Principal } from "../tenants/service.ts";
import {
  acceptInvitation,
  type ContactPrincipal,
  companyOf,
  contactSessionForToken,
  type Invitation,
  inviteContact,
  openContactSession,
  ownCompany,
  portalUsers,
  signInContact,
} from "./service.ts";

/** Staff who may invite a contact: those who may change contacts (a sales manager only their clients'). */
const STAFF_INVITERS: readonly Role[] = ["owner", "admin", "sales_manager", "support"];

interface PortalEnv {
  Variables: { contact: ContactPrincipal };
}

type Inviter = { kind: "staff"; principal: Principal } | { kind: "contact"; contact: ContactPrincipal };

interface InviteEnv {
  Variables: { inviter: Inviter; principal: Principal };
}

/** Whether answers may carry invitation links: anywhere but production, where they would go by e-mail. */
export function linksInAnswers(env = process.env): boolean {
  return env.NODE_ENV !== "production";
}

/** Admits only a live portal contact's session cookie; changes must carry the CSRF header. */
export function authenticateContact(deps: Deps): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const cookie = sessionCookie(c);
    if (cookie === null || bearerToken(c.req.header("authorization")) !== null) {
      throw new ApiError("unauthorized", "sign in to the portal", "cookie");
    }
    assertCsrfHeader(c);
    const contact = await contactSessionForToken(deps.db, cookie, deps.now());
    if (!contact) throw new ApiError("unauthorized", "the portal session has ended: sign in again", "cookie");
    c.set("contact", contact);
    await next();
  };
}

/** Only a company admin of the portal. */
const companyAdmin: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (c.get("contact").role !== "company_admin") {
    throw new ApiError("forbidden", "only the company's admin manages its users");
  }
  await next();
};

/** A portal contact's cookie, else staff by key or console session with a role that may invite. */
function authenticateInviter(deps: Deps): MiddlewareHandler<InviteEnv> {
  const staff = authenticate(deps.db, deps.now);
  return async (c, next) => {
    const cookie = sessionCookie(c);
    if (cookie !== null && bearerToken(c.req.header("authorization")) === null) {
      const contact = await contactSessionForToken(deps.db, cookie, deps.now());
      if (contact) {
        assertCsrfHeader(c);
        c.set("inviter", { kind: "contact", contact });
        await next();
        return;
      }
    }
    // The staff check sets only `principal`, a variable this environment has too.
    await staff(c as unknown as Context<AuthEnv>, async () => {
      const principal = c.get("principal");
      if (!STAFF_INVITERS.includes(principal.role)) {
        throw new ApiError(
          "forbidden",
          `the role ${principal.role} may not do this; it needs one of: ${STAFF_INVITERS.join(", ")}`,
        );
      }
      c.set("inviter", { kind: "staff", principal });
      await next();
    });
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

const CsrfHeaders = z.object({
  [CSRF_HEADER.toLowerCase()]: z.string().optional().openapi({
    description: "Any value; required with a session cookie on every call that changes something.",
  }),
});

const TenantId = z
  .string()
  .regex(TENANT_ID_PATTERN)
  .openapi({ description: "The organisation's id.", example: "acme" });
const Password = z
  .string()
  .min(12)
  .max(256)
  .openapi({ description: "At least 12 characters. Stored as a salted scrypt hash." });

const ContactRoleSchema = z.enum(CONTACT_ROLES);

const PortalMe = z
  .object({
    kind: z.literal("contact"),
    tenant: z.object({ id: z.string(), name: z.string() }),
    contact: z.object({ id: z.string(), name: z.string(), email: z.string(), role: ContactRoleSchema }),
    company: z.object({ id: z.string(), name: z.string() }),
    expiresAt: z.string(),
  })
  .openapi("PortalSession");

const InvitationSchema = z
  .object({
    contactId: z.string(),
    expiresAt: z.string(),
    link: z
      .string()
      .nullable()
      .openapi({
        description:
          "The one-time link to set a password. Given outside production only (and never on a replay); it is " +
          "stored nowhere and never logged.",
      }),
  })
  .openapi("Invitation");

const PortalUser = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: ContactRoleSchema,
    passwordSet: z.boolean(),
    invitationExpiresAt: z.string().nullable(),
  })
  .openapi("PortalUser");

const Amount = z.union([z.string(), z.number()]);

const PortalTier = z
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
    text: z.string().nullable(),
    currency: z.string(),
    levels: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          threshold: Amount,
          earnRate: z.string().nullable(),
          benefits: z.array(z.string()),
        }),
      )
      .openapi({ description: "Every level of the program, lowest first, with what it brings." }),
  })
  .openapi("PortalTier");

const WalletSchema = z
  .object({
    memberId: z.string(),
    available: z.number(),
    pending: z.number(),
    held: z.number(),
    debt: z.number(),
    expiring: z.array(z.object({ date: z.string(), points: z.number() })),
  })
  .openapi("PortalWallet");

const LedgerEntry = z.object({
  transactionId: z.string(),
  seq: z.number(),
  at: z.string().openapi({ description: "When the entry was recorded" }),
  date: z
    .string()
    .openapi({ description: "The day it happened in the program's calendar", example: "2026-03-05" }),
  kind: z.string(),
  reference: z.object({ type: z.string(), id: z.string().nullable(), orderId: z.string().optional() }),
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  available: z.number(),
  pending: z.number(),
  held: z.number(),
  balance: z.number(),
  rates: z.array(EarnRateSchema),
});

export function portalRoutes(deps: Deps) {
  const app = newRouter();
  const portal = authenticateContact(deps);
  const inviter = authenticateInviter(deps);
  const cookieOnly: { [scheme: string]: string[] }[] = [{ session: [] }];
  const keyOrCookie: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

  const invitationAnswer = (c: Context, inv: Invitation, tenantId: string) => {
    const origin = new URL(c.req.url).origin;
    const link = linksInAnswers()
      ? `${origin}/portal/accept?tenant=${encodeURIComponent(tenantId)}&token=${inv.token}`
      : null;
    return { contactId: inv.contactId, expiresAt: inv.expiresAt.toISOString(), link };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/contacts/{id}/invite",
      tags: ["Portal"],
      summary: "Invite a contact to the portal",
      description:
        "A one-time link, valid 7 days, with which the contact sets a password; earlier links of the contact " +
        "stop working. Staff who may change contacts invite any within their reach; a company admin signed in " +
        "to the portal invites the company's own. Outside production the answer carries the link.",
      security: keyOrCookie,
      middleware: [inviter] as const,
      request: {
        headers: MutationHeaders,
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: { 201: json(InvitationSchema, "Invited"), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const who = c.get("inviter");
      const { id } = c.req.valid("param");
      const tenantId = who.kind === "staff" ? who.principal.tenantId : who.contact.tenantId;
      const actor = who.kind === "staff" ? who.principal.keyId : who.contact.contactId;
      if (who.kind === "contact" && who.contact.role !== "company_admin") {
        throw new ApiError("forbidden", "only the company's admin invites its users");
      }
      const scope = { db: deps.db, tenantId, status: 201 as const, input: { id } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const reach =
          who.kind === "staff"
            ? await companyScope(tx, who.principal)
            : ownCompany(tenantId, who.contact.companyId);
        await getContact(tx, reach, id);
        const inv = await inviteContact(tx, tenantId, id, changeFrom(c, deps.now, actor));
        const answer = invitationAnswer(c, inv, tenantId);
        return { body: answer, replayBody: { ...answer, link: null } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/accept-invite",
      tags: ["Portal"],
      summary: "Accept an invitation",
      description:
        "Sets the contact's password with the token of an invitation link, once, and signs the contact in to " +
        `the portal (the \`${SESSION_COOKIE}\` cookie). Any unknown, used or expired token gets the same 401.`,
      request: {
        headers: CsrfHeaders,
        body: body(
          z.strictObject({ tenant: TenantId, token: z.string().min(1).max(200), password: Password }),
        ),
      },
      responses: { 201: json(PortalMe, "Signed in"), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      assertCsrfHeader(c);
      const input = c.req.valid("json");
      const now = deps.now();
      const accepted = await deps.db.transaction((tx) =>
        acceptInvitation(tx, input.tenant, input.token, input.password, now, c.get("requestId")),
      );
      const opened = await openContactSession(deps.db, input.tenant, accepted.contactId, now);
      writeSessionCookie(c, opened.token, opened.principal.expiresAt, now);
      return c.json(await meOf(deps, opened.principal), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/sessions",
      tags: ["Portal"],
      summary: "Sign in to the portal",
      description:
        `Checks a contact's password and sets the \`${SESSION_COOKIE}\` cookie for 12 hours, as console sign-in ` +
        "does; the session reaches only the portal's routes. Wrong details get one 401; repeated failures 429.",
      request: {
        headers: CsrfHeaders,
        body: body(
          z.strictObject({
            tenant: TenantId,
            email: z.email().max(254),
            password: z.string().min(1).max(256),
          }),
        ),
      },
      responses: { 201: json(PortalMe, "Signed in"), ...errorResponses(400, 401, 403, 415, 422, 429) },
    }),
    async (c) => {
      assertCsrfHeader(c);
      const input = c.req.valid("json");
      const now = deps.now();
      const signed = await signInContact(
        deps.db,
        { tenantId: input.tenant, email: input.email, password: input.password, ip: clientIp(c) },
        now,
      );
      writeSessionCookie(c, signed.token, signed.principal.expiresAt, now);
      return c.json(await meOf(deps, signed.principal), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/me",
      tags: ["Portal"],
      summary: "Who is signed in to the portal",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: { 200: json(PortalMe, "The contact and company"), ...errorResponses(401) },
    }),
    async (c) => c.json(await meOf(deps, c.get("contact")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/wallet",
      tags: ["Portal"],
      summary: "The company's points",
      description: "Available, pending and held points, any debt, and points expiring on the next dates.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        query: z.object({ expiringDates: z.coerce.number().int().min(0).max(MAX_EXPIRING_DATES).default(3) }),
      },
      responses: { 200: json(WalletSchema, "The wallet"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const p = c.get("contact");
      return c.json(
        await walletOf(deps.db, p.tenantId, p.companyId, c.req.valid("query").expiringDates),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/ledger",
      tags: ["Portal"],
      summary: "The company's points history",
      description: "The company's ledger entries, newest first; pass `nextCursor` back as `cursor`.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_LEDGER_PAGE).default(50),
          cursor: z.string().min(1).max(500).optional(),
        }),
      },
      responses: {
        200: json(
          z
            .object({ data: z.array(LedgerEntry), nextCursor: z.string().nullable() })
            .openapi("PortalLedgerPage"),
          "A page of entries",
        ),
        ...errorResponses(401, 422),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const versions = await publishedPrograms(deps.db, p.tenantId);
      const names = tierNamesOf(versions);
      const query = c.req.valid("query");
      return c.json(
        await ledgerOf(deps.db, p.tenantId, p.companyId, query, names, versions[0]?.timeZone),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/redemptions",
      tags: ["Portal"],
      summary: "The company's redemptions at partners",
      description:
        "Points the company's buyers held and spent at coalition partners, newest first, with the partner's " +
        "name and the points' money value; pass `nextCursor` back as `cursor`.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { query: PartnerHoldQuery },
      responses: {
        200: json(
          z
            .object({
              data: z.array(PartnerHoldLine.extend({ partnerName: z.string() })),
              nextCursor: z.string().nullable(),
            })
            .openapi("PortalPartnerRedemptions"),
          "A page of redemptions",
        ),
        ...errorResponses(401, 422),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const versions = await publishedPrograms(deps.db, p.tenantId);
      const newest = versions[versions.length - 1];
      const money = { pointValueMinor: newest?.pointValueMinor ?? 0, digits: newest?.digits ?? 2 };
      const query = c.req.valid("query");
      const page = await listHolds(deps.db, p.tenantId, { ...query, memberId: p.companyId, partnerId: "*" });
      const names = new Map((await listPartners(deps.db, p.tenantId)).map((x) => [x.id, x.name]));
      const data = page.data.map((h) => ({
        ...holdLine(h, money),
        partnerName: names.get(h.partnerId ?? "") ?? h.partnerId ?? "",
      }));
      return c.json({ data, nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/tier",
      tags: ["Portal"],
      summary: "The company's tier and progress",
      description:
        "The tier, the progress to the next one, what keeps the current one, and every level with its earn " +
        "rate and benefits.",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: { 200: json(PortalTier, "The tier"), ...errorResponses(401, 404, 409) },
    }),
    async (c) => {
      const p = c.get("contact");
      const versions = await publishedPrograms(deps.db, p.tenantId);
      const first = versions[0];
      if (!first) throw new ApiError("conflict", "the program is not published yet", "program");
      const today = localDay(deps.now().toISOString(), first.timeZone);
      if (today === null) throw new Error("the clock gave no date");
      const program = programAt(versions, today) ?? first;
      const { explanation: _, ...status } = await tierOf(deps.db, p.tenantId, p.companyId, program, today);
      const money = program.tiers?.metric === "netPurchases";
      const defs = new Map((program.def.tiers?.levels ?? []).map((l) => [l.id, l]));
      const levels = (program.tiers?.levels ?? []).map((l) => {
        const def = defs.get(l.id);
        return {
          id: l.id,
          name: def?.name ?? l.id,
          threshold: money ? formatMinor(l.from, program.digits) : l.from,
          earnRate: def?.earnRate === undefined ? null : String(def.earnRate),
          benefits: [...(def?.benefits ?? [])],
        };
      });
      return c.json({ ...status, currency: program.currency, levels }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/users",
      tags: ["Portal"],
      summary: "The company's portal users",
      description: "For a company admin: the company's active contacts, their roles, and who can sign in.",
      security: cookieOnly,
      middleware: [portal, companyAdmin] as const,
      responses: {
        200: json(z.object({ data: z.array(PortalUser) }).openapi("PortalUsers"), "The users"),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      return c.json({ data: await portalUsers(deps.db, p.tenantId, p.companyId, deps.now()) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/users",
      tags: ["Portal"],
      summary: "Add a user of the company and invite them",
      description:
        "For a company admin: a new contact of the own company with a role, invited at once (see " +
        "`POST /v1/contacts/{id}/invite`).",
      security: cookieOnly,
      middleware: [portal, companyAdmin] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              name: z.string().trim().min(1).max(200),
              email: z.email().max(254),
              role: ContactRoleSchema.default("buyer"),
            })
            .openapi("NewPortalUser"),
        ),
      },
      responses: {
        201: json(z.object({ user: PortalUser, invitation: InvitationSchema }), "Added and invited"),
        ...errorResponses(400, 401, 403, 409, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx) => {
        const change = changeFrom(c, deps.now, p.contactId);
        const { contact } = await upsertContact(
          tx,
          ownCompany(p.tenantId, p.companyId),
          p.companyId,
          null,
          input,
          change,
        );
        const inv = await inviteContact(tx, p.tenantId, contact.id, change);
        const invitation = invitationAnswer(c, inv, p.tenantId);
        const user = {
          id: contact.id,
          name: contact.name,
          email: contact.email,
          role: contact.role,
          passwordSet: false,
          invitationExpiresAt: invitation.expiresAt,
        };
        return {
          body: { user, invitation },
          replayBody: { user, invitation: { ...invitation, link: null } },
        };
      });
      return c.json(out, 201);
    },
  );

  return app;
}

async function meOf(deps: Deps, p: ContactPrincipal) {
  const t = await deps.db.query<{ name: string }>("SELECT name FROM tenants WHERE id = $1", [p.tenantId]);
  return {
    kind: "contact" as const,
    tenant: { id: p.tenantId, name: t.rows[0]?.name ?? p.tenantId },
    contact: { id: p.contactId, name: p.name, email: p.email, role: p.role },
    company: await companyOf(deps.db, p.tenantId, p.companyId),
    expiresAt: p.expiresAt.toISOString(),
  };
}

/** The peer's address, for the sign-in rate limit. */
function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // not served over a socket (tests calling app.request)
  }
}
