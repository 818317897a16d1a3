// On PostgreSQL, the rollups' watermark waits only for transactions that write events or ledger transactions:
// a long transaction elsewhere does not stall them, and a writer still open holds them back until it commits,
// after which they are exact again.
import type { OrderEvent } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openServer } from "../../db/db.ts";
import { day, tenantWithOrders } from "../../jobs/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { ingestOrder, ingestOrderIn } from "../events/service.ts";
import { financeFlows, refreshRollups } from "./rollups.ts";

let t: TestDb;
let other: Db;
beforeAll(async () => {
  t = await testDb();
  const schema = (await t.db.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s as string;
  other = await openServer(process.env.DATABASE_URL as string, { schema, max: 2 });
});
afterAll(async () => {
  await other.close();
  await t.drop();
});

const order = (id: string, companyId: string): OrderEvent => ({
  type: "order",
  orderId: id,
  day: day("2026-01-20"),
  companyId,
  contactId: null,
  lines: [{ sku: "A", category: "goods", quantityMilli: 2000, unitPriceMinor: 50_000, unitCostMinor: null }],
  pointsToRedeem: 0,
  code: null,
  paidOn: null,
  termMonths: null,
  partnerId: null,
  salesRepId: null,
});

/** What the rollups count against what the raw tables hold: orders, and points issued per the finance flows. */
async function counted(tenantId: string) {
  const r = await t.db.query<Record<string, string>>(
    `SELECT (SELECT COALESCE(sum(orders), 0) FROM analytics_tenant_days WHERE tenant_id = $1)::text AS rollup_orders,
       (SELECT count(*) FROM orders WHERE tenant_id = $1 AND cancelled_on IS NULL)::text AS raw_orders,
       (SELECT COALESCE(sum(issued), 0) FROM analytics_finance_days WHERE tenant_id = $1)::text AS rollup_issued,
       (SELECT COALESCE(sum(issued), 0) FROM (${financeFlows("NULL::timestamptz", "NULL::timestamptz")}) f)::text AS raw_issued`,
    [tenantId],
  );
  const x = r.rows[0] as Record<string, string>;
  return {
    rollup: { orders: Number(x.rollup_orders), issued: Number(x.rollup_issued) },
    raw: { orders: Number(x.raw_orders), issued: Number(x.raw_issued) },
  };
}

/** Runs `body` in a transaction of the other pool and keeps it open until the returned `end` is called. */
async function holdOpen(body: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<string>) {
  let end = () => {};
  const ended = new Promise<void>((r) => {
    end = r;
  });
  let began: (s: string) => void = () => {};
  const started = new Promise<string>((r) => {
    began = r;
  });
  const done = other.transaction(async (tx) => {
    began(await body(tx));
    await ended;
  });
  return {
    start: await started,
    end: () => {
      end();
      return done;
    },
  };
}

describe("the rollups' watermark on PostgreSQL", () => {
  it("advances past events that arrive while an unrelated transaction stays open, and the rollups stay exact", async () => {
    await tenantWithOrders(t.db, "w1");
    await refreshRollups(t.db, "w1");
    // A long transaction with a transaction id and a snapshot that writes neither events nor the ledger.
    const long = await holdOpen(async (tx) => {
      await tx.query("SELECT pg_current_xact_id()");
      await tx.query("CREATE TEMP TABLE scratch (n int)");
      return (await tx.query<{ s: string }>("SELECT now()::text AS s")).rows[0]?.s as string;
    });
    try {
      for (const k of [1, 2, 3]) await ingestOrder(t.db, "w1", "erp", order(`L${k}`, `C${k}`));
      const r = await refreshRollups(t.db, "w1");
      expect(new Date(r.upto).getTime()).toBeGreaterThan(new Date(long.start).getTime());
      const c = await counted("w1");
      expect(c.raw.orders).toBe(15);
      expect(c.raw.issued).toBeGreaterThan(0);
      expect(c.rollup).toEqual(c.raw);
    } finally {
      await long.end();
    }
  });

  it("waits for a writer of events still open, and counts its order once it commits", async () => {
    await tenantWithOrders(t.db, "w2");
    await refreshRollups(t.db, "w2");
    const before = await counted("w2");
    const writer = await holdOpen(async (tx) => {
      await ingestOrderIn(tx, "w2", "erp", order("OPEN", "C1"));
      return (await tx.query<{ s: string }>("SELECT now()::text AS s")).rows[0]?.s as string;
    });
    // A later order, not awaited: it may wait for the open writer's stripe of a program account (one in
    // STRIPES), and is stamped after the writer began either way.
    const after = ingestOrder(t.db, "w2", "erp", order("AFTER", "C2"));
    let committed = false;
    try {
      const r = await refreshRollups(t.db, "w2");
      // Held at the open writer's start: neither its order nor the later one is counted yet.
      expect(new Date(r.upto).getTime()).toBeLessThanOrEqual(new Date(writer.start).getTime());
      expect((await counted("w2")).rollup).toEqual(before.rollup);
      await writer.end();
      committed = true;
    } finally {
      if (!committed) await writer.end();
      await after;
    }
    await refreshRollups(t.db, "w2");
    const c = await counted("w2");
    expect(c.raw.orders).toBe(before.raw.orders + 2);
    expect(c.rollup).toEqual(c.raw);
  });
});
