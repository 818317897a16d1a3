// The audit log through the API: every change with its actor, comment and values, filtered and paged, and
// readable only by the roles that may and only within the tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole, type NewKey } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { AuditEntry } from "./service.ts";

interface AuditPage {
  data: AuditEntry[];
  nextCursor: string | null;
}

const START_MS = Date.parse("2026-03-01T09:00:00Z");
let clockMs = START_MS;
/** A clock that moves one minute per reading, so entries have distinct, known times. */
function now(): Date {
  clockMs += 60_000;
  return new Date(clockMs);
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let ownerKeyId: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, now, bootstrapToken: "audit-tests" });
  const b = await bootstrap(app, "acme", "audit-tests");
  owner = b.ownerKey;
  ownerKeyId = b.answer.apiKey.id;
  await bootstrap(app, "globex", "audit-tests");
});

afterAll(async () => {
  await t.drop();
});

describe("the audit log", () => {
  it("records each change with its actor, target, comment and values, newest first", async () => {
    const made = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: owner,
      body: { role: "finance", name: "books", comment: "for the monthly close" },
    });
    await call(app, "DELETE", `/v1/api-keys/${made.body.id}`, {
      key: owner,
      headers: { "x-audit-comment": "close is done" },
    });
    const r = await call<AuditPage>(app, "GET", "/v1/audit-log", { key: owner });
    expect(r.status).toBe(200);
    const [revoke, create, boot] = r.body.data;
    expect(revoke).toMatchObject({
      action: "api_key.revoke",
      actor: ownerKeyId,
      target: made.body.id,
      comment: "close is done",
      before: { revokedAt: null },
    });
    expect(revoke?.after?.revokedAt).toBe(revoke?.at);
    expect(create).toMatchObject({
      action: "api_key.create",
      actor: ownerKeyId,
      comment: "for the monthly close",
      before: null,
      after: { id: made.body.id, role: "finance", name: "books" },
    });
    expect(JSON.stringify(create)).not.toContain(made.body.secret);
    expect(create?.requestId).toMatch(/^req_/);
    expect(boot).toMatchObject({ action: "tenant.bootstrap", actor: "bootstrap", target: "acme" });
  });

  it("a comment in the body wins over the header", async () => {
    await call(app, "POST", "/v1/users", {
      key: owner,
      headers: { "x-audit-comment": "from the header" },
      body: { email: "c@acme.example", name: "C", role: "support", comment: "from the body" },
    });
    const r = await call<AuditPage>(app, "GET", "/v1/audit-log?action=user.create", { key: owner });
    expect(r.body.data[0]?.comment).toBe("from the body");
    expect(JSON.stringify(r.body)).not.toMatch(/password/);
  });

  it("filters by actor, action and time, and pages by cursor without gaps or repeats", async () => {
    const admin = await keyWithRole(app, owner, "admin");
    const adminId = (
      await call<{ data: NewKey[] }>(app, "GET", "/v1/api-keys?limit=200", { key: owner })
    ).body.data.find((k) => k.role === "admin")?.id;
    const from = new Date(clockMs + 1).toISOString();
    for (let i = 0; i < 5; i++) {
      await call(app, "POST", "/v1/users", {
        key: admin,
        body: { email: `p${i}@acme.example`, name: "P", role: "support" },
      });
    }
    const to = new Date(clockMs + 1).toISOString();
    await call(app, "POST", "/v1/users", {
      key: admin,
      body: { email: "late@acme.example", name: "L", role: "support" },
    });

    const byActor = await call<AuditPage>(app, "GET", `/v1/audit-log?actor=${adminId}`, { key: owner });
    expect(byActor.body.data).toHaveLength(6);
    expect(byActor.body.data.every((e) => e.actor === adminId)).toBe(true);

    const inWindow = await call<AuditPage>(
      app,
      "GET",
      `/v1/audit-log?action=user.create&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { key: owner },
    );
    expect(inWindow.body.data.map((e) => e.after?.email)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `p${i}@acme.example`),
    );

    const all = (await call<AuditPage>(app, "GET", "/v1/audit-log?limit=200", { key: owner })).body.data.map(
      (e) => e.id,
    );
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`;
      const r: { body: AuditPage } = await call(app, "GET", `/v1/audit-log?limit=3${query}`, { key: owner });
      paged.push(...r.body.data.map((e) => e.id));
      cursor = r.body.nextCursor;
      if (cursor === null) break;
    }
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(6);
  });

  it("a bad time filter names the parameter", async () => {
    const r = await call<ErrorAnswer>(app, "GET", "/v1/audit-log?from=yesterday", { key: owner });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed", field: "from" });
  });

  it("finance may read it; a program manager may not", async () => {
    const finance = await keyWithRole(app, owner, "finance");
    expect((await call(app, "GET", "/v1/audit-log", { key: finance })).status).toBe(200);
    const pm = await keyWithRole(app, owner, "program_manager");
    const r = await call<ErrorAnswer>(app, "GET", "/v1/audit-log", { key: pm });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
  });

  it("another tenant's key sees only its own entries, whatever the filter", async () => {
    const other = await bootstrap(app, "initech", "audit-tests");
    const r = await call<AuditPage>(app, "GET", `/v1/audit-log?actor=${ownerKeyId}`, { key: other.ownerKey });
    expect(r.body.data).toEqual([]);
    const own = await call<AuditPage>(app, "GET", "/v1/audit-log", { key: other.ownerKey });
    expect(own.body.data.map((e) => e.target)).toEqual(["initech"]);
  });

  it("rows cannot be changed or deleted", async () => {
    await expect(t.db.query("UPDATE audit_log SET comment = 'rewritten'")).rejects.toThrow(/append-only/);
    await expect(t.db.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });
});
