// Contacts through the API: create, change, list, deactivate, unique emails, consent, and a sales manager
// limited to the contacts of own clients.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Contact } from "./contacts.ts";
import { type Staff, staffWithKey } from "./testing.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;

interface Page {
  data: Contact[];
  nextCursor: string | null;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let ana: Staff;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-01T09:00:00Z") });
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

type Answer = Contact & ErrorAnswer;
const add = (
  key: string,
  companyId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) => call<Answer>(app, "POST", `/v1/companies/${companyId}/contacts`, { key, body, headers });
const patch = (key: string, id: string, body: Record<string, unknown>) =>
  call<Answer>(app, "PATCH", `/v1/contacts/${id}`, { key, body });
const contactCount = async () =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM contacts WHERE tenant_id = 'acme'"))
    .rows[0]?.n;

describe("contacts", () => {
  it("are created as buyers by default, read, and changed field by field", async () => {
    const made = await add(owner, "C1", {
      name: "Ivan Petrov",
      email: "Ivan@C1.example",
      phone: "+7 495 000-00-01",
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      companyId: "C1",
      name: "Ivan Petrov",
      email: "Ivan@C1.example",
      role: "buyer",
      circle: null,
      marketingConsent: false,
      marketingConsentAt: null,
      active: true,
      erasedAt: null,
    });
    expect(made.body.id).toMatch(/^ctc_/);

    const changed = await patch(owner, made.body.id, {
      role: "company_admin",
      circle: "decision_maker",
      position: "Director",
      marketingConsent: true,
      comment: "met at the fair",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      role: "company_admin",
      circle: "decision_maker",
      position: "Director",
      marketingConsent: true,
      marketingConsentAt: "2026-03-01T09:00:00.000Z",
      email: "Ivan@C1.example",
    });
    const read = await call<Contact>(app, "GET", `/v1/contacts/${made.body.id}`, { key: owner });
    expect(read.body).toEqual(changed.body);

    const audit = await t.db.query<{
      action: string;
      comment: string | null;
      before: unknown;
      after: unknown;
    }>(
      // The clock is fixed, so ids do not order these entries: their actions do.
      "SELECT action, comment, before, after FROM audit_log WHERE tenant_id = 'acme' AND target = $1 ORDER BY action",
      [made.body.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["contact.create", "contact.update"]);
    expect(audit.rows[1]).toMatchObject({
      comment: "met at the fair",
      before: {
        role: "buyer",
        circle: null,
        position: null,
        marketingConsent: false,
        marketingConsentAt: null,
      },
    });
  });

  it("keep the consent's own time when the caller gives it", async () => {
    const r = await add(owner, "C1", {
      name: "Olga",
      email: "olga@c1.example",
      marketingConsent: true,
      marketingConsentAt: "2025-12-24T10:00:00+02:00",
    });
    expect(r.body).toMatchObject({ marketingConsent: true, marketingConsentAt: "2025-12-24T08:00:00.000Z" });
    const withdrawn = await patch(owner, r.body.id, { marketingConsent: false });
    expect(withdrawn.body).toMatchObject({
      marketingConsent: false,
      marketingConsentAt: "2026-03-01T09:00:00.000Z",
    });
  });

  it("an email another contact has, in any case and any company, is 409 naming email; nothing is written", async () => {
    await add(owner, "C1", { name: "First", email: "shared@example.com" });
    const before = await contactCount();
    const dup = await add(owner, "C2", { name: "Second", email: "SHARED@example.COM" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", field: "email" });
    expect(await contactCount()).toBe(before);

    const other = await add(owner, "C2", { name: "Third", email: "third@example.com" });
    const taken = await patch(owner, other.body.id, { email: "Shared@Example.com", name: "Renamed" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe("email");
    const still = await call<Contact>(app, "GET", `/v1/contacts/${other.body.id}`, { key: owner });
    expect(still.body).toMatchObject({ email: "third@example.com", name: "Third" });
    // A contact may change the case of its own address.
    expect((await patch(owner, other.body.id, { email: "Third@Example.com" })).status).toBe(200);
  });

  it("are upserted by the sender's id within their company; the id of another company's contact is 409", async () => {
    const first = await add(owner, "C1", { id: "CRM-1", name: "Mark", email: "mark@c1.example" });
    expect(first.status).toBe(201);
    const again = await add(owner, "C1", { id: "CRM-1", name: "Mark Twain", email: "mark@c1.example" });
    expect(again.status).toBe(200);
    expect(again.body.name).toBe("Mark Twain");
    const elsewhere = await add(owner, "C2", { id: "CRM-1", name: "Mark", email: "mark2@c2.example" });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.field).toBe("id");
    // An id must not be personal data: it outlives an erasure.
    const email = await add(owner, "C1", { id: "mark@c1.example", name: "Mark", email: "m3@c1.example" });
    expect(email.status).toBe(422);
    expect(email.body.error.field).toBe("id");
  });

  it("name the field at fault", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "a@c1.example" }, "name"],
      [{ name: "A" }, "email"],
      [{ name: "A", email: "not-an-email" }, "email"],
      [{ name: "A", email: "a@c1.example", role: "owner" }, "role"],
      [{ name: "A", email: "a@c1.example", phone: "call me" }, "phone"],
      [{ name: "A", email: "a@c1.example", circle: "inner" }, "circle"],
      [{ name: "A", email: "a@c1.example", marketingConsentAt: "yesterday" }, "marketingConsentAt"],
    ];
    for (const [body, field] of cases) {
      const r = await add(owner, "C1", body);
      expect(r.status, field).toBe(422);
      expect(r.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const unknown = await add(owner, "NOPE", { name: "A", email: "a@nope.example" });
    expect(unknown.status).toBe(404);
  });

  it("are deactivated by DELETE, listed only on request, and can come back", async () => {
    const c = await add(owner, "C2", { name: "Leaving", email: "leaving@c2.example" });
    const gone = await call<Contact>(app, "DELETE", `/v1/contacts/${c.body.id}`, {
      key: owner,
      headers: { "x-audit-comment": "left the company" },
    });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ active: false, deactivatedAt: "2026-03-01T09:00:00.000Z" });
    const active = await call<Page>(app, "GET", "/v1/companies/C2/contacts", { key: owner });
    expect(active.body.data.map((x) => x.id)).not.toContain(c.body.id);
    const all = await call<Page>(app, "GET", "/v1/companies/C2/contacts?includeInactive=true", {
      key: owner,
    });
    expect(all.body.data.map((x) => x.id)).toContain(c.body.id);
    const audit = await t.db.query<{ comment: string }>(
      "SELECT comment FROM audit_log WHERE tenant_id = 'acme' AND target = $1 AND action = 'contact.deactivate'",
      [c.body.id],
    );
    expect(audit.rows).toEqual([{ comment: "left the company" }]);
    const back = await patch(owner, c.body.id, { active: true });
    expect(back.body).toMatchObject({ active: true, deactivatedAt: null });
  });

  it("page through a company's contacts once each", async () => {
    for (let i = 0; i < 5; i++)
      await add(owner, "C2", { id: `P-${i}`, name: `P${i}`, email: `p${i}@c2.example` });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r: { body: Page } = await call(
        app,
        "GET",
        `/v1/companies/C2/contacts?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { key: owner },
      );
      seen.push(...r.body.data.map((x) => x.id));
      cursor = r.body.nextCursor;
      if (cursor === null) break;
    }
    const all = await t.db.query<{ id: string }>(
      "SELECT id FROM contacts WHERE tenant_id = 'acme' AND company_id = 'C2' AND deactivated_at IS NULL ORDER BY id",
    );
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(seen).toEqual(expect.arrayContaining(["P-0", "P-1", "P-2", "P-3", "P-4"]));
  });
});

describe("who may touch contacts", () => {
  it("a sales manager sees and changes the contacts of own clients only; others are 404", async () => {
    const mine = await add(ana.key, "C1", { name: "Ana's buyer", email: "buyer@c1.example" });
    expect(mine.status).toBe(201);
    const theirs = await add(owner, "C2", { name: "Not Ana's", email: "notanas@c2.example" });
    expect((await add(ana.key, "C2", { name: "X", email: "x@c2.example" })).status).toBe(404);
    expect((await call(app, "GET", `/v1/contacts/${theirs.body.id}`, { key: ana.key })).status).toBe(404);
    expect((await patch(ana.key, theirs.body.id, { name: "Hijacked" })).status).toBe(404);
    expect((await call(app, "DELETE", `/v1/contacts/${theirs.body.id}`, { key: ana.key })).status).toBe(404);
    expect((await call(app, "GET", `/v1/contacts/${theirs.body.id}`, { key: owner })).body).toMatchObject({
      name: "Not Ana's",
      active: true,
    });
    expect((await patch(ana.key, mine.body.id, { phone: "+1 555 0100" })).status).toBe(200);
  });

  it("a program manager reads, finance does not, another tenant sees nothing", async () => {
    const pm = await keyWithRole(app, owner, "program_manager");
    expect((await call(app, "GET", "/v1/companies/C1/contacts", { key: pm })).status).toBe(200);
    expect((await add(pm, "C1", { name: "X", email: "x@c1.example" })).status).toBe(403);
    const finance = await keyWithRole(app, owner, "finance");
    expect((await call(app, "GET", "/v1/companies/C1/contacts", { key: finance })).status).toBe(403);
    const globex = (await bootstrap(app, "globex", TOKEN)).ownerKey;
    const some = await call<Page>(app, "GET", "/v1/companies/C1/contacts", { key: owner });
    const id = some.body.data[0]?.id ?? "";
    expect((await call(app, "GET", `/v1/contacts/${id}`, { key: globex })).status).toBe(404);
    expect((await call(app, "GET", "/v1/companies/C1/contacts", { key: globex })).status).toBe(404);
    // The same email is free in another tenant.
    await call(app, "POST", "/v1/companies", { key: globex, body: { id: "G1", name: "G1" } });
    expect((await add(globex, "G1", { name: "Ivan", email: "ivan@c1.example" })).status).toBe(201);
  });
});
