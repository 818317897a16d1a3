// Webhooks end to end: changes write their messages in their own transaction, the worker delivers them signed
// (checked with the standardwebhooks library), retries with backoff until the receiver answers, survives a
// worker that dies, disables an endpoint that keeps failing, and one tenant never sees another's.
import { readFileSync } from "node:fs";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { parseDay } from "@patron/engine";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { expireDue } from "../../jobs/daily.ts";
import { reevaluateTiers } from "../../jobs/tiers.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { expireHolds } from "../redemptions/service.ts";
import { type Receiver, startReceiver, until } from "./testing.ts";
import {
  backoffMs,
  claim,
  dispatch,
  record,
  startWebhookWorker,
  type WebhookWorker,
  WORKER_DEFAULTS,
  type WorkerOptions,
} from "./worker.ts";

const TOKEN = "bootstrap-token-for-tests";
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
  disabledReason: string | null;
  disabledBy: "worker" | "user" | null;
  secret: string | null;
  consecutiveFailures: number;
  previousSecretExpiresAt: string | null;
}
interface Delivery {
  id: string;
  endpointId: string;
  messageId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  attemptLog: {
    attempt: number;
    statusCode: number | null;
    latencyMs: number;
    responseBody: string | null;
  }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let manager: string;
let finance: string;
let other: string;
let receiver: Receiver;
let worker: WebhookWorker | null = null;
let orders = 0;

/** Retries a millisecond or so apart: the schedule's shape is tested on its own. */
const FAST: WorkerOptions = {
  retryBaseMs: 1,
  retryMaxMs: 5,
  pollMs: 10,
  timeoutMs: 5_000,
  onError: () => undefined,
};

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-10T09:00:00Z") });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  other = (await bootstrap(app, "other", TOKEN)).ownerKey;
  manager = await keyWithRole(app, owner, "program_manager");
  finance = await keyWithRole(app, owner, "finance");
  for (const key of [owner, other])
    expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(
      201,
    );
  receiver = await startReceiver();
}, 120_000);

afterEach(async () => {
  await worker?.stop();
  worker = null;
  receiver.answer = () => 204;
  const left = await call<{ data: { id: string }[] }>(app, "GET", "/v1/webhooks/endpoints", { key: owner });
  for (const e of left.body.data) await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: owner });
});

afterAll(async () => {
  await receiver.close();
  await t.drop();
});

async function endpoint(body: Record<string, unknown>, key = manager): Promise<Endpoint> {
  const r = await call<Endpoint & ErrorAnswer>(app, "POST", "/v1/webhooks/endpoints", { key, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function order(companyId: string, unitPrice = "10000.00", key = owner) {
  orders++;
  const r = await call<{ eventId: string; result: { pointsEarned: number } }>(app, "POST", "/v1/events", {
    key,
    body: {
      type: "order",
      orderId: `O${orders}`,
      date: "2026-03-01",
      companyId,
      lines: [{ sku: "A", quantity: 1, unitPrice }],
    },
  });
  expect(r.status).toBe(201);
  return { orderId: `O${orders}`, ...r.body };
}

async function messages(type: string, tenant = "acme") {
  const r = await t.db.query<{ id: string; payload: Record<string, unknown> }>(
    "SELECT id, payload FROM messages WHERE tenant_id = $1 AND type = $2 ORDER BY seq",
    [tenant, type],
  );
  return r.rows;
}

/** Each endpoint gets its own path on the shared receiver. */
function pathOf(name: string): string {
  return `${receiver.url}/${name}`;
}

describe("the outbox", () => {
  it("is written in the change's transaction: an order's messages, none for a refused event", async () => {
    const before = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox")).rows[0]?.n;
    const refused = await call(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "return",
        orderId: "nope",
        date: "2026-03-02",
        lines: [{ sku: "A", quantity: 1, unitPrice: "1.00" }],
      },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox")).rows[0]?.n).toBe(
      before,
    );
    const o = await order("OUT1");
    expect((await messages("member.created")).map((m) => m.payload.memberId)).toContain("OUT1");
    const earned = (await messages("points.earned")).find((m) => m.payload.orderId === o.orderId);
    expect(earned?.payload).toMatchObject({
      memberId: "OUT1",
      points: o.result.pointsEarned,
      eventId: o.eventId,
    });
    // Sent again, the order changes nothing and says nothing new.
    const n = (await messages("points.earned")).length;
    const again = await call(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "order",
        orderId: o.orderId,
        date: "2026-03-01",
        companyId: "OUT1",
        lines: [{ sku: "A", quantity: 1, unitPrice: "10000.00" }],
      },
    });
    expect(again.status).toBe(200);
    expect((await messages("points.earned")).length).toBe(n);
  });

  it("holds, captures, spending, returns, adjustments, expiry and hold expiry each say what happened", async () => {
    await order("OUT2", "50000.00"); // 500 points
    const hold = await call<{ id: string }>(app, "POST", "/v1/redemptions", {
      key: owner,
      body: { memberId: "OUT2", points: 100 },
    });
    expect((await messages("hold.created")).map((m) => m.payload.holdId)).toContain(hold.body.id);
    orders++;
    const captured = await call(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "order",
        orderId: `O${orders}`,
        date: "2026-03-02",
        companyId: "OUT2",
        holdId: hold.body.id,
        lines: [{ sku: "A", quantity: 1, unitPrice: "1000.00" }],
      },
    });
    expect(captured.status).toBe(201);
    expect(
      (await messages("redemption.captured")).find((m) => m.payload.holdId === hold.body.id)?.payload,
    ).toMatchObject({ memberId: "OUT2", points: 100, orderId: `O${orders}` });
    expect(
      (await messages("points.spent")).find((m) => m.payload.orderId === `O${orders}`)?.payload.points,
    ).toBe(100);
    const cancelled = await call<{ id: string }>(app, "POST", "/v1/redemptions", {
      key: owner,
      body: { memberId: "OUT2", points: 50 },
    });
    await call(app, "POST", `/v1/redemptions/${cancelled.body.id}/cancel`, { key: owner });
    expect((await messages("hold.cancelled")).map((m) => m.payload.holdId)).toContain(cancelled.body.id);
    const lapsing = await call<{ id: string }>(app, "POST", "/v1/redemptions", {
      key: owner,
      body: { memberId: "OUT2", points: 20, expiresInMinutes: 1 },
    });
    await expireHolds(t.db, "acme", new Date("2026-03-11T00:00:00Z"));
    expect((await messages("hold.expired")).map((m) => m.payload.holdId)).toContain(lapsing.body.id);
    const ret = await call(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "return",
        externalId: "R-OUT2",
        orderId: `O${orders - 1}`,
        date: "2026-03-03",
        lines: [{ sku: "A", quantity: 1, unitPrice: "50000.00" }],
      },
    });
    expect(ret.status).toBe(201);
    expect(
      (await messages("points.reversed")).find((m) => m.payload.memberId === "OUT2")?.payload,
    ).toMatchObject({
      kind: "return",
      points: 500,
    });
    const adj = await call<{ id: string }>(app, "POST", "/v1/members/OUT2/adjustments", {
      key: owner,
      body: { points: 300, reason: "goodwill", expiresOn: "2026-03-15" },
    });
    // The credit repays the debt the return left first; what is left of it is a lot that expires.
    const lot = await t.db.query<{ remaining: string }>(
      "SELECT remaining::text FROM lots WHERE tenant_id = 'acme' AND source = $1",
      [`adjustment:${adj.body.id}`],
    );
    const lapsingPoints = Number(lot.rows[0]?.remaining);
    expect(lapsingPoints).toBeGreaterThan(0);
    expect(
      (await messages("adjustment.applied")).find((m) => m.payload.adjustmentId === adj.body.id)?.payload,
    ).toMatchObject({
      memberId: "OUT2",
      points: 300,
    });
    await t.db.transaction((tx) => expireDue(tx, "acme", parseDay("2026-03-20") as never));
    expect(
      (await messages("points.expired")).find((m) => m.payload.memberId === "OUT2")?.payload,
    ).toMatchObject({
      points: lapsingPoints,
      expiredBefore: "2026-03-20",
    });
  });
});

describe("delivery", () => {
  it("signs every message as Standard Webhooks: the library verifies it, and refuses a tampered body", async () => {
    const e = await endpoint({ url: pathOf("signed"), eventTypes: ["points.earned"] });
    expect(e.secret).toMatch(/^whsec_/);
    receiver.answer = () => 200;
    const o = await order("SIG1");
    worker = startWebhookWorker(t.db, FAST);
    await until(() => receiver.received.some((r) => r.body.includes(`"orderId":"${o.orderId}"`)));
    const got = receiver.received.find((r) => r.body.includes(`"orderId":"${o.orderId}"`));
    if (!got) throw new Error("not received");
    const headers = {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    };
    const verified = new Webhook(e.secret as string).verify(got.body, headers) as {
      type: string;
      data: { points: number; memberId: string };
    };
    expect(verified.type).toBe("points.earned");
    expect(verified.data).toMatchObject({ memberId: "SIG1", points: o.result.pointsEarned });
    const tampered = got.body.replace(
      `"points":${o.result.pointsEarned}`,
      `"points":${o.result.pointsEarned + 1}`,
    );
    expect(tampered).not.toBe(got.body);
    expect(() => new Webhook(e.secret as string).verify(tampered, headers)).toThrow();
    // Only the subscribed type went there: the member's creation did not.
    expect(
      receiver.received.some((r) => r.body.includes('"type":"member.created"') && r.body.includes("SIG1")),
    ).toBe(false);
    // The secret is shown once.
    const read = await call<Record<string, unknown>>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, {
      key: manager,
    });
    expect(read.body).not.toHaveProperty("secret");
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });

  it("during a rotation's overlap both secrets verify; with no overlap only the new one does", async () => {
    const e = await endpoint({ url: pathOf("rotated"), eventTypes: ["member.created"] });
    const rotated = await call<Endpoint>(app, "POST", `/v1/webhooks/endpoints/${e.id}/rotate-secret`, {
      key: manager,
      body: { overlapMinutes: 60 },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(e.secret);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    worker = startWebhookWorker(t.db, FAST);
    await order("ROT1");
    const find = () => receiver.received.find((r) => r.body.includes('"memberId":"ROT1"'));
    await until(() => find() !== undefined);
    const got = find() as (typeof receiver.received)[number];
    const headers = got.headers as Record<string, string>;
    expect(String(headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() => new Webhook(e.secret as string).verify(got.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret as string).verify(got.body, headers)).not.toThrow();
    const again = await call<Endpoint>(app, "POST", `/v1/webhooks/endpoints/${e.id}/rotate-secret`, {
      key: manager,
      body: { overlapMinutes: 0 },
    });
    await order("ROT2");
    const find2 = () => receiver.received.find((r) => r.body.includes('"memberId":"ROT2"'));
    await until(() => find2() !== undefined);
    const got2 = find2() as (typeof receiver.received)[number];
    const headers2 = got2.headers as Record<string, string>;
    expect(() => new Webhook(again.body.secret as string).verify(got2.body, headers2)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret as string).verify(got2.body, headers2)).toThrow();
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });

  it("a receiver that fails three times then recovers gets the message, acknowledged once, after four attempts", async () => {
    const e = await endpoint({ url: pathOf("flaky"), eventTypes: ["points.earned"] });
    const seen = new Map<string, number>();
    receiver.answer = ({ headers }) => {
      const id = String(headers["webhook-id"]);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n <= 3 ? 503 : 200;
    };
    const o = await order("FLAKY1");
    worker = startWebhookWorker(t.db, FAST);
    const list = async () =>
      (
        await call<{ data: Delivery[] }>(app, "GET", "/v1/webhooks/deliveries", {
          key: manager,
          headers: {},
        })
      ).body.data.filter((d) => d.endpointId === e.id);
    await until(async () => (await list()).some((d) => d.status === "succeeded"));
    const [d] = await list();
    if (!d) throw new Error("no delivery");
    expect(d).toMatchObject({ status: "succeeded", attempts: 4, lastStatusCode: 200, type: "points.earned" });
    const detail = await call<Delivery>(app, "GET", `/v1/webhooks/deliveries/${d.id}`, { key: manager });
    expect(detail.body.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 503, 200]);
    // The failed answers' bodies are kept, cut short.
    expect(detail.body.attemptLog[0]?.responseBody?.length).toBe(1024);
    const hits = receiver.received.filter((r) => r.headers["webhook-id"] === d.messageId);
    expect(hits.map((h) => h.status)).toEqual([503, 503, 503, 200]);
    expect(hits.filter((h) => h.status === 200)).toHaveLength(1);
    expect(JSON.parse(hits[3]?.body ?? "{}").data.orderId).toBe(o.orderId);
    // A healthy answer clears the endpoint's run of failures.
    const after = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
    expect(after.body.consecutiveFailures).toBe(0);
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });

  it("a committed message wakes the worker at once rather than at its next poll", async () => {
    await endpoint({ url: pathOf("woken"), eventTypes: ["points.earned"] });
    worker = startWebhookWorker(t.db, { ...FAST, pollMs: 600_000 });
    await worker.idle();
    const o = await order("WAKE1");
    // Far sooner than the poll: only the commit's notice can have woken it.
    await until(() => receiver.received.some((r) => r.body.includes(`"orderId":"${o.orderId}"`)), 10_000);
  });

  it("an endpoint that never answers is cut off at the timeout, logged as such, and retried", async () => {
    // A server that takes connections and never answers them.
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const e = await endpoint({ url: `http://127.0.0.1:${port}/hooks`, eventTypes: ["points.earned"] });
      await order("SILENT1");
      worker = startWebhookWorker(t.db, {
        ...FAST,
        timeoutMs: 300,
        leaseMs: 5_000,
        retryBaseMs: 60_000,
        retryMaxMs: 60_000,
      });
      const rows = () =>
        t.db.query<{ attempts: number; last_error: string | null; latency_ms: number }>(
          `SELECT d.attempts, d.last_error, a.latency_ms FROM webhook_deliveries d
           JOIN webhook_attempts a ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id
           WHERE d.tenant_id = 'acme' AND d.endpoint_id = $1`,
          [e.id],
        );
      await until(async () => (await rows()).rows.length > 0, 10_000);
      const [row] = (await rows()).rows;
      expect(row).toMatchObject({ attempts: 1, last_error: "timed out after 300 ms" });
      expect(row?.latency_ms).toBeGreaterThanOrEqual(290);
      const d = await t.db.query<{ status: string }>(
        "SELECT status FROM webhook_deliveries WHERE tenant_id = 'acme' AND endpoint_id = $1",
        [e.id],
      );
      // Due again later, not given up.
      expect(d.rows[0]?.status).toBe("pending");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("attempts recorded together keep each delivery's outcome and the endpoint's run of failures in order", async () => {
    const e = await endpoint({ url: pathOf("together"), eventTypes: ["points.earned"] });
    for (const c of ["TOG1", "TOG2", "TOG3", "TOG4"]) await order(c);
    await dispatch(t.db);
    const claimed = (await claim(t.db, 100, 60_000)).filter((c) => c.endpointId === e.id);
    expect(claimed).toHaveLength(4);
    const answer = (statusCode: number) => ({ statusCode, latencyMs: 1, error: null, responseBody: "" });
    // A failure, a success that ends the run, then two failures: the run is the last two.
    const codes = [503, 200, 503, 500];
    await record(
      t.db,
      claimed.map((c, i) => ({ claimed: c, result: answer(codes[i] as number) })),
      { ...WORKER_DEFAULTS, disableAfterFailures: 3, disableAfterMs: 0 },
    );
    const after = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
    expect(after.body).toMatchObject({ status: "enabled", consecutiveFailures: 2 });
    const rows = await t.db.query<{ id: string; status: string; last_status_code: number; logged: number }>(
      `SELECT d.id, d.status, d.last_status_code,
         (SELECT count(*) FROM webhook_attempts a WHERE a.tenant_id = d.tenant_id AND a.delivery_id = d.id)::int AS logged
       FROM webhook_deliveries d WHERE d.tenant_id = 'acme' AND d.endpoint_id = $1`,
      [e.id],
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(claimed.map((c) => byId.get(c.id))).toEqual(
      codes.map((code) =>
        expect.objectContaining({
          status: code === 200 ? "succeeded" : "pending",
          last_status_code: code,
          logged: 1,
        }),
      ),
    );
    // One more failure makes a run of three: the endpoint is disabled in the same recording.
    const [again] = claimed;
    await record(
      t.db,
      [{ claimed: { ...(again as (typeof claimed)[number]), attempt: 2 }, result: answer(502) }],
      {
        ...WORKER_DEFAULTS,
        disableAfterFailures: 3,
        disableAfterMs: 0,
      },
    );
    const off = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
    expect(off.body).toMatchObject({ status: "disabled", disabledBy: "worker", consecutiveFailures: 3 });
  });

  it("a crash between commit and delivery loses nothing: the message waits, and a worker that dies mid-send is covered", async () => {
    const e = await endpoint({ url: pathOf("crash"), eventTypes: ["points.earned"] });
    // Committed while no worker runs: the message is in the outbox, undelivered.
    const o = await order("CRASH1");
    const row = await t.db.query<{ id: string; dispatched_at: unknown }>(
      "SELECT id, dispatched_at FROM outbox WHERE tenant_id = 'acme' AND type = 'points.earned' AND payload->>'orderId' = $1",
      [o.orderId],
    );
    expect(row.rows[0]?.dispatched_at).toBeNull();
    const messageId = row.rows[0]?.id as string;
    // A first worker dispatches and claims it, then dies before sending (its lease is short).
    const first = startWebhookWorker(t.db, { ...FAST, concurrency: 0 });
    await until(async () => {
      const r = await t.db.query(
        "SELECT 1 FROM webhook_deliveries WHERE tenant_id = 'acme' AND message_id = $1",
        [messageId],
      );
      return r.rows.length > 0;
    });
    await first.stop();
    const claimed = await claim(t.db, 100, 1_500);
    expect(claimed.map((c) => c.messageId)).toContain(messageId);
    // A new worker delivers it once the lease has run out.
    worker = startWebhookWorker(t.db, { ...FAST, timeoutMs: 1_000, leaseMs: 1_500 });
    await until(() => receiver.received.some((r) => r.headers["webhook-id"] === messageId));
    await until(async () => {
      const r = await t.db.query<{ status: string; attempts: number }>(
        "SELECT status, attempts FROM webhook_deliveries WHERE tenant_id = 'acme' AND message_id = $1",
        [messageId],
      );
      return r.rows[0]?.status === "succeeded";
    });
    const r = await t.db.query<{ attempts: number }>(
      "SELECT attempts FROM webhook_deliveries WHERE tenant_id = 'acme' AND message_id = $1",
      [messageId],
    );
    // The lost attempt counts: attempt 1 died with its worker, attempt 2 arrived.
    expect(r.rows[0]?.attempts).toBe(2);
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });

  it("an endpoint that keeps failing is disabled, audited, and announced to the other endpoints", async () => {
    const watcher = await endpoint({ url: pathOf("watcher"), eventTypes: ["endpoint.disabled"] });
    const dead = await endpoint({ url: pathOf("dead"), eventTypes: ["points.earned"] });
    // The dead endpoint's messages are refused; the watcher's are taken.
    receiver.answer = (req) =>
      req.body.includes('"type":"points.earned"') && req.body.includes("DEAD") ? 500 : 200;
    await order("DEAD1");
    worker = startWebhookWorker(t.db, {
      ...FAST,
      disableAfterFailures: 3,
      disableAfterMs: 0,
      maxAttempts: 50,
    });
    await until(async () => {
      const r = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${dead.id}`, { key: manager });
      return r.body.status === "disabled";
    });
    const d = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${dead.id}`, { key: manager });
    expect(d.body.disabledReason).toMatch(/3 failed attempts in a row/);
    expect(d.body.disabledBy).toBe("worker");
    const audit = await call<{ data: { action: string; target: string; actor: string }[] }>(
      app,
      "GET",
      "/v1/audit-log",
      {
        key: owner,
        headers: {},
      },
    );
    expect(audit.body.data).toContainEqual(
      expect.objectContaining({
        action: "webhook_endpoint.disable",
        target: dead.id,
        actor: "system:webhooks",
      }),
    );
    await until(() =>
      receiver.received.some(
        (r) => r.body.includes('"type":"endpoint.disabled"') && r.body.includes(dead.id),
      ),
    );
    const pending = await call<{ data: Delivery[] }>(app, "GET", "/v1/webhooks/deliveries", {
      key: manager,
      headers: {},
    });
    expect(pending.body.data.filter((x) => x.endpointId === dead.id && x.status === "pending")).toEqual([]);
    // Turned back on and replayed, the message goes through.
    const failed = pending.body.data.find((x) => x.endpointId === dead.id) as Delivery;
    receiver.answer = () => 200;
    const on = await call<Endpoint>(app, "PATCH", `/v1/webhooks/endpoints/${dead.id}`, {
      key: manager,
      body: { status: "enabled", comment: "fixed their server" },
    });
    expect(on.body).toMatchObject({
      status: "enabled",
      consecutiveFailures: 0,
      disabledReason: null,
      disabledBy: null,
    });
    const replay = await call<Delivery>(app, "POST", `/v1/webhooks/deliveries/${failed.id}/replay`, {
      key: manager,
      body: {},
    });
    expect(replay.status).toBe(201);
    await until(async () => {
      const r = await call<Delivery>(app, "GET", `/v1/webhooks/deliveries/${replay.body.id}`, {
        key: manager,
      });
      return r.body.status === "succeeded";
    });
    for (const x of [watcher, dead])
      await call(app, "DELETE", `/v1/webhooks/endpoints/${x.id}`, { key: manager });
  });

  it("an endpoint disabled by hand says a person did it, whatever its reason reads; enabling clears it", async () => {
    const e = await endpoint({ url: pathOf("by-hand"), eventTypes: ["points.earned"] });
    expect(e.disabledBy).toBeNull();
    const off = await call<Endpoint>(app, "PATCH", `/v1/webhooks/endpoints/${e.id}`, {
      key: manager,
      body: { status: "disabled", comment: "their server moves" },
    });
    expect(off.body).toMatchObject({ status: "disabled", disabledBy: "user" });
    // The column, not the wording, says who: a reason reworded later changes nothing.
    await t.db.query(
      "UPDATE webhook_endpoints SET disabled_reason = '3 failed attempts in a row' WHERE id = $1",
      [e.id],
    );
    const read = await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
    expect(read.body.disabledBy).toBe("user");
    // A second disable keeps who did it first; enabling clears it.
    await call(app, "PATCH", `/v1/webhooks/endpoints/${e.id}`, {
      key: manager,
      body: { status: "disabled" },
    });
    expect(
      (await call<Endpoint>(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: manager })).body.disabledBy,
    ).toBe("user");
    const on = await call<Endpoint>(app, "PATCH", `/v1/webhooks/endpoints/${e.id}`, {
      key: manager,
      body: { status: "enabled" },
    });
    expect(on.body).toMatchObject({ status: "enabled", disabledBy: null, disabledReason: null });
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
    const row = await t.db.query<{ disabled_by: string }>(
      "SELECT disabled_by FROM webhook_endpoints WHERE tenant_id = 'acme' AND id = $1",
      [e.id],
    );
    expect(row.rows[0]?.disabled_by).toBe("user");
  });

  it("a message can be sent again to every subscribed endpoint", async () => {
    const e = await endpoint({ url: pathOf("replayed"), eventTypes: ["member.created"] });
    const [m] = (await messages("member.created")).filter((x) => x.payload.memberId === "OUT1");
    if (!m) throw new Error("no message");
    const r = await call<{ data: Delivery[] }>(app, "POST", `/v1/webhooks/messages/${m.id}/replay`, {
      key: manager,
      body: { comment: "their CRM lost it" },
    });
    expect(r.status).toBe(201);
    expect(r.body.data.map((d) => d.endpointId)).toEqual([e.id]);
    worker = startWebhookWorker(t.db, FAST);
    await until(() => receiver.received.some((x) => x.headers["webhook-id"] === m.id));
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });

  it("a level change is its own tier.changed message: delivered, listed among the others, sent again", async () => {
    const e = await endpoint({ url: pathOf("levels"), eventTypes: ["tier.changed"] });
    receiver.answer = () => 200;
    // 400,000 on 1 March: Silver (from 300,000) when the rolling window takes the day in, on 2 March.
    const o = await order("LVL1", "400000.00");
    const day = parseDay("2026-03-02");
    if (day === null) throw new Error("bad day");
    await t.db.transaction((tx) => reevaluateTiers(tx, "acme", day));
    const change = await t.db.query<{ id: string; dispatched_at: Date | null }>(
      "SELECT id, dispatched_at FROM tier_changes WHERE tenant_id = 'acme' AND member_id = 'LVL1'",
    );
    const id = change.rows[0]?.id as string;
    expect(change.rows).toEqual([{ id: expect.stringMatching(/^tch_/), dispatched_at: null }]);
    // No outbox row says it a second time.
    expect(
      (await t.db.query("SELECT 1 FROM outbox WHERE tenant_id = 'acme' AND type = 'tier.changed'")).rows,
    ).toEqual([]);
    worker = startWebhookWorker(t.db, FAST);
    await until(() => receiver.received.some((r) => r.headers["webhook-id"] === id));
    const got = receiver.received.find((r) => r.headers["webhook-id"] === id);
    const sent = { memberId: "LVL1", from: "base", to: "silver", reason: "evaluation", date: "2026-03-02" };
    expect(JSON.parse(got?.body ?? "{}")).toMatchObject({ type: "tier.changed", data: sent });
    await worker.stop();
    worker = null;
    // Sent once: the change is marked dispatched and a second dispatch finds nothing to make.
    const after = await t.db.query<{ dispatched_at: Date | null }>(
      "SELECT dispatched_at FROM tier_changes WHERE tenant_id = 'acme' AND id = $1",
      [id],
    );
    expect(after.rows[0]?.dispatched_at).not.toBeNull();
    expect(await dispatch(t.db)).toMatchObject({ messages: 0, made: 0 });
    // Listed by type, and among the outbox's messages in the order they happened, a page at a time.
    type Page = { data: { id: string; type: string; payload: unknown }[]; nextCursor: string | null };
    const byType = await call<Page>(app, "GET", "/v1/webhooks/messages?type=tier.changed", { key: manager });
    expect(byType.body.data).toEqual([expect.objectContaining({ id, type: "tier.changed", payload: sent })]);
    const first = await call<Page>(app, "GET", "/v1/webhooks/messages?limit=1", { key: manager });
    expect(first.body.data.map((m) => m.id)).toEqual([id]);
    const next = await call<Page>(
      app,
      "GET",
      `/v1/webhooks/messages?limit=1&cursor=${first.body.nextCursor}`,
      {
        key: manager,
      },
    );
    expect(next.status).toBe(200);
    expect(next.body.data).toEqual([
      expect.objectContaining({
        type: "points.earned",
        payload: expect.objectContaining({ orderId: o.orderId }),
      }),
    ]);
    // Sent again on request, with its payload on the delivery.
    const replay = await call<{ data: Delivery[] }>(app, "POST", `/v1/webhooks/messages/${id}/replay`, {
      key: manager,
      body: { comment: "their CRM missed the upgrade" },
    });
    expect(replay.status).toBe(201);
    expect(replay.body.data).toEqual([expect.objectContaining({ endpointId: e.id, messageId: id })]);
    const d = await call<{ payload: unknown }>(
      app,
      "GET",
      `/v1/webhooks/deliveries/${replay.body.data[0]?.id}`,
      {
        key: manager,
      },
    );
    expect(d.body.payload).toEqual(sent);
    const before = receiver.received.filter((r) => r.headers["webhook-id"] === id).length;
    worker = startWebhookWorker(t.db, FAST);
    await until(() => receiver.received.filter((r) => r.headers["webhook-id"] === id).length === before + 1);
    // Another tenant sees none of it.
    expect(
      (await call(app, "POST", `/v1/webhooks/messages/${id}/replay`, { key: other, body: {} })).status,
    ).toBe(404);
    expect(
      JSON.stringify((await call(app, "GET", "/v1/webhooks/messages", { key: other })).body),
    ).not.toContain(id);
  });

  it("the message list pages through every message once, newest first by number", async () => {
    for (const c of ["PG1", "PG2", "PG3", "PG4"]) await order(c);
    const all = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE tenant_id = 'acme'",
    );
    expect(all.rows[0]?.n).toBeGreaterThan(12);
    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { seq: number }[]; nextCursor: string | null } } =
        await call(app, "GET", `/v1/webhooks/messages?limit=5${cursor === null ? "" : `&cursor=${cursor}`}`, {
          key: manager,
        });
      expect(page.status).toBe(200);
      seqs.push(...page.body.data.map((m) => m.seq));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seqs).toHaveLength(all.rows[0]?.n as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it("retries back off exponentially, with jitter, up to a cap", () => {
    expect(backoffMs(1, 5000, 36_000_000, () => 0.5)).toBe(5000);
    expect(backoffMs(2, 5000, 36_000_000, () => 0.5)).toBe(20_000);
    expect(backoffMs(3, 5000, 36_000_000, () => 0.5)).toBe(80_000);
    expect(backoffMs(20, 5000, 36_000_000, () => 0.5)).toBe(36_000_000);
    expect(backoffMs(1, 5000, 36_000_000, () => 0)).toBe(4000);
    expect(backoffMs(1, 5000, 36_000_000, () => 1)).toBe(6000);
  });
});

describe("the endpoints API", () => {
  it("refuses what is not an http(s) URL or an event type, naming the field", async () => {
    const bad = await call<ErrorAnswer>(app, "POST", "/v1/webhooks/endpoints", {
      key: manager,
      body: { url: "ftp://erp.example.com/in" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("url");
    const type = await call<ErrorAnswer>(app, "POST", "/v1/webhooks/endpoints", {
      key: manager,
      body: { url: "https://erp.example.com/in", eventTypes: ["points.stolen"] },
    });
    expect(type.status).toBe(422);
    expect(type.body.error.field).toBe("eventTypes[0]");
  });

  it("is for owners, admins and program managers; a replayed creation does not show the secret again", async () => {
    const refused = await call(app, "GET", "/v1/webhooks/endpoints", { key: finance });
    expect(refused.status).toBe(403);
    const body = { url: "https://erp.example.com/in", eventTypes: ["tier.changed"] };
    const first = await call<Endpoint>(app, "POST", "/v1/webhooks/endpoints", {
      key: owner,
      body,
      headers: { "idempotency-key": "hook-1" },
    });
    const again = await call<Endpoint>(app, "POST", "/v1/webhooks/endpoints", {
      key: owner,
      body,
      headers: { "idempotency-key": "hook-1" },
    });
    expect(first.body.secret).toMatch(/^whsec_/);
    expect(again.body).toEqual({ ...first.body, secret: null });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const audit = await call<{ data: { action: string; after: Record<string, unknown> }[] }>(
      app,
      "GET",
      "/v1/audit-log",
      {
        key: owner,
      },
    );
    const entry = audit.body.data.find((a) => a.action === "webhook_endpoint.create");
    expect(JSON.stringify(entry)).not.toContain("whsec_");
    await call(app, "DELETE", `/v1/webhooks/endpoints/${first.body.id}`, { key: owner });
  });

  it("one tenant sees none of another's endpoints, deliveries or messages", async () => {
    const e = await endpoint({ url: pathOf("mine"), eventTypes: ["member.created"] });
    await order("ISO1");
    worker = startWebhookWorker(t.db, FAST);
    await until(() => receiver.received.some((r) => r.body.includes('"memberId":"ISO1"')));
    const d = (
      await call<{ data: Delivery[] }>(app, "GET", "/v1/webhooks/deliveries", { key: manager })
    ).body.data.find((x) => x.endpointId === e.id) as Delivery;
    expect((await call(app, "GET", `/v1/webhooks/endpoints/${e.id}`, { key: other })).status).toBe(404);
    expect((await call(app, "GET", `/v1/webhooks/deliveries/${d.id}`, { key: other })).status).toBe(404);
    expect(
      (await call(app, "POST", `/v1/webhooks/deliveries/${d.id}/replay`, { key: other, body: {} })).status,
    ).toBe(404);
    expect(
      (await call(app, "POST", `/v1/webhooks/messages/${d.messageId}/replay`, { key: other, body: {} }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(app, "PATCH", `/v1/webhooks/endpoints/${e.id}`, {
          key: other,
          body: { status: "disabled" },
        })
      ).status,
    ).toBe(404);
    expect((await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: other })).status).toBe(404);
    const lists = [
      await call<{ data: unknown[] }>(app, "GET", "/v1/webhooks/endpoints", { key: other }),
      await call<{ data: unknown[] }>(app, "GET", "/v1/webhooks/deliveries", { key: other }),
      await call<{ data: unknown[] }>(app, "GET", "/v1/webhooks/messages", { key: other }),
    ];
    for (const l of lists) expect(JSON.stringify(l.body)).not.toMatch(/ISO1|mine|acme/);
    // The other tenant's own member makes a message only for the other tenant.
    await order("ISO2", "100.00", other);
    expect((await messages("member.created", "other")).map((m) => m.payload.memberId)).toContain("ISO2");
    await call(app, "DELETE", `/v1/webhooks/endpoints/${e.id}`, { key: manager });
  });
});
