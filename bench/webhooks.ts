// The webhooks section of `npm run bench`: on a PostgreSQL server, the API and the delivery worker in one
// process (as `patron serve` runs them) and a local receiver. (1) Orders offered at a steady 500 a second, in
// batches (`POST /v1/events/batch`, 50 orders every 100 ms: single-order requests cannot reach 500/s on a small
// machine, see the server section): the lag from each message's commit to its arrival at the receiver,
// p50/p99/max, and the rate at which the orders were really taken in. When ingestion takes in less than the
// offered rate, the lag above was measured at that lower rate, so (2) the outbox is also fed directly, 500
// messages a second (50 per statement every 100 ms, no ingestion), and the lag measured the same way: what the
// delivery side does at the goal's rate on its own. (3) A backlog of messages written with the worker stopped,
// then drained: deliveries per second. Each phase reports the machine's load average and this process's CPU
// time per message, which depend less on a loaded machine than the timings do.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
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
    /** Orders offered that the database does not hold. */
    errors: number;
  };
  lagMs: Lag;
  /** Measured only when ingestion fell short of the offered rate: the outbox fed directly at that rate. */
  direct: {
    targetPerSecond: number;
    seconds: number;
    written: number;
    achievedPerSecond: number;
    lagMs: Lag;
  } | null;
  drain: { messages: number; seconds: number; perSecond: number; cpuMsPerMessage: number };
  /** The 1-minute load average of the machine at the start and the end of the run, and its cores. */
  load: { start: number; end: number; cores: number };
}

interface Lag {
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  /** This process's CPU time (API, worker, receiver) per delivered message in the phase. */
  cpuMsPerMessage: number;
}

/** Ingestion below this share of the offered rate counts as not having met it. */
const MET_SHARE = 0.95;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

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
  const loadStart = loadavg()[0] ?? 0;
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
    /** Sets aside every message not yet delivered, so that a phase times only its own. */
    const settle = async () => {
      await db.query("UPDATE outbox SET dispatched_at = clock_timestamp() WHERE dispatched_at IS NULL");
      await db.query(
        "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'set aside' WHERE status = 'pending'",
      );
    };
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
    // The warm-up's messages are not part of the run: set aside undelivered.
    await settle();
    // Only the timed orders' messages count (orders B0, B1, ... below the warm-up's numbers).
    receiver.answer = ({ body }) => {
      const m = JSON.parse(body) as { timestamp: string; data: { orderId?: string } };
      const n = Number(/^B(\d+)$/.exec(m.data.orderId ?? "")?.[1] ?? Number.NaN);
      if (n < 1_000_000) lags.push(Date.now() - Date.parse(m.timestamp));
      return 204;
    };
    receiver.received.length = 0;
    const worker = startWebhookWorker(db, { pollMs: 20, onError: (e) => opts.log(`worker: ${String(e)}`) });
    const tickMs = 100;
    const perTick = (rate * tickMs) / 1000;
    const mode = `batched: ${perTick} orders per request every ${tickMs} ms`;
    opts.log(`webhooks: ${rate} orders/s offered for ${seconds} s (${mode})`);
    let sent = 0;
    // What the answers said, for comparison only: a request that fails part-way (a 5xx after some of its
    // chunks committed) answers nothing for orders it did take, so the database is what counts.
    let answeredTaken = 0;
    let failedRequests = 0;
    const ingestCpu = process.cpuUsage();
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
          answeredTaken += r.status === 200 ? (body.taken ?? 0) : 0;
          if (r.status !== 200) failedRequests++;
        })
        .catch(() => {
          failedRequests++;
        })
        .finally(() => {
          lastDone = performance.now();
          inflight.delete(p);
        });
      inflight.add(p);
    }
    await Promise.all([...inflight]);
    const elapsed = (lastDone - started) / 1000;
    // The timed orders (B0 … B999999) the database holds, and the messages they wrote for the receiver.
    const counted = await db.query<{ orders: number; messages: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE tenant_id = 'bench' AND id ~ '^B[0-9]{1,6}$')::int AS orders,
              (SELECT count(*) FROM outbox WHERE tenant_id = 'bench' AND type = 'points.earned'
                 AND payload->>'orderId' ~ '^B[0-9]{1,6}$')::int AS messages`,
    );
    const taken = counted.rows[0]?.orders ?? 0;
    const expected = counted.rows[0]?.messages ?? 0;
    const errors = sent - taken;
    if (answeredTaken !== taken)
      opts.log(
        `webhooks: the answers counted ${answeredTaken} orders taken (${failedRequests} requests failed); the database holds ${taken}`,
      );
    const deadline = Date.now() + 60_000;
    while (lags.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    const ingestCpuMs = cpuMs(ingestCpu);
    const sorted = [...lags].sort((a, b) => a - b);
    const achievedPerSecond = Math.round(taken / elapsed);

    // The delivery side alone at the offered rate, when ingestion could not offer it.
    let direct: WebhookBenchResult["direct"] = null;
    if (achievedPerSecond < rate * MET_SHARE) {
      opts.log(
        `webhooks: ingestion took in ${achievedPerSecond}/s of ${rate}/s; feeding the outbox directly at ${rate}/s`,
      );
      // What the ingestion phase left undelivered is set aside; only the direct messages count.
      await settle();
      const directLags: number[] = [];
      receiver.answer = ({ body }) => {
        const m = JSON.parse(body) as { timestamp: string; data: { direct?: boolean } };
        if (m.data.direct === true) directLags.push(Date.now() - Date.parse(m.timestamp));
        return 204;
      };
      const feeder = startWebhookWorker(db, { pollMs: 20, onError: (e) => opts.log(`worker: ${String(e)}`) });
      const cpu = process.cpuUsage();
      const begun = performance.now();
      let written = 0;
      let lastWritten = begun;
      const writes = new Set<Promise<void>>();
      for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
        const wait = begun + tick * tickMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const w = db
          .query(
            `INSERT INTO outbox (tenant_id, id, type, payload, occurred_at)
             SELECT 'bench', 'msg_direct_' || $1::text || '_' || g, 'points.earned',
                    jsonb_build_object('memberId', 'C' || g, 'points', 1, 'direct', true), clock_timestamp()
             FROM generate_series(1, $2::int) g`,
            [String(tick), perTick],
          )
          .then(() => {
            written += perTick;
            lastWritten = performance.now();
          })
          .finally(() => writes.delete(w));
        writes.add(w);
      }
      await Promise.all([...writes]);
      const directElapsed = (lastWritten - begun) / 1000;
      const until = Date.now() + 60_000;
      while (directLags.length < written && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await feeder.stop();
      const directSorted = [...directLags].sort((a, b) => a - b);
      direct = {
        targetPerSecond: rate,
        seconds,
        written,
        achievedPerSecond: Math.round(written / directElapsed),
        lagMs: {
          delivered: directSorted.length,
          p50: pct(directSorted, 0.5),
          p99: pct(directSorted, 0.99),
          max: directSorted.at(-1) ?? 0,
          cpuMsPerMessage: Number((cpuMs(cpu) / Math.max(1, directSorted.length)).toFixed(3)),
        },
      };
    }

    // A backlog written while no worker runs, then drained.
    const backlog = Math.max(2000, Math.round(20_000 * opts.scale));
    await settle();
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
    const drainCpu = process.cpuUsage();
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
        achievedPerSecond,
        errors,
      },
      lagMs: {
        delivered: sorted.length,
        p50: pct(sorted, 0.5),
        p99: pct(sorted, 0.99),
        max: sorted.at(-1) ?? 0,
        cpuMsPerMessage: Number((ingestCpuMs / Math.max(1, sorted.length)).toFixed(3)),
      },
      direct,
      drain: {
        messages: lags.length - before,
        seconds: Number(drainSeconds.toFixed(2)),
        perSecond: Math.round((lags.length - before) / drainSeconds),
        cpuMsPerMessage: Number((cpuMs(drainCpu) / Math.max(1, lags.length - before)).toFixed(3)),
      },
      load: { start: loadStart, end: loadavg()[0] ?? 0, cores: availableParallelism() },
    };
  } finally {
    await receiver.close();
    await db.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

const lagText = (l: Lag) =>
  `p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms over ${l.delivered} messages (goal p99 < 1000 ms); ` +
  `${l.cpuMsPerMessage} ms of this process's CPU per message`;

export function formatWebhookReport(r: WebhookBenchResult): string {
  const met = r.ingest.achievedPerSecond >= r.ingest.targetPerSecond * MET_SHARE;
  const lines = [
    "",
    `## Webhooks (${r.database})`,
    `load average ${r.load.start.toFixed(2)} at the start, ${r.load.end.toFixed(2)} at the end, on ${r.load.cores} cores: timings under load are not valid`,
    `ingestion (${r.ingest.mode}): ${r.ingest.sent} orders offered over ${r.ingest.seconds} s, taken in at ${r.ingest.achievedPerSecond}/s (offered ${r.ingest.targetPerSecond}/s), ${r.ingest.errors} not taken (offered orders the database does not hold)`,
    `commit → delivery lag at ${r.ingest.achievedPerSecond} ingested orders/s${met ? "" : ` (NOT the offered ${r.ingest.targetPerSecond}/s)`}: ${lagText(r.lagMs)}`,
  ];
  if (r.direct)
    lines.push(
      `outbox fed directly, no ingestion (delivery side only), ${r.direct.written} messages offered at ${r.direct.targetPerSecond}/s, written at ${r.direct.achievedPerSecond}/s: ${lagText(r.direct.lagMs)}`,
    );
  lines.push(
    `backlog drained: ${r.drain.messages} messages in ${r.drain.seconds} s, ${r.drain.perSecond} deliveries/s; ${r.drain.cpuMsPerMessage} ms of CPU per message`,
    "",
  );
  return lines.join("\n");
}
