// Per-API-key rate limits: a token bucket per key, in this process's memory. Several processes behind a load
// balancer each allow the configured rate, so set it per process.
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http/errors.ts";
import { bearerToken } from "../modules/tenants/auth.ts";

export interface RateLimitOptions {
  /** Requests a key may make per second, sustained. */
  perSecond: number;
  /** Requests a key may make at once after a pause (the bucket's size). */
  burst: number;
  /** Keys remembered at most; the least recently seen is forgotten first. */
  maxKeys?: number;
}

export const DEFAULT_MAX_KEYS = 100_000;

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Answers 429 `rate_limited` with Retry-After (whole seconds) when a key's bucket is empty. Requests without a
 * bearer token (health, docs, bootstrap) are not limited here. `nowMs` is a monotonic clock.
 */
export function rateLimit(
  opts: RateLimitOptions,
  nowMs: () => number = () => performance.now(),
): MiddlewareHandler {
  if (!(opts.perSecond > 0) || !(opts.burst >= 1))
    throw new Error("a rate limit needs perSecond > 0 and burst ≥ 1");
  const maxKeys = opts.maxKeys ?? DEFAULT_MAX_KEYS;
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === null) return next();
    // The bucket is found by a digest of the key: the key itself is not kept.
    const id = createHash("sha256").update(token).digest("base64url").slice(0, 22);
    const now = nowMs();
    const b = buckets.get(id) ?? { tokens: opts.burst, atMs: now };
    buckets.delete(id);
    b.tokens = Math.min(opts.burst, b.tokens + ((now - b.atMs) / 1000) * opts.perSecond);
    b.atMs = now;
    buckets.set(id, b);
    if (buckets.size > maxKeys) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (b.tokens < 1) {
      const retryAfterS = Math.max(1, Math.ceil((1 - b.tokens) / opts.perSecond));
      c.header("Retry-After", String(retryAfterS));
      throw new ApiError(
        "rate_limited",
        `too many requests with this API key: at most ${opts.perSecond} a second (bursts of ${opts.burst}); retry in ${retryAfterS} s`,
        "authorization",
      );
    }
    b.tokens -= 1;
    return next();
  };
}

/** Reads `PATRON_RATE_LIMIT` (requests a second per key) and `PATRON_RATE_BURST`; null when unset or 0. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions | null {
  const perSecond = Number(env.PATRON_RATE_LIMIT ?? 0);
  if (!(perSecond > 0)) return null;
  const burst = Number(env.PATRON_RATE_BURST ?? Math.max(1, Math.ceil(perSecond * 2)));
  return { perSecond, burst: Number.isFinite(burst) ? Math.max(1, burst) : 1 };
}
