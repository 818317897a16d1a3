// Migrations 0040, 0041, 0042 and 0047: orders, member days and level changes name members that exist, checked once
// per statement; members stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { type Queryable, withSettings } from "./db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
  await createTenant(t.db, "mchk", "Checks");
  await createTenant(t.db, "mother", "Other");
  await t.db.exec(`
    INSERT INTO members (tenant_id, id, joined_on) VALUES ('mchk', 'm1', '2026-01-01'), ('mchk', 'm2', '2026-01-01');
    INSERT INTO members (tenant_id, id, joined_on) VALUES ('mother', 'x', '2026-01-01');`);
});
afterAll(async () => {
  await t.drop();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(() => "none").catch((e: { code?: string }) => e.code ?? String(e));
const count = async (table: "orders" | "member_days" | "tier_changes") =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = 'mchk'`))
    .rows[0]?.n;

/** 100 orders in one statement, the 51st of them for `member`. */
const orders = (from: number, member: string) =>
  codeOf(
    t.db.query(
      `INSERT INTO orders (tenant_id, id, member_id, day, gross_minor, discount_minor, net_minor, points_redeemed,
         points_earned, outcome, consumed, line_count, costed_net_minor, cost_minor)
       SELECT 'mchk', 'o' || ($1::int + g), CASE WHEN g = 50 THEN $2 ELSE 'm1' END, '2026-01-02', 0, 0, 0, 0, 0, '{}', '[]',
         0, 0, 0
       FROM generate_series(0, 99) g`,
      [from, member],
    ),
  );

/** 100 days in one statement, the 51st of them for `member`. */
const days = (member: string) =>
  codeOf(
    t.db.query(
      `INSERT INTO member_days (tenant_id, member_id, day, net_minor, orders, points)
       SELECT 'mchk', CASE WHEN g = 50 THEN $1 ELSE 'm2' END, DATE '2026-01-01' + g, 1, 1, 0 FROM generate_series(0, 99) g
       ON CONFLICT (tenant_id, member_id, day) DO UPDATE SET orders = member_days.orders + 1`,
      [member],
    ),
  );

/** `n` level changes in one statement (100 unless given), the 51st of them for `member`. */
const changes = (from: number, member: string, n = 100) =>
  codeOf(
    t.db.query(
      `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason)
       SELECT 'mchk', 'c' || ($1::int + g), CASE WHEN g = 50 THEN $2 ELSE 'm1' END, '2026-01-02', NULL, 'gold', 'evaluation'
       FROM generate_series(0, $3::int - 1) g`,
      [from, member, n],
    ),
  );

describe("statement-level member checks", () => {
  it("takes orders and days that name existing members, many in one statement", async () => {
    expect(await orders(0, "m2")).toBe("none");
    expect(await days("m1")).toBe("none");
    expect(await changes(0, "m2")).toBe("none");
    expect(await count("orders")).toBe(100);
    expect(await count("member_days")).toBe(100);
    expect(await count("tier_changes")).toBe(100);
  });

  it("refuses a whole statement when one of its rows names a missing member, or another tenant's", async () => {
    expect(await orders(100, "ghost")).toBe("23503");
    expect(await orders(100, "x")).toBe("23503");
    expect(await days("ghost")).toBe("23503");
    expect(await changes(100, "ghost")).toBe("23503");
    expect(await changes(100, "x")).toBe("23503");
    expect(await count("tier_changes")).toBe(100);
    expect(await count("orders")).toBe(100);
    expect(await count("member_days")).toBe(100);
  });

  it("checks a statement of more than a thousand rows (planned for its size) as strictly", async () => {
    expect(await changes(10_000, "ghost", 5000)).toBe("23503");
    expect(await changes(10_000, "x", 5000)).toBe("23503");
    expect(await count("tier_changes")).toBe(100);
    expect(await changes(10_000, "m2", 5000)).toBe("none");
    expect(await count("tier_changes")).toBe(5100);
  });

  it("leaves the check to a statement that reads its members from the members table only while it runs", async () => {
    // The tier job's setting-day statement records changes for the members it reads and updates (migration 0043).
    const read = { work_mem: "64MB", "patron.member_rows_read_from_members": "on" };
    const settings = `SELECT current_setting('work_mem') AS mem,
      COALESCE(current_setting('patron.member_rows_read_from_members', true), '') AS flag`;
    const now = async (tx: Queryable) => (await tx.query<{ mem: string; flag: string }>(settings)).rows[0];
    const seen = await t.db.transaction(async (tx) => {
      const before = await now(tx);
      const during = await withSettings(tx, read, () => now(tx));
      return { before, during, after: await now(tx) };
    });
    expect(seen.during).toEqual({ mem: "64MB", flag: "on" });
    expect(seen.after).toEqual(seen.before);
    expect(seen.after?.flag).toBe("");
    // Put back: a later statement of the same transaction is checked again, and the whole transaction refused.
    const refused = await codeOf(
      t.db.transaction(async (tx) => {
        await withSettings(tx, read, () =>
          tx.query(
            `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason)
             SELECT 'mchk', 'read' || m.id, m.id, '2026-01-03', NULL, 'gold', 'evaluation'
             FROM members m WHERE m.tenant_id = 'mchk'`,
          ),
        );
        await tx.query(
          `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason)
           VALUES ('mchk', 'after', 'ghost', '2026-01-03', NULL, 'gold', 'evaluation')`,
        );
      }),
    );
    expect(refused).toBe("23503");
    expect(await count("tier_changes")).toBe(5100);
  });

  it("looks each name up by its table's key under the checks' own settings, even while the tables are almost empty", async () => {
    // A plan a connection keeps was made with the statistics of its time: made for tables of a few rows, it must
    // still look names up by key rather than read the whole table for every row once the table has grown.
    const first = (table: string, name: string) =>
      `(SELECT x.id FROM ${table} x WHERE x.tenant_id = n.tenant_id AND x.id >= n.${name}
        ORDER BY x.tenant_id, x.id LIMIT 1) IS DISTINCT FROM n.${name}`;
    const lookups = [
      [
        "member_rows_refer",
        `SELECT 1 FROM (VALUES ('mchk', 'm1')) n(tenant_id, member_id) WHERE ${first("members", "member_id")}`,
        "members",
      ],
      [
        "postings_refer",
        `SELECT 1 FROM (VALUES ('mchk', 'tx1')) n(tenant_id, transaction_id) WHERE ${first("ledger_transactions", "transaction_id")}`,
        "ledger_transactions",
      ],
      [
        "postings_refer",
        `SELECT 1 FROM (VALUES ('mchk', 'a', 'b')) n(tenant_id, f, t) WHERE ${first("accounts", "f")} OR ${first("accounts", "t")}`,
        "accounts",
      ],
    ] as const;
    for (const [fn, sql, table] of lookups) {
      const config = await t.db.query<{ proconfig: string[] | null }>(
        "SELECT proconfig FROM pg_proc WHERE oid = $1::regproc",
        [fn],
      );
      const plan = await t.db.transaction(async (tx) => {
        for (const setting of config.rows[0]?.proconfig ?? []) {
          const [name = "", value = ""] = setting.split("=");
          await tx.query("SELECT set_config($1, $2, true)", [name, value]);
        }
        const r = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`);
        return r.rows.map((x) => x["QUERY PLAN"]).join("\n");
      });
      expect(plan, fn).toMatch(new RegExp(`Index (Only )?Scan using ${table}_pkey on ${table}`));
      expect(plan, fn).not.toMatch(/Seq Scan on|Sort|Hash|Merge|JIT|using (?!\w+_pkey)/);
    }
  });

  it("keeps looking members up by key once the members table has grown past the plan a connection made while it was small", async () => {
    const reads = (tx: Queryable) =>
      tx
        .query<{ n: string }>(
          `SELECT (COALESCE(idx_tup_fetch, 0) + COALESCE(seq_tup_read, 0) + COALESCE(idx_scan, 0))::text AS n
           FROM pg_stat_xact_user_tables WHERE relid = 'members'::regclass`,
        )
        .then((r) => Number(r.rows[0]?.n ?? 0));
    const change = (tx: Queryable, id: string, member: string) =>
      tx.query(
        `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason)
         VALUES ('mchk', $1, $2, '2026-01-04', NULL, 'gold', 'evaluation')`,
        [id, member],
      );
    const rolledBack = new Error("rolled back");
    let read = -1;
    await t.db
      .transaction(async (tx) => {
        // Checked while the tenant has two members (the plan kept from here on, on this connection) ...
        await change(tx, "small", "m1");
        await tx.query(
          `INSERT INTO members (tenant_id, id, joined_on)
           SELECT 'mchk', 'g' || g, '2026-01-01' FROM generate_series(1, 3000) g`,
        );
        // ... and again with three thousand: one member looked up, not the tenant's members read.
        const before = await reads(tx);
        await change(tx, "grown", "g1500");
        read = (await reads(tx)) - before;
        throw rolledBack;
      })
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
      });
    expect(read).toBeGreaterThanOrEqual(1);
    expect(read).toBeLessThan(10);
  });

  it("keeps members (never deleted or re-keyed) and each row on its member", async () => {
    expect(await codeOf(t.db.query("DELETE FROM members WHERE tenant_id = 'mchk' AND id = 'm2'"))).not.toBe(
      "none",
    );
    expect(
      await codeOf(t.db.query("UPDATE members SET id = 'm3' WHERE tenant_id = 'mchk' AND id = 'm2'")),
    ).not.toBe("none");
    expect(
      await codeOf(t.db.query("UPDATE orders SET member_id = 'm2' WHERE tenant_id = 'mchk' AND id = 'o0'")),
    ).not.toBe("none");
    expect(
      await codeOf(
        t.db.query("UPDATE member_days SET member_id = 'm2' WHERE tenant_id = 'mchk' AND member_id = 'm1'"),
      ),
    ).not.toBe("none");
    expect(
      await codeOf(
        t.db.query("UPDATE tier_changes SET member_id = 'm2' WHERE tenant_id = 'mchk' AND id = 'c0'"),
      ),
    ).not.toBe("none");
    expect(
      await codeOf(t.db.query("UPDATE members SET order_count = 1 WHERE tenant_id = 'mchk' AND id = 'm2'")),
    ).toBe("none");
    expect(
      await codeOf(t.db.query("UPDATE orders SET net_minor = 5 WHERE tenant_id = 'mchk' AND id = 'o0'")),
    ).toBe("none");
  });
});
