// Prometheus metrics: requests by route and status with their latency, job runs with their duration, and the
// ledger's totals per tenant, read at scrape time from each tenant's three program accounts (no scan).
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Queryable } from "../db/db.ts";
import type { RunReport } from "../jobs/runner.ts";
import { EXPIRED, ISSUED, REDEEMED } from "../modules/members/service.ts";

export interface Metrics {
  readonly registry: Registry;
  /** Counts and times every request, labelled by its route's pattern (not its path) and status. */
  middleware(): MiddlewareHandler;
  /** Counts and times a job run (give it to the scheduler's onRun). */
  jobRun(run: RunReport): void;
  /** The text exposition format. */
  render(): Promise<string>;
  readonly contentType: string;
}

const LATENCY_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS_S = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

export function createMetrics(db: Queryable): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: "patron_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "patron_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "patron_job_runs_total",
    help: "Job runs, by job and outcome (done, failed)",
    labelNames: ["job", "status"] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "patron_job_duration_seconds",
    help: "Time a job run took, by job",
    labelNames: ["job"] as const,
    buckets: JOB_BUCKETS_S,
    registers: [registry],
  });
  new Gauge({
    name: "patron_ledger_points",
    help: "Points per tenant: issued, redeemed and expired in all, and outstanding (issued less the other two)",
    labelNames: ["tenant", "total"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [tenant, t] of await ledgerTotals(db)) {
        this.set({ tenant, total: "issued" }, t.issued);
        this.set({ tenant, total: "redeemed" }, t.redeemed);
        this.set({ tenant, total: "expired" }, t.expired);
        this.set({ tenant, total: "outstanding" }, t.issued - t.redeemed - t.expired);
      }
    },
  });
  return {
    registry,
    contentType: registry.contentType,
    middleware: () => async (c, next) => {
      const t0 = performance.now();
      await next();
      const pattern = routePath(c, -1);
      const labels = {
        method: c.req.method,
        route: pattern.endsWith("*") ? "unmatched" : pattern,
        status: String(c.res.status),
      };
      requests.inc(labels);
      latency.observe(labels, (performance.now() - t0) / 1000);
    },
    jobRun(run) {
      jobRuns.inc({ job: run.job, status: run.status });
      jobDuration.observe({ job: run.job }, run.ms / 1000);
    },
    render: () => registry.metrics(),
  };
}

/** Each tenant's program accounts (their rows and stripes), a few index lookups per tenant. */
async function ledgerTotals(
  db: Queryable,
): Promise<Map<string, { issued: number; redeemed: number; expired: number }>> {
  const r = await db.query<{ tenant_id: string; id: string; balance: string }>(
    `SELECT t.id AS tenant_id, a.id, a.balance::text FROM tenants t
     CROSS JOIN LATERAL (
       SELECT id, balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
                                      WHERE s.tenant_id = t.id AND s.account_id = accounts.id), 0) AS balance
       FROM accounts WHERE tenant_id = t.id AND id IN ($1, $2, $3)
     ) a`,
    [ISSUED, REDEEMED, EXPIRED],
  );
  const out = new Map<string, { issued: number; redeemed: number; expired: number }>();
  for (const row of r.rows) {
    const t = out.get(row.tenant_id) ?? { issued: 0, redeemed: 0, expired: 0 };
    const balance = Number(row.balance);
    // The program's issuing account goes negative by what it has issued.
    if (row.id === ISSUED) t.issued = -balance;
    else if (row.id === REDEEMED) t.redeemed = balance;
    else t.expired = balance;
    out.set(row.tenant_id, t);
  }
  return out;
}
