// Exports of the records a program keeps (GET /v1/exports/reward-orders, webhook-deliveries, survey-answers,
// audit): each file lists what the API lists one by one, in its documented columns, and holds nothing of another
// tenant; the audit log goes only to those who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { BOOTSTRAP_TOKEN, CLOCK, type Seeded, seedTenant } from "../../http/routes.testing.ts";
import { call, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { csvRecords } from "../rewards/import.ts";
import { CSRF_HEADER } from "../sessions/cookie.ts";
import { EXPORT_KINDS } from "./kinds.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let alpha: Seeded;
let beta: Seeded;

/** The file's lines as objects by column name, after checking the header is the documented one. */
async function exported(kind: keyof typeof EXPORT_KINDS, key = alpha.key): Promise<Record<string, string>[]> {
  const r = await call<string>(app, "GET", `/v1/exports/${kind}`, { key });
  expect(r.status, String(r.body)).toBe(200);
  expect(r.headers.get("content-disposition")).toBe(`attachment; filename="${kind}.csv"`);
  const [head, ...rest] = csvRecords(r.body);
  expect(head?.fields).toEqual([...EXPORT_KINDS[kind].columns]);
  for (const line of rest) expect(line.fields).toHaveLength(EXPORT_KINDS[kind].columns.length);
  return rest.map((x) => Object.fromEntries((head?.fields ?? []).map((h, k) => [h, x.fields[k] ?? ""])));
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: BOOTSTRAP_TOKEN, now: () => CLOCK, webDir: null });
  alpha = await seedTenant(app, "alpha");
  beta = await seedTenant(app, "beta");
  // A survey asked of every contact of alpha's company (as the survey job would), answered in the portal.
  await t.db.query(
    `INSERT INTO survey_requests (tenant_id, id, survey_id, contact_id, member_id, reason, created_at)
     SELECT tenant_id, 'srq_' || id, $2, id, company_id, 'order:test', $3 FROM contacts
     WHERE tenant_id = 'alpha' AND company_id = $1`,
    [alpha.companyId, alpha.surveyId, CLOCK],
  );
  const open = await call<{ data: { id: string }[] }>(app, "GET", "/v1/portal/surveys", {
    headers: { cookie: alpha.portalCookie },
  });
  const asked = open.body.data[0];
  if (!asked) throw new Error("the portal contact was asked no survey");
  const answered = await call(app, "POST", `/v1/portal/surveys/${asked.id}/answer`, {
    headers: { cookie: alpha.portalCookie, [CSRF_HEADER]: "1" },
    body: { score: 9, comment: "Fast, and the points, too" },
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(201);
});

afterAll(async () => {
  await t?.drop();
});

describe("GET /v1/exports/{kind} of the program's records", () => {
  it("reward orders: every order with its reward, company, points and status", async () => {
    const listed = await call<{ data: { id: string; status: string; points: number }[] }>(
      app,
      "GET",
      "/v1/reward-orders?limit=100",
      { key: alpha.key },
    );
    const rows = await exported("reward-orders");
    expect(rows.map((r) => r.reward_order_id)).toEqual(listed.body.data.map((o) => o.id).sort());
    const mine = rows.find((r) => r.reward_order_id === alpha.rewardOrderId);
    expect(mine).toMatchObject({
      reward_id: alpha.rewardId,
      company_id: alpha.companyId,
      status: "awaiting_owner",
    });
    expect(mine?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("webhook deliveries: the delivery log with its attempts", async () => {
    const rows = await exported("webhook-deliveries");
    const one = rows.find((r) => r.delivery_id === alpha.webhookDeliveryId);
    expect(one).toMatchObject({ endpoint_id: alpha.webhookEndpointId, message_id: alpha.webhookMessageId });
    const count = await t.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM webhook_deliveries WHERE tenant_id = 'alpha'",
    );
    expect(rows).toHaveLength(Number(count.rows[0]?.n));
  });

  it("survey answers: the score and text the contact gave, with the company's segment", async () => {
    const rows = await exported("survey-answers");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      survey_id: alpha.surveyId,
      company_id: alpha.companyId,
      score: "9",
      comment: "Fast, and the points, too",
      segment: "alpha-segment",
    });
    expect(await exported("survey-answers", beta.key)).toEqual([]);
  });

  it("the audit log goes to owners, admins and finance, with each change's object as JSON", async () => {
    // The keys first: making one is a change the log records.
    const finance = await keyWithRole(app, alpha.key, "finance");
    const manager = await keyWithRole(app, alpha.key, "program_manager");
    const rows = await exported("audit");
    const listed = await call<{ data: { id: string }[] }>(app, "GET", "/v1/audit-log?limit=200", {
      key: alpha.key,
    });
    expect(listed.body.data.length).toBeLessThan(200);
    expect(rows.map((r) => r.audit_id).sort()).toEqual(listed.body.data.map((a) => a.id).sort());
    const created = rows.find((r) => r.action === "company.create" && r.target === alpha.companyId);
    expect(JSON.parse(created?.after ?? "null")).toMatchObject({ id: alpha.companyId });
    expect((await exported("audit", finance)).length).toBe(rows.length);
    const refused = await call(app, "GET", "/v1/exports/audit", { key: manager });
    expect(refused.status).toBe(403);
    // A program manager still takes the other exports.
    expect((await call(app, "GET", "/v1/exports/reward-orders", { key: manager })).status).toBe(200);
  });

  it("no file of one tenant holds another's rows", async () => {
    for (const kind of ["reward-orders", "webhook-deliveries", "survey-answers", "audit"] as const) {
      const text = JSON.stringify(await exported(kind, beta.key));
      for (const secret of alpha.secrets) expect(text, `${kind} holds ${secret}`).not.toContain(secret);
    }
  });
});
