// The session cookie and the CSRF rule of cookie-authenticated requests. The cookie is HttpOnly (no script
// reads it), SameSite=Strict (no other site sends it) and Secure over HTTPS. A change made with it must also
// carry the header X-Patron-CSRF: a page on another origin cannot add a custom header without a CORS
// preflight, which this server never grants.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../../http/errors.ts";

export const SESSION_COOKIE = "patron_session";
export const CSRF_HEADER = "X-Patron-CSRF";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function sessionCookie(c: Context): string | null {
  return getCookie(c, SESSION_COOKIE) ?? null;
}

/** Refuses a change that comes without the CSRF header; reads (GET, HEAD) need none. */
export function assertCsrfHeader(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  if (c.req.header(CSRF_HEADER) === undefined) {
    throw new ApiError(
      "forbidden",
      `a change made with a session cookie must send the header ${CSRF_HEADER}: 1`,
      CSRF_HEADER.toLowerCase(),
    );
  }
}

/** Secure when the request came over HTTPS, directly or through a proxy that says so. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

export function writeSessionCookie(c: Context, token: string, expiresAt: Date, now: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Strict",
    path: "/",
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, secure: isHttps(c), sameSite: "Strict" });
}
