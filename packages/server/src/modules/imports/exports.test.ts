// Exports over HTTP (GET /v1/exports/{kind}) and the reward catalog's import: the wallets file agrees with each
// member's wallet and tier as the API reads them one by one; a catalog exported imports again unchanged, a
// changed line updates its reward; a bad file writes nothing and names the line and the column.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Wallet } from "../members/reads.ts";
import { csvRecords } from "../rewards/import.ts";
import type { Reward } from "../rewards/service.ts";
import { EXPORT_PAGE_ROWS } from "./export.ts";

const TOKEN = "bootstrap-token-for-tests";
// Program 01 (tiers by a rolling year's net purchases) with points that expire 400 days after they are earned.
const program = `${readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
)}\nexpiry: { policy: afterDays, days: 400 }\n`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
const clock = new Date("2026-12-06T12:00:00Z");

async function order(company: string, orderId: string, date: string, price: string) {
  const r = await call(app, "POST", "/v1/events", {
    key,
    body: {
      type: "order",
      orderId,
      date,
      companyId: company,
      lines: [{ sku: "A", quantity: 1, unitPrice: price }],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** The file's lines as objects by column name. */
function rowsOf(text: string): Record<string, string>[] {
  const [head, ...rest] = csvRecords(text);
  if (!head) return [];
  return rest.map((r) => Object.fromEntries(head.fields.map((h, k) => [h, r.fields[k] ?? ""])));
}

async function exported(kind: string, as = key) {
  const r = await call<string>(app, "GET", `/v1/exports/${kind}`, { key: as });
  expect(r.status, String(r.body)).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
  return r.body;
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  await order("C1", "o1", "2026-02-01", "200000.00");
  await order("C1", "o2", "2026-06-01", "200000.00");
  await order("C2", "o3", "2026-11-01", "1500000.00");
  // Below the second tier, its points from early in the year still unexpired.
  await order("C3", "o4", "2026-01-05", "100000.00");
  expect(
    (await call(app, "POST", "/v1/companies", { key, body: { id: "C4", name: "No orders" } })).status,
  ).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("exports", () => {
  it("the wallets file says what each member's wallet and tier read one by one say", async () => {
    const rows = rowsOf(await exported("wallets"));
    expect(rows.map((r) => r.company_id)).toEqual(["C1", "C2", "C3", "C4"]);
    for (const row of rows) {
      const id = row.company_id as string;
      const w = await call<Wallet>(app, "GET", `/v1/members/${id}/wallet`, {
        key,
        headers: {},
      });
      const all = await call<Wallet>(app, "GET", `/v1/members/${id}/wallet?expiringDates=20`, { key });
      const tier = await call<{ tier: { id: string } | null }>(app, "GET", `/v1/members/${id}/tier`, { key });
      expect(row).toEqual({
        company_id: id,
        tier: tier.body.tier?.id ?? "",
        available: String(w.body.available),
        pending: String(w.body.pending),
        held: String(w.body.held),
        debt: String(w.body.debt),
        next_expiry_on: all.body.expiring[0]?.date ?? "",
        next_expiry_points: all.body.expiring[0] ? String(all.body.expiring[0].points) : "",
        expiring: all.body.expiring.map((x) => `${x.date}:${x.points}`).join(" "),
      });
    }
    const c1 = rows[0] as Record<string, string>;
    // Two orders, two expiry dates; the second order's year reached silver.
    expect(c1.expiring?.split(" ")).toHaveLength(2);
    expect(rows.map((r) => r.tier)).toEqual(["silver", "gold", "base", "base"]);
    expect(rows[3]).toMatchObject({ available: "0", expiring: "" });
  });

  it("streams a file longer than a page, in order, each row once", async () => {
    const n = EXPORT_PAGE_ROWS + 5;
    await t.db.query(
      `INSERT INTO rewards (tenant_id, id, name, kind, price_points, created_at, updated_at)
       SELECT 'acme', 'rwd_bulk_' || lpad(g::text, 5, '0'), 'Bulk ' || g, 'goods', g, now(), now()
       FROM generate_series(1, ${n}) g`,
    );
    const rows = rowsOf(await exported("rewards"));
    const bulk = rows.filter((r) => r.reward_id?.startsWith("rwd_bulk_"));
    expect(bulk).toHaveLength(n);
    expect(bulk.map((r) => r.price_points)).toEqual(Array.from({ length: n }, (_, k) => String(k + 1)));
    await t.db.query("DELETE FROM rewards WHERE tenant_id = 'acme' AND id LIKE 'rwd_bulk_%'");
  });

  it("is for those who run the program and finance; support gets 403, an unknown kind 422", async () => {
    const support = await keyWithRole(app, key, "support");
    const finance = await keyWithRole(app, key, "finance");
    expect((await call(app, "GET", "/v1/exports/ledger", { key: support })).status).toBe(403);
    expect(rowsOf(await exported("ledger", finance)).length).toBeGreaterThan(0);
    const bad = await call<ErrorAnswer>(app, "GET", "/v1/exports/secrets", { key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("kind");
  });
});

describe("the reward catalog's import", () => {
  const CSV = [
    "name,description,kind,price_points,stock,tiers,roles,company_approval",
    'Mug,"A mug, white",goods,500,20,,,',
    'Training day,"Two lines\nof text",training,9000,,gold|platinum,company_admin,false',
  ].join("\n");

  it("adds rewards; exported, the file imports again unchanged; a changed line updates its reward", async () => {
    const r = await call<{ created: number; updated: number; data: Reward[] }>(
      app,
      "POST",
      "/v1/rewards/import",
      {
        key,
        body: { csv: CSV },
      },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ created: 2, updated: 0 });
    expect(r.body.data[1]).toMatchObject({
      name: "Training day",
      description: "Two lines\nof text",
      kind: "training",
      pricePoints: 9000,
      stock: null,
      tiers: ["gold", "platinum"],
      roles: ["company_admin"],
      companyApproval: false,
    });
    const file = await exported("rewards");
    const before = (await call<{ data: Reward[] }>(app, "GET", "/v1/rewards", { key })).body.data;
    const again = await call<{ created: number; updated: number }>(app, "POST", "/v1/rewards/import", {
      key,
      body: { csv: file },
    });
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    const after = (await call<{ data: Reward[] }>(app, "GET", "/v1/rewards", { key })).body.data;
    const strip = (x: Reward[]) => x.map(({ updatedAt: _, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    const mug = before.find((x) => x.name === "Mug") as Reward;
    const changed = file.replace(
      `${mug.id},Mug,"A mug, white",goods,500,20`,
      `${mug.id},Mug,"A mug, white",goods,450,0`,
    );
    expect(changed).not.toBe(file);
    await call(app, "POST", "/v1/rewards/import", { key, body: { csv: changed } });
    expect((await call<Reward>(app, "GET", `/v1/rewards/${mug.id}`, { key })).body).toMatchObject({
      pricePoints: 450,
      stock: 0,
    });
  });

  it("refuses a bad file whole, naming the line and the column; nothing is written", async () => {
    const count = async () =>
      Number(
        (await t.db.query<{ n: string }>("SELECT count(*) AS n FROM rewards WHERE tenant_id = 'acme'"))
          .rows[0]?.n,
      );
    const n = await count();
    const cases: [string, RegExp][] = [
      [
        "name,kind,price_points\nCap,goods,100\nHat,goods,ten\n",
        /^line 3, price_points: "ten" is not a whole number/,
      ],
      ["name,kind,price_points\nCap,goods,100\nHat,toys,10\n", /^line 3, kind: "toys" is not one of goods/],
      [
        'name,kind,price_points,roles\n"Cap\nred",goods,100,\nHat,goods,10,owner\n',
        /^line 4, roles: "owner"/,
      ],
      [
        "reward_id,name,kind,price_points\nrwd_nope,Cap,goods,100\n",
        /^line 2, reward_id: no reward rwd_nope/,
      ],
      ["name,kind,price_points,colour\nCap,goods,100,red\n", /^line 1: unknown column "colour"/],
      ["name,kind\nCap,goods\n", /^line 1: the column price_points is missing/],
      ["name,kind,price_points\nCap,goods,100,extra\n", /^line 2, line: 4 fields where the header has 3/],
    ];
    for (const [csv, message] of cases) {
      const r = await call<ErrorAnswer>(app, "POST", "/v1/rewards/import", { key, body: { csv } });
      expect(r.status, csv).toBe(422);
      expect(r.body.error.message, csv).toMatch(message);
      expect(r.body.error.field).toBe("csv");
    }
    expect(await count()).toBe(n);
    const support = await keyWithRole(app, key, "support");
    const refused = await call(app, "POST", "/v1/rewards/import", { key: support, body: { csv: CSV } });
    expect(refused.status).toBe(403);
    expect(await count()).toBe(n);
  });
});
