// `patron demo`: a tenant a person can sign in to and call with its key, its sample's dates ending yesterday,
// its orders priced through the published program, its ledger clean.
import { formatDay, localDay, type OrderRow, parseDay } from "@patron/engine";
import { createApp, verify } from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../../packages/server/src/http/testing.ts";
import { verifyPassword } from "../../../../packages/server/src/modules/tenants/secrets.ts";
import { type TestDb, testDb } from "../../../../packages/server/src/testing/db.ts";
import { makeDemo, shiftDates } from "./demo.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("patron demo", { timeout: 600_000 }, () => {
  it("moves every date by one number of days so that the last is the day given", () => {
    const line = (date: string, paidOn: string | null) => ({ date, paidOn }) as OrderRow;
    const orders = [line("2010-12-01T08:26:00", null), line("2011-12-09T12:50:00", "2011-12-20")];
    const companies = [{ joinedOn: "2010-12-01", enrolledOn: null }] as never[];
    const { firstDay } = shiftDates(orders, companies, parseDay("2026-11-22") as number);
    expect(orders.map((o) => [o.date, o.paidOn])).toEqual([
      ["2025-11-14T08:26:00", null],
      ["2026-11-22T12:50:00", "2026-12-03"],
    ]);
    expect(formatDay(firstDay)).toBe("2025-11-14");
    expect(companies).toEqual([{ joinedOn: "2025-11-14", enrolledOn: null }]);
  });

  it("creates a tenant with an owner, a key that works, and the sample priced through the program", async () => {
    const made = await makeDemo(t.db, "demo", true);
    const yesterday = (localDay(new Date().toISOString(), "Europe/Moscow") as number) - 1;
    expect(made).toMatchObject({
      tenantId: "demo",
      companies: 304,
      lines: 25_523,
      lastDay: formatDay(yesterday),
    });

    const user = await t.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE tenant_id = 'demo' AND email = $1 AND role = 'owner'",
      [made.email],
    );
    expect(await verifyPassword(made.password, user.rows[0]?.password_hash ?? "")).toBe(true);

    const app = createApp({ db: t.db, bootstrapToken: null });
    const wallet = await call<{ available: number }>(app, "GET", "/v1/members/14056/wallet", {
      key: made.apiKey,
    });
    expect(wallet.status).toBe(200);
    const earned = await t.db.query<{ points: string; orders: number; last: string }>(
      `SELECT sum(points_earned)::text AS points, count(*)::int AS orders, max(day)::text AS last
       FROM orders WHERE tenant_id = 'demo'`,
    );
    expect(earned.rows[0]).toMatchObject({ orders: 1342, last: formatDay(yesterday) });
    expect(Number(earned.rows[0]?.points)).toBeGreaterThan(100_000);
    expect(wallet.body.available).toBeGreaterThan(1000);
    expect(await verify(t.db, "demo")).toEqual({ differences: [], total: 0n });

    await expect(makeDemo(t.db, "demo", true)).rejects.toThrow("exists already");
  });
});
