// The delivery worker: turns messages (outbox rows and level changes, the view `messages`) into one delivery per
// subscribed endpoint, and sends due deliveries, signed, at least once, retrying with exponential backoff and
// jitter on a schedule kept in the database. Rows are claimed with FOR UPDATE SKIP LOCKED and leased, so several
// server processes share the work and a process that dies mid-send leaves its deliveries to be retried when the
// lease ends.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Db } from "../../db/db.ts";
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
  /**
   * The wait between polls while the worker is listening for commits that write the outbox (they wake it at
   * once): polls then only find retries come due and expired leases. Defaults to `pollMs` when that is given.
   */
  listenedPollMs?: number;
  /** How much of an answer's body the log keeps. */
  responseBodyChars?: number;
  /** Connections kept open to one endpoint at most; more attempts to it wait for one. */
  socketsPerEndpoint?: number;
  onError?: (error: unknown) => void;
}

export const WORKER_DEFAULTS = {
  dispatchBatch: 500,
  concurrency: 128,
  socketsPerEndpoint: 32,
  timeoutMs: 10_000,
  maxAttempts: 10,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60 * 60_000,
  leaseMs: 60_000,
  disableAfterFailures: 10,
  disableAfterMs: 24 * 60 * 60_000,
  pollMs: 100,
  listenedPollMs: 1000,
  responseBodyChars: 1024,
} as const;

type Options = typeof WORKER_DEFAULTS & { onError: (error: unknown) => void };

function withDefaults(o: WorkerOptions): Options {
  const out = {
    ...WORKER_DEFAULTS,
    onError: o.onError ?? ((e: unknown) => console.error("webhook worker:", e)),
  } as Options;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (o.pollMs !== undefined && o.listenedPollMs === undefined)
    (out as Record<string, unknown>).listenedPollMs = o.pollMs;
  if (out.leaseMs <= out.timeoutMs) throw new Error("the lease must be longer than the timeout");
  return out;
}

/** The delay before retry number `attempt` (1 = after the first failure), with ±20% jitter. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exact = Math.min(maxMs, baseMs * 4 ** Math.max(0, attempt - 1));
  return Math.round(exact * (0.8 + 0.4 * random()));
}

/** What one dispatch did: messages taken, deliveries made, and those of them claimed at once. */
export interface Dispatched {
  messages: number;
  made: number;
  claimed: Claimed[];
}

/**
 * Makes the deliveries of up to `batch` undispatched outbox messages and `batch` level changes, all tenants, and
 * claims the first `claimUpTo` of them for their first attempt in the same statement (leased for `leaseMs`, as
 * `claim` would), so a fresh message needs no second statement before it is sent.
 */
export async function dispatch(
  db: Db,
  batch: number = WORKER_DEFAULTS.dispatchBatch,
  claimUpTo = 0,
  leaseMs: number = WORKER_DEFAULTS.leaseMs,
): Promise<Dispatched> {
  const r = await db.query<ClaimedRow & { messages: number; made: number }>(
    `WITH kept AS (
       SELECT tenant_id, id, type, payload, occurred_at, seq FROM outbox WHERE dispatched_at IS NULL ORDER BY seq
       LIMIT ${Math.trunc(batch)} FOR UPDATE SKIP LOCKED
     ), changes AS (
       SELECT tenant_id, id, seq FROM tier_changes WHERE seq IS NOT NULL AND dispatched_at IS NULL ORDER BY seq
       LIMIT ${Math.trunc(batch)} FOR UPDATE SKIP LOCKED
     ), batch AS (
       SELECT tenant_id, id, type, payload, occurred_at, seq FROM kept
       UNION ALL
       SELECT m.tenant_id, m.id, m.type, m.payload, m.occurred_at, m.seq
       FROM changes c JOIN messages m ON m.tenant_id = c.tenant_id AND m.id = c.id AND m.type = 'tier.changed'
     ), targets AS (
       SELECT b.tenant_id, b.id AS message_id, b.type, e.id AS endpoint_id,
         row_number() OVER (ORDER BY b.seq, e.id) <= $1 AS claimed
       FROM batch b JOIN webhook_endpoints e ON e.tenant_id = b.tenant_id AND e.status = 'enabled'
         AND e.deleted_at IS NULL AND (cardinality(e.event_types) = 0 OR b.type = ANY(e.event_types))
     ), made AS (
       INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, message_id, type, status, attempts, next_attempt_at,
         created_at)
       SELECT t.tenant_id, ${DELIVERY_ID_SQL}, t.endpoint_id, t.message_id, t.type, 'pending',
         CASE WHEN t.claimed THEN 1 ELSE 0 END,
         clock_timestamp() + CASE WHEN t.claimed THEN $2 ELSE 0 END * interval '1 millisecond', clock_timestamp()
       FROM targets t
       RETURNING tenant_id, id, endpoint_id, message_id, type, attempts
     ), done AS (
       UPDATE outbox o SET dispatched_at = clock_timestamp() FROM kept b
       WHERE o.tenant_id = b.tenant_id AND o.id = b.id RETURNING 1
     ), changes_done AS (
       UPDATE tier_changes o SET dispatched_at = clock_timestamp() FROM changes b
       WHERE o.tenant_id = b.tenant_id AND o.id = b.id RETURNING 1
     ), counts AS (
       SELECT ((SELECT count(*) FROM done) + (SELECT count(*) FROM changes_done))::int AS messages,
         (SELECT count(*) FROM made)::int AS made
     )
     SELECT counts.messages, counts.made, m.tenant_id, m.id, m.endpoint_id, m.message_id, m.type, m.attempts, e.url,
       e.secret, CASE WHEN e.previous_secret_expires_at > clock_timestamp() THEN e.previous_secret END AS previous_secret,
       b.payload, b.occurred_at
     FROM counts LEFT JOIN (made m
       JOIN webhook_endpoints e ON e.tenant_id = m.tenant_id AND e.id = m.endpoint_id
       JOIN batch b ON b.tenant_id = m.tenant_id AND b.id = m.message_id) ON m.attempts = 1`,
    [Math.max(0, Math.trunc(claimUpTo)), leaseMs],
  );
  const first = r.rows[0];
  return {
    messages: first?.messages ?? 0,
    made: first?.made ?? 0,
    claimed: r.rows.filter((x) => x.id !== null).map(toClaimed),
  };
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

interface ClaimedRow {
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
}

function toClaimed(x: ClaimedRow): Claimed {
  return {
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
  };
}

/** Claims up to `limit` due deliveries of enabled endpoints, leasing each for `leaseMs`. */
export async function claim(db: Db, limit: number, leaseMs: number): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const r = await db.query<ClaimedRow>(
    `WITH due AS (
       SELECT d.tenant_id, d.id FROM webhook_deliveries d
       WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
       ORDER BY d.next_attempt_at LIMIT ${Math.trunc(limit)} FOR UPDATE SKIP LOCKED
     )
     UPDATE webhook_deliveries d
     SET attempts = d.attempts + 1, next_attempt_at = clock_timestamp() + $1 * interval '1 millisecond'
     FROM due, webhook_endpoints e, messages o
     WHERE d.tenant_id = due.tenant_id AND d.id = due.id
       AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id AND e.status = 'enabled'
       AND o.tenant_id = d.tenant_id AND o.id = d.message_id
     RETURNING d.tenant_id, d.id, d.endpoint_id, d.message_id, d.type, d.attempts, e.url, e.secret,
       CASE WHEN e.previous_secret_expires_at > clock_timestamp() THEN e.previous_secret END AS previous_secret,
       o.payload, o.occurred_at`,
    [leaseMs],
  );
  return r.rows.map(toClaimed);
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

/** Keep-alive connections, pooled per endpoint (per origin: host and port), at most `socketsPerEndpoint` each. */
export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function newAgents(socketsPerEndpoint: number): Agents {
  const o = { keepAlive: true, maxSockets: socketsPerEndpoint, maxFreeSockets: socketsPerEndpoint };
  return { http: new HttpAgent(o), https: new HttpsAgent(o) };
}

/**
 * One attempt: a POST with the signed headers over the endpoint's kept-alive connections; redirects are not
 * followed, the answer's body is cut short. The timeout covers the wait for a connection, the answer and its body.
 */
export function send(
  c: Claimed,
  o: Pick<Options, "timeoutMs" | "responseBodyChars"> & { agents: Agents },
): Promise<AttemptResult> {
  const body = messageBody(c);
  const started = performance.now();
  const result = (statusCode: number | null, error: string | null, responseBody: string | null) => ({
    statusCode,
    latencyMs: Math.round(performance.now() - started),
    error,
    responseBody,
  });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(c.url);
    } catch {
      return resolve(result(null, `not a URL: ${c.url}`, null));
    }
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      return resolve(result(null, `not http(s): ${url.protocol}`, null));
    let timedOut = false;
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: "POST",
        agent: secure ? o.agents.https : o.agents.http,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Patron-Webhooks/0.1",
          ...signedHeaders(c.secrets, c.messageId, Math.floor(Date.now() / 1000), body),
        },
      },
      (res) => {
        res.setEncoding("utf8");
        let text = "";
        res.on("data", (chunk: string) => {
          text += chunk;
          // Enough kept: the rest is not read (the connection is dropped rather than drained).
          if (text.length >= o.responseBodyChars) res.destroy();
        });
        const finish = () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (timedOut) return resolve(result(null, `timed out after ${o.timeoutMs} ms`, null));
          const ok = status >= 200 && status < 300;
          resolve(result(status, ok ? null : `HTTP ${status}`, text.slice(0, o.responseBodyChars)));
        };
        res.on("end", finish);
        res.on("close", finish);
        res.on("error", () => undefined);
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error(`timed out after ${o.timeoutMs} ms`));
    }, o.timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      resolve(result(null, e.message, null));
    });
    req.end(body);
  });
}

/** What recording an attempt needs to know of the worker's options. */
export interface RecordRules {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  disableAfterFailures: number;
  disableAfterMs: number;
}

/** An attempt made and not yet recorded. */
export interface Finished {
  claimed: Claimed;
  result: AttemptResult;
}

const succeeded = (a: AttemptResult) => a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;

/**
 * Records finished attempts and what follows from them, all in one statement: each attempt in the log, its
 * delivery done, rescheduled or given up, and each endpoint's run of failures (counted in the order the
 * attempts are given). A set with a failure runs in a transaction with the disabling of any endpoint whose run
 * is now long enough in count and in time, so the notice is written with the failure that caused it.
 */
export async function record(db: Db, finished: readonly Finished[], o: RecordRules): Promise<void> {
  if (finished.length === 0) return;
  const rows = finished.map(({ claimed: c, result: a }, seq) => {
    const ok = succeeded(a);
    return {
      seq,
      tenant_id: c.tenantId,
      id: c.id,
      endpoint_id: c.endpointId,
      attempt: c.attempt,
      status_code: a.statusCode,
      latency_ms: a.latencyMs,
      error: a.error,
      response_body: a.responseBody,
      ok,
      last: !ok && c.attempt >= o.maxAttempts,
      backoff_ms: ok ? 0 : backoffMs(c.attempt, o.retryBaseMs, o.retryMaxMs),
    };
  });
  const params = [JSON.stringify(rows), o.disableAfterMs];
  if (rows.every((r) => r.ok)) {
    await db.query(RECORD_SQL, params);
    return;
  }
  await db.transaction(async (tx) => {
    const r = await tx.query<{ tenant_id: string; id: string; failures: number; long_enough: boolean }>(
      RECORD_SQL,
      params,
    );
    const now = new Date();
    for (const e of r.rows)
      if (e.failures >= o.disableAfterFailures && e.long_enough)
        await disableFailing(tx, e.tenant_id, e.id, e.failures, now);
  });
}

/**
 * $1: the attempts (jsonb), $2: how long a run of failures must last to disable. Returns the endpoints whose
 * run of failures grew. Only endpoints with a failure, or a success ending a run, are touched (and locked, in
 * key order, so that two processes recording for the same endpoints queue rather than deadlock).
 */
const RECORD_SQL = `WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(seq int, tenant_id text, id text, endpoint_id text, attempt int,
      status_code int, latency_ms int, error text, response_body text, ok boolean, last boolean, backoff_ms bigint)
  ), logged AS (
    INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, at, status_code, latency_ms, error, response_body)
    SELECT tenant_id, id, attempt, clock_timestamp(), status_code, latency_ms, error, response_body FROM r
    ON CONFLICT DO NOTHING
  ), moved AS (
    UPDATE webhook_deliveries d SET
      status = CASE WHEN r.ok THEN 'succeeded' WHEN r.last THEN 'failed' ELSE 'pending' END,
      delivered_at = CASE WHEN r.ok THEN clock_timestamp() ELSE d.delivered_at END,
      next_attempt_at = CASE WHEN r.ok OR r.last THEN NULL
        ELSE clock_timestamp() + r.backoff_ms * interval '1 millisecond' END,
      last_status_code = r.status_code, last_error = r.error
    FROM r WHERE d.tenant_id = r.tenant_id AND d.id = r.id AND d.status = 'pending'
  ), runs AS (
    SELECT tenant_id, endpoint_id, max(seq) FILTER (WHERE ok) AS last_ok,
      count(*) FILTER (WHERE NOT ok) AS failures
    FROM r GROUP BY tenant_id, endpoint_id
  ), tails AS (
    SELECT runs.tenant_id, runs.endpoint_id, runs.last_ok,
      (SELECT count(*) FROM r WHERE r.tenant_id = runs.tenant_id AND r.endpoint_id = runs.endpoint_id
         AND NOT r.ok AND r.seq > coalesce(runs.last_ok, -1))::int AS tail
    FROM runs
  ), locked AS (
    SELECT e.tenant_id, e.id, t.last_ok, t.tail FROM webhook_endpoints e
    JOIN tails t ON e.tenant_id = t.tenant_id AND e.id = t.endpoint_id
    WHERE t.tail > 0 OR (t.last_ok IS NOT NULL AND e.consecutive_failures > 0)
    ORDER BY e.tenant_id, e.id FOR UPDATE OF e
  )
  UPDATE webhook_endpoints e SET
    consecutive_failures = CASE WHEN l.last_ok IS NULL THEN e.consecutive_failures + l.tail ELSE l.tail END,
    failing_since = CASE WHEN l.tail = 0 THEN NULL
      WHEN l.last_ok IS NULL THEN coalesce(e.failing_since, clock_timestamp()) ELSE clock_timestamp() END
  FROM locked l WHERE e.tenant_id = l.tenant_id AND e.id = l.id
  RETURNING e.tenant_id, e.id, e.consecutive_failures AS failures,
    e.failing_since <= clock_timestamp() - $2 * interval '1 millisecond' AS long_enough`;

/** How often a set of attempts is tried again when recording it failed (a deadlock, a lost connection). */
const RECORD_TRIES = 3;

export interface WebhookWorker {
  /** Finishes the attempts under way (recording them), and starts no more. */
  stop(): Promise<void>;
  /** Resolves once the worker listens (where it can), nothing is due and nothing is in flight (tests, benchmarks). */
  idle(): Promise<void>;
}

/** The channel the outbox's trigger notifies on each committed write (migration 0038). */
export const OUTBOX_CHANNEL = "patron_outbox";

/**
 * Runs the worker until stopped: dispatch, claim as many as there are free slots, send, record; repeat.
 * A committed outbox write wakes it at once; it also polls, for retries coming due and as a fallback.
 * Finished attempts are recorded together, one statement for all those that finished meanwhile.
 */
export function startWebhookWorker(db: Db, options: WorkerOptions = {}): WebhookWorker {
  const o = withDefaults(options);
  const agents = newAgents(o.socketsPerEndpoint);
  const sending = { ...o, agents };
  let stopped = false;
  /** Claimed and not yet recorded: the bound is `concurrency`. */
  let inFlight = 0;
  /** Whether the outbox may hold undispatched messages, and whether deliveries may be due. */
  let dispatchDue = true;
  let claimDue = true;
  let wake: (() => void) | null = null;
  let finished: Finished[] = [];
  let recording: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];
  let stoppedWaiters: (() => void)[] = [];
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  /** Waits for a nudge or `ms`; true when the time ran out. */
  const pause = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve(true);
      }, ms);
      wake = () => {
        clearTimeout(t);
        resolve(false);
      };
    });
  const settled = (n: number) => {
    inFlight -= n;
    if (inFlight === 0) {
      for (const w of stoppedWaiters) w();
      stoppedWaiters = [];
    }
    nudge();
  };
  const flush = () => {
    if (recording || finished.length === 0) return;
    const batch = finished;
    finished = [];
    recording = recordTrying(batch).finally(() => {
      recording = null;
      settled(batch.length);
      flush();
    });
  };
  const recordTrying = async (batch: Finished[]) => {
    for (let tries = 1; ; tries++) {
      try {
        return await record(db, batch, o);
      } catch (e) {
        // Left unrecorded, the attempts' leases run out and they are sent again: at least once still holds.
        if (tries >= RECORD_TRIES) return o.onError(e);
      }
    }
  };
  const fly = (c: Claimed) => {
    inFlight++;
    void send(c, sending)
      .catch(
        (e: unknown): AttemptResult => ({
          statusCode: null,
          latencyMs: 0,
          error: String(e),
          responseBody: null,
        }),
      )
      .then((result) => {
        finished.push({ claimed: c, result });
        flush();
      });
  };
  const step = async (): Promise<void> => {
    if (dispatchDue) {
      dispatchDue = false;
      const d = await dispatch(db, o.dispatchBatch, o.concurrency - inFlight, o.leaseMs);
      for (const c of d.claimed) fly(c);
      if (d.made > d.claimed.length) claimDue = true;
      if (d.messages >= o.dispatchBatch) dispatchDue = true;
    }
    const free = o.concurrency - inFlight;
    if (claimDue && free > 0) {
      claimDue = false;
      const claimed = await claim(db, free, o.leaseMs);
      for (const c of claimed) fly(c);
      if (claimed.length >= free) claimDue = true;
    }
  };
  let listened = false;
  const listening = db.listen
    ? db
        .listen(OUTBOX_CHANNEL, () => {
          dispatchDue = true;
          nudge();
        })
        .then((stop) => {
          listened = true;
          return stop;
        })
        .catch((e: unknown) => {
          o.onError(e);
          return null;
        })
    : Promise.resolve(null);
  const loop = async () => {
    while (!stopped) {
      let failed = false;
      try {
        await step();
      } catch (e) {
        o.onError(e);
        // Tried again after a pause, not at once: a database that is down is not hammered.
        failed = true;
        dispatchDue = true;
        claimDue = true;
      }
      if (!failed && !dispatchDue && !claimDue && inFlight === 0) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
      }
      if (stopped) break;
      const canWork = !failed && (dispatchDue || (claimDue && inFlight < o.concurrency));
      if (!canWork && (await pause(listened ? o.listenedPollMs : o.pollMs))) {
        dispatchDue = true;
        claimDue = true;
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      nudge();
      await running;
      if (inFlight > 0) await new Promise<void>((resolve) => stoppedWaiters.push(resolve));
      const unlisten = await listening;
      await unlisten?.();
      agents.http.destroy();
      agents.https.destroy();
    },
    idle() {
      // Once listening too: a test's or a benchmark's commit right after must be heard.
      return listening.then(
        () =>
          new Promise<void>((resolve) => {
            idleWaiters.push(resolve);
            nudge();
          }),
      );
    },
  };
}
