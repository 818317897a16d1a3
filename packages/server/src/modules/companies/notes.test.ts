// Notes on a company through the API: added and listed newest first, bad input named, replayed by
// Idempotency-Key, audited, limited to a sales manager's own clients, and deleted with the company's erasure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Note } from "./notes.ts";
import { type Staff, staffWithKey } from "./testing.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let ana: Staff;
let clock = new Date("2026-03-01T09:00:00Z").getTime();

/** Each request a minute after the one before, so notes are written in a known order. */
function tick(): Date {
  clock += 60_000;
  return new Date(clock);
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: tick });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  ana = await staffWithKey(app, owner, "ana@acme.example");
  for (const [id, rep] of [
    ["C1", ana.userId],
    ["C2", null],
  ] as const) {
    const r = await call(app, "POST", "/v1/companies", {
      key: owner,
      body: { id, name: id, salesRepId: rep },
    });
    expect(r.status).toBe(201);
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t.drop();
});

type Answer = Note & ErrorAnswer;
const add = (key: string, companyId: string, body: unknown, headers: Record<string, string> = {}) =>
  call<Answer>(app, "POST", `/v1/companies/${companyId}/notes`, { key, body, headers });
const list = (key: string, companyId: string, query: Record<string, string> = {}) =>
  call<{ data: Note[]; nextCursor: string | null } & ErrorAnswer>(
    app,
    "GET",
    `/v1/companies/${companyId}/notes?${new URLSearchParams(query)}`,
    { key },
  );
const noteCount = async () =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM company_notes WHERE tenant_id = 'acme'"))
    .rows[0]?.n;

describe("company notes", () => {
  it("are added with their author, audited, and listed newest first in pages", async () => {
    const first = await add(ana.key, "C1", { text: "  Asked for a discount.  " });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      companyId: "C1",
      authorId: ana.userId,
      text: "Asked for a discount.",
    });
    expect(first.body.id).toMatch(/^note_/);
    const second = await add(owner, "C1", { text: "Called back." });
    expect(second.status).toBe(201);

    const audit = await t.db.query<{ action: string; target: string }>(
      "SELECT action, target FROM audit_log WHERE tenant_id = 'acme' AND action = 'company.note' ORDER BY id",
    );
    expect(audit.rows).toEqual([
      { action: "company.note", target: "C1" },
      { action: "company.note", target: "C1" },
    ]);

    const page1 = await list(ana.key, "C1", { limit: "1" });
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((n) => n.text)).toEqual(["Called back."]);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await list(ana.key, "C1", { limit: "1", cursor: page1.body.nextCursor ?? "" });
    expect(page2.body.data.map((n) => n.text)).toEqual(["Asked for a discount."]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it("refuse bad input naming the field, writing nothing", async () => {
    const before = await noteCount();
    for (const body of [{}, { text: "" }, { text: "   " }, { text: "x".repeat(2001) }, { text: 5 }]) {
      const r = await add(owner, "C1", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.field).toBe("text");
    }
    const extra = await add(owner, "C1", { text: "ok", author: "someone" });
    expect(extra.status).toBe(422);
    expect(await noteCount()).toBe(before);
    expect((await add(owner, "C1", { text: "x".repeat(2000) })).status).toBe(201);
  });

  it("replay the first answer for a repeated Idempotency-Key", async () => {
    const before = await noteCount();
    const headers = { "Idempotency-Key": "note-once" };
    const a = await add(owner, "C2", { text: "Once." }, headers);
    const b = await add(owner, "C2", { text: "Once." }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await noteCount()).toBe((before ?? 0) + 1);
  });

  it("of another rep's client are unseen by a sales manager, and unknown companies are not found", async () => {
    expect((await add(ana.key, "C2", { text: "Not mine." })).status).toBe(404);
    expect((await list(ana.key, "C2")).status).toBe(404);
    expect((await list(owner, "C2")).body.data.map((n) => n.text)).toEqual(["Once."]);
    expect((await add(owner, "nope", { text: "Hi." })).status).toBe(404);
  });

  it("are deleted when the company's personal data is erased", async () => {
    expect((await list(owner, "C1")).body.data.length).toBeGreaterThan(0);
    const erased = await call(app, "POST", "/v1/companies/C1/erase", {
      key: owner,
      body: { comment: "asked" },
    });
    expect(erased.status).toBe(200);
    expect((await list(owner, "C1")).body.data).toEqual([]);
    expect((await list(owner, "C2")).body.data).toHaveLength(1);
  });
});
