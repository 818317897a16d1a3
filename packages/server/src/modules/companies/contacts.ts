// Contacts: the people of a client company, with their portal role (company admin or buyer), their part in
// decisions, and their marketing consent. Deactivated rather than deleted, so what names them stays whole.
// Errors: not_found (a contact or company outside the tenant or the caller's scope), conflict (an email
// another contact has, an id taken in another company, a change to an erased contact).
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "./scope.ts";
import { MAX_PAGE, noCompany } from "./service.ts";

export const CONTACT_ROLES = ["company_admin", "buyer"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CIRCLES = ["decision_maker", "procurement", "accounting", "engineering", "influencer"] as const;
export type Circle = (typeof CIRCLES)[number];

export interface Contact {
  id: string;
  companyId: string;
  name: string;
  email: string;
  phone: string | null;
  role: ContactRole;
  circle: Circle | null;
  position: string | null;
  marketingConsent: boolean;
  marketingConsentAt: string | null;
  active: boolean;
  deactivatedAt: string | null;
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Where the contact stands with the client portal. */
  portal: PortalAccess;
}

/**
 * A contact's way into the portal: whether it has set a password (by accepting an invitation), and otherwise
 * the latest invitation not used yet, whose link works until `expiresAt`.
 */
export interface PortalAccess {
  signedUp: boolean;
  invitation: { sentAt: string; expiresAt: string } | null;
}

/** What a person sets; absent fields are left as they are (or take their default on creation). */
export interface ContactFields {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | null | undefined;
  role?: ContactRole | undefined;
  circle?: Circle | null | undefined;
  position?: string | null | undefined;
  marketingConsent?: boolean | undefined;
  /** When the consent answer was given; the time of the change when absent. */
  marketingConsentAt?: string | undefined;
  active?: boolean | undefined;
}

// The latest unused invitation is read by the contact's index of invitations (tenant, contact, id: ids are
// time-ordered), as a value of the row, so that `FOR UPDATE` locks only the contact.
const SELECT = `SELECT id, company_id, name, email, phone, role, circle, position, marketing_consent,
  marketing_consent_at, deactivated_at, erased_at, created_at, updated_at, password_hash IS NOT NULL AS signed_up,
  (SELECT json_build_object('sentAt', i.created_at, 'expiresAt', i.expires_at) FROM contact_invitations i
   WHERE i.tenant_id = contacts.tenant_id AND i.contact_id = contacts.id AND i.used_at IS NULL
   ORDER BY i.id DESC LIMIT 1) AS invitation FROM contacts`;

/**
 * Creates a contact of the company, or changes the one with this id when it belongs to the same company.
 * Answers whether it was created.
 */
export async function upsertContact(
  tx: Queryable,
  scope: CompanyScope,
  companyId: string,
  id: string | null,
  fields: ContactFields,
  change: Change,
): Promise<{ contact: Contact; created: boolean }> {
  const tenantId = scope.tenantId;
  if (!(await scope.includes(tx, companyId))) throw noCompany(companyId);
  if (id !== null) {
    const existing = await findContact(tx, tenantId, id);
    if (existing) {
      if (existing.companyId !== companyId) {
        throw new ApiError("conflict", `contact ${id} belongs to another company`, "id");
      }
      return { contact: await updateContact(tx, scope, id, fields, change), created: false };
    }
  }
  if (fields.name === undefined) throw new ApiError("validation_failed", "name is required", "name");
  if (fields.email === undefined) throw new ApiError("validation_failed", "email is required", "email");
  const contactId = id ?? newId("ctc", change.at.getTime());
  const consent = fields.marketingConsent ?? false;
  const consentAt = fields.marketingConsent === undefined ? null : (fields.marketingConsentAt ?? change.at);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, id, company_id, name, email, phone, role, circle, position,
       marketing_consent, marketing_consent_at, deactivated_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      tenantId,
      contactId,
      companyId,
      fields.name,
      fields.email,
      fields.phone ?? null,
      fields.role ?? "buyer",
      fields.circle ?? null,
      fields.position ?? null,
      consent,
      consentAt,
      fields.active === false ? change.at : null,
      change.at,
    ],
  );
  if (r.rows.length === 0) throw await whyNotInserted(tx, tenantId, contactId, fields.email);
  const contact = await mustFind(tx, tenantId, contactId);
  await recordAudit(tx, tenantId, change, {
    action: "contact.create",
    target: contactId,
    before: null,
    after: { ...contact },
  });
  return { contact, created: true };
}

/** Changes the fields given; with no actual change, writes nothing. */
export async function updateContact(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  fields: ContactFields,
  change: Change,
): Promise<Contact> {
  const before = await lockInScope(tx, scope, id);
  if (before.erasedAt !== null) {
    const onlyDeactivates = Object.entries(fields).every(
      ([k, v]) => v === undefined || (k === "active" && !v),
    );
    if (onlyDeactivates) return before; // an erased contact is inactive already
    throw new ApiError("conflict", `contact ${id} was erased and cannot be changed`, "id");
  }
  const sets: string[] = [];
  const params: Param[] = [scope.tenantId, id, change.at];
  const set = (column: string, value: Param) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  const simple: [keyof ContactFields & keyof Contact, string][] = [
    ["name", "name"],
    ["email", "email"],
    ["phone", "phone"],
    ["role", "role"],
    ["circle", "circle"],
    ["position", "position"],
  ];
  for (const [key, column] of simple) {
    const value = fields[key];
    if (value !== undefined && value !== before[key]) set(column, value as string | null);
  }
  const consentChanged =
    fields.marketingConsent !== undefined && fields.marketingConsent !== before.marketingConsent;
  if (consentChanged) set("marketing_consent", fields.marketingConsent ?? false);
  if (consentChanged || fields.marketingConsentAt !== undefined) {
    const at = fields.marketingConsentAt ?? change.at.toISOString();
    if (new Date(at).toISOString() !== before.marketingConsentAt) set("marketing_consent_at", new Date(at));
  }
  if (fields.active !== undefined && fields.active !== before.active) {
    set("deactivated_at", fields.active ? null : change.at);
  }
  if (sets.length === 0) return before;
  try {
    await tx.query("SAVEPOINT contact_update");
    await tx.query(
      `UPDATE contacts SET ${sets.join(", ")}, updated_at = $3 WHERE tenant_id = $1 AND id = $2`,
      params,
    );
    await tx.query("RELEASE SAVEPOINT contact_update");
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await tx.query("ROLLBACK TO SAVEPOINT contact_update");
    throw emailTaken();
  }
  const after = await mustFind(tx, scope.tenantId, id);
  const keys = Object.keys(after).filter(
    (k) => k !== "updatedAt" && after[k as keyof Contact] !== before[k as keyof Contact],
  );
  await recordAudit(tx, scope.tenantId, change, {
    action: fields.active === false && before.active ? "contact.deactivate" : "contact.update",
    target: id,
    before: Object.fromEntries(keys.map((k) => [k, before[k as keyof Contact]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k as keyof Contact]])),
  });
  return after;
}

export async function getContact(q: Queryable, scope: CompanyScope, id: string): Promise<Contact> {
  const params: Param[] = [scope.tenantId, id];
  const r = await q.query<ContactRow>(
    `${SELECT} WHERE tenant_id = $1 AND id = $2 AND ${scope.where("company_id", params)}`,
    params,
  );
  const row = r.rows[0];
  if (!row) throw noContact(id);
  return toContact(row);
}

/** A company's contacts in id order, active ones only unless asked. */
export async function listContacts(
  q: Queryable,
  scope: CompanyScope,
  companyId: string,
  page: { includeInactive: boolean; cursor?: string | undefined; limit: number },
): Promise<{ data: Contact[]; nextCursor: string | null }> {
  if (!(await scope.includes(q, companyId))) throw noCompany(companyId);
  await assertCursor(q, "contacts", scope.tenantId, page.cursor, { column: "company_id", value: companyId });
  const limit = Math.min(Math.max(1, Math.trunc(page.limit)), MAX_PAGE);
  const params: Param[] = [scope.tenantId, companyId];
  const where = ["tenant_id = $1", "company_id = $2"];
  if (!page.includeInactive) where.push("deactivated_at IS NULL");
  if (page.cursor !== undefined) {
    params.push(page.cursor);
    where.push(`id > $${params.length}`);
  }
  params.push(limit + 1);
  const r = await q.query<ContactRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY id LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toContact);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

/** Locks a contact whose company is in scope; not found otherwise, so another rep's contacts stay unseen. */
export async function lockInScope(tx: Queryable, scope: CompanyScope, id: string): Promise<Contact> {
  const params: Param[] = [scope.tenantId, id];
  const r = await tx.query<ContactRow>(
    `${SELECT} WHERE tenant_id = $1 AND id = $2 AND ${scope.where("company_id", params)} FOR UPDATE`,
    params,
  );
  const row = r.rows[0];
  if (!row) throw noContact(id);
  return toContact(row);
}

export function noContact(id: string): ApiError {
  return new ApiError("not_found", `there is no contact ${id}`, "id");
}

async function findContact(q: Queryable, tenantId: string, id: string): Promise<Contact | null> {
  const r = await q.query<ContactRow>(`${SELECT} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return r.rows[0] ? toContact(r.rows[0]) : null;
}

export async function mustFind(q: Queryable, tenantId: string, id: string): Promise<Contact> {
  const found = await findContact(q, tenantId, id);
  if (!found) throw new Error(`contact ${id} vanished inside its transaction`);
  return found;
}

/** An insert that did nothing met either the id (made meanwhile) or the email of another contact. */
async function whyNotInserted(tx: Queryable, tenantId: string, id: string, email: string): Promise<ApiError> {
  const r = await tx.query("SELECT 1 FROM contacts WHERE tenant_id = $1 AND lower(email) = lower($2)", [
    tenantId,
    email,
  ]);
  if (r.rows.length > 0) return emailTaken();
  return new ApiError("conflict", `contact ${id} was created meanwhile; retry to change it`, "id");
}

/** The message leaves the address out: answers can be stored for replay, and this one is someone's. */
function emailTaken(): ApiError {
  return new ApiError("conflict", "another contact already has this email; emails are unique", "email");
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && e.code === "23505";
}

interface ContactRow {
  id: string;
  company_id: string;
  name: string;
  email: string;
  phone: string | null;
  role: ContactRole;
  circle: Circle | null;
  position: string | null;
  marketing_consent: boolean;
  marketing_consent_at: Date | string | null;
  deactivated_at: Date | string | null;
  erased_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  signed_up: boolean;
  invitation: { sentAt: string; expiresAt: string } | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    companyId: r.company_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    role: r.role,
    circle: r.circle,
    position: r.position,
    marketingConsent: r.marketing_consent,
    marketingConsentAt: iso(r.marketing_consent_at),
    active: r.deactivated_at === null,
    deactivatedAt: iso(r.deactivated_at),
    erasedAt: iso(r.erased_at),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    portal: {
      signedUp: r.signed_up,
      invitation:
        r.signed_up || r.invitation === null
          ? null
          : {
              sentAt: new Date(r.invitation.sentAt).toISOString(),
              expiresAt: new Date(r.invitation.expiresAt).toISOString(),
            },
    },
  };
}
