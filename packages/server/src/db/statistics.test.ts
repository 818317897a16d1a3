// Statistics kept as tables grow: a table that doubled since its statistics were taken gets new ones, once; on the
// embedded database it is vacuumed too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";
import { refreshGrownTables } from "./statistics.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const pagesOf = async (table: string) =>
  (
    await t.db.query<{ relpages: number; reltuples: number }>(
      "SELECT relpages, reltuples::float8 AS reltuples FROM pg_class WHERE oid = $1::text::regclass",
      [table],
    )
  ).rows[0];

describe("table statistics", () => {
  it("are taken for tables that have doubled since they last were, and not again until they double", async () => {
    // Every table that is not tiny gets its first statistics; then nothing has grown.
    await refreshGrownTables(t.db);
    expect(await refreshGrownTables(t.db)).toEqual([]);
    await t.db.query("INSERT INTO tenants (id, name) VALUES ('grow', 'Grows')");
    const add = (from: number, to: number) =>
      t.db.query(
        `INSERT INTO members (tenant_id, id, joined_on)
         SELECT 'grow', 'm' || g, DATE '2026-01-01' FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
    await add(1, 3000);
    expect(await refreshGrownTables(t.db)).toContain("members");
    const first = await pagesOf("members");
    expect(first?.reltuples).toBeGreaterThanOrEqual(2900);
    expect(await refreshGrownTables(t.db)).toEqual([]);
    // Grown by half: not yet. (A new member also writes a message, so the outbox grows with it.)
    await add(3001, 4500);
    expect(await refreshGrownTables(t.db)).not.toContain("members");
    await add(4501, 7000);
    expect(await refreshGrownTables(t.db)).toContain("members");
    expect(await refreshGrownTables(t.db)).toEqual([]);
    expect((await pagesOf("members"))?.relpages).toBeGreaterThanOrEqual(2 * (first?.relpages ?? 0));
  });

  it("vacuums the grown tables when asked (the embedded database's scheduler does): updated rows' space is used again", async () => {
    await t.db.exec(`
      CREATE TABLE churn (id int PRIMARY KEY, n int NOT NULL, pad text NOT NULL) WITH (fillfactor = 100);
      INSERT INTO churn SELECT g, 0, repeat('x', 100) FROM generate_series(1, 5000) g;`);
    const size = async () =>
      (await t.db.query<{ n: string }>("SELECT pg_relation_size('churn')::text AS n")).rows[0]?.n;
    await refreshGrownTables(t.db, { vacuum: true });
    // Each update of every row writes a new version of it; the old ones stay until a vacuum frees them.
    await t.db.query("UPDATE churn SET n = n + 1");
    await t.db.query("UPDATE churn SET n = n + 1");
    expect(await refreshGrownTables(t.db, { vacuum: true })).toContain("churn");
    const vacuumed = await size();
    await t.db.query("UPDATE churn SET n = n + 1");
    expect(await size()).toBe(vacuumed);
  });
});
