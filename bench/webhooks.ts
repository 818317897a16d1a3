// The webhooks section of `npm run bench`: on a PostgreSQL server, the API and the delivery worker in one
// process (as `patron serve` runs them) and a local receiver. (1) Orders offered at a steady 500 a second, in
// batches (`POST /v1/events/batch`, 50 orders every 100 ms: single-order requests cannot reach 500/s on a small
// machine, see the server section): the lag from each message's commit to its arrival at the receiver,
// p50/p99/max, and the rate at which the orders were really taken in. (2) A backlog of messages written with the
// worker stopped, then drained: deliveries per second.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createApp, migrate, openServer, quoteIdent, startWebhookWorker } from "@patron/server";
import { startReceiver } from "../packages/server/src/modules/webhooks/testing.ts";

export interface WebhookBenchResult {
  database: string;
  ingest: {
    mode: string;
    targetPerSecond: number;
    seconds: number;
    sent: number;
    achievedPerSecond: number;
    errors: number;
  };
  lagMs: { delivered: number; p50: number; p99: number; max: number };
  drain: { messages: number; seconds: number; perSecond: number };
}

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export async function runWebhookBench(opts: {
  scale: number;
  serverUrl: string;
  log: (m: string) => void;
}): Promise<WebhookBenchResult> {
  const schema = `bench_hooks_${randomBytes(4).toString("hex")}`;
  const db = await openServer(opts.serverUrl, { schema, max: 20 });
  const receiver = await startReceiver();
  try {
    await migrate(db);
    const app = createApp({ db, bootstrapToken: "bench", log: () => {}, webDir: null });
    const boot = await app.request("/v1/tenants", {
      method: "POST",
      headers: { authorization: "Bearer bench", "content-type": "application/json" },
      body: JSON.stringify({ id: "bench", name: "Bench", owner: { email: "o@bench.example", name: "O" } }),
    });
    const key = ((await boot.json()) as { apiKey: { secret: string } }).apiKey.secret;
    const post = async (path: string, body: unknown): Promise<Response> =>
      app.request(path, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("/v1/programs", { definition: PROGRAM });
    await post("/v1/webhooks/endpoints", { url: receiver.url, eventTypes: ["points.earned"] });
    const order = (n: number) => ({
      type: "order",
      orderId: `B${n}`,
      date: "2026-03-01",
      companyId: `C${n % 500}`,
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "1000.00" }],
    });
    // Members exist before timing starts, so each order is a steady-state order.
    for (let c = 0; c < 500; c += 100)
      await post("/v1/events/batch", {
        events: Array.from({ length: 100 }, (_, i) => order(1_000_000 + c + i)),
      });

    const rate = 500;
    const seconds = Math.max(5, Math.round(20 * opts.scale));
    const lags: number[] = [];
    receiver.answer = ({ body }) => {
      const sent = Date.parse((JSON.parse(body) as { timestamp: string }).timestamp);
      lags.push(Date.now() - sent);
      return 204;
    };
    receiver.received.length = 0;
    const worker = startWebhookWorker(db, { pollMs: 20, onError: (e) => opts.log(`worker: ${String(e)}`) });
    const tickMs = 100;
    const perTick = (rate * tickMs) / 1000;
    const mode = `batched: ${perTick} orders per request every ${tickMs} ms`;
    opts.log(`webhooks: ${rate} orders/s offered for ${seconds} s (${mode})`);
    let sent = 0;
    let taken = 0;
    let errors = 0;
    const started = performance.now();
    let lastDone = started;
    const inflight = new Set<Promise<void>>();
    for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
      const due = started + tick * tickMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const events = Array.from({ length: perTick }, () => order(sent++));
      const p = post("/v1/events/batch", { events })
        .then(async (r) => {
          const body = (await r.json()) as { taken?: number };
          const ok = r.status === 200 || r.status === 201 ? (body.taken ?? 0) : 0;
          taken += ok;
          errors += events.length - ok;
          lastDone = performance.now();
        })
        .catch(() => {
          errors += events.length;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all([...inflight]);
    const elapsed = (lastDone - started) / 1000;
    const deadline = Date.now() + 60_000;
    while (lags.length < sent - errors && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    const sorted = [...lags].sort((a, b) => a - b);

    // A backlog written while no worker runs, then drained.
    const backlog = Math.max(2000, Math.round(20_000 * opts.scale));
    opts.log(`webhooks: a backlog of ${backlog} messages`);
    for (let i = 0; i < backlog; i += 1000)
      await post("/v1/events/batch", {
        events: Array.from({ length: Math.min(1000, backlog - i) }, (_, k) => order(2_000_000 + i + k)),
      });
    const before = lags.length;
    receiver.answer = () => {
      lags.push(0);
      return 204;
    };
    const drainStart = performance.now();
    const drainer = startWebhookWorker(db, { pollMs: 20, onError: (e) => opts.log(`worker: ${String(e)}`) });
    const drainDeadline = Date.now() + 300_000;
    while (lags.length - before < backlog && Date.now() < drainDeadline)
      await new Promise((r) => setTimeout(r, 20));
    const drainSeconds = (performance.now() - drainStart) / 1000;
    await drainer.stop();
    return {
      database: "PostgreSQL server",
      ingest: {
        mode,
        targetPerSecond: rate,
        seconds,
        sent,
        achievedPerSecond: Math.round(taken / elapsed),
        errors,
      },
      lagMs: {
        delivered: sorted.length,
        p50: pct(sorted, 0.5),
        p99: pct(sorted, 0.99),
        max: sorted.at(-1) ?? 0,
      },
      drain: {
        messages: lags.length - before,
        seconds: Number(drainSeconds.toFixed(2)),
        perSecond: Math.round((lags.length - before) / drainSeconds),
      },
    };
  } finally {
    await receiver.close();
    await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

export function formatWebhookReport(r: WebhookBenchResult): string {
  return [
    "",
    `## Webhooks (${r.database})`,
    `ingestion (${r.ingest.mode}): ${r.ingest.sent} orders offered over ${r.ingest.seconds} s, taken in at ${r.ingest.achievedPerSecond}/s (offered ${r.ingest.targetPerSecond}/s), ${r.ingest.errors} errors`,
    `commit → delivery lag over ${r.lagMs.delivered} messages: p50 ${r.lagMs.p50} ms, p99 ${r.lagMs.p99} ms, max ${r.lagMs.max} ms (goal p99 < 1000 ms)`,
    `backlog drained: ${r.drain.messages} messages in ${r.drain.seconds} s, ${r.drain.perSecond} deliveries/s`,
    "",
  ].join("\n");
}
