// A rolling-window level reached by purchases is a tier change when the member's next order sees it: recorded
// in tier_changes and sent as `tier.changed`, as the tier job records its own, once.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const TENANT = "tiers-on-order";
// Example 01: Base from 0, Silver from 300,000, Gold from 1,000,000 of net purchases over 365 days.
const PROGRAM = readFileSync(
  new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  key = (await bootstrap(app, TENANT, TOKEN)).ownerKey;
  const r = await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
}, 60_000);
afterAll(async () => {
  await t.drop();
});

const order = (orderId: string, date: string, amount: number) =>
  call<{ result: { tier: string | null } }>(app, "POST", "/v1/events", {
    key,
    body: {
      type: "order",
      source: "erp",
      orderId,
      date,
      companyId: "c1",
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: `${amount}.00` }],
    },
  });

async function changes() {
  const r = await t.db.query<{ from_tier: string | null; to_tier: string; day: string; reason: string }>(
    `SELECT from_tier, to_tier, day::text AS day, reason FROM tier_changes WHERE tenant_id = $1 ORDER BY day`,
    [TENANT],
  );
  return r.rows;
}

async function messages() {
  const r = await t.db.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM messages WHERE tenant_id = $1 AND type = 'tier.changed' ORDER BY seq`,
    [TENANT],
  );
  return r.rows.map((x) => x.payload);
}

describe("a level reached between orders", () => {
  it("is recorded and announced once, by the order that first holds it", async () => {
    // 100,000 then 250,000: 350,000 over the window, Silver from the day after the second order.
    expect((await order("o1", "2026-03-01", 100_000)).status).toBe(201);
    expect((await order("o2", "2026-03-02", 250_000)).status).toBe(201);
    expect(await changes()).toEqual([]);
    const third = await order("o3", "2026-03-03", 1_000);
    expect(third.status).toBe(201);
    expect(await changes()).toEqual([
      { from_tier: "base", to_tier: "silver", day: "2026-03-03", reason: "evaluation" },
    ]);
    expect(await messages()).toEqual([
      expect.objectContaining({ memberId: "c1", from: "base", to: "silver", date: "2026-03-03" }),
    ]);
    // Another order at the same level changes nothing.
    expect((await order("o4", "2026-03-04", 1_000)).status).toBe(201);
    expect(await changes()).toHaveLength(1);
    expect(await messages()).toHaveLength(1);
    expect(await verify(t.db, TENANT)).toEqual({ differences: [], total: 0n });
  });
});
