// Idempotent mutations: a request with an Idempotency-Key runs once; a retry with the same key and input
// gets the stored answer, and the same key with another input a conflict. The key is claimed first, in the
// transaction of the change, by inserting it under the table's primary key: a concurrent request with the
// same key waits on that row, then replays what the first one committed (or runs, if the first rolled back).
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db, Queryable } from "../db/db.ts";
import type { AppEnv } from "./context.ts";
import { ApiError, ErrorBody, errorBody, toApiError } from "./errors.ts";

/** How long a request waits for another one holding the same key before answering 409. */
export const IDEMPOTENCY_WAIT_MS = 10_000;

export interface IdempotentScope {
  db: Db;
  /** Keys are unique per tenant. */
  tenantId: string;
  /** The status of a successful answer, stored with it. */
  status: ContentfulStatusCode;
  /** The validated input; with the method, path and audit comment it makes the request hash. */
  input: unknown;
}

export interface Outcome<T> {
  body: T;
  /** What a replay answers instead of `body`, when `body` holds a secret that must not be stored. */
  replayBody?: T;
}

type Ran<T> =
  | { kind: "ran"; body: T }
  | { kind: "failed"; error: ApiError }
  | { kind: "replayed"; status: number; body: unknown };

/**
 * Runs `run` in one transaction, at most once per Idempotency-Key, and returns the body to answer with.
 * Expected failures (an ApiError or a domain error with a code) are stored and replayed too, with the change
 * itself rolled back; unexpected ones roll everything back, so a retry runs again.
 */
export async function withIdempotency<T, E extends AppEnv>(
  c: Context<E>,
  scope: IdempotentScope,
  run: (tx: Queryable) => Promise<Outcome<T>>,
): Promise<T> {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return (await scope.db.transaction(run)).body;
  const requestHash = hashRequest({
    method: c.req.method,
    path: c.req.path,
    comment: c.req.header("x-audit-comment") ?? null,
    input: scope.input,
  });
  const requestId = c.get("requestId");
  const ran = await scope.db.transaction(async (tx): Promise<Ran<T>> => {
    const stored = await claim(tx, {
      tenantId: scope.tenantId,
      key,
      method: c.req.method,
      path: c.req.path,
      requestHash,
    });
    if (stored) return { kind: "replayed", ...stored };
    await tx.query("SAVEPOINT idempotent_change");
    let outcome: Outcome<T>;
    try {
      outcome = await run(tx);
    } catch (e) {
      const error = toApiError(e);
      if (!error || error.status >= 500) throw e;
      await tx.query("ROLLBACK TO SAVEPOINT idempotent_change");
      await answer(tx, scope.tenantId, key, error.status, errorBody(error, requestId));
      return { kind: "failed", error };
    }
    await answer(tx, scope.tenantId, key, scope.status, outcome.replayBody ?? outcome.body);
    return { kind: "ran", body: outcome.body };
  });
  switch (ran.kind) {
    case "ran":
      return ran.body;
    case "failed":
      throw ran.error;
    case "replayed":
      c.header("Idempotent-Replayed", "true");
      if (ran.status >= 400) throw storedError(ran.body);
      // Written by this same route from a body of type T (see `answer`), so it is one again.
      return ran.body as T;
  }
}

/**
 * Inserts the key, or finds the answer already stored under it. Returns null when this request holds the
 * key now and must run.
 */
async function claim(
  tx: Queryable,
  k: { tenantId: string; key: string; method: string; path: string; requestHash: string },
): Promise<{ status: number; body: unknown } | null> {
  await tx.query(`SET LOCAL lock_timeout = '${IDEMPOTENCY_WAIT_MS}ms'`);
  let inserted: { rows: unknown[] };
  try {
    inserted = await tx.query(
      `INSERT INTO idempotency_keys (tenant_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
      [k.tenantId, k.key, k.method, k.path, k.requestHash],
    );
  } catch (e) {
    if (sqlState(e) === LOCK_NOT_AVAILABLE) {
      throw new ApiError(
        "idempotency_conflict",
        "a request with this Idempotency-Key is still running; retry in a moment",
        "idempotency-key",
      );
    }
    throw e;
  }
  await tx.query("SET LOCAL lock_timeout = DEFAULT");
  if (inserted.rows.length > 0) return null;
  const r = await tx.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
    "SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE tenant_id = $1 AND key = $2",
    [k.tenantId, k.key],
  );
  const row = r.rows[0];
  if (!row || row.request_hash !== k.requestHash) {
    throw new ApiError(
      "idempotency_conflict",
      "this Idempotency-Key was used for a different request; use a new key for a new request",
      "idempotency-key",
    );
  }
  // The answer is stored in the transaction that claimed the key, so a visible row always has one.
  if (row.response_status === null) throw new Error(`idempotency key ${k.key} has no stored answer`);
  return { status: row.response_status, body: row.response_body };
}

async function answer(
  tx: Queryable,
  tenantId: string,
  key: string,
  status: number,
  body: unknown,
): Promise<void> {
  await tx.query(
    "UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE tenant_id = $1 AND key = $2",
    [tenantId, key, status, JSON.stringify(body)],
  );
}

function storedError(body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success)
    return new ApiError("internal", "the stored answer of this Idempotency-Key is unreadable");
  const { code, message, field, requestId } = parsed.data.error;
  return new ApiError(code, message, field, requestId);
}

const LOCK_NOT_AVAILABLE = "55P03";

function sqlState(e: unknown): string | null {
  if (typeof e !== "object" || e === null || !("code" in e)) return null;
  return typeof e.code === "string" ? e.code : null;
}

export function hashRequest(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

/** JSON with object keys sorted, so that the same input always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === "bigint") return JSON.stringify(v.toString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
