// HTTP routes of browser sessions: sign in, who am I, sign out, and setting a user's password.

import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { authenticate } from "../tenants/auth.ts";
import { ROLES } from "../tenants/roles.ts";
import { hashPassword, TENANT_ID_PATTERN } from "../tenants/secrets.ts";
import {
  assertCsrfHeader,
  CSRF_HEADER,
  clearSessionCookie,
  SESSION_COOKIE,
  sessionCookie,
  writeSessionCookie,
} from "./cookie.ts";
import { endSession, sessionForToken, setPassword, signIn } from "./service.ts";

const Role = z.enum(ROLES);

const SessionUser = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: Role })
  .openapi("SessionUser");

const Me = z
  .object({
    kind: z.enum(["staff", "contact"]).openapi({
      description:
        "staff: the tenant's own people and API keys; contact: a client company's person (portal).",
    }),
    via: z.enum(["session", "key"]).openapi({ description: "How the request was authenticated." }),
    tenant: z.object({ id: z.string(), name: z.string() }),
    role: Role,
    user: SessionUser.nullable().openapi({ description: "The signed-in person; null for an API key." }),
    expiresAt: z.string().nullable().openapi({ description: "When the session ends; null for an API key." }),
  })
  .openapi("CurrentSession");

const SignInBody = z
  .strictObject({
    tenant: z
      .string()
      .regex(TENANT_ID_PATTERN)
      .openapi({ description: "The organisation's id.", example: "acme" }),
    email: z.email().max(254).openapi({ example: "ana@example.com" }),
    password: z.string().min(1).max(256),
  })
  .openapi("SignIn");

const SetPasswordBody = z
  .strictObject({
    password: z
      .string()
      .min(12)
      .max(256)
      .openapi({ description: "At least 12 characters. Stored as a salted scrypt hash." }),
    currentPassword: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .openapi({ description: "Needed to change one's own password once one is set." }),
    comment: Comment,
  })
  .openapi("SetPassword");

const UserId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "usr_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
});

const CsrfHeaders = z.object({
  [CSRF_HEADER.toLowerCase()]: z.string().optional().openapi({
    description: "Any value; required with a session cookie on every call that changes something.",
  }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export function sessionRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db, deps.now);

  app.openapi(
    createRoute({
      method: "post",
      path: "/sessions",
      tags: ["Sessions"],
      summary: "Sign in",
      description:
        `Checks a console user's password and sets the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, ` +
        "Secure over HTTPS) for 12 hours. Every wrong organisation, email or password gets the same 401; " +
        "5 failures for one email, or 30 from one address, within 15 minutes get 429 until the window passes. " +
        `Browsers send ${CSRF_HEADER}: 1 with it, as with every change made with the cookie.`,
      request: {
        headers: CsrfHeaders,
        body: { content: { "application/json": { schema: SignInBody } }, required: true },
      },
      responses: { 201: json(Me, "Signed in"), ...errorResponses(400, 401, 403, 415, 422, 429) },
    }),
    async (c) => {
      assertCsrfHeader(c);
      const input = c.req.valid("json");
      const now = deps.now();
      const signed = await signIn(
        deps.db,
        { tenantId: input.tenant, email: input.email, password: input.password, ip: clientIp(c) },
        now,
      );
      writeSessionCookie(c, signed.token, signed.expiresAt, now);
      const tenant = await tenantOf(deps, input.tenant);
      return c.json(
        {
          kind: "staff" as const,
          via: "session" as const,
          tenant,
          role: signed.user.role,
          user: signed.user,
          expiresAt: signed.expiresAt.toISOString(),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/sessions/current",
      tags: ["Sessions"],
      summary: "Who am I",
      description: "The person signed in with the session cookie, or the role of the API key sent.",
      security,
      middleware: [auth] as const,
      responses: { 200: json(Me, "The current principal"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const p = c.get("principal");
      const tenant = await tenantOf(deps, p.tenantId);
      const cookie = p.sessionId === undefined ? null : sessionCookie(c);
      const session = cookie === null ? null : await sessionForToken(deps.db, cookie, deps.now());
      return c.json(
        {
          kind: p.kind ?? "staff",
          via: session ? ("session" as const) : ("key" as const),
          tenant,
          role: p.role,
          user: session?.user ?? null,
          expiresAt: session?.expiresAt.toISOString() ?? null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/sessions/current",
      tags: ["Sessions"],
      summary: "Sign out",
      description:
        "Ends the session the cookie carries and clears the cookie; without a live session it changes nothing. " +
        `Needs ${CSRF_HEADER}.`,
      security: [{ session: [] }],
      request: { headers: CsrfHeaders },
      responses: { 204: { description: "Signed out" }, ...errorResponses(403) },
    }),
    async (c) => {
      const cookie = sessionCookie(c);
      if (cookie !== null) {
        assertCsrfHeader(c);
        await endSession(deps.db, cookie);
      }
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/users/{id}/password",
      tags: ["Access"],
      summary: "Set a user's password",
      description:
        "People set their own, giving `currentPassword` once they have one; owners and admins set the first " +
        "password of a user, or reset one, for roles they may grant. The user's other sessions end.",
      security,
      middleware: [auth] as const,
      request: {
        headers: MutationHeaders,
        params: UserId,
        body: { content: { "application/json": { schema: SetPasswordBody } }, required: true },
      },
      responses: { 200: json(SessionUser, "The user"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const passwordHash = await hashPassword(input.password);
      // The stored request hash is a fast SHA-256: the passwords stay out of it.
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, set: true } };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await setPassword(
          tx,
          p.tenantId,
          { userId: id, passwordHash, currentPassword: input.currentPassword },
          p,
          changeFrom(c, deps.now, p.keyId, input.comment),
        ),
      }));
      return c.json(out, 200);
    },
  );

  return app;
}

async function tenantOf(deps: Deps, tenantId: string): Promise<{ id: string; name: string }> {
  const r = await deps.db.query<{ id: string; name: string }>("SELECT id, name FROM tenants WHERE id = $1", [
    tenantId,
  ]);
  return r.rows[0] ?? { id: tenantId, name: tenantId };
}

/** The peer's address; behind a proxy, all requests share the proxy's, which the per-email limit still covers. */
function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // not served over a socket (tests calling app.request)
  }
}
