// Keys are compared byte by byte (migration 0050): every text column takes the collation "C" except the text
// written for people, so that keys of different tables compare in one collation and keep their indexes in joins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

/** Text written for people, which sorts by the database's collation; a new column of it is named here. */
const FOR_PEOPLE = new Set([
  "adjustments.comment",
  "adjustments.decision_comment",
  "adjustments.reason",
  "api_keys.name",
  "audit_log.comment",
  "campaign_awards.prize",
  "campaign_participants.name",
  "code_batches.name",
  "company_notes.text",
  "contacts.email",
  "contacts.name",
  "contacts.phone",
  "contacts.position",
  "discount_grants.decision_comment",
  "discount_grants.reason",
  "email_bounces.email",
  "email_bounces.reason",
  "imports.file",
  "job_runs.error",
  "login_failures.email",
  "members.name",
  "membership_plans.name",
  "notification_settings.from_address",
  "notification_templates.body_html",
  "notification_templates.body_text",
  "notification_templates.subject",
  "notification_watermarks.name",
  "notifications.body_html",
  "notifications.body_text",
  "notifications.email",
  "notifications.error",
  "notifications.subject",
  "partner_keys.name",
  "partners.email",
  "partners.name",
  "programs.comment",
  "reward_orders.note",
  "rewards.description",
  "rewards.image_url",
  "rewards.name",
  "sales_campaigns.name",
  "survey_requests.reason",
  "survey_responses.comment",
  "surveys.name",
  "surveys.question",
  "tenants.name",
  "tier_changes.reason",
  "users.email",
  "users.name",
  "webhook_attempts.error",
  "webhook_attempts.response_body",
  "webhook_deliveries.last_error",
  "webhook_endpoints.description",
  "webhook_endpoints.disabled_reason",
  "webhook_endpoints.url",
]);

describe("key collation", () => {
  it("is C for every text column but those written for people", async () => {
    const r = await t.db.query<{ col: string; collation: string | null }>(
      `SELECT c.table_name || '.' || c.column_name AS col, c.collation_name AS collation
       FROM information_schema.columns c
       JOIN information_schema.tables b ON b.table_schema = c.table_schema AND b.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND b.table_type = 'BASE TABLE' AND c.data_type = 'text'
         AND c.table_name <> 'schema_migrations'`,
    );
    expect(r.rows.length).toBeGreaterThan(300);
    const wrong = r.rows.filter((c) => (c.collation === "C") === FOR_PEOPLE.has(c.col)).map((c) => c.col);
    expect(wrong).toEqual([]);
    // Every name in the list is a column of the schema: the list is not kept for columns that are gone.
    const cols = new Set(r.rows.map((c) => c.col));
    expect([...FOR_PEOPLE].filter((c) => !cols.has(c))).toEqual([]);
  });

  it("is the same on both sides of every foreign key", async () => {
    const r = await t.db.query<{ fk: string }>(
      `SELECT k.conname AS fk FROM pg_constraint k
       CROSS JOIN LATERAL unnest(k.conkey, k.confkey) AS u(own, other)
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.own
       JOIN pg_attribute f ON f.attrelid = k.confrelid AND f.attnum = u.other
       WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
         AND a.attcollation <> f.attcollation`,
    );
    expect(r.rows.map((x) => x.fk)).toEqual([]);
  });
});
