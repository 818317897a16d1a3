// Test data and setup shared by the events tests: a seeded history of orders and returns, a database and app.
import { formatDay, type OrderRow, parseDay } from "@patron/engine";
import { afterAll, beforeAll } from "vitest";
import { row, SAMPLE_ITEMS } from "../../../../engine/src/testing.ts";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const ITEMS = SAMPLE_ITEMS;

/** A seeded history: orders of three companies over a year and a half, points spent, codes, returns. */
export function history(seed: number): OrderRow[] {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const start = parseDay("2026-01-01") as number;
  const rows: OrderRow[] = [];
  // Every company orders first on day 0, so referral codes name companies the server already knows.
  for (const c of ["C1", "C2", "C3"])
    rows.push(row("order", `F-${c}`, "2026-01-01", c, "BIG", "goods", 2, "12500"));
  const codes = [null, null, null, "SKIDKA30", "skidka30", "REF-C1", "NOPE"];
  for (let k = 0; k < 40; k++) {
    const company = ["C1", "C2", "C3"][rand(3)] as string;
    const day = start + 1 + rand(500);
    const lines = 1 + rand(3);
    const picked: { sku: string; category: string; price: string; qty: number }[] = [];
    for (let i = 0; i < lines; i++)
      picked.push({ ...(ITEMS[rand(ITEMS.length)] as (typeof ITEMS)[number]), qty: 1 + rand(150) });
    picked.forEach((l, i) => {
      rows.push(
        row(
          "order",
          `O${k}`,
          formatDay(day),
          company,
          l.sku,
          l.category,
          l.qty,
          l.price,
          i === 0
            ? {
                pointsToRedeem: rand(3) === 0 ? 1 + rand(3000) : null,
                promoCode: codes[rand(codes.length)] ?? null,
              }
            : {},
        ),
      );
    });
    if (rand(3) === 0) {
      const l = picked[rand(picked.length)] as (typeof picked)[number];
      rows.push(
        row(
          "return",
          `O${k}`,
          formatDay(day + rand(60)),
          company,
          l.sku,
          l.category,
          1 + rand(l.qty),
          l.price,
        ),
      );
    }
  }
  return rows;
}

/** A test file's database and app, made before its tests and dropped after, with a way to add tenants. */
export function routeTestApp() {
  const env = {} as { t: TestDb; app: ReturnType<typeof createApp> };
  beforeAll(async () => {
    env.t = await testDb();
    env.app = createApp({ db: env.t.db, bootstrapToken: TOKEN });
  }, 60_000);
  afterAll(async () => {
    await env.t.drop();
  });
  /** A tenant with its program published; answers its owner's key. */
  async function tenantWith(id: string, definition: string): Promise<string> {
    const key = (await bootstrap(env.app, id, TOKEN)).ownerKey;
    const r = await call(env.app, "POST", "/v1/programs", { key, body: { definition } });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return key;
  }
  return { env, tenantWith };
}

const TOKEN = "bootstrap-token-for-tests";

/** An order of one line of `qty` at 1,000.00. */
export const order = (
  orderId: string,
  date: string,
  companyId: string,
  qty: number | string,
  extra = {},
) => ({
  type: "order",
  source: "erp",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity: qty, unitPrice: "1000.00" }],
  ...extra,
});
