// The ledger on a real database: balanced postings, guarded balances, append-only entries, verification.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../testing/db.ts";
import { balanceOf, createTenant, LedgerError, openAccount, post, verify } from "./service.ts";

let t: TestDb;

beforeAll(async () => {
  t = await testDb();
  await createTenant(t.db, "acme", "Acme Wholesale");
  await createTenant(t.db, "other", "Other Tenant");
  await t.db.transaction(async (tx) => {
    for (const tenant of ["acme", "other"]) {
      await openAccount(tx, tenant, "program", "expense", true);
      await openAccount(tx, tenant, "wallet:C1", "wallet");
      await openAccount(tx, tenant, "wallet:C2", "wallet");
      await openAccount(tx, tenant, "expired", "expired");
    }
  });
});

afterAll(async () => {
  await t.drop();
});

describe("ledger", () => {
  it("moves points between accounts, keeps balances with the postings, and sums to zero", async () => {
    await t.db.transaction((tx) =>
      post(tx, "acme", {
        code: "earn",
        cause: "evt_1",
        postings: [{ from: "program", to: "wallet:C1", amount: 370 }],
      }),
    );
    await t.db.transaction((tx) =>
      post(tx, "acme", {
        code: "expire",
        postings: [
          { from: "wallet:C1", to: "expired", amount: 70 },
          { from: "program", to: "wallet:C2", amount: 5 },
        ],
      }),
    );
    expect(await balanceOf(t.db, "acme", "wallet:C1")).toBe(300n);
    expect(await balanceOf(t.db, "acme", "program")).toBe(-375n);
    expect(await verify(t.db, "acme")).toEqual({ differences: [], total: 0n });
  });

  it("refuses to take a wallet below zero and writes nothing of the transaction", async () => {
    const before = await balanceOf(t.db, "acme", "wallet:C2");
    const attempt = t.db.transaction((tx) =>
      post(tx, "acme", {
        code: "redeem",
        postings: [
          { from: "program", to: "wallet:C2", amount: 10 },
          { from: "wallet:C2", to: "program", amount: 1000 },
        ],
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "insufficient_points", account: "wallet:C2" });
    expect(await balanceOf(t.db, "acme", "wallet:C2")).toBe(before);
    expect(await verify(t.db, "acme")).toMatchObject({ differences: [], total: 0n });
  });

  it("the database itself refuses a negative balance, whatever the code does", async () => {
    await expect(
      t.db.query("UPDATE accounts SET balance = -1 WHERE tenant_id = 'acme' AND id = 'wallet:C2'"),
    ).rejects.toThrow(/balance_not_negative/);
  });

  it("entries are append-only", async () => {
    await expect(t.db.query("UPDATE postings SET amount = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query("DELETE FROM ledger_transactions")).rejects.toThrow(/append-only/);
  });

  it("names an unknown account and refuses empty or self postings", async () => {
    await expect(
      t.db.transaction((tx) =>
        post(tx, "acme", { code: "earn", postings: [{ from: "program", to: "wallet:C9", amount: 1 }] }),
      ),
    ).rejects.toMatchObject({ code: "unknown_account", account: "wallet:C9" });
    await expect(
      t.db.transaction((tx) => post(tx, "acme", { code: "earn", postings: [] })),
    ).rejects.toBeInstanceOf(LedgerError);
    await expect(
      t.db.transaction((tx) =>
        post(tx, "acme", { code: "earn", postings: [{ from: "program", to: "program", amount: 1 }] }),
      ),
    ).rejects.toMatchObject({ code: "bad_posting" });
  });

  it("keeps tenants apart: another tenant's accounts and postings are its own", async () => {
    expect(await balanceOf(t.db, "other", "wallet:C1")).toBe(0n);
    await expect(
      t.db.transaction((tx) =>
        post(tx, "other", { code: "redeem", postings: [{ from: "wallet:C1", to: "program", amount: 1 }] }),
      ),
    ).rejects.toMatchObject({ code: "insufficient_points" });
  });

  it("verification finds a balance that no longer matches its postings", async () => {
    await t.db.query(
      "UPDATE accounts SET balance = balance + 1 WHERE tenant_id = 'other' AND id = 'wallet:C2'",
    );
    const v = await verify(t.db, "other");
    expect(v.differences).toEqual([{ account: "wallet:C2", balance: 1n, fromPostings: 0n }]);
    expect(v.total).toBe(1n);
  });
});

// On the PostgreSQL server these run truly in parallel (60 connections); the embedded database has one
// connection and runs them one after another, which must give the same answer.
describe("ledger under concurrent redemptions", () => {
  it("50 concurrent redemptions against a balance that covers exactly 10: 10 succeed, the balance ends at 0", async () => {
    await openAccount(t.db, "acme", "wallet:RACE", "wallet");
    await t.db.transaction((tx) =>
      post(tx, "acme", { code: "earn", postings: [{ from: "program", to: "wallet:RACE", amount: 100 }] }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        t.db.transaction((tx) =>
          post(tx, "acme", {
            code: "redeem",
            postings: [{ from: "wallet:RACE", to: "program", amount: 10 }],
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(
      failures.every((f) => f.reason instanceof LedgerError && f.reason.code === "insufficient_points"),
    ).toBe(true);
    expect(await balanceOf(t.db, "acme", "wallet:RACE")).toBe(0n);
    expect(await verify(t.db, "acme")).toMatchObject({ differences: [], total: 0n });
  });
});

describe("program accounts in stripes", () => {
  it("200 concurrent earnings from one program account: its balance is its row and stripes, the books balance", async () => {
    const wallets = Array.from({ length: 20 }, (_, i) => `wallet:S${i}`);
    for (const w of wallets) await openAccount(t.db, "acme", w, "wallet");
    const before = (await balanceOf(t.db, "acme", "program")) ?? 0n;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.db.transaction((tx) =>
          post(tx, "acme", {
            code: "earn",
            postings: [{ from: "program", to: wallets[i % wallets.length] as string, amount: i + 1 }],
          }),
        ),
      ),
    );
    // 1 + 2 + ... + 200
    expect(await balanceOf(t.db, "acme", "program")).toBe(before - 20_100n);
    expect(await balanceOf(t.db, "acme", "wallet:S0")).toBe(
      BigInt(Array.from({ length: 10 }, (_, k) => 20 * k + 1).reduce((a, b) => a + b, 0)),
    );
    const stripes = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM account_stripes WHERE tenant_id = 'acme' AND account_id = 'program'",
    );
    expect(Number(stripes.rows[0]?.n)).toBeGreaterThan(1);
    const row = await t.db.query<{ balance: string }>(
      "SELECT balance::text FROM accounts WHERE tenant_id = 'acme' AND id = 'wallet:S0'",
    );
    expect(row.rows[0]?.balance).toBe("910");
    expect(await verify(t.db, "acme")).toMatchObject({ differences: [], total: 0n });
  });
});
