// The delivery worker: turns outbox messages into one delivery per subscribed endpoint, and sends due
// deliveries, signed, at least once, retrying with exponential backoff and jitter on a schedule kept in the
// database. Rows are claimed with FOR UPDATE SKIP LOCKED and leased, so several server processes share the
// work and a process that dies mid-send leaves its deliveries to be retried when the lease ends.
import type { Db, Queryable } from "../../db/db.ts";
import { DELIVERY_ID_SQL, disableFailing } from "./service.ts";
import { signedHeaders } from "./signing.ts";

export interface WorkerOptions {
  /** Outbox messages turned into deliveries per statement. */
  dispatchBatch?: number;
  /** Deliveries in flight at once, per process. */
  concurrency?: number;
  /** How long one attempt may take, connection and answer. */
  timeoutMs?: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts?: number;
  /** The first retry's delay; each next one is 4 times longer, up to `retryMaxMs`, ±20% jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A claimed delivery not finished within this is due again (its worker died). Must exceed `timeoutMs`. */
  leaseMs?: number;
  /** An endpoint is disabled after this many failed attempts in a row ... */
  disableAfterFailures?: number;
  /** ... the first of them at least this long ago. */
  disableAfterMs?: number;
  /** The wait between polls when there is nothing to do. */
  pollMs?: number;
  /** How much of an answer's body the log keeps. */
  responseBodyChars?: number;
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
}

export const WORKER_DEFAULTS = {
  dispatchBatch: 500,
  concurrency: 32,
  timeoutMs: 10_000,
  maxAttempts: 10,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60 * 60_000,
  leaseMs: 60_000,
  disableAfterFailures: 10,
  disableAfterMs: 24 * 60 * 60_000,
  pollMs: 100,
  responseBodyChars: 1024,
} as const;

type Options = typeof WORKER_DEFAULTS & { fetch: typeof fetch; onError: (error: unknown) => void };

function withDefaults(o: WorkerOptions): Options {
  const out = {
    ...WORKER_DEFAULTS,
    fetch: o.fetch ?? globalThis.fetch,
    onError: o.onError ?? ((e: unknown) => console.error("webhook worker:", e)),
  } as Options;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (out.leaseMs <= out.timeoutMs) throw new Error("the lease must be longer than the timeout");
  return out;
}

/** The delay before retry number `attempt` (1 = after the first failure), with ±20% jitter. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exact = Math.min(maxMs, baseMs * 4 ** Math.max(0, attempt - 1));
  return Math.round(exact * (0.8 + 0.4 * random()));
}

/** Makes the deliveries of up to `batch` undispatched messages, all tenants; returns the messages taken. */
export async function dispatch(db: Db, batch: number = WORKER_DEFAULTS.dispatchBatch): Promise<number> {
  const r = await db.query<{ n: number }>(
    `WITH batch AS (
       SELECT tenant_id, id, type FROM outbox WHERE dispatched_at IS NULL ORDER BY seq LIMIT ${Math.trunc(batch)}
       FOR UPDATE SKIP LOCKED
     ), made AS (
       INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, message_id, type, status, attempts, next_attempt_at,
         created_at)
       SELECT b.tenant_id, ${DELIVERY_ID_SQL}, e.id, b.id, b.type, 'pending', 0, clock_timestamp(), clock_timestamp()
       FROM batch b JOIN webhook_endpoints e ON e.tenant_id = b.tenant_id AND e.status = 'enabled'
         AND e.deleted_at IS NULL AND (cardinality(e.event_types) = 0 OR b.type = ANY(e.event_types))
       RETURNING 1
     ), done AS (
       UPDATE outbox o SET dispatched_at = clock_timestamp() FROM batch b
       WHERE o.tenant_id = b.tenant_id AND o.id = b.id RETURNING 1
     )
     SELECT (SELECT count(*) FROM done)::int AS n, (SELECT count(*) FROM made)::int AS m`,
  );
  return r.rows[0]?.n ?? 0;
}

/** A delivery claimed for one attempt, with what sending it needs. */
export interface Claimed {
  tenantId: string;
  id: string;
  endpointId: string;
  messageId: string;
  type: string;
  attempt: number;
  url: string;
  secrets: string[];
  payload: unknown;
  occurredAt: string;
}

/** Claims up to `limit` due deliveries of enabled endpoints, leasing each for `leaseMs`. */
export async function claim(db: Db, limit: number, leaseMs: number): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const r = await db.query<{
    tenant_id: string;
    id: string;
    endpoint_id: string;
    message_id: string;
    type: string;
    attempts: number;
    url: string;
    secret: string;
    previous_secret: string | null;
    payload: unknown;
    occurred_at: Date | string;
  }>(
    `WITH due AS (
       SELECT d.tenant_id, d.id FROM webhook_deliveries d
       WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
       ORDER BY d.next_attempt_at LIMIT ${Math.trunc(limit)} FOR UPDATE SKIP LOCKED
     )
     UPDATE webhook_deliveries d
     SET attempts = d.attempts + 1, next_attempt_at = clock_timestamp() + $1 * interval '1 millisecond'
     FROM due, webhook_endpoints e, outbox o
     WHERE d.tenant_id = due.tenant_id AND d.id = due.id
       AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id AND e.status = 'enabled'
       AND o.tenant_id = d.tenant_id AND o.id = d.message_id
     RETURNING d.tenant_id, d.id, d.endpoint_id, d.message_id, d.type, d.attempts, e.url, e.secret,
       CASE WHEN e.previous_secret_expires_at > clock_timestamp() THEN e.previous_secret END AS previous_secret,
       o.payload, o.occurred_at`,
    [leaseMs],
  );
  return r.rows.map((x) => ({
    tenantId: x.tenant_id,
    id: x.id,
    endpointId: x.endpoint_id,
    messageId: x.message_id,
    type: x.type,
    attempt: x.attempts,
    url: x.url,
    secrets: x.previous_secret ? [x.secret, x.previous_secret] : [x.secret],
    payload: x.payload,
    occurredAt: new Date(x.occurred_at).toISOString(),
  }));
}

export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

/** The body every attempt of a message sends: the Standard Webhooks envelope. */
export function messageBody(c: Pick<Claimed, "type" | "occurredAt" | "payload">): string {
  return JSON.stringify({ type: c.type, timestamp: c.occurredAt, data: c.payload });
}

/** One attempt: a POST with the signed headers; redirects are not followed, the answer's body is cut short. */
export async function send(
  c: Claimed,
  o: Pick<Options, "fetch" | "timeoutMs" | "responseBodyChars">,
): Promise<AttemptResult> {
  const body = messageBody(c);
  const started = performance.now();
  try {
    const res = await o.fetch(c.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Patron-Webhooks/0.1",
        ...signedHeaders(c.secrets, c.messageId, Math.floor(Date.now() / 1000), body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const text = await readCapped(res, o.responseBodyChars);
    const ok = res.status >= 200 && res.status < 300;
    return {
      statusCode: res.status,
      latencyMs: Math.round(performance.now() - started),
      error: ok ? null : `HTTP ${res.status}`,
      responseBody: text,
    };
  } catch (e) {
    const error =
      e instanceof Error
        ? e.name === "TimeoutError"
          ? `timed out after ${o.timeoutMs} ms`
          : e.message
        : String(e);
    return {
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      error,
      responseBody: null,
    };
  }
}

/** Reads at most `chars` characters of an answer, then lets the rest go. */
async function readCapped(res: Response, chars: number): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < chars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.length > chars ? text.slice(0, chars) : text;
}

/**
 * Records an attempt and what follows from it, in one transaction: the delivery done, rescheduled or given
 * up; the endpoint's run of failures, and its disabling when the run is long enough in count and in time.
 */
export async function record(db: Db, c: Claimed, a: AttemptResult, o: Options): Promise<void> {
  const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, at, status_code, latency_ms, error, response_body)
       VALUES ($1, $2, $3, clock_timestamp(), $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [c.tenantId, c.id, c.attempt, a.statusCode, a.latencyMs, a.error, a.responseBody],
    );
    if (ok) {
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = clock_timestamp(), next_attempt_at = NULL,
           last_status_code = $3, last_error = NULL
         WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
        [c.tenantId, c.id, a.statusCode],
      );
      await tx.query(
        `UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL
         WHERE tenant_id = $1 AND id = $2 AND consecutive_failures > 0`,
        [c.tenantId, c.endpointId],
      );
      return;
    }
    const last = c.attempt >= o.maxAttempts;
    await tx.query(
      `UPDATE webhook_deliveries SET status = CASE WHEN $3 THEN 'failed' ELSE 'pending' END,
         next_attempt_at = CASE WHEN $3 THEN NULL ELSE clock_timestamp() + $4 * interval '1 millisecond' END,
         last_status_code = $5, last_error = $6
       WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [c.tenantId, c.id, last, backoffMs(c.attempt, o.retryBaseMs, o.retryMaxMs), a.statusCode, a.error],
    );
    await failEndpoint(tx, c, o);
  });
}

async function failEndpoint(tx: Queryable, c: Claimed, o: Options): Promise<void> {
  const r = await tx.query<{ failures: number; long_enough: boolean }>(
    `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
       failing_since = COALESCE(failing_since, clock_timestamp())
     WHERE tenant_id = $1 AND id = $2
     RETURNING consecutive_failures AS failures,
       failing_since <= clock_timestamp() - $3 * interval '1 millisecond' AS long_enough`,
    [c.tenantId, c.endpointId, o.disableAfterMs],
  );
  const row = r.rows[0];
  if (row && row.failures >= o.disableAfterFailures && row.long_enough)
    await disableFailing(tx, c.tenantId, c.endpointId, row.failures, new Date());
}

export interface WebhookWorker {
  /** Finishes the attempts under way (recording them), and starts no more. */
  stop(): Promise<void>;
  /** Resolves once nothing is due and nothing is in flight (for tests and benchmarks). */
  idle(): Promise<void>;
}

/** Runs the worker until stopped: dispatch, claim as many as there are free slots, send, record; repeat. */
export function startWebhookWorker(db: Db, options: WorkerOptions = {}): WebhookWorker {
  const o = withDefaults(options);
  let stopped = false;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const flights = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const fly = (c: Claimed) => {
    inFlight++;
    const p = send(c, o)
      .then((a) => record(db, c, a, o))
      .catch(o.onError)
      .finally(() => {
        inFlight--;
        flights.delete(p);
        nudge();
      });
    flights.add(p);
  };
  const loop = async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = (await dispatch(db, o.dispatchBatch)) > 0;
        const claimed = await claim(db, o.concurrency - inFlight, o.leaseMs);
        for (const c of claimed) fly(c);
        busy ||= claimed.length > 0;
      } catch (e) {
        o.onError(e);
      }
      if (!busy && inFlight === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
      }
      if (!stopped && !busy) await pause(o.pollMs);
      else if (!stopped && inFlight >= o.concurrency) await pause(o.pollMs);
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      nudge();
      await running;
      await Promise.all([...flights]);
    },
    idle() {
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
