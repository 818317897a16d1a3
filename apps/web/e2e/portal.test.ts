// The client portal in headless Chromium against a real server: it asks only the portal's routes, signed in or
// not; a company admin accepts an invitation and sees the company's balance, tier progress and history, in
// English and Russian and at phone width; invites a buyer; the buyer sees the same company only and cannot
// reach the console; axe-core on every portal page; screenshots into docs/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  PROGRAM,
  shot as shotOf,
  startWeb,
  seriousViolations as violationsOf,
  type Web,
} from "./harness.ts";

const STEP_MS = 120_000;

let web: Web;
let base: string;
let page: Page;
const contacts: Record<string, string> = {};
/** The API calls the page made and their answers, and what it logged as errors, since the last `forget()`. */
const asked: { call: string; status: number }[] = [];
const logged: string[] = [];
const forget = () => {
  asked.length = 0;
  logged.length = 0;
};

const api = <T>(method: string, path: string, body?: unknown) => web.api<T>(method, path, body);

/** A day `days` before today, as the orders' dates, so the rolling year counts them whenever this runs. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** A day as the portal shows it in English. */
const dayText = (day: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

beforeAll(async () => {
  web = await startWeb("portal");
  base = web.base;
  const definition = `${PROGRAM}\nexpiry: { policy: afterDays, days: 90 }\n`;
  expect((await api("POST", "/v1/programs", { definition })).status).toBe(201);
  for (const [companyId, name] of [
    ["C1", "Contoso Retail"],
    ["C2", "Fabrikam Stores"],
  ] as const) {
    expect((await api("POST", "/v1/companies", { id: companyId, name })).status).toBe(201);
  }
  for (const [companyId, orderId, price, ago] of [
    ["C1", "10044", "18500.00", 20],
    ["C1", "10045", "123400.00", 3],
    ["C2", "20001", "50000.00", 5],
  ] as const) {
    const r = await api("POST", "/v1/events", {
      type: "order",
      orderId,
      date: daysAgo(ago),
      companyId,
      lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: price }],
    });
    expect(r.status).toBe(201);
  }
  for (const [name, email, companyId, role] of [
    ["Ana Lima", "ana@contoso.example", "C1", "company_admin"],
    ["Cat Ruiz", "cat@fabrikam.example", "C2", "company_admin"],
  ] as const) {
    const r = await api<{ id: string }>("POST", `/v1/companies/${companyId}/contacts`, { name, email, role });
    expect(r.status).toBe(201);
    contacts[email] = r.body.id;
  }
  page = await web.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/v1/"))
      asked.push({ call: `${r.request().method()} ${url.pathname}`, status: r.status() });
  });
  page.on("console", (m) => {
    if (m.type() === "error") logged.push(m.text());
  });
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

const seriousViolations = () => violationsOf(page);
const shot = (name: string) => shotOf(page, name);

/** The owner invites a contact; the answer's link (given outside production) is the one to open. */
async function inviteLink(email: string): Promise<string> {
  const r = await api<{ link: string }>("POST", `/v1/contacts/${contacts[email]}/invite`);
  expect(r.status).toBe(201);
  return r.body.link;
}

/** Runs `fetch` inside the page, with its cookie, and answers the status and body. */
async function fromPage(path: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, body: await r.text() };
  }, path);
}

describe("the client portal", () => {
  it(
    "asks only the portal's routes on its first load: nothing of the console's session",
    async () => {
      forget();
      await page.goto(`${base}/portal`);
      await page.getByRole("heading", { name: "Sign in to the client portal" }).waitFor();
      // Nobody is signed in: the portal's own question answers 401, and that is the only call.
      expect(asked).toEqual([{ call: "GET /v1/portal/me", status: 401 }]);
      expect(logged.filter((m) => !m.includes("401"))).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "a company admin accepts the invitation and sees balance, tier progress and history",
    async () => {
      await page.goto(await inviteLink("ana@contoso.example"));
      await page.getByRole("heading", { name: "Set your password" }).waitFor();
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-accept");
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      expect(new URL(page.url()).search).toBe(""); // the token left the address bar

      // 1% of 18,500 and of 123,400: 185 + 1,234 points; 141,900 of Silver's 300,000 bought.
      await expect(page.getByTestId("available").textContent()).resolves.toContain("1,419");
      await page.getByTestId("tier").waitFor();
      await expect(page.getByTestId("tier").textContent()).resolves.toBe("Base");
      await expect(page.getByTestId("tier-remaining").textContent()).resolves.toMatch(
        /^RUB\s?158,100\.00 more to reach Silver$/,
      );
      await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("47");
      await expect(page.getByText("2% of purchases back in points")).toBeTruthy();
      const expiring = await page.getByTestId("expiring").textContent();
      expect(expiring).toContain("185 points on");
      expect(expiring).toContain("1,234 points on");
      const history = page.getByTestId("history").locator("li");
      await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(2);
      await expect(history.nth(0).textContent()).resolves.toMatch(
        /^\+1,234 points\s*\+1,234 points: 1% of order 10045, Base rate/,
      );
      await expect(history.nth(1).textContent()).resolves.toMatch(
        /^\+185 points\s*\+185 points: 1% of order 10044, Base rate/,
      );
      // Each line is dated as its order was; when it was recorded is in its title.
      const dated = history.nth(1).locator("time");
      await expect(dated.getAttribute("datetime")).resolves.toBe(daysAgo(20));
      await expect(dated.textContent()).resolves.toBe(dayText(daysAgo(20)));
      await expect(dated.getAttribute("title")).resolves.toMatch(/^Recorded /);
      expect(await seriousViolations()).toEqual([]);
      await shot("portal");

      // Loaded again, signed in: every call is the portal's own, and each is answered.
      forget();
      await page.reload();
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(2);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((a) => !a.call.startsWith("GET /v1/portal/") || a.status >= 400)).toEqual([]);
      expect(logged).toEqual([]);

      await page.getByLabel("Language").selectOption("ru");
      await page.getByRole("heading", { name: "Здравствуйте, Ana Lima" }).waitFor();
      await expect(page.getByTestId("available").textContent()).resolves.toMatch(/1\s419$/);
      await expect(page.getByTestId("tier-remaining").textContent()).resolves.toMatch(/158\s100,00/);
      await expect(history.nth(0).textContent()).resolves.toContain(
        "+1\u00a0234 баллов: 1% от заказа 10045, ставка уровня Base",
      );
      await shot("portal-ru");
      await page.getByLabel("Язык").selectOption("en");

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-phone");
      await page.setViewportSize({ width: 1280, height: 800 });
    },
    STEP_MS,
  );

  it(
    "the admin sees the company's users and invites a buyer",
    async () => {
      await page.getByRole("link", { name: "Users" }).click();
      await page.getByRole("heading", { name: "Users of Contoso Retail" }).waitFor();
      const rows = page.locator("tbody tr");
      await page.getByRole("cell", { name: "Ana Lima", exact: true }).waitFor(); // the list arrives after the heading
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      await page.getByLabel("Name").fill("Ben Okafor");
      await page.getByLabel("Email").fill("ben@contoso.example");
      await page.getByLabel("Role", { exact: true }).selectOption("buyer");
      await page.getByRole("button", { name: "Add and invite" }).click();
      const link = await page.getByTestId("invite-link").textContent();
      expect(link).toMatch(/\/portal\/accept\?tenant=northwind&token=/);
      await page.getByRole("cell", { name: "Ben Okafor", exact: true }).waitFor();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
      await expect(rows.nth(0).textContent()).resolves.toContain("Company admin");
      await expect(rows.nth(1).textContent()).resolves.toMatch(/Ben Okafor.*Buyer.*Invited until/);
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-users");

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to the client portal" }).waitFor();
      await page.goto(link ?? "");
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Ben Okafor" }).waitFor();
      await expect(page.getByTestId("available").textContent()).resolves.toContain("1,419");
    },
    STEP_MS,
  );

  it(
    "a buyer sees no other company and cannot reach the console",
    async () => {
      expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
      const wallet = await fromPage("/v1/portal/wallet?memberId=C2");
      expect(JSON.parse(wallet.body)).toMatchObject({ memberId: "C1", available: 1419 });
      for (const path of ["/v1/members/C2/wallet", "/v1/companies", "/v1/companies/C2", "/v1/users"]) {
        expect((await fromPage(path)).status, path).toBe(403);
      }
      expect((await fromPage("/v1/portal/users")).status).toBe(403);

      await page.goto(`${base}/portal/users`);
      await page.getByRole("alert").waitFor();
      await expect(page.getByRole("alert").textContent()).resolves.toBe(
        "This page does not exist in the portal.",
      );
      for (const path of ["/", "/users", "/api-keys"]) {
        await page.goto(`${base}${path}`);
        await page.getByRole("heading", { name: "Sign in to Patron" }).waitFor();
        expect(await page.getByText("Welcome").count()).toBe(0);
      }
    },
    STEP_MS,
  );

  it(
    "signs in on the portal's own page, as the other company's admin, to that company's points",
    async () => {
      const link = new URL(await inviteLink("cat@fabrikam.example"));
      const accepted = await fetch(`${base}/v1/portal/accept-invite`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-patron-csrf": "1" },
        body: JSON.stringify({
          tenant: link.searchParams.get("tenant"),
          token: link.searchParams.get("token"),
          password: PASSWORD,
        }),
      });
      expect(accepted.status).toBe(201);
      await page.goto(`${base}/portal`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to the client portal" }).waitFor();
      expect(await seriousViolations()).toEqual([]);
      await shot("portal-sign-in");
      await page.getByLabel("Organisation").fill("northwind");
      await page.getByLabel("Email").fill("cat@fabrikam.example");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").textContent()).resolves.toContain(
        "the organisation, email or password is wrong",
      );
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Cat Ruiz" }).waitFor();
      await expect(page.getByTestId("available").textContent()).resolves.toContain("500");
      const history = await page.getByTestId("history").textContent();
      expect(history).toContain("order 20001");
      expect(history).not.toContain("10045");
    },
    STEP_MS,
  );
});
