// Contacts files: imported as they stream, an interrupted import continues without doubling anything, a file
// with a problem writes nothing, an erased contact stays erased, and an export imports again unchanged.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  CIRCLES,
  CONTACT_BATCH_ROWS,
  CONTACT_EXPORT_COLUMNS,
  CONTACT_ROLES,
  type ContactRow,
  contactRows,
  createTenant,
  csvCell,
  ImportError,
  importCompanies,
  importCompanyStream,
  importContacts,
} from "@patron/server";
import {
  CIRCLE_NAMES,
  CONTACT_ROLE_NAMES,
  CsvInputError,
  parseContactsText,
  streamCompanies,
  streamContacts,
} from "@patron/server/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../../../packages/server/src/testing/db.ts";
import { loadCompanyFile, loadContacts } from "./import.ts";

const COMPANIES = 40;
const CONTACTS = 2500; // more than two batches
const dir = mkdtempSync(join(tmpdir(), "patron-contacts-"));

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
}, 120_000);
afterAll(async () => {
  await t.drop();
});

/** A tenant with companies C0..C39. */
async function tenant(id: string): Promise<void> {
  await createTenant(t.db, id, id);
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({
    fileLine: i + 2,
    companyId: `C${i}`,
    name: `Company ${i}`,
    taxId: null,
    parentId: null,
    segment: null,
    region: null,
    joinedOn: null,
    enrolledOn: null,
  }));
  await importCompanies(t.db, id, { id: `companies:${id}`, name: "companies" }, companies);
}

const HEADER = "contact_id,company_id,name,email,phone,role,circle,position,marketing_consent,active";

/** Contact i: every optional column filled on some rows and empty on others, a quoted comma in some names. */
function line(i: number): string {
  const role = i % 7 === 0 ? "company_admin" : i % 3 === 0 ? "" : "buyer";
  const circle = i % 5 === 0 ? "procurement" : "";
  const name = i % 11 === 0 ? `"Person ${i}, Jr."` : `Person ${i}`;
  const consent = i % 4 === 0 ? "true" : i % 4 === 1 ? "false" : "";
  const active = i % 13 === 0 ? "false" : "";
  return `P${i},C${i % COMPANIES},${name},person.${i}@clients.example,${i % 2 ? `+1 555 ${i}` : ""},${role},${circle},${i % 3 ? "Buyer" : ""},${consent},${active}`;
}

function file(name: string, text: string, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

const allLines = () => Array.from({ length: CONTACTS }, (_, i) => line(i));

async function stored(tenantId: string) {
  const r = await t.db.query<Record<string, unknown>>(
    `SELECT id, company_id, name, email, phone, role, circle, position, marketing_consent,
       deactivated_at IS NULL AS active FROM contacts WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return r.rows;
}

async function csvOf(tenantId: string): Promise<string> {
  let text = `${CONTACT_EXPORT_COLUMNS.join(",")}\n`;
  for await (const r of contactRows(t.db, tenantId)) text += `${r.map(csvCell).join(",")}\n`;
  return text;
}

describe("patron import contacts", { timeout: 300_000 }, () => {
  it("the file reader knows the server's roles and circles", () => {
    expect([...CONTACT_ROLE_NAMES]).toEqual([...CONTACT_ROLES]);
    expect([...CIRCLE_NAMES]).toEqual([...CIRCLES]);
  });

  it("imports every row of a gzip file with its values, and a second run changes nothing", async () => {
    await tenant("whole");
    const path = file("contacts.csv.gz", `${HEADER}\n${allLines().join("\n")}\n`, true);
    await loadContacts(t.db, "whole", { id: "contacts:1", name: path }, true);
    const rows = await stored("whole");
    expect(rows).toHaveLength(CONTACTS);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("P0")).toMatchObject({ company_id: "C0", role: "company_admin", circle: "procurement" });
    expect(byId.get("P3")).toMatchObject({ role: "buyer", phone: "+1 555 3", position: null });
    expect(byId.get("P11")).toMatchObject({ name: "Person 11, Jr.", email: "person.11@clients.example" });
    expect(byId.get("P13")).toMatchObject({ active: false, marketing_consent: false });
    expect(byId.get("P4")).toMatchObject({ active: true, marketing_consent: true });
    const done = await t.db.query<{ done: number; total: number }>(
      "SELECT done, total FROM imports WHERE tenant_id = 'whole' AND id = 'contacts:1'",
    );
    expect(done.rows[0]).toEqual({ done: CONTACTS, total: CONTACTS });
    await loadContacts(t.db, "whole", { id: "contacts:1", name: path }, true);
    await loadContacts(t.db, "whole", { id: "contacts:other-name", name: path }, true);
    expect(await stored("whole")).toEqual(rows);
  });

  it("an import stopped after a batch continues where it stopped, with nothing doubled", async () => {
    await tenant("resumed");
    const path = file("resumed.csv", `${HEADER}\n${allLines().join("\n")}\n`);
    const stop = new Error("killed");
    async function* dying(): AsyncGenerator<ContactRow[]> {
      let given = 0;
      for await (const batch of streamContacts(path, 300)) {
        yield batch;
        given += batch.length;
        if (given > CONTACT_BATCH_ROWS + 500) throw stop;
      }
    }
    await expect(importContacts(t.db, "resumed", { id: "c", name: path }, CONTACTS, dying())).rejects.toBe(
      stop,
    );
    expect((await stored("resumed")).length).toBe(CONTACT_BATCH_ROWS);
    const report = await importContacts(
      t.db,
      "resumed",
      { id: "c", name: path },
      CONTACTS,
      streamContacts(path, 300),
    );
    expect(report).toEqual({
      total: CONTACTS,
      skipped: CONTACT_BATCH_ROWS,
      imported: CONTACTS - CONTACT_BATCH_ROWS,
    });
    expect(await stored("resumed")).toEqual(await stored("whole"));
  });

  it("a file with a problem writes nothing and names the line and the column", async () => {
    await tenant("bad");
    const lines = allLines();
    lines[1800] = "P1800,C0,Person,person.1800@clients.example,,owner,,,,";
    lines[2000] = "P2000,C0,Person,person.1.example,,,,,,";
    lines[2100] = "P0,C0,Person,other@clients.example,,,,,,";
    const path = file("bad.csv", `${HEADER}\n${lines.join("\n")}\n`);
    const e = await loadContacts(t.db, "bad", { id: "bad", name: path }, true).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CsvInputError);
    expect((e as CsvInputError).errors.map((p) => [p.line, p.field])).toEqual([
      [1802, "role"],
      [2002, "email"],
      [2102, "contact_id"],
    ]);
    expect(await stored("bad")).toEqual([]);
  });

  it("refuses a row of an unknown company or with another contact's email, naming its line", async () => {
    const unknown = file("unknown.csv", `${HEADER}\n${line(1)}\nX1,C999,Someone,x1@clients.example,,,,,,\n`);
    const e = await loadContacts(t.db, "bad", { id: "unknown", name: unknown }, true).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ImportError);
    expect(e).toMatchObject({ line: 3, field: "company_id" });
    expect(await stored("bad")).toEqual([]);
    const taken = file("taken.csv", `${HEADER}\nX2,C1,Someone,PERSON.5@clients.example,,,,,,\n`);
    const e2 = await loadContacts(t.db, "whole", { id: "taken", name: taken }, true).catch((x: unknown) => x);
    expect(e2).toMatchObject({ line: 2, field: "email" });
  });

  it("updates contacts already there, keeps what a file leaves empty, and leaves an erased contact erased", async () => {
    await t.db.query(
      "UPDATE contacts SET erased_at = now(), name = 'Erased', email = 'erased+P2@erased.invalid' WHERE tenant_id = 'whole' AND id = 'P2'",
    );
    const path = file(
      "update.csv",
      `${HEADER}\nP1,C1,Renamed,person.1@clients.example,,,,,,\nP2,C2,Back Again,person.2@clients.example,,,,,,\n`,
    );
    await loadContacts(t.db, "whole", { id: "update", name: path }, true);
    const byId = new Map((await stored("whole")).map((r) => [r.id, r]));
    expect(byId.get("P1")).toMatchObject({
      name: "Renamed",
      phone: "+1 555 1",
      role: "buyer",
      position: "Buyer",
    });
    expect(byId.get("P2")).toMatchObject({ name: "Erased", email: "erased+P2@erased.invalid" });
  });

  it("an export imports again into the same contacts, erased ones left out", async () => {
    const text = await csvOf("whole");
    const exported = parseContactsText(text, "export.csv");
    expect(exported).toHaveLength(CONTACTS - 1);
    await tenant("again");
    await loadContacts(t.db, "again", { id: "again", name: file("again.csv", text) }, true);
    const original = (await stored("whole")).filter((r) => r.id !== "P2");
    expect(await stored("again")).toEqual(original);
  });
});

describe("patron import companies, streamed", { timeout: 300_000 }, () => {
  const header = "company_id,name,tax_id,parent_id,segment,region,joined_on";
  const companyLine = (i: number) =>
    `K${i},"Company ${i}, Ltd",T${i},${i % 10 === 0 || i < 10 ? "" : `K${i - (i % 10)}`},retail,EU,2025-01-${String(1 + (i % 28)).padStart(2, "0")}`;
  const text = `${header}\n${Array.from({ length: 2500 }, (_, i) => companyLine(i)).join("\n")}\n`;

  async function members(tenantId: string) {
    const r = await t.db.query<Record<string, unknown>>(
      "SELECT id, name, tax_id, parent_id, segment, region, joined_on::text FROM members WHERE tenant_id = $1 ORDER BY id",
      [tenantId],
    );
    return r.rows;
  }

  it("imports a file read as it streams, and an import stopped after a batch continues without doubling", async () => {
    const path = file("companies.csv.gz", text, true);
    await createTenant(t.db, "k-whole", "k-whole");
    await loadCompanyFile(t.db, "k-whole", { id: "k", name: path }, true);
    const whole = await members("k-whole");
    expect(whole).toHaveLength(2500);
    expect(whole.find((m) => m.id === "K13")).toMatchObject({ name: "Company 13, Ltd", parent_id: "K10" });

    await createTenant(t.db, "k-resumed", "k-resumed");
    const stop = new Error("killed");
    async function* dying() {
      let given = 0;
      for await (const batch of streamCompanies(path, 400)) {
        yield batch;
        given += batch.length;
        if (given >= 1600) throw stop;
      }
    }
    await expect(importCompanyStream(t.db, "k-resumed", { id: "k", name: path }, 2500, dying())).rejects.toBe(
      stop,
    );
    expect((await members("k-resumed")).length).toBe(1000);
    await loadCompanyFile(t.db, "k-resumed", { id: "k", name: path }, true);
    expect(await members("k-resumed")).toEqual(whole);
  });
});
