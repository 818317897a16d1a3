// Migrations 0022 and 0043: postings and outbox messages name rows that exist, checked once per statement (with a
// plan made for that statement, a large one's too); accounts stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
  await createTenant(t.db, "chk", "Checks");
  await t.db.exec(`
    INSERT INTO accounts (tenant_id, id, kind, allow_negative) VALUES ('chk', 'a', 'expense', true), ('chk', 'b', 'wallet', false);
    INSERT INTO ledger_transactions (tenant_id, id, code) VALUES ('chk', 'T1', 'test');`);
});
afterAll(async () => {
  await t.drop();
});

const codeOf = (p: Promise<unknown>) =>
  p.then(() => "none").catch((e: { code?: string }) => e.code ?? String(e));
const postings = async () =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM postings WHERE tenant_id = 'chk'")).rows[0]
    ?.n;

describe("statement-level reference checks", () => {
  it("takes postings that name existing rows, many in one statement", async () => {
    await t.db.query(
      `INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
       SELECT 'chk', 'T1', g, 'a', 'b', 1 FROM generate_series(0, 99) g`,
    );
    expect(await postings()).toBe(100);
  });

  it("refuses a whole statement when one of its rows names a missing account or transaction", async () => {
    const bad = (to: string, txn: string) =>
      codeOf(
        t.db.query(
          `INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
           SELECT 'chk', $2, 100 + g, 'a', CASE WHEN g = 50 THEN $1 ELSE 'b' END, 1 FROM generate_series(0, 99) g`,
          [to, txn],
        ),
      );
    expect(await bad("nobody", "T1")).toBe("23503");
    expect(await bad("b", "T-missing")).toBe("23503");
    // The same account id in another tenant is not this tenant's.
    await createTenant(t.db, "other", "Other");
    await t.db.exec("INSERT INTO accounts (tenant_id, id, kind) VALUES ('other', 'x', 'wallet')");
    expect(await bad("x", "T1")).toBe("23503");
    expect(await postings()).toBe(100);
  });

  it("checks a statement of more than a thousand postings (planned for its number) as strictly", async () => {
    const many = (to: string, txn: string, from = "a") =>
      codeOf(
        t.db.query(
          `INSERT INTO postings (tenant_id, transaction_id, seq, from_account, to_account, amount)
           SELECT 'chk', $2, 1000 + g, CASE WHEN g = 2500 THEN $3 ELSE 'a' END, CASE WHEN g = 50 THEN $1 ELSE 'b' END, 1
           FROM generate_series(0, 4999) g`,
          [to, txn, from],
        ),
      );
    expect(await many("nobody", "T1")).toBe("23503");
    expect(await many("b", "T1", "nobody")).toBe("23503");
    expect(await many("b", "T-missing")).toBe("23503");
    expect(await many("x", "T1")).toBe("23503");
    expect(await postings()).toBe(100);
    expect(await many("b", "T1")).toBe("none");
    expect(await postings()).toBe(5100);
  });

  it("keeps accounts: never deleted or renamed", async () => {
    expect(await codeOf(t.db.query("DELETE FROM accounts WHERE tenant_id = 'chk' AND id = 'b'"))).not.toBe(
      "none",
    );
    expect(
      await codeOf(t.db.query("UPDATE accounts SET id = 'c' WHERE tenant_id = 'chk' AND id = 'b'")),
    ).not.toBe("none");
    expect(
      await codeOf(t.db.query("UPDATE accounts SET balance = 0 WHERE tenant_id = 'chk' AND id = 'b'")),
    ).toBe("none");
  });

  it("refuses outbox messages of a tenant that does not exist", async () => {
    const send = (tenant: string) =>
      codeOf(
        t.db.query(
          "INSERT INTO outbox (tenant_id, id, type, payload) VALUES ($1, 'm1', 'points.expired', '{}'), ('chk', 'm2', 'points.expired', '{}')",
          [tenant],
        ),
      );
    expect(await send("ghost")).toBe("23503");
    expect(await send("chk")).toBe("none");
    const n = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE tenant_id = 'chk'",
    );
    expect(n.rows[0]?.n).toBe(2);
  });
});
