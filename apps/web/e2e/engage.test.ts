// Engagement in headless Chromium against a real server: the whole reward order flow (a buyer requests in the
// portal, the company's admin approves, the program owner approves in the console, ships, delivers; another
// order cancelled in the console with its points given back), a referral link opened before sign-in and applied
// to the new company's first order, a coalition partner registered in the console with a key it then uses,
// the settlement page, and a promo code batch made in the console. axe-core on each page; screenshots.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER_EMAIL, PASSWORD, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;
// Example 15 (1% back, a reward catalog) with a referral discount (30% off a first order, 1,000 points to the
// referrer at once), a promo code discount, and one coalition partner earning 2%.
const PROGRAM = `${readFileSync(
  fileURLToPath(new URL("../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
)}
discounts:
  - { id: referral, kind: referral, prefix: "REF-", rate: "30%", referrerPoints: 1000, combinable: false }
  - { id: spring, kind: code, code: SPRING10, rate: "10%", combinable: true }
coalition:
  settlement: monthly
  partners:
    - { id: FUEL, name: Fuel stations, rates: [{ rate: "2%" }] }
`;

let web: Web;
const contacts: Record<string, string> = {};
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const wallet = async (id: string) =>
  (await web.api<{ available: number }>("GET", `/v1/members/${id}/wallet`)).body.available;

beforeAll(async () => {
  web = await startWeb("engage");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  for (const [id, name] of [
    ["C1", "Contoso Retail"],
    ["C2", "Fabrikam Stores"],
  ] as const) {
    expect((await web.api("POST", "/v1/companies", { id, name })).status).toBe(201);
  }
  const first = await web.api("POST", "/v1/events", {
    type: "order",
    orderId: "10044",
    date: daysAgo(3),
    companyId: "C1",
    lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: "500000.00" }],
  });
  expect(first.status).toBe(201);
  for (const [name, email, companyId, role] of [
    ["Ana Lima", "ana@contoso.example", "C1", "company_admin"],
    ["Bob Stone", "bob@contoso.example", "C1", "buyer"],
    ["Cara Diaz", "cara@fabrikam.example", "C2", "company_admin"],
  ] as const) {
    const r = await web.api<{ id: string }>("POST", `/v1/companies/${companyId}/contacts`, {
      name,
      email,
      role,
    });
    expect(r.status).toBe(201);
    contacts[email] = r.body.id;
  }
  const reward = await web.api("POST", "/v1/rewards", {
    name: "Power bank",
    kind: "goods",
    pricePoints: 1500,
    stock: 10,
    ownerApproval: true,
  });
  expect(reward.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

async function newPage(): Promise<Page> {
  const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  return context.newPage();
}

/** Accepts the contact's invitation in `page`: it is then signed in to the portal. */
async function acceptInvite(page: Page, email: string, name: string): Promise<void> {
  const r = await web.api<{ link: string }>("POST", `/v1/contacts/${contacts[email]}/invite`);
  expect(r.status).toBe(201);
  await page.goto(r.body.link);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await page.getByRole("heading", { name: `Hello, ${name}` }).waitFor();
}

async function consoleOwner(): Promise<Page> {
  const page = await newPage();
  await page.goto(web.base);
  await page.getByLabel("Organisation").fill("northwind");
  await page.getByLabel("Email").fill(OWNER_EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  return page;
}

describe("engagement in the console and the portal", () => {
  let owner: Page;

  it(
    "a reward order goes from the buyer through the company's admin and the owner to delivery; a cancel gives points back",
    async () => {
      // Bob, a buyer: 1% of 500,000 = 5,000 points; he orders the power bank.
      const bob = await newPage();
      await acceptInvite(bob, "bob@contoso.example", "Bob Stone");
      await bob.getByRole("link", { name: "Rewards" }).click();
      await bob.getByRole("button", { name: "Order: Power bank" }).click();
      await bob.getByTestId("reward-orders").getByText("Waiting for your company's admin").waitFor();
      expect(await wallet("C1")).toBe(3500);

      // Ana, the company's admin, approves it; then orders one herself, to be cancelled.
      const ana = await newPage();
      await acceptInvite(ana, "ana@contoso.example", "Ana Lima");
      await ana.getByRole("link", { name: "Rewards" }).click();
      await ana.getByRole("button", { name: "Approve" }).click();
      await ana.getByRole("button", { name: "Order: Power bank" }).click();
      await ana.getByText("Ordered: Power bank. The points are reserved.").waitFor();
      expect(await wallet("C1")).toBe(2000);

      // The owner approves both in the console's queue, ships and delivers the first, cancels the second.
      owner = await consoleOwner();
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rewards" }).click();
      await owner.getByRole("heading", { name: "Rewards", level: 1 }).waitFor();
      const queue = owner.getByTestId("reward-queue");
      await queue.getByRole("row").nth(2).waitFor();
      await expect
        .poll(() => queue.getByText("Waiting for your approval").count(), { timeout: 10_000 })
        .toBe(2);
      // Newest first: Bob's order is the last row.
      await queue.getByRole("button", { name: "Approve: Power bank, C1" }).last().click();
      await expect
        .poll(() => queue.getByText("Waiting for your approval").count(), { timeout: 10_000 })
        .toBe(1);
      await queue.getByRole("button", { name: "Cancel, return points: Power bank, C1" }).click();
      await queue.getByText("No orders here.").waitFor();
      expect(await wallet("C1")).toBe(3500);
      await owner.getByLabel("Status").selectOption("approved");
      await owner.getByLabel("Note for the company (tracking number, reason)").fill("Parcel 40012");
      await queue.getByRole("button", { name: "Ship: Power bank, C1" }).click();
      await queue.getByText("No orders here.").waitFor();
      await owner.getByLabel("Status").selectOption("");
      await queue.getByRole("button", { name: "Delivered: Power bank, C1" }).click();
      await queue.getByText("Delivered").waitFor();
      await queue.getByText("Rejected").waitFor();
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "console-rewards");

      // Bob sees his order delivered; the points were captured at shipping: 5,000 − 1,500.
      await bob.reload();
      await bob.getByTestId("reward-orders").getByText("Delivered").waitFor();
      expect(await wallet("C1")).toBe(3500);
      await ana.reload();
      await ana.getByTestId("reward-orders").getByText("Rejected").waitFor();
    },
    STEP_MS * 2,
  );

  it(
    "a referral link opened before sign-in is applied to the new company's first order, crediting the referrer",
    async () => {
      const cara = await newPage();
      await cara.goto(`${web.base}/portal?ref=REF-C1`);
      await cara.getByLabel("Password").waitFor();
      await acceptInvite(cara, "cara@fabrikam.example", "Cara Diaz");
      await cara.getByTestId("referral-applied").getByText("Referral code REF-C1 is applied").waitFor();
      expect(await seriousViolations(cara)).toEqual([]);
      await shot(cara, "portal-referral-applied");
      // The company's first order arrives from its ERP without a code: the link's code prices it.
      const first = await web.api<{ result: { discount: string } }>("POST", "/v1/events", {
        type: "order",
        orderId: "20001",
        date: daysAgo(1),
        companyId: "C2",
        lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: "10000.00" }],
      });
      expect(first.body.result.discount).toBe("3000.00");
      // Credited at once, as this program says: 3,500 + 1,000.
      expect(await wallet("C1")).toBe(4500);
    },
    STEP_MS,
  );

  it(
    "a partner registered in the console gets a key that sends its orders; the settlement shows them",
    async () => {
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
      await owner.getByRole("heading", { name: "Coalition partners" }).waitFor();
      await owner.getByLabel("Partner id").fill("FUEL");
      await owner.getByLabel("Name").fill("Fuel stations");
      await owner.getByRole("button", { name: "Add partner" }).click();
      await owner.getByRole("link", { name: "FUEL" }).click();
      await owner.getByRole("heading", { name: "Fuel stations" }).waitFor();
      await owner.getByLabel("Key name").fill("Station tills");
      await owner.getByRole("button", { name: "Make a key" }).click();
      const shown = (await owner.getByTestId("partner-secret").textContent()) ?? "";
      const secret = /ppk_\S+/.exec(shown)?.[0] ?? "";
      expect(secret).toMatch(/^ppk_northwind_/);
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "console-partner");

      // The partner sends an order with its key: C1 fills up for 10,000 and spends 100 points.
      const r = await fetch(`${web.base}/v1/partner/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({
          type: "order",
          orderId: "F-1",
          date: daysAgo(0),
          companyId: "C1",
          lines: [{ sku: "DIESEL", category: "fuel", quantity: 1, unitPrice: "10000.00" }],
          pointsToRedeem: 100,
        }),
      });
      expect(r.status).toBe(201);
      await owner.getByRole("link", { name: "All partners" }).click();
      const row = owner.getByTestId("settlement").getByRole("row", { name: /Fuel stations/ });
      await row.waitFor();
      // 2% of 9,900 = 198 issued, 100 accepted: the partner owes 98.00.
      await expect(row.textContent()).resolves.toContain("98.00");
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "console-partners");

      // The partner holds 300 of C1's points for a cart and 50 more it then cancels: the partner's page lists
      // both, newest first, and only the open one when asked.
      const partnerCall = async (path: string, body: object) => {
        const res = await fetch(`${web.base}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status, path).toBeLessThan(300);
        return (await res.json()) as { id: string };
      };
      await partnerCall("/v1/partner/redemptions", { memberId: "C1", points: 300 });
      const gone = await partnerCall("/v1/partner/redemptions", { memberId: "C1", points: 50 });
      await partnerCall(`/v1/partner/redemptions/${gone.id}/cancel`, {});
      await owner.getByRole("link", { name: "FUEL" }).click();
      await owner.getByRole("heading", { name: "Holds and redemptions" }).waitFor();
      const holds = owner.getByTestId("partner-holds");
      await expect.poll(async () => holds.getByRole("row").count()).toBe(3);
      const rows = await holds.getByRole("row").allTextContents();
      expect(rows[1]).toMatch(/cancelled.*C1.*50/);
      expect(rows[2]).toMatch(/open.*C1.*300/);
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "console-partner-holds");
      await owner.getByLabel("Open only").check();
      await expect
        .poll(async () => (await holds.getByRole("row").allTextContents()).join(" | "))
        .toMatch(/^[^|]*\| open.*300[^|]*$/);
    },
    STEP_MS,
  );

  it(
    "a shared promo code batch is made in the console and listed with its limits",
    async () => {
      await owner
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Promo codes" })
        .click();
      await owner.getByRole("heading", { name: "Promo codes" }).waitFor();
      await owner.getByLabel("Name").fill("Spring mailing");
      await owner.getByLabel("Program discount").fill("spring");
      await owner.getByLabel("Shared code").fill("SPRING10");
      await owner.getByLabel("Uses per company").fill("1");
      await owner.getByLabel("Minimum order").fill("5000");
      await owner.getByLabel("First order only").check();
      await owner.getByRole("button", { name: "Create batch" }).click();
      const batches = owner.getByTestId("code-batches");
      await batches.getByText("Spring mailing").waitFor();
      await expect(batches.textContent()).resolves.toContain("5000.00");
      await expect(batches.textContent()).resolves.toContain("Combines with other offers");
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "console-codes");
    },
    STEP_MS,
  );
});
