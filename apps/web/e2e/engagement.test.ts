// Engagement in headless Chromium against a real server: a company admin buys a membership in the portal and
// sees its discount in a priced order; a sales manager grants an individual discount above her limit in the
// console, finance approves it on the Approvals page; screenshots into docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PASSWORD,
  PROGRAM,
  seriousViolations,
  shot,
  signedIn as signInAs,
  startWeb,
  type Web,
} from "./harness.ts";

const STEP_MS = 120_000;

let web: Web;

beforeAll(async () => {
  web = await startWeb("engagement");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  const plan = await web.api("POST", "/v1/membership-plans", {
    name: "BahnCard 50",
    fee: "220",
    periodDays: 365,
    discountRate: "50%",
    priorityService: true,
  });
  expect(plan.status).toBe(201);
  for (const [email, name, role] of [
    ["anna@northwind.example", "Anna Sales", "sales_manager"],
    ["fedor@northwind.example", "Fedor Finance", "finance"],
  ] as const) {
    expect((await web.api("POST", "/v1/users", { email, name, role, password: PASSWORD })).status).toBe(201);
  }
  const users = await web.api<{ data: { id: string; email: string }[] }>("GET", "/v1/users");
  const anna = users.body.data.find((u) => u.email === "anna@northwind.example")?.id;
  expect(
    (await web.api("POST", "/v1/companies", { id: "C1", name: "Contoso Retail", salesRepId: anna })).status,
  ).toBe(201);
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

const signedIn = (email: string) => signInAs(web, email);

describe("engagement", () => {
  it(
    "a company admin buys a membership in the portal and the priced order shows half off",
    async () => {
      const c = await web.api<{ id: string }>("POST", "/v1/companies/C1/contacts", {
        name: "Ana Lima",
        email: "ana@contoso.example",
        role: "company_admin",
      });
      const inv = await web.api<{ link: string }>("POST", `/v1/contacts/${c.body.id}/invite`);
      const page = await (
        await web.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })
      ).newPage();
      await page.goto(inv.body.link);
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      await page.getByRole("link", { name: "Membership" }).click();
      await page.getByRole("heading", { name: "Membership and benefits" }).waitFor();
      await page.getByText("Your company has no membership.").waitFor();

      const priceIt = async () => {
        await page.getByLabel("Product code").fill("TICKET");
        await page.getByLabel("Unit price").fill("100");
        await page.getByRole("button", { name: "Price it" }).click();
      };
      await priceIt();
      await expect(page.getByTestId("quote-discount").textContent()).resolves.toBe("0.00");

      await page.getByRole("button", { name: "Buy BahnCard 50" }).click();
      await page.getByText(/BahnCard 50 is active from/).waitFor();
      await page.getByRole("table", { name: "Your memberships" }).waitFor();
      await priceIt();
      await page.getByTestId("quote-discount").filter({ hasText: "50.00" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "portal-membership");

      const report = await web.api<{ plans: { feesIn: string; memberships: number }[] }>(
        "GET",
        "/v1/reports/memberships",
      );
      expect(report.body.plans[0]).toMatchObject({ feesIn: "220.00", memberships: 1 });
    },
    STEP_MS,
  );

  it(
    "a sales manager's discount above her limit waits; finance approves it on the Approvals page",
    async () => {
      const anna = await signedIn("anna@northwind.example");
      await anna.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagement" }).click();
      await anna.getByRole("heading", { name: "Individual discounts" }).waitFor();
      await anna.getByText("Your role may grant up to 5% off").waitFor();
      const form = anna.getByRole("form", { name: "Grant discount" });
      await form.getByLabel("Company id").fill("C1");
      await form.getByLabel("Discount, %").fill("8");
      await form.getByLabel("Reason").fill("strategic account");
      await form.getByLabel("Valid to").fill(`${new Date().getUTCFullYear() + 1}-12-31`);
      await form.getByRole("button", { name: "Grant discount" }).click();
      await anna.getByText("Granted to C1: Waiting for approval.").waitFor();
      expect(await seriousViolations(anna)).toEqual([]);
      await shot(anna, "console-engagement");

      const fedor = await signedIn("fedor@northwind.example");
      await fedor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
      const queue = fedor.getByRole("table", { name: "Individual discounts waiting for approval" });
      await queue.getByRole("cell", { name: "strategic account" }).waitFor();
      await queue.getByRole("cell", { name: "Anna Sales" }).waitFor();
      await shot(fedor, "console-approvals-discount");
      await queue.getByRole("button", { name: "Approve: C1 8%" }).click();
      await fedor.getByText("The discount for C1 is active.").waitFor();
      await fedor.getByText("No individual discounts wait for approval.").waitFor();

      const grants = await web.api<{ data: { status: string; reason: string }[] }>(
        "GET",
        "/v1/discount-grants",
      );
      expect(grants.body.data.find((g) => g.reason === "strategic account")?.status).toBe("active");
    },
    STEP_MS,
  );
});
