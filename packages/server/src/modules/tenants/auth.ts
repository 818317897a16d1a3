// Authentication and authorisation at the edge: the bearer key resolves the tenant and role that every
// query of the request is then scoped by; each route names the roles it admits.
import type { MiddlewareHandler } from "hono";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { assertCsrfHeader, sessionCookie } from "../sessions/cookie.ts";
import { isContactSession, sessionForToken } from "../sessions/service.ts";
import type { Role } from "./roles.ts";
import { sameSecret } from "./secrets.ts";
import { type Principal, principalForToken } from "./service.ts";

export interface AuthEnv {
  Variables: { principal: Principal };
}

/** The bearer token of a request, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1] ?? null;
}

/**
 * Resolves the request's principal from its bearer API key or, without one, from its browser session
 * cookie; a change made with the cookie must carry the CSRF header.
 */
export function authenticate(db: Queryable, now: () => Date = () => new Date()): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === null) {
      const cookie = sessionCookie(c);
      if (cookie === null) {
        throw new ApiError(
          "unauthorized",
          "send an API key as Authorization: Bearer <key>, or sign in",
          "authorization",
        );
      }
      assertCsrfHeader(c);
      const session = await sessionForToken(db, cookie, now());
      if (!session) {
        if (await isContactSession(db, cookie, now())) {
          throw new ApiError("forbidden", "a portal session may use only the portal's routes", "cookie");
        }
        throw new ApiError("unauthorized", "the session has ended: sign in again", "cookie");
      }
      c.set("principal", session.principal);
      await next();
      return;
    }
    const principal = await principalForToken(db, token);
    if (!principal)
      throw new ApiError("unauthorized", "this API key is not valid or was revoked", "authorization");
    c.set("principal", principal);
    await next();
  };
}

/** Admits only keys and signed-in users holding one of `roles`; runs after `authenticate`. */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const { role, kind } = c.get("principal");
    // Defence in depth: authenticate never resolves a portal contact, and no contact holds a staff role.
    if (kind === "contact") throw new ApiError("forbidden", "a portal contact may not use the console API");
    if (!roles.includes(role)) {
      throw new ApiError(
        "forbidden",
        `the role ${role} may not do this; it needs one of: ${roles.join(", ")}`,
      );
    }
    await next();
  };
}

/** With a bootstrap token configured, admits only requests that present it; without one, admits all. */
export function requireBootstrapToken(bootstrapToken: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (bootstrapToken !== null) {
      const token = bearerToken(c.req.header("authorization"));
      if (token === null || !sameSecret(token, bootstrapToken)) {
        throw new ApiError(
          "unauthorized",
          "send the deployment's bootstrap token as Authorization: Bearer <token>",
          "authorization",
        );
      }
    }
    await next();
  };
}
