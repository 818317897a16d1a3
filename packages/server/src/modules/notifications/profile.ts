// A contact's communication profile: the language of messages, the birthday, and the e-mail categories the
// contact does not want. Staff change it for a client (audited); a contact changes its own in the portal.
import type { Queryable } from "../../db/db.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { setUnsubscribed, unsubscribedCategories } from "./service.ts";
import type { Category, Language } from "./templates.ts";

export interface Profile {
  contactId: string;
  language: Language | null;
  birthday: string | null;
  unsubscribed: Category[];
}

export async function profileOf(q: Queryable, tenantId: string, contactId: string): Promise<Profile> {
  const r = await q.query<{ language: Language | null; birthday: string | null }>(
    "SELECT language, birthday::text FROM contacts WHERE tenant_id = $1 AND id = $2",
    [tenantId, contactId],
  );
  return {
    contactId,
    language: r.rows[0]?.language ?? null,
    birthday: r.rows[0]?.birthday ?? null,
    unsubscribed: (await unsubscribedCategories(q, tenantId, contactId)) as Category[],
  };
}

export interface ProfileInput {
  language?: Language | null | undefined;
  birthday?: string | null | undefined;
  unsubscribed?: Category[] | undefined;
}

/** Changes what is given; `change` records it in the audit log when staff make it. */
export async function putProfile(
  tx: Queryable,
  tenantId: string,
  contactId: string,
  input: ProfileInput,
  at: Date,
  change: Change | null,
): Promise<Profile> {
  const before = await profileOf(tx, tenantId, contactId);
  if (input.language !== undefined)
    await tx.query("UPDATE contacts SET language = $3 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      contactId,
      input.language,
    ]);
  if (input.birthday !== undefined)
    await tx.query("UPDATE contacts SET birthday = $3 WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      contactId,
      input.birthday,
    ]);
  if (input.unsubscribed !== undefined)
    await setUnsubscribed(tx, tenantId, contactId, input.unsubscribed, at);
  const after = await profileOf(tx, tenantId, contactId);
  if (change) {
    await recordAudit(tx, tenantId, change, {
      action: "contact.communication.update",
      target: `contact:${contactId}`,
      // The birthday is personal data: the log says only whether one is set.
      before: {
        language: before.language,
        birthdaySet: before.birthday !== null,
        unsubscribed: before.unsubscribed,
      },
      after: {
        language: after.language,
        birthdaySet: after.birthday !== null,
        unsubscribed: after.unsubscribed,
      },
    });
  }
  return after;
}
