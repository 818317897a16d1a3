// Erasure of a contact's personal data: pseudonyms in place of name, email and phone, no trace of them left in
// any text or JSON column of the tenant's tables, and the ledger, orders and events exactly as they were.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queryable } from "../../db/db.ts";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import type { Contact } from "./contacts.ts";
import { pseudonymEmail, pseudonymName } from "./erasure.ts";
import { staffWithKey } from "./testing.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
// Points are split between the company and the buyer, so the erased contact has a wallet of its own.
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
).replace(
  "wallet: { earner: company, allowDebt: true }",
  'wallet: { earner: split, split: { company: "50%", contact: "50%" }, allowDebt: true }',
);

const ZOLTAN = {
  name: "Zoltan Quibblesworth",
  email: "Zoltan.Q@privmail.example",
  newEmail: "zq.new@privmail.example",
  phone: "+36 1 555 0199",
  position: "Chief Purchaser",
};

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect(program).toContain("earner: split");
  expect(
    (await call(app, "POST", "/v1/programs", { key: owner, body: { definition: program } })).status,
  ).toBe(201);
  for (const id of ["C1", "C2"]) {
    expect(
      (await call(app, "POST", "/v1/companies", { key: owner, body: { id, name: `Company ${id}` } })).status,
    ).toBe(201);
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t.drop();
});

const order = (orderId: string, contactId: string, unitPrice: string) => ({
  type: "order",
  source: "erp",
  orderId,
  date: "2026-03-01",
  companyId: "C1",
  contactId,
  lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice }],
});

/** Every row of every text or JSON column of the tenant's tables that contains one of `needles`, in any case. */
async function traces(q: Queryable, tenantId: string, needles: string[]): Promise<string[]> {
  const columns = await q.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'jsonb', 'json', 'character varying')
       AND EXISTS (SELECT 1 FROM information_schema.columns t WHERE t.table_schema = c.table_schema
                   AND t.table_name = c.table_name AND t.column_name = 'tenant_id')
     ORDER BY 1, 2`,
  );
  expect(columns.rows.length).toBeGreaterThan(20); // the query found the tables
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns.rows) {
    for (const needle of needles) {
      const r = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1 AND strpos(lower("${column}"::text), lower($2)) > 0`,
        [tenantId, needle],
      );
      if ((r.rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}: ${needle}`);
    }
  }
  return found;
}

/** What erasure must leave exactly as it was: accounts, postings, lots, orders and events. */
async function ledgerState(q: Queryable): Promise<string> {
  const parts: unknown[] = [];
  for (const sql of [
    "SELECT id, kind, balance::text FROM accounts WHERE tenant_id = 'acme' ORDER BY id",
    "SELECT transaction_id, seq, from_account, to_account, amount::text FROM postings WHERE tenant_id = 'acme' ORDER BY 1, 2",
    "SELECT id, code, cause FROM ledger_transactions WHERE tenant_id = 'acme' ORDER BY id",
    "SELECT id, account_id, remaining::text FROM lots WHERE tenant_id = 'acme' ORDER BY id",
    "SELECT id, member_id, net_minor::text, points_earned::text, outcome FROM orders WHERE tenant_id = 'acme' ORDER BY id",
    "SELECT id, payload, result FROM events WHERE tenant_id = 'acme' ORDER BY id",
  ]) {
    parts.push((await q.query(sql)).rows);
  }
  return JSON.stringify(parts);
}

describe("erasing a contact", () => {
  let zoltan: Contact;
  let keep: Contact;

  beforeAll(async () => {
    const made = await call<Contact>(app, "POST", "/v1/companies/C1/contacts", {
      key: owner,
      headers: { "idempotency-key": "create-zoltan" },
      body: {
        id: "K1",
        name: ZOLTAN.name,
        email: ZOLTAN.email,
        phone: ZOLTAN.phone,
        position: ZOLTAN.position,
      },
    });
    expect(made.status).toBe(201);
    zoltan = made.body;
    const moved = await call(app, "PATCH", "/v1/contacts/K1", {
      key: owner,
      headers: { "idempotency-key": "zoltan-new-address" },
      body: { email: ZOLTAN.newEmail, comment: `replaces ${ZOLTAN.email}, says ${ZOLTAN.name}` },
    });
    expect(moved.status).toBe(200);
    // A stored error answer under an Idempotency-Key too.
    const dup = await call(app, "POST", "/v1/companies/C2/contacts", {
      key: owner,
      headers: { "idempotency-key": "dup-of-zoltan" },
      body: { name: "Someone", email: ZOLTAN.newEmail.toUpperCase() },
    });
    expect(dup.status).toBe(409);
    const other = await call<Contact>(app, "POST", "/v1/companies/C1/contacts", {
      key: owner,
      body: { id: "K2", name: "Maria Keep", email: "maria.keep@c1.example" },
    });
    keep = other.body;
    for (const [id, contact, price] of [
      ["o-1", "K1", "10000.00"],
      ["o-2", "K2", "4000.00"],
      ["o-3", "K1", "6000.00"],
    ] as const) {
      expect(
        (await call(app, "POST", "/v1/events", { key: owner, body: order(id, contact, price) })).status,
      ).toBe(201);
    }
    const ret = await call(app, "POST", "/v1/events", {
      key: owner,
      body: {
        type: "return",
        source: "erp",
        externalId: "r-1",
        orderId: "o-3",
        date: "2026-03-02",
        lines: [{ sku: "A", unitPrice: "6000.00", quantity: 1 }],
      },
    });
    expect(ret.status).toBe(201);
  }, HOOK_TIMEOUT_MS);

  it("is for owners and admins only", async () => {
    for (const role of ["support", "program_manager"]) {
      const key = await keyWithRole(app, owner, role);
      const r = await call<ErrorAnswer>(app, "POST", "/v1/contacts/K1/erase", { key, body: {} });
      expect(r.status, role).toBe(403);
    }
    const rep = await staffWithKey(app, owner, "rep@acme.example");
    expect((await call(app, "POST", "/v1/contacts/K1/erase", { key: rep.key, body: {} })).status).toBe(403);
    expect((await call(app, "POST", "/v1/companies/C1/erase", { key: rep.key, body: {} })).status).toBe(403);
  });

  it("leaves no trace of the person anywhere, and the ledger exactly as it was", async () => {
    const needles = [
      ZOLTAN.email,
      ZOLTAN.newEmail,
      ZOLTAN.phone,
      ZOLTAN.name,
      "Quibblesworth",
      ZOLTAN.position,
    ];
    // The person is all over the database before: the test can see them.
    const before = await traces(t.db, "acme", needles);
    expect(before).toEqual(
      expect.arrayContaining([
        "contacts.email: zq.new@privmail.example",
        "audit_log.after: Zoltan.Q@privmail.example",
        "audit_log.comment: Zoltan.Q@privmail.example",
        "idempotency_keys.response_body: Zoltan Quibblesworth",
      ]),
    );
    const ledgerBefore = await ledgerState(t.db);
    const wallet = await t.db.query<{ balance: string }>(
      "SELECT balance::text FROM accounts WHERE tenant_id = 'acme' AND id = 'wallet:contact:K1'",
    );
    expect(Number(wallet.rows[0]?.balance)).toBeGreaterThan(0); // the contact's own share of the points

    const erased = await call<{
      contact: Contact;
      scrubbed: { auditEntries: number; storedAnswers: number };
    }>(app, "POST", "/v1/contacts/K1/erase", {
      key: owner,
      headers: { "idempotency-key": "erase-k1" },
      body: { comment: "request of 2026-03-05" },
    });
    expect(erased.status).toBe(200);
    expect(erased.body.contact).toMatchObject({
      id: "K1",
      companyId: "C1",
      name: pseudonymName("K1"),
      email: pseudonymEmail("K1"),
      phone: null,
      position: null,
      marketingConsent: false,
      active: false,
      createdAt: zoltan.createdAt,
    });
    expect(erased.body.contact.erasedAt).not.toBeNull();
    expect(erased.body.scrubbed.auditEntries).toBeGreaterThanOrEqual(2);
    expect(erased.body.scrubbed.storedAnswers).toBeGreaterThanOrEqual(2);

    expect(await traces(t.db, "acme", needles)).toEqual([]);
    expect(await ledgerState(t.db)).toBe(ledgerBefore);
    const check = await verify(t.db, "acme");
    expect(check.differences).toEqual([]);
    expect(check.total).toBe(0n);

    // The erasure is in the log, with its comment, and nothing of the person.
    const entry = await t.db.query<{ actor: string; comment: string; after: Record<string, unknown> }>(
      "SELECT actor, comment, after FROM audit_log WHERE tenant_id = 'acme' AND action = 'contact.erase' AND target = 'K1'",
    );
    expect(entry.rows).toHaveLength(1);
    expect(entry.rows[0]).toMatchObject({ comment: "request of 2026-03-05", after: { companyId: "C1" } });
    // The other contact is untouched.
    const other = await call<Contact>(app, "GET", "/v1/contacts/K2", { key: owner });
    expect(other.body).toEqual(keep);
    expect(await traces(t.db, "acme", [keep.email])).toEqual(
      expect.arrayContaining(["contacts.email: maria.keep@c1.example"]),
    );
  });

  it("an erased contact stays erased: erasing again changes nothing, changing it is 409", async () => {
    const again = await call<{ scrubbed: { auditEntries: number } }>(app, "POST", "/v1/contacts/K1/erase", {
      key: owner,
    });
    expect(again.status).toBe(200);
    expect(again.body.scrubbed.auditEntries).toBe(0);
    const n = await t.db.query(
      "SELECT 1 FROM audit_log WHERE tenant_id = 'acme' AND action = 'contact.erase'",
    );
    expect(n.rows).toHaveLength(1);
    const change = await call<ErrorAnswer>(app, "PATCH", "/v1/contacts/K1", {
      key: owner,
      body: { email: ZOLTAN.email },
    });
    expect(change.status).toBe(409);
    expect(change.body.error.field).toBe("id");
    expect((await call(app, "DELETE", "/v1/contacts/K1", { key: owner })).status).toBe(200);
    // Its address is free again.
    const reuse = await call(app, "POST", "/v1/companies/C2/contacts", {
      key: owner,
      body: { name: "New person", email: "zoltan.q@privmail.example" },
    });
    expect(reuse.status).toBe(201);
  });

  it("the audit log stays append-only outside an erasure", async () => {
    await expect(t.db.query("UPDATE audit_log SET comment = 'x' WHERE tenant_id = 'acme'")).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("SET LOCAL patron.erasure = 'on'");
        await tx.query("DELETE FROM audit_log WHERE tenant_id = 'acme'");
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query("SET LOCAL patron.erasure = 'on'");
        await tx.query("UPDATE audit_log SET actor = 'someone else' WHERE tenant_id = 'acme'");
      }),
    ).rejects.toThrow(/append-only/);
  });
});

describe("erasing a company's contacts", () => {
  it("erases every contact of the company, inactive ones included, and only those", async () => {
    const people = [
      { id: "E1", name: "Erin Example", email: "erin@c2-private.example" },
      { id: "E2", name: "Evan Example", email: "evan@c2-private.example", phone: "+44 20 7946 0991" },
    ];
    for (const p of people) {
      expect((await call(app, "POST", "/v1/companies/C2/contacts", { key: owner, body: p })).status).toBe(
        201,
      );
    }
    expect((await call(app, "DELETE", "/v1/contacts/E2", { key: owner })).status).toBe(200);
    const ledgerBefore = await ledgerState(t.db);

    const r = await call<{ companyId: string; erasedContacts: string[] }>(
      app,
      "POST",
      "/v1/companies/C2/erase",
      {
        key: owner,
        body: { comment: "the company asked" },
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.erasedContacts).toEqual(expect.arrayContaining(["E1", "E2"]));
    expect(
      await traces(t.db, "acme", ["erin@c2-private.example", "Evan Example", "+44 20 7946 0991"]),
    ).toEqual([]);
    expect(await ledgerState(t.db)).toBe(ledgerBefore);
    // The company itself is a legal entity, not a person: its data stays.
    const company = await call<{ name: string }>(app, "GET", "/v1/companies/C2", { key: owner });
    expect(company.body.name).toBe("Company C2");
    const c1 = await call<Contact>(app, "GET", "/v1/contacts/K2", { key: owner });
    expect(c1.body.erasedAt).toBeNull();
  });

  it("of an unknown company is 404", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/companies/NOPE/erase", { key: owner, body: {} });
    expect(r.status).toBe(404);
    expect(r.body.error.field).toBe("id");
  });
});
