// CSV imports over HTTP (POST /v1/imports/{kind}): a companies and a contacts file go in whole and come out of
// the exports as they went in; the same file sent again changes nothing; a bad file (a wrong header, a bad
// value, a row the database refuses, too many rows or bytes) is refused naming the line and column, and
// nothing of it is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_BODY_LIMIT_BYTES, createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { MAX_UPLOAD_ROWS } from "./upload.ts";

const TOKEN = "bootstrap-token-for-tests";
let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;

const COMPANIES = [
  "company_id,name,tax_id,parent_id,segment,region,joined_on,enrolled_on",
  "G1,Group One,,,,,,",
  'C1,"Builders, Ltd",7701,G1,contractor,north,2024-01-15,2024-02-01',
  "C2,Plumbing Co,,,retail,south,2025-05-01,",
].join("\n");

const CONTACTS = [
  "contact_id,company_id,name,email,phone,role,circle,position,marketing_consent,active",
  "p1,C1,Anna Buyer,anna@c1.example,+100,buyer,procurement,Buyer,true,true",
  "p2,C1,Boris Admin,boris@c1.example,,company_admin,decision_maker,,false,true",
  "p3,C2,Vera Clerk,vera@c2.example,,,,,,false",
].join("\n");

function upload(kind: string, csv: string, as = key, headers: Record<string, string> = {}) {
  return call<{ kind: string; total: number; imported: number; skipped: number } & ErrorAnswer>(
    app,
    "POST",
    `/v1/imports/${kind}`,
    { key: as, body: csv, headers: { "content-type": "text/csv", ...headers } },
  );
}

async function createCompany(as: string, body: Record<string, string>) {
  const r = await call<ErrorAnswer>(app, "POST", "/v1/companies", { key: as, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function exported(kind: string, as = key): Promise<string> {
  const r = await call<string>(app, "GET", `/v1/exports/${kind}`, { key: as });
  expect(r.status).toBe(200);
  return r.body;
}

/** What a refused file could have written: the tenant's companies, contacts, imports and audit entries. */
async function written(tenantId = "acme") {
  const r = await t.db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM members WHERE tenant_id = $1) || '/' ||
            (SELECT count(*) FROM contacts WHERE tenant_id = $1) || '/' ||
            (SELECT count(*) FROM imports WHERE tenant_id = $1) || '/' ||
            (SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND action LIKE '%.import') AS n`,
    [tenantId],
  );
  return r.rows[0]?.n;
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => new Date("2026-12-06T12:00:00Z"),
    webDir: null,
  });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "beta", TOKEN)).ownerKey;
});

afterAll(async () => {
  await t?.drop();
});

describe("POST /v1/imports/{kind}", () => {
  it("a bad file is refused naming the line and column, and writes nothing", async () => {
    const before = await written();
    const cases: { kind: string; csv: string; status: number; message: RegExp }[] = [
      // A wrong header: a required column is missing.
      {
        kind: "companies",
        csv: "company_id,name\nC9,Nine\n",
        status: 422,
        message: /line 1, tax_id: required column "tax_id" is missing/,
      },
      // A bad date on the third line.
      {
        kind: "companies",
        csv: `${COMPANIES}\nC3,Three,,,,,2025-02-30,`,
        status: 422,
        message: /line 5, joined_on: "2025-02-30" is not a valid date/,
      },
      // A bad number (a date written as a number) and a duplicate, both listed.
      {
        kind: "companies",
        csv: `${COMPANIES}\nC3,Three,,,,,20250101,\nC1,Again,,,,,,`,
        status: 422,
        message: /line 5, joined_on: .*; line 6, company_id: "C1" is a duplicate \(first on line 3\)/,
      },
      // A parent that is neither in the file nor the tenant's.
      {
        kind: "companies",
        csv: `${COMPANIES}\nC3,Three,,NOPE,,,,`,
        status: 422,
        message: /line 5, parent_id: there is no company "NOPE"/,
      },
      // A bad yes/no and a bad email.
      {
        kind: "contacts",
        csv: `${CONTACTS.split("\n")[0]}\nq1,C1,Q,q1@x.example,,,,,maybe,\nq2,C1,Q2,not-an-email,,,,,,`,
        status: 422,
        message: /line 2, marketing_consent: "maybe" is not true or false; line 3, email: "not-an-email"/,
      },
      // A row with a field too many.
      {
        kind: "contacts",
        csv: `${CONTACTS.split("\n")[0]}\nq1,C1,Q,q1@x.example,,,,,,,extra`,
        status: 422,
        message: /line 2: the row has 11 fields but the header has 10/,
      },
      // Rows the database refuses (a company not imported) after good ones: nothing of the good ones stays.
      {
        kind: "contacts",
        csv: CONTACTS,
        status: 422,
        message: /line 2, company_id: there is no company "C1"/,
      },
      { kind: "companies", csv: "", status: 422, message: /the file is empty/ },
      {
        kind: "companies",
        csv: "company_id,name,tax_id,parent_id,segment,region,joined_on\n",
        status: 422,
        message: /no rows/,
      },
    ];
    for (const c of cases) {
      const r = await upload(c.kind, c.csv);
      expect(r.status, `${c.csv}: ${JSON.stringify(r.body)}`).toBe(c.status);
      expect(r.body.error.field).toBe("csv");
      expect(r.body.error.message).toMatch(c.message);
    }
    expect(await written()).toBe(before);
  });

  it("a company POST /v1/companies refuses is refused in a file, for the same reason, with nothing written", async () => {
    // A tenant of its own, so that the companies made here are in no other test's export.
    const own = (await bootstrap(app, "gamma", TOKEN)).ownerKey;
    await createCompany(own, { id: "H1", name: "Holding" });
    await createCompany(own, { id: "H2", name: "Branch", parentId: "H1" });
    const before = await written("gamma");
    const header = COMPANIES.split("\n")[0];
    const cases: { body: Record<string, string>; row: string; message: RegExp }[] = [
      {
        body: { id: "N3", name: "Three", parentId: "N3" },
        row: "N3,Three,,N3,,,,",
        message: /line 2, parent_id: a company cannot be its own parent/,
      },
      {
        body: { id: "N2", name: "n".repeat(5000) },
        row: `N2,${"n".repeat(5000)},,,,,,`,
        message: /line 2, name: is 5000 characters long; at most 300 allowed/,
      },
      {
        body: { id: "N2", name: "Two", segment: "s".repeat(500) },
        row: `N2,Two,,,${"s".repeat(500)},,,`,
        message: /line 2, segment: is 500 characters long; at most 100 allowed/,
      },
      {
        body: { id: "H1", name: "Holding", parentId: "H2" },
        row: "H1,Holding,,H2,,,,",
        message: /line 2, parent_id: H2 is a subsidiary of H1: making it the parent would close a cycle/,
      },
    ];
    for (const c of cases) {
      const api = await call<ErrorAnswer>(app, "POST", "/v1/companies", { key: own, body: c.body });
      expect(api.status, JSON.stringify(c.body).slice(0, 80)).toBe(422);
      const r = await upload("companies", `${header}\n${c.row}`, own);
      expect(r.status, c.row.slice(0, 80)).toBe(422);
      expect(r.body.error.message).toMatch(c.message);
    }
    // A cycle within the file, named on the row that closes it.
    const pair = await upload("companies", `${header}\nN4,Four,,N5,,,,\nN5,Five,,N4,,,,`, own);
    expect(pair.status).toBe(422);
    expect(pair.body.error.message).toMatch(
      /line 3, parent_id: N4 is a subsidiary of N5: making it the parent would close a cycle/,
    );
    expect(await written("gamma")).toBe(before);
    // A valid re-parenting goes in: the branch becomes the holding's parent.
    const moved = await upload("companies", `${header}\nH2,Branch,,,,,,\nH1,Holding,,H2,,,,`, own);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // A blank name is no name (an export's companies that came with their first order have none): a new
    // company gets none, and one that has a name keeps it.
    const blank = await upload("companies", `${header}\nN9,   ,,,,,,\nH1,,,H2,,,,`, own);
    expect(blank.status, JSON.stringify(blank.body)).toBe(200);
    expect((await call(app, "GET", "/v1/companies/N9", { key: own })).body).toMatchObject({ name: null });
    expect((await call(app, "GET", "/v1/companies/H1", { key: own })).body).toMatchObject({
      name: "Holding",
      parentId: "H2",
    });
  });

  it("a file over the row or byte limit, or not sent as CSV, is refused with nothing written", async () => {
    const before = await written();
    const rows = Array.from({ length: MAX_UPLOAD_ROWS + 1 }, (_, i) => `X${i},Company ${i},,,,,,`);
    const many = await upload("companies", [COMPANIES.split("\n")[0], ...rows].join("\n"));
    expect(many.status).toBe(413);
    expect(many.body.error.message).toMatch(`at most ${MAX_UPLOAD_ROWS}`);
    const big = await upload("companies", `${COMPANIES}\n${"x".repeat(BATCH_BODY_LIMIT_BYTES)}`);
    expect(big.status).toBe(413);
    const json = await call<ErrorAnswer>(app, "POST", "/v1/imports/companies", {
      key,
      body: { csv: COMPANIES },
    });
    expect(json.status).toBe(415);
    expect(json.body.error.field).toBe("content-type");
    const unknown = await upload("orders-and-more", COMPANIES);
    expect(unknown.status).toBe(422);
    expect(await written()).toBe(before);
  });

  it("companies and contacts go in whole, come out of the exports as they went in, and a second send changes nothing", async () => {
    const companies = await upload("companies", COMPANIES);
    expect(companies.status, JSON.stringify(companies.body)).toBe(200);
    expect(companies.body).toEqual({ kind: "companies", total: 3, imported: 3, skipped: 0 });
    const contacts = await upload("contacts", CONTACTS);
    expect(contacts.status, JSON.stringify(contacts.body)).toBe(200);
    expect(contacts.body).toEqual({ kind: "contacts", total: 3, imported: 3, skipped: 0 });

    const companyFile = await exported("companies");
    expect(companyFile.trim().split("\n")).toEqual([
      COMPANIES.split("\n")[0],
      'C1,"Builders, Ltd",7701,G1,contractor,north,2024-01-15,2024-02-01',
      "C2,Plumbing Co,,,retail,south,2025-05-01,",
      "G1,Group One,,,,,,",
    ]);
    const contactFile = await exported("contacts");
    expect(contactFile.trim().split("\n")).toEqual([
      CONTACTS.split("\n")[0],
      "p1,C1,Anna Buyer,anna@c1.example,+100,buyer,procurement,Buyer,true,true",
      "p2,C1,Boris Admin,boris@c1.example,,company_admin,decision_maker,,false,true",
      "p3,C2,Vera Clerk,vera@c2.example,,buyer,,,false,false",
    ]);

    const before = await written();
    const again = await upload("companies", COMPANIES);
    expect(again.body).toEqual({ kind: "companies", total: 3, imported: 0, skipped: 3 });
    expect((await upload("contacts", CONTACTS)).body).toEqual({
      kind: "contacts",
      total: 3,
      imported: 0,
      skipped: 3,
    });
    expect(await written()).toBe(before);
    expect(await exported("companies")).toBe(companyFile);

    // The export imports again as a new file: every row is written, and nothing changes.
    const round = await upload("companies", companyFile);
    expect(round.body).toEqual({ kind: "companies", total: 3, imported: 3, skipped: 0 });
    expect(await exported("companies")).toBe(companyFile);

    // A changed file updates the rows it names.
    const renamed = await upload(
      "contacts",
      `${CONTACTS.split("\n")[0]}\np3,C2,Vera Lead,vera@c2.example,,,,,,true`,
    );
    expect(renamed.body.imported).toBe(1);
    expect(await exported("contacts")).toContain("p3,C2,Vera Lead,vera@c2.example,,buyer,,,false,true");
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE tenant_id = 'acme' AND action LIKE '%.import' ORDER BY id",
    );
    // One entry per request that wrote (the clock stands still, so their ids do not order them).
    expect(audit.rows.map((a) => a.action).sort()).toEqual([
      "company.import",
      "company.import",
      "contact.import",
      "contact.import",
    ]);
  });

  it("an Idempotency-Key replays the first answer", async () => {
    const csv = `${COMPANIES.split("\n")[0]}\nK1,Keyed,,,,,,`;
    const first = await upload("companies", csv, key, { "idempotency-key": "imp-1" });
    const second = await upload("companies", csv, key, { "idempotency-key": "imp-1" });
    expect(first.body).toEqual({ kind: "companies", total: 1, imported: 1, skipped: 0 });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const other = await upload("companies", `${csv}\nK2,Keyed two,,,,,,`, key, {
      "idempotency-key": "imp-1",
    });
    expect(other.status).toBe(409);
  });

  it("only those who run the program import, and a tenant's file cannot reach another tenant's companies", async () => {
    const finance = await keyWithRole(app, key, "finance");
    const refused = await upload("companies", COMPANIES, finance);
    expect(refused.status).toBe(403);
    const manager = await keyWithRole(app, key, "program_manager");
    expect(
      (await upload("companies", `${COMPANIES.split("\n")[0]}\nM1,By manager,,,,,,`, manager)).status,
    ).toBe(200);

    const before = await written("beta");
    // Beta's contacts of acme's company C1, and a beta company under acme's G1: both refused.
    const contact = await upload("contacts", CONTACTS, otherKey);
    expect(contact.status).toBe(422);
    expect(contact.body.error.message).toMatch(/line 2, company_id: there is no company "C1"/);
    const child = await upload("companies", `${COMPANIES.split("\n")[0]}\nB1,Beta child,,G1,,,,`, otherKey);
    expect(child.status).toBe(422);
    expect(child.body.error.message).toMatch(/line 2, parent_id/);
    expect(await written("beta")).toBe(before);
    const acme = await t.db.query("SELECT 1 FROM contacts WHERE tenant_id = 'beta'");
    expect(acme.rows).toEqual([]);
  });
});
