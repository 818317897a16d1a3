// Notes on a company: free text staff write on its page, newest first. Never changed once written; erasing the
// company's personal data deletes them. Errors: not_found (a company outside the tenant or the caller's scope).
import { assertCursor } from "../../db/cursor.ts";
import type { Param, Queryable } from "../../db/db.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "./scope.ts";
import { MAX_PAGE, noCompany } from "./service.ts";

export const MAX_NOTE_LENGTH = 2000;

export interface Note {
  id: string;
  companyId: string;
  /** The console user who wrote it, or the key when it acts for no user. */
  authorId: string;
  text: string;
  createdAt: string;
}

const SELECT = "SELECT id, company_id, author_id, text, created_at FROM company_notes";

export async function addNote(
  tx: Queryable,
  scope: CompanyScope,
  companyId: string,
  authorId: string,
  text: string,
  change: Change,
): Promise<Note> {
  if (!(await scope.includes(tx, companyId))) throw noCompany(companyId);
  const id = newId("note", change.at.getTime());
  const r = await tx.query<NoteRow>(
    `INSERT INTO company_notes (tenant_id, id, company_id, author_id, text, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, company_id, author_id, text, created_at`,
    [scope.tenantId, id, companyId, authorId, text, change.at],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`note ${id} was not written`);
  const note = toNote(row);
  await recordAudit(tx, scope.tenantId, change, {
    action: "company.note",
    target: companyId,
    before: null,
    after: { ...note },
  });
  return note;
}

/** A company's notes, newest first. */
export async function listNotes(
  q: Queryable,
  scope: CompanyScope,
  companyId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: Note[]; nextCursor: string | null }> {
  if (!(await scope.includes(q, companyId))) throw noCompany(companyId);
  await assertCursor(q, "company_notes", scope.tenantId, page.cursor, {
    column: "company_id",
    value: companyId,
  });
  const limit = Math.min(Math.max(1, Math.trunc(page.limit)), MAX_PAGE);
  const params: Param[] = [scope.tenantId, companyId];
  const where = ["tenant_id = $1", "company_id = $2"];
  if (page.cursor !== undefined) {
    params.push(page.cursor);
    where.push(`id < $${params.length}`);
  }
  params.push(limit + 1);
  const r = await q.query<NoteRow>(
    `${SELECT} WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const data = r.rows.slice(0, limit).map(toNote);
  const last = data[data.length - 1];
  return { data, nextCursor: r.rows.length > limit && last ? last.id : null };
}

/** Deletes a company's notes (they may name people); answers how many. */
export async function deleteCompanyNotes(
  tx: Queryable,
  tenantId: string,
  companyId: string,
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    "DELETE FROM company_notes WHERE tenant_id = $1 AND company_id = $2 RETURNING id",
    [tenantId, companyId],
  );
  return r.rows.length;
}

interface NoteRow {
  id: string;
  company_id: string;
  author_id: string;
  text: string;
  created_at: Date | string;
}

function toNote(r: NoteRow): Note {
  return {
    id: r.id,
    companyId: r.company_id,
    authorId: r.author_id,
    text: r.text,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
