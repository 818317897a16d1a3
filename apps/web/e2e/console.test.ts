// The console in headless Chromium against a real server on a real socket: sign in, API keys shown once and
// revoked, users, languages and their number formats, phone width, CSRF, sign out; axe-core on every page;
// screenshots into docs/screenshots/.
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

/** The budget for the JavaScript of the first page, gzipped. */
const FIRST_PAGE_JS_BUDGET_BYTES = 300 * 1024;

const STEP_MS = 120_000;

let web: Web;
let page: Page;
const cspErrors: string[] = [];

beforeAll(async () => {
  web = await startWeb("web");
  page = await web.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

describe("the web console", () => {
  it(
    "serves a small first page that passes axe, and refuses a wrong password",
    async () => {
      const scripts: Buffer[] = [];
      page.on("response", async (r) => {
        if (r.url().endsWith(".js")) scripts.push(await r.body());
      });
      await page.goto(web.base);
      await page.getByRole("heading", { name: "Sign in to Patron" }).waitFor();
      const jsGzipBytes = scripts.reduce((n, b) => n + gzipSync(b).length, 0);
      expect(jsGzipBytes).toBeGreaterThan(0);
      expect(jsGzipBytes).toBeLessThan(FIRST_PAGE_JS_BUDGET_BYTES);
      process.stdout.write(`first page JavaScript: ${(jsGzipBytes / 1024).toFixed(1)} KiB gzipped\n`);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "sign-in");

      await page.getByLabel("Organisation").fill("northwind");
      await page.getByLabel("Email").fill("olga@northwind.example");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").textContent()).resolves.toContain(
        "the organisation, email or password is wrong",
      );
    },
    STEP_MS,
  );

  it(
    "signs in to the overview",
    async () => {
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Welcome, Olga Petrenko" }).waitFor();
      // The counts load after the heading: wait until they are numbers.
      for (const id of ["users-count", "keys-count"]) {
        await page.getByTestId(id).filter({ hasText: /^\d+$/ }).waitFor();
        await expect(page.getByTestId(id).textContent()).resolves.toBe("1");
      }
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link").allTextContents()).resolves.toEqual([
        "Overview",
        "Companies",
        "Orders",
        "Programs",
        "Engagement",
        "Approvals",
        "Audit log",
        "Notifications",
        "Surveys",
        "Reports",
        "Webhooks",
        "Rewards",
        "Promo codes",
        "Partners",
        "Campaigns",
        "Users",
        "API keys",
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "overview");
    },
    STEP_MS,
  );

  it(
    "creates an API key, shows its secret once, and revokes it",
    async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
      await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
      await page.getByLabel("Name").fill("ERP integration");
      await page.getByLabel("Role").selectOption("program_manager");
      await page.getByRole("button", { name: "Create key" }).click();
      const secret = (await page.getByTestId("new-secret").textContent()) ?? "";
      expect(secret).toMatch(/^ptn_northwind_[A-Za-z0-9_-]{43}$/);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "api-keys-new");

      // The key works, with its role.
      const asKey = await fetch(`${web.base}/v1/sessions/current`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(((await asKey.json()) as { role: string }).role).toBe("program_manager");

      await page.getByRole("button", { name: "I have stored it" }).click();
      await page.reload();
      await page.getByRole("cell", { name: "ERP integration", exact: true }).waitFor();
      expect(await page.content()).not.toContain(secret);
      expect(await page.content()).toContain(secret.slice(0, "ptn_northwind_".length + 8));

      await page.getByRole("button", { name: "Revoke: ERP integration" }).click();
      await page.getByRole("button", { name: "Revoke for good" }).click();
      await page.getByText("The key ERP integration was revoked.").waitFor();
      const row = page.getByRole("row", { name: /ERP integration/ });
      await expect(row.textContent()).resolves.toMatch(/Revoked/);
      const afterRevoke = await fetch(`${web.base}/v1/sessions/current`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(afterRevoke.status).toBe(401);
      await shot(page, "api-keys");
    },
    STEP_MS,
  );

  it(
    "adds a user with a role",
    async () => {
      await page.getByRole("link", { name: "Users" }).click();
      await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
      await page.getByLabel("Name").fill("Fedir Kovalenko");
      await page.getByLabel("Email").fill("fedir@northwind.example");
      await page.getByLabel("Role", { exact: true }).selectOption("finance");
      await page.getByRole("button", { name: "Add user" }).click();
      await page.getByText("Fedir Kovalenko was added.").waitFor();
      const row = page.getByRole("row", { name: /fedir@northwind\.example/ });
      await expect(row.textContent()).resolves.toContain("Finance");
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "users");
    },
    STEP_MS,
  );

  it(
    "switches language: texts and number formats change, and the choice is remembered",
    async () => {
      await page.getByRole("link", { name: "Overview" }).click();
      const number = page.getByTestId("format-number");
      await expect(number.textContent()).resolves.toBe("1,234,567.5");
      await expect(page.getByTestId("format-money").textContent()).resolves.toBe("€1,234,567.89");

      await page.getByLabel("Language").selectOption("ru");
      await page.getByRole("heading", { name: "Здравствуйте, Olga Petrenko" }).waitFor();
      await expect(number.textContent()).resolves.toBe("1\u00a0234\u00a0567,5");
      await expect(page.getByTestId("format-money").textContent()).resolves.toBe(
        "1\u00a0234\u00a0567,89\u00a0€",
      );
      await expect(page.getByTestId("format-date").textContent()).resolves.toContain("мар");
      const nav = page.getByRole("navigation", { name: "Основное" });
      await expect(nav.getByRole("link").allTextContents()).resolves.toEqual([
        "Обзор",
        "Компании",
        "Заказы",
        "Программы",
        "Вовлечение",
        "Согласования",
        "Журнал аудита",
        "Уведомления",
        "Опросы",
        "Отчёты",
        "Вебхуки",
        "Награды",
        "Промокоды",
        "Партнёры",
        "Конкурсы",
        "Пользователи",
        "API-ключи",
      ]);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("ru");
      await shot(page, "overview-ru");

      await page.reload();
      await page.getByRole("heading", { name: "Здравствуйте, Olga Petrenko" }).waitFor();
      await page.getByLabel("Язык").selectOption("uk");
      await page.getByRole("heading", { name: "Вітаємо, Olga Petrenko" }).waitFor();
      await expect(page.getByTestId("format-date").textContent()).resolves.toContain("бер");
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel("Мова").selectOption("en");
      await page.getByRole("heading", { name: "Welcome, Olga Petrenko" }).waitFor();
    },
    STEP_MS,
  );

  it(
    "fits a phone's width",
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${web.base}/api-keys`);
      await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "api-keys-phone");
      await page.setViewportSize({ width: 1280, height: 800 });
    },
    STEP_MS,
  );

  it(
    "refuses a change sent with the cookie but without the CSRF header",
    async () => {
      const answer = await page.evaluate(async () => {
        const r = await fetch("/v1/api-keys", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ role: "support", name: "forged" }),
        });
        return { status: r.status, body: await r.json() };
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error.field).toBe("x-patron-csrf");
      const keys = await web.t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = 'northwind' AND name = 'forged'",
      );
      expect(keys.rows[0]?.n).toBe(0);
    },
    STEP_MS,
  );

  it(
    "signs out from the account menu",
    async () => {
      await page.getByRole("button", { name: /Account menu/ }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to Patron" }).waitFor();
      const status = await page.evaluate(async () => (await fetch("/v1/sessions/current")).status);
      expect(status).toBe(401);
      await expect(page.getByLabel("Organisation").inputValue()).resolves.toBe("northwind");
      expect(cspErrors).toEqual([]);
    },
    STEP_MS,
  );
});
