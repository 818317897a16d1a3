// Operations: JSON request logs without secrets, readiness, Prometheus metrics, per-key rate limits.
import { parseDay } from "@patron/engine";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../http/testing.ts";
import { runJobs } from "../jobs/runner.ts";
import { createTenant } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { createMetrics } from "./metrics.ts";
import { rateLimit } from "./rate-limit.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const BOOT = "bootstrap-token-for-ops-tests";

const PROGRAM = `
id: ops
name: Ops
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
expiry: { policy: afterDays, days: 5 }
`;

describe("structured logs", () => {
  it("writes one JSON line per request with its id, route, status, time and tenant, and never a key or a password", async () => {
    const lines: string[] = [];
    const app = createApp({ db: t.db, bootstrapToken: BOOT, logSink: (l) => lines.push(l) });
    app.get("/boom", () => {
      throw new Error("the handler broke while holding ptn_logs_abcdefabcdef");
    });
    const { ownerKey } = await bootstrap(app, "logs", BOOT);
    const wallet = await call(app, "GET", "/v1/members/C1/wallet?x=1", { key: ownerKey });
    expect(wallet.status).toBe(404);
    await call(app, "POST", "/v1/users", {
      key: ownerKey,
      body: { email: "bo@logs.example", name: "Bo", role: "support", password: "hunter2-correct-horse" },
    });
    await call(app, "GET", "/healthz", { headers: { "x-api-key": ownerKey, cookie: `s=${ownerKey}` } });
    const boom = await call<ErrorAnswer>(app, "GET", "/boom", { key: ownerKey });
    expect(boom.status).toBe(500);
    await new Promise((r) => setImmediate(r)); // request lines are written just after their answers

    const all = lines.join("\n");
    expect(all).not.toContain(ownerKey);
    expect(all).not.toContain(ownerKey.slice(12));
    expect(all).not.toContain("hunter2");
    expect(all).not.toContain("abcdefabcdef");
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === "request");
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.tenant}`)).toEqual([
      "POST /v1/tenants 201 null",
      "GET /v1/members/C1/wallet 404 logs",
      "POST /v1/users 201 logs",
      "GET /healthz 200 null",
      "GET /boom 500 null",
    ]);
    for (const r of requests) {
      expect(typeof r.ms).toBe("number");
      expect(Number.isNaN(Date.parse(String(r.time)))).toBe(false);
      expect(String(r.requestId)).toMatch(/^req_/);
    }
    expect(requests[1]?.level).toBe("warn");
    expect(requests[4]?.requestId).toBe(boom.body.error.requestId);
    const failure = records.find((r) => r.level === "error" && r.msg !== "request") as {
      msg: string;
      error: { message: string; stack: string };
    };
    expect(failure.msg).toContain(boom.body.error.requestId);
    expect(failure.error.stack).toContain("ops.test.ts");
    expect(failure.error.message).toContain("ptn_[redacted]");
  });
});

describe("readiness", () => {
  it("is ready when the database answers and every migration is applied, and 503 when one is missing", async () => {
    const app = createApp({ db: t.db });
    const ready = await call(app, "GET", "/readyz");
    expect(ready).toMatchObject({ status: 200, body: { status: "ready", reason: null } });
    await t.db.query("DELETE FROM schema_migrations WHERE version = '0008_jobs'");
    try {
      const missing = await call<{ status: string; reason: string }>(app, "GET", "/readyz");
      expect(missing.status).toBe(503);
      expect(missing.body.reason).toContain("0008_jobs");
    } finally {
      await t.db.query("INSERT INTO schema_migrations (version) VALUES ('0008_jobs')");
    }
  });
});

describe("metrics", () => {
  it("counts requests by route pattern and status, job runs, and each tenant's ledger totals", async () => {
    const metrics = createMetrics(t.db);
    const app = createApp({ db: t.db, bootstrapToken: BOOT, metrics, webDir: null });
    const { ownerKey } = await bootstrap(app, "metrics", BOOT);
    const published = await call(app, "POST", "/v1/programs", {
      key: ownerKey,
      body: { definition: PROGRAM },
    });
    expect(published.status).toBe(201);
    for (const [id, day] of [
      ["A1", "2026-01-02"],
      ["A2", "2026-01-20"],
    ] as const) {
      const r = await call(app, "POST", "/v1/events", {
        key: ownerKey,
        body: {
          type: "order",
          source: "erp",
          orderId: id,
          date: day,
          companyId: "C1",
          lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "100.00" }],
        },
      });
      expect(r.status).toBe(201);
    }
    await call(app, "GET", "/v1/members/C1/wallet", { key: ownerKey });
    await call(app, "GET", "/v1/members/C2/wallet", { key: ownerKey });
    await call(app, "GET", "/nowhere");
    const until = parseDay("2026-01-12") as number;
    await runJobs(t.db, { tenantId: "metrics", until, onRun: (r) => metrics.jobRun(r) });
    const text = (await call<string>(app, "GET", "/metrics")).body;
    expect(text).toContain('patron_http_requests_total{method="POST",route="/v1/events",status="201"} 2');
    expect(text).toMatch(
      /patron_http_requests_total\{method="GET",route="\/v1\/members\/:id\/wallet",status="\d+"\} /,
    );
    expect(text).toContain('patron_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'patron_http_request_duration_seconds_count{method="POST",route="/v1/events",status="201"} 2',
    );
    expect(text).toContain('patron_job_runs_total{job="expiry",status="done"} 12');
    expect(text).toContain('patron_job_duration_seconds_count{job="tiers"} 12');
    // 10% of two orders of 100.00 = 20 points issued; those of 2 January expired five days later.
    expect(text).toContain('patron_ledger_points{tenant="metrics",total="issued"} 20');
    expect(text).toContain('patron_ledger_points{tenant="metrics",total="expired"} 10');
    expect(text).toContain('patron_ledger_points{tenant="metrics",total="outstanding"} 10');
  });

  it("asks for the metrics token when one is set", async () => {
    await createTenant(t.db, "quiet", "Quiet");
    const app = createApp({
      db: t.db,
      bootstrapToken: BOOT,
      metrics: createMetrics(t.db),
      metricsToken: "scrape-me-please",
    });
    expect((await call(app, "GET", "/metrics")).status).toBe(401);
    const ok = await call<string>(app, "GET", "/metrics", { key: "scrape-me-please" });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("patron_http_requests_total");
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After and the error body once a key's bucket is empty; other keys go on", async () => {
    const app = createApp({ db: t.db, bootstrapToken: BOOT, rateLimit: { perSecond: 0.01, burst: 3 } });
    const { ownerKey } = await bootstrap(app, "limited", BOOT);
    const other = await call<{ secret: string }>(app, "POST", "/v1/api-keys", {
      key: ownerKey,
      body: { role: "support", name: "other" },
    });
    expect(other.status).toBe(201);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call<ErrorAnswer>>> | null = null;
    for (let i = 0; i < 3; i++) {
      last = await call<ErrorAnswer>(app, "GET", "/v1/members/C1/wallet", { key: ownerKey });
      statuses.push(last.status);
    }
    // The key creation above took the first of the owner key's three.
    expect(statuses).toEqual([404, 404, 429]);
    expect(last?.body.error.code).toBe("rate_limited");
    expect(last?.body.error.field).toBe("authorization");
    expect(last?.body.error.requestId).toMatch(/^req_/);
    const retry = Number(last?.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(100);
    const otherKey = await call(app, "GET", "/v1/members/C1/wallet", { key: other.body.secret });
    expect(otherKey.status).toBe(404);
    expect((await call(app, "GET", "/healthz")).status).toBe(200);
  });

  it("refills a bucket at the configured rate", async () => {
    let nowMs = 0;
    const app = new Hono();
    app.use(
      "*",
      rateLimit({ perSecond: 2, burst: 2 }, () => nowMs),
    );
    app.onError((e, c) => c.json({ code: (e as { code?: string }).code }, 429));
    app.get("/", (c) => c.text("ok"));
    const hit = async () => (await app.request("/", { headers: { authorization: "Bearer k1" } })).status;
    expect([await hit(), await hit(), await hit()]).toEqual([200, 200, 429]);
    nowMs += 499;
    expect(await hit()).toBe(429);
    nowMs += 2;
    expect(await hit()).toBe(200);
    nowMs += 10_000;
    expect([await hit(), await hit(), await hit()]).toEqual([200, 200, 429]);
  });
});
