// Erasure of a contact's personal data on request: name, email and phone become pseudonyms, and every earlier
// copy of them the database keeps (audit snapshots and comments, stored answers of idempotent requests) is
// overwritten. Ids stay, so the ledger, orders and events that name the contact stay whole. Events carry a
// contact's id only, never its name or address, so they need no rewriting.
import type { Queryable } from "../../db/db.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { type Contact, lockInScope, mustFind } from "./contacts.ts";
import { deleteCompanyNotes } from "./notes.ts";
import type { CompanyScope } from "./scope.ts";
import { noCompany } from "./service.ts";

/** What replaces an erased value inside earlier records. */
export const ERASED = "[erased]";

/**
 * The most rows one erasure reads from one table: far above any real history of one person. Reaching it
 * fails the erasure (rolled back) rather than leave copies behind.
 */
const MAX_REWRITTEN_ROWS = 100_000;

function withinBound<T>(rows: T[], what: string): T[] {
  if (rows.length > MAX_REWRITTEN_ROWS) {
    throw new Error(`erasure found more than ${MAX_REWRITTEN_ROWS} ${what}; nothing was erased`);
  }
  return rows;
}

export interface Scrubbed {
  auditEntries: number;
  storedAnswers: number;
}

/** Erases one contact; erasing an erased contact changes nothing. */
export async function eraseContact(
  tx: Queryable,
  scope: CompanyScope,
  id: string,
  change: Change,
): Promise<{ contact: Contact; scrubbed: Scrubbed }> {
  const contact = await lockInScope(tx, scope, id);
  if (contact.erasedAt !== null) return { contact, scrubbed: { auditEntries: 0, storedAnswers: 0 } };
  return eraseLocked(tx, scope.tenantId, contact, change);
}

/** Erases every contact of a company, deactivated ones included. */
export async function eraseCompanyContacts(
  tx: Queryable,
  scope: CompanyScope,
  companyId: string,
  change: Change,
): Promise<{ erased: string[]; scrubbed: Scrubbed }> {
  if (!(await scope.includes(tx, companyId))) throw noCompany(companyId);
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM contacts WHERE tenant_id = $1 AND company_id = $2 AND erased_at IS NULL
     ORDER BY id FOR UPDATE`,
    [scope.tenantId, companyId],
  );
  const scrubbed: Scrubbed = { auditEntries: 0, storedAnswers: 0 };
  const erased: string[] = [];
  for (const { id } of r.rows) {
    const out = await eraseLocked(tx, scope.tenantId, await mustFind(tx, scope.tenantId, id), change);
    scrubbed.auditEntries += out.scrubbed.auditEntries;
    scrubbed.storedAnswers += out.scrubbed.storedAnswers;
    erased.push(id);
  }
  const deletedNotes = await deleteCompanyNotes(tx, scope.tenantId, companyId);
  await recordAudit(tx, scope.tenantId, change, {
    action: "company.erase",
    target: companyId,
    before: null,
    after: { erasedContacts: erased, deletedNotes },
  });
  return { erased, scrubbed };
}

async function eraseLocked(
  tx: Queryable,
  tenantId: string,
  contact: Contact,
  change: Change,
): Promise<{ contact: Contact; scrubbed: Scrubbed }> {
  const values = await personalValues(tx, tenantId, contact);
  await tx.query(
    `UPDATE contacts SET name = $3, email = $4, phone = NULL, position = NULL, marketing_consent = false,
       marketing_consent_at = $5, deactivated_at = coalesce(deactivated_at, $5), erased_at = $5, updated_at = $5
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, contact.id, pseudonymName(contact.id), pseudonymEmail(contact.id), change.at],
  );
  const scrubbed = await scrub(tx, tenantId, contact.id, values);
  const credentials = await erasePortalAccess(tx, tenantId, contact.id, values.strong);
  const messages = await eraseMessages(tx, tenantId, contact.id, values.strong);
  await recordAudit(tx, tenantId, change, {
    action: "contact.erase",
    target: contact.id,
    before: null,
    after: {
      erased: ["name", "email", "phone", "position", "password", "language", "birthday"],
      companyId: contact.companyId,
      ...scrubbed,
      ...credentials,
      ...messages,
    },
  });
  return { contact: await mustFind(tx, tenantId, contact.id), scrubbed };
}

/**
 * Ends the contact's way into the portal: its password hash, its sessions, its invitations not used yet, and
 * the refused sign-ins recorded under its email addresses. Used invitations stay (they hold only a hash of a
 * spent secret, and who sent them).
 */
async function erasePortalAccess(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  strong: readonly string[],
): Promise<{ sessionsEnded: number; invitationsDeleted: number }> {
  await tx.query("UPDATE contacts SET password_hash = NULL WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    contactId,
  ]);
  const sessions = await tx.query<{ id: string }>(
    "DELETE FROM sessions WHERE tenant_id = $1 AND kind = 'contact' AND subject_id = $2 RETURNING id",
    [tenantId, contactId],
  );
  const invitations = await tx.query<{ id: string }>(
    "DELETE FROM contact_invitations WHERE tenant_id = $1 AND contact_id = $2 AND used_at IS NULL RETURNING id",
    [tenantId, contactId],
  );
  for (const email of strong.filter((v) => v.includes("@"))) {
    await tx.query("DELETE FROM login_failures WHERE tenant_id = $1 AND lower(email) = lower($2)", [
      tenantId,
      email.trim(),
    ]);
  }
  return { sessionsEnded: sessions.rows.length, invitationsDeleted: invitations.rows.length };
}

/**
 * What the contact was told and answered: the language and birthday used to address it, the e-mails and portal
 * messages written to it (their text holds its name and figures of its company; the rows stay, emptied, so the
 * counts per trigger stay), e-mails not sent yet (never sent now), its addresses among the bounced ones, and the
 * free text of its survey answers (the scores stay for the program's NPS).
 */
async function eraseMessages(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  strong: readonly string[],
): Promise<{ messagesErased: number; surveyCommentsErased: number }> {
  await tx.query("UPDATE contacts SET language = NULL, birthday = NULL WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    contactId,
  ]);
  const messages = await tx.query<{ id: string }>(
    `UPDATE notifications SET subject = $3, body_text = $3, body_html = NULL, email = NULL,
       status = CASE WHEN status = 'scheduled' THEN 'skipped' ELSE status END,
       error = CASE WHEN status = 'scheduled' THEN 'contact erased' ELSE error END
     WHERE tenant_id = $1 AND contact_id = $2 RETURNING id`,
    [tenantId, contactId, ERASED],
  );
  for (const email of strong.filter((v) => v.includes("@"))) {
    await tx.query("DELETE FROM email_bounces WHERE tenant_id = $1 AND lower(email) = lower($2)", [
      tenantId,
      email.trim(),
    ]);
  }
  const comments = await tx.query<{ id: string }>(
    `UPDATE survey_responses SET comment = NULL
     WHERE tenant_id = $1 AND contact_id = $2 AND comment IS NOT NULL RETURNING id`,
    [tenantId, contactId],
  );
  return { messagesErased: messages.rows.length, surveyCommentsErased: comments.rows.length };
}

export const pseudonymName = (id: string) => `Erased contact ${id}`;
export const pseudonymEmail = (id: string) => `erased+${id}@erased.invalid`;

interface Values {
  /** Values distinctive enough to erase wherever they appear: emails and phone numbers. */
  strong: string[];
  /** Names and job titles: erased as whole words, only in records that point to the contact. */
  weak: string[];
}

/** The contact's personal values now and in every earlier snapshot of it in the audit log. */
async function personalValues(tx: Queryable, tenantId: string, contact: Contact): Promise<Values> {
  const strong = new Set<string>();
  const weak = new Set<string>();
  const add = (snapshot: Record<string, unknown> | null) => {
    if (!snapshot) return;
    for (const [key, set] of [
      ["email", strong],
      ["phone", strong],
      ["name", weak],
      ["position", weak],
    ] as const) {
      const v = snapshot[key];
      if (typeof v === "string" && v.trim() !== "") set.add(v);
    }
  };
  add({ ...contact });
  const r = await tx.query<{ before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
    `SELECT before, after FROM audit_log WHERE tenant_id = $1 AND target = $2 AND action LIKE 'contact.%'
     LIMIT ${MAX_REWRITTEN_ROWS + 1}`,
    [tenantId, contact.id],
  );
  for (const row of withinBound(r.rows, "audit entries of the contact")) {
    add(row.before);
    add(row.after);
  }
  // A short phone number could be part of anything: such a value is treated as a name.
  for (const v of strong) {
    if (v.replace(/\D/g, "").length < 6 && !v.includes("@")) {
      strong.delete(v);
      weak.add(v);
    }
  }
  return { strong: [...strong], weak: [...weak] };
}

/**
 * Rewrites the rows that hold the contact's values: audit entries (snapshots and comments) and the stored
 * answers of idempotent requests. A row is rewritten when it holds a strong value or names the contact.
 */
async function scrub(tx: Queryable, tenantId: string, contactId: string, v: Values): Promise<Scrubbed> {
  const needles = [contactId, ...v.strong];
  const replace = replacer(v);
  await tx.query("SET LOCAL patron.erasure = 'on'");
  const audit = await tx.query<{
    id: string;
    before: unknown;
    after: unknown;
    comment: string | null;
  }>(
    `SELECT id, before, after, comment FROM audit_log
     WHERE tenant_id = $1 AND (target = $2 OR ${containsAny("lower(concat(before::text, after::text, comment))", needles.length, 3)})
     ORDER BY id LIMIT ${MAX_REWRITTEN_ROWS + 1}`,
    [tenantId, contactId, ...needles],
  );
  let auditEntries = 0;
  for (const row of withinBound(audit.rows, "audit entries to rewrite")) {
    const before = replace(row.before);
    const after = replace(row.after);
    const comment = row.comment === null ? null : String(replace(row.comment));
    if (same(before, row.before) && same(after, row.after) && comment === row.comment) continue;
    await tx.query(
      `UPDATE audit_log SET before = $3::jsonb, after = $4::jsonb, comment = $5 WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        row.id,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
        comment,
      ],
    );
    auditEntries++;
  }
  await tx.query("SET LOCAL patron.erasure = 'off'");
  const answers = await tx.query<{ key: string; response_body: unknown }>(
    `SELECT key, response_body FROM idempotency_keys
     WHERE tenant_id = $1 AND ${containsAny("lower(response_body::text)", needles.length, 2)}
     LIMIT ${MAX_REWRITTEN_ROWS + 1}`,
    [tenantId, ...needles],
  );
  let storedAnswers = 0;
  for (const row of withinBound(answers.rows, "stored answers to rewrite")) {
    const body = replace(row.response_body);
    if (same(body, row.response_body)) continue;
    await tx.query(
      "UPDATE idempotency_keys SET response_body = $3::jsonb WHERE tenant_id = $1 AND key = $2",
      [tenantId, row.key, JSON.stringify(body)],
    );
    storedAnswers++;
  }
  return { auditEntries, storedAnswers };
}

/** `strpos(expr, lower($from)) > 0 OR ...` over `count` parameters numbered from `from`. */
function containsAny(expr: string, count: number, from: number): string {
  const terms = Array.from({ length: count }, (_, i) => `strpos(${expr}, lower($${from + i})) > 0`);
  return `(${terms.join(" OR ")})`;
}

/** Replaces the values, in any case, in every string of a JSON value (keys included). */
function replacer(v: Values): (x: unknown) => unknown {
  const patterns = [
    ...v.strong.map((s) => new RegExp(escapeRegExp(s), "giu")),
    // Whole words only: erasing "Ana" must leave "Anatoly" alone.
    ...v.weak.map((s) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s)}(?![\\p{L}\\p{N}])`, "giu")),
  ];
  const text = (s: string) => patterns.reduce((out, p) => out.replace(p, ERASED), s);
  const walk = (x: unknown): unknown => {
    if (typeof x === "string") return text(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === "object") {
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [text(k), walk(y)]));
    }
    return x;
  };
  return walk;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
