// Manual adjustments through the API: posted at once within the tenant's threshold, waiting for a second
// person above it, lots credited with their expiry and debited oldest first, the ledger balanced throughout.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { samePerson } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
/** The volume-tiers example without debt, its points expiring 365 days after they become available. */
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
)
  .replace("allowDebt: true", "allowDebt: false")
  .concat("\nexpiry: { policy: afterDays, days: 365 }\n");

interface Adjustment {
  id: string;
  memberId: string;
  points: number;
  status: string;
  expiresOn: string | null;
  requestedBy: string;
  decidedBy: string | null;
  decisionComment: string | null;
  transactionId: string | null;
}

interface Settings {
  adjustmentApprovalThreshold: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let financeA: string;
let financeB: string;
let support: string;
let manager: string;
let other: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-10T09:00:00Z") });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  financeA = await keyWithRole(app, owner, "finance");
  financeB = await keyWithRole(app, owner, "finance");
  support = await keyWithRole(app, owner, "support");
  manager = await keyWithRole(app, owner, "program_manager");
  other = (await bootstrap(app, "other", TOKEN)).ownerKey;
  expect(
    (await call(app, "POST", "/v1/programs", { key: owner, body: { definition: program } })).status,
  ).toBe(201);
  const order = await call(app, "POST", "/v1/events", {
    key: owner,
    body: {
      type: "order",
      orderId: "O1",
      date: "2026-03-01",
      companyId: "C1",
      lines: [{ sku: "A", quantity: 1, unitPrice: "10000.00" }],
    },
  });
  expect(order.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const adjust = (
  key: string,
  body: Record<string, unknown>,
  member = "C1",
  headers?: Record<string, string>,
) =>
  call<Adjustment & ErrorAnswer>(app, "POST", `/v1/members/${member}/adjustments`, {
    key,
    body,
    ...(headers ? { headers } : {}),
  });
const decide = (key: string, id: string, verb: "approve" | "reject", comment?: string) =>
  call<Adjustment & ErrorAnswer>(app, "POST", `/v1/adjustments/${id}/${verb}`, {
    key,
    body: comment === undefined ? {} : { comment },
  });

async function available(): Promise<number> {
  const r = await call<{ available: number }>(app, "GET", "/v1/members/C1/wallet", { key: owner });
  return r.body.available;
}

async function lots(): Promise<{ source: string; remaining: number; expires_on: string | null }[]> {
  const r = await t.db.query<{ source: string; remaining: string; expires_on: string | null }>(
    "SELECT source, remaining::text, expires_on::text FROM lots WHERE tenant_id = 'acme' AND account_id = 'wallet:C1' ORDER BY granted_on, id",
  );
  return r.rows.map((x) => ({ source: x.source, remaining: Number(x.remaining), expires_on: x.expires_on }));
}

async function adjustmentCount(): Promise<number> {
  const r = await t.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM adjustments WHERE tenant_id = 'acme'",
  );
  return r.rows[0]?.n ?? 0;
}

describe("settings", () => {
  it("the threshold defaults to 10,000; finance changes it, support cannot; the change is audited", async () => {
    const before = await call<Settings>(app, "GET", "/v1/settings", { key: support });
    expect(before.body).toEqual({ adjustmentApprovalThreshold: 10_000, updatedAt: null, updatedBy: null });
    const refused = await call(app, "PUT", "/v1/settings", {
      key: support,
      body: { adjustmentApprovalThreshold: 5 },
    });
    expect(refused.status).toBe(403);
    const bad = await call<ErrorAnswer>(app, "PUT", "/v1/settings", {
      key: financeA,
      body: { adjustmentApprovalThreshold: -1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("adjustmentApprovalThreshold");
    const put = await call<Settings>(app, "PUT", "/v1/settings", {
      key: financeA,
      body: { adjustmentApprovalThreshold: 1000, comment: "tighter control" },
    });
    expect(put.status).toBe(200);
    expect(put.body.adjustmentApprovalThreshold).toBe(1000);
    expect(put.body.updatedBy).toMatch(/^key_/);
    const audit = await t.db.query<{ comment: string; before: unknown; after: unknown }>(
      "SELECT comment, before, after FROM audit_log WHERE tenant_id = 'acme' AND action = 'settings.update'",
    );
    expect(audit.rows).toEqual([
      {
        comment: "tighter control",
        before: { adjustmentApprovalThreshold: 10_000 },
        after: { adjustmentApprovalThreshold: 1000 },
      },
    ]);
    // Another tenant keeps its own default.
    const theirs = await call<Settings>(app, "GET", "/v1/settings", { key: other });
    expect(theirs.body.adjustmentApprovalThreshold).toBe(10_000);
  });
});

describe("adjustments within the threshold", () => {
  it("a credit is posted at once as a lot with its expiry", async () => {
    expect(await available()).toBe(100);
    const r = await adjust(support, {
      points: 500,
      reason: "goodwill: late delivery",
      expiresOn: "2026-12-31",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ points: 500, status: "posted", expiresOn: "2026-12-31", decidedBy: null });
    expect(r.body.transactionId).toMatch(/^txn_/);
    expect(Object.keys(r.body)).not.toContain("requestedByUser");
    expect(await available()).toBe(600);
    const posted = await t.db.query<{
      from_account: string;
      to_account: string;
      amount: string;
      code: string;
    }>(
      `SELECT p.from_account, p.to_account, p.amount::text, t.code FROM postings p
       JOIN ledger_transactions t ON t.tenant_id = p.tenant_id AND t.id = p.transaction_id
       WHERE p.tenant_id = 'acme' AND p.transaction_id = $1`,
      [r.body.transactionId],
    );
    expect(posted.rows).toEqual([
      { from_account: "program:issued", to_account: "wallet:C1", amount: "500", code: "adjust" },
    ]);
    // Without a date, a credit expires as the program's points do: 365 days from today, 10 March.
    const plain = await adjust(support, { points: 20, reason: "rounding" });
    expect(plain.body.status).toBe("posted");
    expect(await lots()).toEqual([
      { source: "O1", remaining: 100, expires_on: "2027-02-28" },
      { source: `adjustment:${r.body.id}`, remaining: 500, expires_on: "2026-12-31" },
      { source: `adjustment:${plain.body.id}`, remaining: 20, expires_on: "2027-03-09" },
    ]);
  });

  it("a debit takes the oldest lots first", async () => {
    const r = await adjust(support, { points: -170, reason: "points credited twice" });
    expect(r.body.status).toBe("posted");
    expect(await available()).toBe(450);
    expect((await lots()).map((l) => l.remaining)).toEqual([0, 430, 20]);
  });

  it("a debit beyond the balance is refused naming points, and nothing is written", async () => {
    const count = await adjustmentCount();
    const r = await adjust(owner, { points: -451, reason: "clawback" });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed", field: "points" });
    expect(r.body.error.message).toContain("450");
    expect(await available()).toBe(450);
    expect(await adjustmentCount()).toBe(count);
  });

  it("bad input is a 4xx naming the field", async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ points: 0, reason: "x" }, "points", 422],
      [{ points: 1.5, reason: "x" }, "points", 422],
      [{ points: 10 }, "reason", 422],
      [{ points: 10, reason: "   " }, "reason", 422],
      [{ points: -10, reason: "x", expiresOn: "2026-12-31" }, "expiresOn", 422],
      [{ points: 10, reason: "x", expiresOn: "2026-03-09" }, "expiresOn", 422],
      [{ points: 10, reason: "x", expiresOn: "2026-02-30" }, "expiresOn", 422],
      [{ points: 10, reason: "x", extra: 1 }, "extra", 422],
    ];
    for (const [body, field, status] of cases) {
      const r = await adjust(support, body);
      expect([r.status, r.body.error?.field]).toEqual([status, field]);
    }
    const unknown = await adjust(support, { points: 10, reason: "x" }, "NOBODY");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("id");
    expect((await adjust(manager, { points: 10, reason: "x" })).status).toBe(403);
    expect((await adjust(other, { points: 10, reason: "x" })).status).toBe(404);
    expect(await available()).toBe(450);
  });
});

describe("adjustments above the threshold", () => {
  let pendingCredit: string;
  let supportCredit: string;

  it("waits for approval with nothing posted", async () => {
    const r = await adjust(financeA, {
      points: 2000,
      reason: "annual partner bonus",
      comment: "per contract §4",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: "pending_approval", transactionId: null });
    pendingCredit = r.body.id;
    const s = await adjust(support, { points: 5000, reason: "migration from the old system" });
    expect(s.body.status).toBe("pending_approval");
    supportCredit = s.body.id;
    expect(await available()).toBe(450);
    const list = await call<{ data: Adjustment[] }>(app, "GET", "/v1/adjustments?status=pending_approval", {
      key: support,
    });
    expect(list.body.data.map((a) => a.id)).toEqual([supportCredit, pendingCredit]);
    // A pending debit beyond the balance is refused at once.
    const debit = await adjust(financeA, { points: -5000, reason: "clawback" });
    expect(debit.status).toBe(422);
    expect(debit.body.error.field).toBe("points");
  });

  it("the requester cannot approve their own; support cannot approve at all", async () => {
    const own = await decide(financeA, pendingCredit, "approve");
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("forbidden");
    expect((await decide(financeA, pendingCredit, "reject")).status).toBe(403);
    expect((await decide(support, supportCredit, "approve")).status).toBe(403);
    expect((await decide(other, pendingCredit, "approve")).status).toBe(404);
    expect(await available()).toBe(450);
  });

  it("a second person approves and it posts once; approving again is a conflict", async () => {
    const ok = await decide(financeB, pendingCredit, "approve", "checked against the contract");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "posted", decisionComment: "checked against the contract" });
    expect(ok.body.decidedBy).toMatch(/^key_/);
    expect(ok.body.transactionId).toMatch(/^txn_/);
    expect(await available()).toBe(2450);
    const again = await decide(owner, pendingCredit, "approve");
    expect(again.status).toBe(409);
    expect((await decide(owner, pendingCredit, "reject")).status).toBe(409);
    expect(await available()).toBe(2450);
    const txns = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM ledger_transactions WHERE tenant_id = 'acme' AND cause = $1",
      [pendingCredit],
    );
    expect(txns.rows[0]?.n).toBe(1);
  });

  it("a rejected adjustment posts nothing", async () => {
    const r = await decide(owner, supportCredit, "reject", "no record of these points in the old system");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "rejected", transactionId: null });
    expect((await decide(financeB, supportCredit, "approve")).status).toBe(409);
    expect(await available()).toBe(2450);
    const txns = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM ledger_transactions WHERE tenant_id = 'acme' AND cause = $1",
      [supportCredit],
    );
    expect(txns.rows[0]?.n).toBe(0);
  });

  it("a large debit waits too, and on approval takes the oldest lots", async () => {
    const r = await adjust(financeA, { points: -2100, reason: "order O1 paid by a stolen card" });
    expect(r.body.status).toBe("pending_approval");
    const ok = await decide(financeB, r.body.id, "approve");
    expect(ok.body.status).toBe("posted");
    expect(await available()).toBe(350);
    expect((await lots()).map((l) => l.remaining)).toEqual([0, 0, 0, 350]);
  });

  it("an Idempotency-Key replays the request instead of adjusting twice", async () => {
    const headers = { "idempotency-key": "adj-retry-1" };
    const first = await adjust(support, { points: 10, reason: "retry" }, "C1", headers);
    const second = await adjust(support, { points: 10, reason: "retry" }, "C1", headers);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.id).toBe(first.body.id);
    expect(await available()).toBe(360);
  });

  it("the ledger verifies clean and every step is in the audit log", async () => {
    const v = await verify(t.db, "acme");
    expect(v.differences).toEqual([]);
    expect(v.total).toBe(0n);
    const lotSum = (await lots()).reduce((s, l) => s + l.remaining, 0);
    expect(lotSum).toBe(await available());
    const audit = await t.db.query<{ action: string; target: string; comment: string | null }>(
      "SELECT action, target, comment FROM audit_log WHERE tenant_id = 'acme' AND action LIKE 'adjustment.%' ORDER BY id",
    );
    const steps = audit.rows.map((r) => r.action);
    expect(steps.filter((a) => a === "adjustment.request")).toHaveLength(7);
    expect(steps.filter((a) => a === "adjustment.approve")).toHaveLength(2);
    expect(steps.filter((a) => a === "adjustment.reject")).toHaveLength(1);
    expect(audit.rows).toContainEqual({
      action: "adjustment.request",
      target: pendingCredit,
      comment: "per contract §4",
    });
    expect(audit.rows).toContainEqual({
      action: "adjustment.approve",
      target: pendingCredit,
      comment: "checked against the contract",
    });
    expect(audit.rows).toContainEqual({
      action: "adjustment.reject",
      target: supportCredit,
      comment: "no record of these points in the old system",
    });
    const listed = await call<{ data: Adjustment[] }>(app, "GET", "/v1/adjustments?status=rejected", {
      key: financeA,
    });
    expect(listed.body.data.map((a) => a.id)).toEqual([supportCredit]);
    const theirs = await call<{ data: Adjustment[] }>(app, "GET", "/v1/adjustments", { key: other });
    expect(theirs.body.data).toEqual([]);
  });

  it("two approvals at once post it once", async () => {
    const r = await adjust(financeA, { points: 3000, reason: "race" });
    const answers = await Promise.all([
      decide(financeB, r.body.id, "approve"),
      decide(owner, r.body.id, "approve"),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await available()).toBe(3360);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});

describe("samePerson", () => {
  it("compares users when both are known, else keys", () => {
    expect(samePerson({ keyId: "key_a", userId: null }, { keyId: "key_a", userId: null })).toBe(true);
    expect(samePerson({ keyId: "key_a", userId: null }, { keyId: "key_b", userId: null })).toBe(false);
    expect(samePerson({ keyId: "key_a", userId: "usr_1" }, { keyId: "key_b", userId: "usr_1" })).toBe(true);
    expect(samePerson({ keyId: null, userId: "usr_1" }, { keyId: null, userId: "usr_2" })).toBe(false);
    expect(samePerson({ keyId: null, userId: null }, { keyId: null, userId: null })).toBe(false);
  });
});
