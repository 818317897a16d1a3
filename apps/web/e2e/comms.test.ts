// Messages in headless Chromium against a real server: a company admin reads the portal's inbox (the unread count
// falls as messages open), answers a survey and turns a category of e-mail off; the program manager previews a
// template and reads the NPS in the console. axe-core on each page; screenshots into docs/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepNotifications } from "../../../packages/server/src/modules/notifications/sweep.ts";
import { askSurveys } from "../../../packages/server/src/modules/surveys/service.ts";
import {
  PASSWORD,
  PROGRAM,
  shot as shotOf,
  startWeb,
  TENANT,
  seriousViolations as violationsOf,
  type Web,
} from "./harness.ts";

const STEP_MS = 120_000;

let web: Web;
let base: string;
let page: Page;
let adminId = "";

const api = <T>(method: string, path: string, body?: unknown) => web.api<T>(method, path, body);
const sweep = () => sweepNotifications(web.t.db, TENANT, new Date(), { mailer: null, extra: [askSurveys] });
const seriousViolations = () => violationsOf(page);
const shot = (name: string) => shotOf(page, name);

beforeAll(async () => {
  web = await startWeb("comms");
  base = web.base;
  expect((await api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  expect(
    (await api("POST", "/v1/companies", { id: "C1", name: "Contoso Retail", segment: "retail" })).status,
  ).toBe(201);
  const settings = await api<{ triggers: Record<string, unknown> }>("GET", "/v1/notifications/settings");
  const on = await api("PUT", "/v1/notifications/settings", {
    triggers: {
      ...settings.body.triggers,
      welcome: { enabled: true },
      pointsEarned: { enabled: true, minPoints: 1 },
    },
  });
  expect(on.status).toBe(200);
  const survey = await api("POST", "/v1/surveys", {
    name: "Quarterly NPS",
    send: "schedule",
    everyDays: 90,
    roles: ["company_admin"],
    points: 25,
  });
  expect(survey.status).toBe(201);
  const contact = await api<{ id: string }>("POST", "/v1/companies/C1/contacts", {
    name: "Ana Lima",
    email: "ana@contoso.example",
    role: "company_admin",
  });
  adminId = contact.body.id;
  const order = await api("POST", "/v1/events", {
    type: "order",
    orderId: "10044",
    date: new Date().toISOString().slice(0, 10),
    companyId: "C1",
    lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: "18500.00" }],
  });
  expect(order.status).toBe(201);
  await sweep();
  page = await web.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

describe("messages", () => {
  it(
    "the portal's inbox counts unread messages, a survey is answered there, and a category turned off",
    async () => {
      const invite = await api<{ link: string }>("POST", `/v1/contacts/${adminId}/invite`);
      await page.goto(invite.body.link);
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      await page.getByRole("link", { name: "Messages (3)" }).click();
      await page.getByRole("heading", { name: "Messages" }).waitFor();
      await page.getByText("3 unread").waitFor();
      await expect.poll(() => page.locator(".inbox .message").count(), { timeout: 10_000 }).toBe(3);
      await page.getByText("Welcome to Northwind Wholesale").click();
      await page.getByText("2 unread").waitFor();
      // The welcome opened shows its text (the survey's message, still closed, greets the same way).
      const welcome = page.locator(".inbox .message", { hasText: "Welcome to Northwind Wholesale" });
      await welcome.getByText("Hello Ana Lima,").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-messages");

      await page.getByRole("radio", { name: "9" }).check();
      await page.getByLabel("Anything to add? (optional)").fill("Quick deliveries");
      await page.getByRole("button", { name: "Send answer" }).click();
      await page.getByRole("heading", { name: "Your opinion" }).waitFor({ state: "detached" });
      const wallet = await api<{ available: number }>("GET", "/v1/members/C1/wallet");
      expect(wallet.body.available).toBe(185 + 25);

      await page.getByRole("link", { name: "Preferences" }).click();
      await page.getByRole("heading", { name: "E-mail preferences" }).waitFor();
      await page.getByLabel("Points earned and expiring").uncheck();
      await page.getByLabel("Language of messages").selectOption("uk");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("Saved.").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-preferences");
      const profile = await api<{ language: string; unsubscribed: string[] }>(
        "GET",
        `/v1/contacts/${adminId}/communication`,
      );
      expect(profile.body).toMatchObject({ language: "uk", unsubscribed: ["points"] });
    },
    STEP_MS,
  );

  it(
    "the program manager previews a template and reads the NPS in the console",
    async () => {
      await page.context().clearCookies();
      await page.goto(base);
      await page.getByLabel("Organisation").fill("northwind");
      await page.getByLabel("Email").fill("olga@northwind.example");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("link", { name: "Notifications" }).click();
      await page.getByRole("heading", { name: "Notifications" }).waitFor();
      await page.getByLabel("Trigger", { exact: true }).selectOption("pointsExpiring");
      await page.getByLabel("Template language").selectOption("ru");
      await page.getByRole("button", { name: "Preview" }).click();
      await page.getByRole("heading", { name: "1200 баллов сгорят 2026-03-31" }).waitFor();
      await page.locator(".preview-html").getByText("Здравствуйте, Anna Smith!").waitFor();
      expect(await seriousViolations()).toEqual([]);
      await shot("console-notifications");

      await page.getByRole("link", { name: "Surveys" }).click();
      await page.getByRole("heading", { name: "Surveys" }).waitFor();
      await page.getByRole("cell", { name: "Quarterly NPS" }).waitFor();
      await page.getByLabel("Group by").selectOption("segment");
      await page.getByRole("cell", { name: "retail" }).waitFor();
      await expect
        .poll(() => page.getByRole("cell", { name: "100" }).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(await seriousViolations()).toEqual([]);
      await shot("console-surveys");
    },
    STEP_MS,
  );
});
