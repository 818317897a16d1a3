// Imports and exports of contacts (the people of client companies, with their portal role): rows are read from
// a stream and written a thousand per transaction, each transaction also recording how far the file got, so
// an import killed at any point continues where it stopped with nothing doubled. A contact already erased
// stays erased: a file naming it again changes nothing.
// Errors: ImportError (a row the database refuses: an unknown company, an email another contact has, a contact
// of another company), with the file line it came from.
import type { Db, Param, Queryable } from "../../db/db.ts";
import { CIRCLES, type Circle, CONTACT_ROLES, type ContactRole } from "../companies/contacts.ts";
import { EXPORT_PAGE_ROWS } from "./export.ts";
import { advance, begin, ImportError, type ImportFile, type ImportReport } from "./service.ts";

export { CIRCLES, CONTACT_ROLES };

/** Contacts written per multi-row statement and transaction. */
export const CONTACT_BATCH_ROWS = 1000;

/** One row of a contacts file. Absent optional values keep what the contact has (or the default when new). */
export interface ContactRow {
  fileLine: number;
  contactId: string;
  companyId: string;
  name: string;
  email: string;
  phone: string | null;
  role: ContactRole | null;
  circle: Circle | null;
  position: string | null;
  marketingConsent: boolean | null;
  active: boolean | null;
}

export const CONTACT_EXPORT_COLUMNS = [
  "contact_id",
  "company_id",
  "name",
  "email",
  "phone",
  "role",
  "circle",
  "position",
  "marketing_consent",
  "active",
] as const;

/**
 * Adds or updates the contacts of `rows` (pulled as they are read, so a file of any size needs memory for one
 * batch only). `total` is the number of rows in the file; the rows an earlier run of the same file committed
 * are skipped. `onProgress` gets the rows done so far.
 */
export async function importContacts(
  db: Db,
  tenantId: string,
  file: ImportFile,
  total: number,
  rows: AsyncIterable<readonly ContactRow[]> | Iterable<readonly ContactRow[]>,
  onProgress?: (done: number) => void,
): Promise<ImportReport> {
  const skipped = await begin(db, tenantId, "contacts", file, total);
  onProgress?.(skipped);
  let seen = 0;
  let done = skipped;
  let batch: ContactRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rowsNow = batch;
    batch = [];
    done += rowsNow.length;
    await db.transaction(async (tx) => {
      await writeContacts(tx, tenantId, rowsNow);
      await advance(tx, tenantId, file.id, done, total);
    });
    onProgress?.(done);
  };
  for await (const chunk of rows) {
    for (const row of chunk) {
      seen++;
      if (seen <= skipped) continue;
      batch.push(row);
      if (batch.length >= CONTACT_BATCH_ROWS) await flush();
    }
  }
  await flush();
  if (seen !== total) throw new Error(`the contacts file gave ${seen} rows, ${total} were counted`);
  return { total, skipped, imported: total - skipped };
}

async function writeContacts(tx: Queryable, tenantId: string, rows: readonly ContactRow[]): Promise<void> {
  await checkCompanies(tx, tenantId, rows);
  await checkOwners(tx, tenantId, rows);
  const params: Param[] = [tenantId];
  const values: string[] = [];
  for (const c of rows) {
    const n = params.length;
    const slots = TYPES.map((type, k) => `$${n + 1 + k}::${type}`);
    values.push(`(${slots.join(", ")})`);
    params.push(
      c.contactId,
      c.companyId,
      c.name,
      c.email,
      c.phone,
      c.role,
      c.circle,
      c.position,
      c.marketingConsent,
      c.active,
    );
  }
  const v = `(VALUES ${values.join(", ")}) AS v (id, company_id, name, email, phone, role, circle, position,
    consent, active)`;
  // Contacts there already take the file's values; an absent value (empty) keeps the contact's own.
  await tx.query(
    `UPDATE contacts AS c SET name = v.name, email = v.email, phone = coalesce(v.phone, c.phone),
       role = coalesce(v.role, c.role), circle = coalesce(v.circle, c.circle),
       position = coalesce(v.position, c.position),
       marketing_consent = coalesce(v.consent, c.marketing_consent),
       marketing_consent_at = CASE WHEN v.consent IS DISTINCT FROM c.marketing_consent AND v.consent IS NOT NULL
         THEN now() ELSE c.marketing_consent_at END,
       deactivated_at = CASE WHEN v.active IS NULL THEN c.deactivated_at WHEN v.active THEN NULL
         ELSE coalesce(c.deactivated_at, now()) END,
       updated_at = now()
     FROM ${v}
     WHERE c.tenant_id = $1 AND c.id = v.id AND c.erased_at IS NULL`,
    params,
  );
  // New contacts take the table's defaults for absent values.
  await tx.query(
    `INSERT INTO contacts (tenant_id, id, company_id, name, email, phone, role, circle, position,
       marketing_consent, marketing_consent_at, deactivated_at, created_at, updated_at)
     SELECT $1, v.id, v.company_id, v.name, v.email, v.phone, coalesce(v.role, 'buyer'), v.circle, v.position,
       coalesce(v.consent, false), CASE WHEN v.consent IS NOT NULL THEN now() END,
       CASE WHEN v.active = false THEN now() END, now(), now()
     FROM ${v}
     ON CONFLICT (tenant_id, id) DO NOTHING`,
    params,
  );
}

const TYPES = ["text", "text", "text", "text", "text", "text", "text", "text", "boolean", "boolean"] as const;

/** Every company the rows name must exist. */
async function checkCompanies(tx: Queryable, tenantId: string, rows: readonly ContactRow[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.companyId))];
  const found = await tx.query<{ id: string }>(
    `SELECT id FROM members WHERE tenant_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [tenantId, JSON.stringify(ids)],
  );
  const known = new Set(found.rows.map((r) => r.id));
  const missing = rows.find((r) => !known.has(r.companyId));
  if (missing) {
    throw new ImportError(
      missing.fileLine,
      "company_id",
      `there is no company ${JSON.stringify(missing.companyId)} (import the companies first)`,
    );
  }
}

/** A contact stays with its company, and an email belongs to one contact. */
async function checkOwners(tx: Queryable, tenantId: string, rows: readonly ContactRow[]): Promise<void> {
  const r = await tx.query<{ id: string; company_id: string; email: string }>(
    `SELECT id, company_id, lower(email) AS email FROM contacts WHERE tenant_id = $1
       AND (id IN (SELECT jsonb_array_elements_text($2::jsonb))
         OR lower(email) IN (SELECT lower(jsonb_array_elements_text($3::jsonb))))`,
    [tenantId, JSON.stringify(rows.map((x) => x.contactId)), JSON.stringify(rows.map((x) => x.email))],
  );
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  const byEmail = new Map(r.rows.map((x) => [x.email, x]));
  for (const row of rows) {
    const existing = byId.get(row.contactId);
    if (existing && existing.company_id !== row.companyId) {
      throw new ImportError(
        row.fileLine,
        "company_id",
        `contact ${JSON.stringify(row.contactId)} belongs to company ${JSON.stringify(existing.company_id)}`,
      );
    }
    const owner = byEmail.get(row.email.toLowerCase());
    if (owner && owner.id !== row.contactId) {
      throw new ImportError(
        row.fileLine,
        "email",
        `${JSON.stringify(row.email)} is the email of contact ${JSON.stringify(owner.id)}`,
      );
    }
  }
}

/** Every contact of the tenant not erased, by id, in the columns an import reads. */
export async function* contactRows(q: Queryable, tenantId: string): AsyncGenerator<string[]> {
  let after = "";
  for (;;) {
    const r = await q.query<Record<string, string | boolean | null>>(
      `SELECT id, company_id, name, email, phone, role, circle, position, marketing_consent,
         deactivated_at IS NULL AS active
       FROM contacts WHERE tenant_id = $1 AND id > $2 AND erased_at IS NULL ORDER BY id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    for (const c of r.rows) {
      yield [
        c.id,
        c.company_id,
        c.name,
        c.email,
        c.phone,
        c.role,
        c.circle,
        c.position,
        c.marketing_consent,
        c.active,
      ].map((v) => (v === null ? "" : String(v)));
    }
    if (r.rows.length < EXPORT_PAGE_ROWS) return;
    after = r.rows[r.rows.length - 1]?.id as string;
  }
}
