// Surveys over HTTP: asked of the right roles after an order and on a schedule, answered once by the e-mail's
// signed link or in the portal, points credited through the ledger (balanced), NPS per segment and tier; and the
// portal's inbox of the same notices.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { sweepNotifications } from "../notifications/sweep.ts";
import { askSurveys, npsOf } from "./service.ts";

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);
const HOOK_TIMEOUT_MS = 120_000;
const CSRF = { "x-patron-csrf": "1" };

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key = "";
// Near the real time: portal sessions are checked against the wall clock.
const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
const today = clock.toISOString().slice(0, 10);
let buyer = "";
let admin = "";
let adminCookie = "";

const post = <T>(path: string, body: unknown) => call<T>(app, "POST", path, { key, body });
const sweep = () => sweepNotifications(t.db, "acme", clock, { mailer: null, extra: [askSurveys] });

async function signIn(contactId: string): Promise<string> {
  const inv = await post<{ link: string }>(`/v1/contacts/${contactId}/invite`, {});
  const token = new URL(inv.body.link).searchParams.get("token") ?? "";
  const r = await call(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant: "acme", token, password: "a long enough password" },
    headers: CSRF,
  });
  expect(r.status).toBe(201);
  return /patron_session=[^;]*/.exec(r.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme")).ownerKey;
  expect((await post("/v1/programs", { definition: PROGRAM })).status).toBe(201);
  expect((await post("/v1/companies", { id: "nw", name: "Northwind", segment: "wholesale" })).status).toBe(
    201,
  );
  buyer = (
    await post<{ id: string }>("/v1/companies/nw/contacts", {
      name: "Ann",
      email: "ann@nw.example",
      role: "buyer",
    })
  ).body.id;
  admin = (
    await post<{ id: string }>("/v1/companies/nw/contacts", {
      name: "Ada",
      email: "ada@nw.example",
      role: "company_admin",
    })
  ).body.id;
  adminCookie = await signIn(admin);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t?.drop();
});

describe("surveys", () => {
  it("computes NPS as % promoters minus % detractors, to one decimal", () => {
    expect(npsOf(7, 2, 10)).toBe(50);
    expect(npsOf(1, 2, 3)).toBe(-33.3);
    expect(npsOf(2, 1, 3)).toBe(33.3);
    expect(npsOf(0, 0, 0)).toBe(0);
  });

  it("asks the buyers after an order; the e-mail's link answers once and credits the points, balanced", async () => {
    const made = await post<{ id: string }>("/v1/surveys", {
      name: "After order",
      send: "afterOrder",
      roles: ["buyer"],
      points: 50,
    });
    expect(made.status).toBe(201);
    const bad = await post<ErrorAnswer>("/v1/surveys", { name: "x", send: "schedule" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("everyDays");

    const order = await post("/v1/events", {
      type: "order",
      orderId: "o-1",
      date: today,
      companyId: "nw",
      lines: [{ sku: "lamp", category: "goods", quantity: 1, unitPrice: "100.00" }],
    });
    expect(order.status).toBe(201);
    const r = await sweep();
    expect(r.raised).toBe(1);
    expect((await sweep()).raised).toBe(0);
    const asked = await t.db.query<{ contact_id: string; url: string }>(
      `SELECT contact_id, data->>'surveyUrl' AS url FROM notifications
       WHERE tenant_id = 'acme' AND trigger = 'survey' AND channel = 'email'`,
    );
    expect(asked.rows.map((x) => x.contact_id)).toEqual([buyer]);
    const token = new URL(asked.rows[0]?.url ?? "").searchParams.get("token") ?? "";

    const read = await call<{ question: string; points: number }>(app, "POST", "/v1/survey-links/read", {
      body: { tenant: "acme", token },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      question: "How likely are you to recommend us to a colleague?",
      points: 50,
    });
    const before = await call<{ available: number }>(app, "GET", "/v1/members/nw/wallet", { key });
    const answered = await call<{ points: number; transactionId: string }>(
      app,
      "POST",
      "/v1/survey-links/answer",
      {
        body: { tenant: "acme", token, score: 10, comment: "Fast delivery" },
      },
    );
    expect(answered.status).toBe(201);
    expect(answered.body.points).toBe(50);
    const after = await call<{ available: number }>(app, "GET", "/v1/members/nw/wallet", { key });
    expect(after.body.available - before.body.available).toBe(50);
    expect(await verify(t.db, "acme")).toEqual({ differences: [], total: 0n });
    const again = await call<ErrorAnswer>(app, "POST", "/v1/survey-links/answer", {
      body: { tenant: "acme", token, score: 0 },
    });
    expect(again.status).toBe(409);
    const forged = await call<ErrorAnswer>(app, "POST", "/v1/survey-links/answer", {
      body: { tenant: "acme", token: `${token.split(".")[0]}.AAAA`, score: 0 },
    });
    expect(forged.status).toBe(404);
    expect(forged.body.error.field).toBe("token");
  });

  it("asks company admins on a schedule; they answer in the portal, where the notice is in the inbox", async () => {
    const made = await post<{ id: string }>("/v1/surveys", {
      name: "Quarterly",
      send: "schedule",
      everyDays: 90,
      roles: ["company_admin"],
      question: "Would you recommend our service?",
    });
    expect(made.status).toBe(201);
    expect((await sweep()).raised).toBe(1);
    const open = await call<{ data: { id: string; question: string }[] }>(app, "GET", "/v1/portal/surveys", {
      headers: { cookie: adminCookie },
    });
    expect(open.status).toBe(200);
    expect(open.body.data.map((x) => x.question)).toEqual(["Would you recommend our service?"]);
    const inbox = await call<{ unread: number; data: { id: string; subject: string }[] }>(
      app,
      "GET",
      "/v1/portal/messages",
      { headers: { cookie: adminCookie } },
    );
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.data[0]?.subject).toBe("A question from Tenant acme");
    const id = inbox.body.data[0]?.id ?? "";
    const read = await call<{ unread: number }>(app, "POST", `/v1/portal/messages/${id}/read`, {
      headers: { cookie: adminCookie, ...CSRF },
    });
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(0);
    // Another contact's message is not found, and the buyer's is not the admin's.
    const ann = await t.db.query<{ id: string }>(
      "SELECT id FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 AND channel = 'portal'",
      [buyer],
    );
    const foreign = await call(app, "POST", `/v1/portal/messages/${ann.rows[0]?.id}/read`, {
      headers: { cookie: adminCookie, ...CSRF },
    });
    expect(foreign.status).toBe(404);

    const answer = await call(app, "POST", `/v1/portal/surveys/${open.body.data[0]?.id}/answer`, {
      body: { score: 3 },
      headers: { cookie: adminCookie, ...CSRF },
    });
    expect(answer.status).toBe(201);
    const none = await call<{ data: unknown[] }>(app, "GET", "/v1/portal/surveys", {
      headers: { cookie: adminCookie },
    });
    expect(none.body.data).toEqual([]);
    // The same period is not asked again.
    expect((await sweep()).raised).toBe(0);
  });

  it("reports NPS over all surveys, per segment and per tier", async () => {
    const all = await call<{ data: unknown[] }>(app, "GET", "/v1/surveys/all/results", { key });
    expect(all.body.data).toEqual([
      { period: null, group: null, responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
    ]);
    const bySegment = await call<{ data: { group: string; responses: number }[] }>(
      app,
      "GET",
      "/v1/surveys/all/results?groupBy=segment&interval=month",
      { key },
    );
    expect(bySegment.body.data).toEqual([
      {
        period: `${today.slice(0, 7)}-01`,
        group: "wholesale",
        responses: 2,
        promoters: 1,
        passives: 0,
        detractors: 1,
        nps: 0,
      },
    ]);
    const byTier = await call<{ data: { group: string | null }[] }>(
      app,
      "GET",
      "/v1/surveys/all/results?groupBy=tier",
      {
        key,
      },
    );
    expect(byTier.body.data.map((x) => x.group)).toEqual(["base"]);
    const finance = await call(app, "GET", "/v1/surveys/srv_none/results", { key });
    expect(finance.status).toBe(404);
  });
});
