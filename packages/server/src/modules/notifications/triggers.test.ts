// The built-in triggers read what the server records: level changes, the last order's day, birthdays and the
// day a company joined; off until turned on, each notice once, in the portal's inbox as well as by e-mail.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { runJobs } from "../../jobs/runner.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { DEFAULT_TRIGGERS } from "./settings.ts";
import { sweepNotifications } from "./sweep.ts";
import { builtInTemplate, render, TRIGGERS, unknownVariables, VARIABLES } from "./templates.ts";

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);
const HOOK_TIMEOUT_MS = 120_000;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key = "";
const clock = new Date("2026-03-05T09:00:00Z");
let anna = "";

const post = (path: string, body: unknown) => call(app, "POST", path, { key, body });
const sweep = () => sweepNotifications(t.db, "acme", clock, { mailer: null });
const subjects = async (trigger: string) =>
  (
    await t.db.query<{ subject: string }>(
      "SELECT subject FROM notifications WHERE tenant_id = 'acme' AND trigger = $1 AND channel = 'portal' ORDER BY subject",
      [trigger],
    )
  ).rows.map((r) => r.subject);

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme")).ownerKey;
  expect((await post("/v1/programs", { definition: PROGRAM })).status).toBe(201);
  expect((await post("/v1/companies", { id: "nw", name: "Northwind", joinedOn: "2023-03-05" })).status).toBe(
    201,
  );
  const c = await post("/v1/companies/nw/contacts", {
    name: "Anna",
    email: "anna@nw.example",
    role: "buyer",
  });
  anna = (c.body as { id: string }).id;
  const birthday = await call(app, "PUT", `/v1/contacts/${anna}/communication`, {
    key,
    body: { birthday: "1990-03-05" },
  });
  expect(birthday.status).toBe(200);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t?.drop();
});

describe("triggers", () => {
  it("every built-in template fills only its trigger's variables, in every language", () => {
    for (const trigger of TRIGGERS) {
      for (const language of ["en", "ru", "uk"] as const) {
        const tpl = builtInTemplate(trigger, language);
        expect(
          unknownVariables(trigger, tpl.text + tpl.subject + tpl.html),
          `${trigger} ${language}`,
        ).toEqual([]);
      }
      expect(VARIABLES[trigger]).toBeDefined();
    }
    const html = render(builtInTemplate("welcome", "en"), { contactName: "<b>Eve</b>" }).html;
    expect(html).toContain("Hello &lt;b&gt;Eve&lt;/b&gt;,");
  });

  it("announces nothing while the triggers are off", async () => {
    expect((await sweep()).raised).toBe(0);
  });

  it("tells of a level reached, of a birthday and of a company's anniversary, once each", async () => {
    const put = await call(app, "PUT", "/v1/notifications/settings", {
      key,
      body: {
        triggers: {
          ...DEFAULT_TRIGGERS,
          tierUp: { enabled: true },
          birthday: { enabled: true },
          anniversary: { enabled: true },
          inactivity: { enabled: true, days: 1 },
        },
      },
    });
    expect(put.status).toBe(200);
    const order = await post("/v1/events", {
      type: "order",
      orderId: "o-1",
      date: "2026-03-04",
      companyId: "nw",
      lines: [{ sku: "lamp", category: "goods", quantity: 10, unitPrice: "35000.00" }],
    });
    expect(order.status).toBe(201);
    // The level is set by the day's evaluation, the day after the order.
    const tiers = await runJobs(t.db, {
      tenantId: "acme",
      jobs: ["tiers"],
      until: parseDay("2026-03-06") as number,
      now: () => clock,
    });
    expect(tiers.filter((x) => x.status === "done").length).toBeGreaterThan(0);
    const r = await sweep();
    expect(r.raised).toBeGreaterThanOrEqual(3);
    expect(await subjects("tierUp")).toEqual(["You have reached Silver"]);
    expect(await subjects("birthday")).toEqual(["Happy birthday, Anna!"]);
    expect(await subjects("anniversary")).toEqual(["3 years together"]);
    expect(await subjects("inactivity")).toEqual(["We miss you at Tenant acme"]);
    expect((await sweep()).raised).toBe(0);
    const inbox = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 AND channel = 'portal'",
      [anna],
    );
    expect(inbox.rows[0]?.n).toBe(4);
  });
});
