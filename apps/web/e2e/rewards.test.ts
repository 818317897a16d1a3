// Rewards in the client portal, in headless Chromium against a real server: a buyer orders a reward (its points
// held), the company's admin approves it, staff ship it; a new client's first order with the company's referral
// code credits it. axe-core on the page; screenshots into docs/screenshots/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

// Example 15 (1% back, a reward catalog) with a referral discount: 30% off a first order, 1,000 points to the
// referrer on that day.
const PROGRAM = `${readFileSync(
  fileURLToPath(new URL("../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
)}
discounts:
  - { id: referral, kind: referral, prefix: "REF-", rate: "30%", referrerPoints: 1000, combinable: false }
`;
const STEP_MS = 120_000;

let web: Web;
let page: Page;
const contacts: Record<string, string> = {};

/** A day `days` before today, as the orders' dates, so the rolling year counts them whenever this runs. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  web = await startWeb("rewards");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  for (const [companyId, name] of [
    ["C1", "Contoso Retail"],
    ["C2", "Fabrikam Stores"],
  ] as const) {
    expect((await web.api("POST", "/v1/companies", { id: companyId, name })).status).toBe(201);
  }
  for (const [companyId, orderId, price, ago] of [["C1", "10044", "500000.00", 3]] as const) {
    const r = await web.api("POST", "/v1/events", {
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
    ["Bob Stone", "bob@contoso.example", "C1", "buyer"],
  ] as const) {
    const r = await web.api<{ id: string }>("POST", `/v1/companies/${companyId}/contacts`, {
      name,
      email,
      role,
    });
    expect(r.status).toBe(201);
    contacts[email] = r.body.id;
  }
  page = await web.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

/** The owner invites a contact; the answer's link (given outside production) is the one to open. */
async function inviteLink(email: string): Promise<string> {
  const r = await web.api<{ link: string }>("POST", `/v1/contacts/${contacts[email]}/invite`);
  expect(r.status).toBe(201);
  return r.body.link;
}

describe("rewards in the client portal", () => {
  it(
    "a buyer orders a reward, the company's admin approves it, staff ship it; the referral code brings points",
    async () => {
      const reward = await web.api<{ id: string }>("POST", "/v1/rewards", {
        name: "Power bank",
        kind: "goods",
        pricePoints: 1500,
        stock: 10,
        description: "10,000 mAh, with the company's logo",
      });
      expect(reward.status).toBe(201);

      // Bob, a buyer: 1% of 500,000 = 5,000 points; he orders the power bank.
      await page.goto(await inviteLink("bob@contoso.example"));
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Bob Stone" }).waitFor();
      await page.getByRole("link", { name: "Rewards" }).click();
      await page.getByRole("heading", { name: "Rewards for points" }).waitFor();
      // A double click orders once: the button waits for the answer, and the points are held once.
      await page.getByRole("button", { name: "Order: Power bank" }).dblclick();
      await page.getByText("Ordered: Power bank. The points are reserved.").waitFor();
      const orders = page.getByTestId("reward-orders");
      await orders.getByText("Waiting for your company's admin").waitFor();
      await expect(orders.locator("tbody tr").count()).resolves.toBe(1);
      const placed = await web.api<{ data: unknown[] }>("GET", "/v1/reward-orders");
      expect(placed.body.data).toHaveLength(1);
      await expect
        .poll(() => page.getByRole("button", { name: "Approve" }).count(), { timeout: 10_000 })
        .toBe(0);
      await expect(page.getByTestId("referral-code").textContent()).resolves.toBe("REF-C1");
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "portal-rewards-buyer");
      await page.getByRole("link", { name: "My points" }).click();
      await expect(page.getByTestId("available").textContent()).resolves.toContain("3,500");
      await page.getByRole("button", { name: "Sign out" }).click();

      // Ana, the company's admin, approves it.
      await page.goto(await inviteLink("ana@contoso.example"));
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Ana Lima" }).waitFor();
      await page.getByRole("link", { name: "Rewards" }).click();
      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByTestId("reward-orders").getByText("Approved").waitFor();

      // Staff ship it; the page shows it shipped.
      const queue = await web.api<{ data: { id: string; status: string }[] }>(
        "GET",
        "/v1/reward-orders?status=approved",
      );
      const id = queue.body.data[0]?.id as string;
      expect((await web.api("POST", `/v1/reward-orders/${id}/status`, { status: "shipped" })).status).toBe(
        200,
      );

      // A new client, C2, orders with C1's referral code: 30% off, and 1,000 points to C1.
      const referred = await web.api<{ result: { discount: string } }>("POST", "/v1/events", {
        type: "order",
        orderId: "20001",
        date: daysAgo(1),
        companyId: "C2",
        lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: "10000.00" }],
        promoCode: "ref-c1",
      });
      expect(referred.body.result.discount).toBe("3000.00");

      await page.reload();
      await page.getByTestId("reward-orders").getByText("Shipped").waitFor();
      await page.getByText("Orders with your code so far: 1.").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "portal-rewards");
      await page.getByRole("link", { name: "My points" }).click();
      // 5,000 − 1,500 spent + 1,000 for the referral.
      await expect(page.getByTestId("available").textContent()).resolves.toContain("4,500");
      await page.getByLabel("Language").selectOption("ru");
      await page.getByRole("link", { name: "Награды" }).click();
      await page.getByTestId("reward-orders").getByText("Отправлен").waitFor();
      await page.getByLabel("Язык").selectOption("en");
    },
    STEP_MS * 2,
  );
});
