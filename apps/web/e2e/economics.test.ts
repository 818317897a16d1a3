// The economics calculator and the metrics page in headless Chromium: the calculator reproduces the spec's
// worked figures (mechanic 6) as the owner types, in English and Russian, and names a bad input; the metrics
// page shows translated names, each linking to its definition; a draft is compared with the published program
// from the editor; axe-core on each; screenshots.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, PROGRAM, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;
let web: Web;

beforeAll(async () => {
  web = await startWeb("economics");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  const order = (orderId: string, companyId: string) => ({
    type: "order",
    orderId,
    date: "2026-03-02",
    companyId,
    lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "1000.00" }],
  });
  for (const [id, company] of [
    ["E1", "C1"],
    ["E2", "C2"],
  ]) {
    expect((await web.api("POST", "/v1/events", order(id ?? "", company ?? ""))).status).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

async function signedIn(locale: string): Promise<Page> {
  const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  await page.goto(web.base);
  await page.locator("input[autocomplete=organization], input").first().waitFor();
  const inputs = page.locator("form input");
  await inputs.nth(0).fill("northwind");
  await inputs.nth(1).fill("olga@northwind.example");
  await inputs.nth(2).fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  await page.locator("h1").filter({ hasText: /Olga/ }).waitFor();
  return page;
}

/** The figures of one row of the comparison, one per design. */
const row = (page: Page, key: string) =>
  page.locator(`[data-testid=econ-table] tr[data-row=${key}] td`).allTextContents();

describe("the economics calculator", () => {
  it(
    "reproduces the spec's figures, live as the figures are typed",
    async () => {
      const page = await signedIn("en-GB");
      await page.goto(`${web.base}/analytics/economics`);
      await page.getByRole("heading", { name: "Economics calculator" }).waitFor();
      // Price 9,000 at a 30% margin: profit 2,700. A 5% discount (450) takes 450 / 2,700 = 16.7% of it; a 5%
      // bonus earned on one purchase and spent on the next costs 450 of two purchases' 5,400 = 8.3%.
      await expect(page.getByTestId("econ-summary").textContent()).resolves.toContain("2,700.00");
      await expect(row(page, "cost")).resolves.toEqual(["450.00", "225.00"]);
      await expect(row(page, "share")).resolves.toEqual(["16.7%", "8.3%"]);
      await expect(row(page, "cycle")).resolves.toEqual(["—", "450.00 of 5,400.00"]);
      // The article's own 17.5% and 8.5% are shown beside ours.
      await expect(page.getByTestId("econ-notes").locator("li").allTextContents()).resolves.toEqual([
        "Discount 5.0%: the article says 17.5%, the arithmetic gives 16.7%.",
        "Bonus 5.0%: the article says 8.5%, the arithmetic gives 8.3%.",
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "economics");

      // Breakage: 20% of points never spent → the bonus costs 5% × 0.8 / 2 = 2% of the price, 2 / 30 = 6.7%.
      await page.getByLabel("Redemption share").fill("80%");
      expect(await page.getByLabel("Breakage").inputValue()).toBe("20%");
      await expect(row(page, "share")).resolves.toEqual(["16.7%", "6.7%"]);

      // A 45% margin with a 10% discount needs 45 / 35 − 1 = 28.6% more sales to keep the same profit.
      await page.getByLabel("Margin (share of the price)").last().fill("45%");
      await page.getByLabel("Discounts").fill("10%");
      await page.getByLabel("Bonus earning rates").fill("");
      await expect(row(page, "growth")).resolves.toEqual(["28.6%"]);
      await expect(page.getByTestId("econ-notes").locator("li").allTextContents()).resolves.toEqual([
        "Discount 10.0%: the article says 26.6%, the arithmetic gives 28.6%.",
      ]);

      // A markup of 50% is a margin of 1/3: a 10% discount takes 30% of the profit.
      await page.getByRole("radio", { name: "Markup (share of the cost)" }).check();
      await page.getByLabel("Markup (share of the cost)").last().fill("50%");
      await expect(page.getByTestId("econ-summary").textContent()).resolves.toContain("margin 33.3%");
      await expect(row(page, "share")).resolves.toEqual(["30.0%"]);

      // A tier design paid as a bonus beside the discount: 60% of sales at 1%, 30% at 2%, 10% at 3% → 1.5%.
      await page.getByLabel("Tier designs").fill("60%:1%, 30%:2%, 10%:3%");
      await expect(row(page, "rate")).resolves.toEqual(["10.0%", "1.5%"]);

      // A bad share is named at its field, and the table waits for a good one.
      await page.getByLabel("Tier designs").fill("60%:1%, 30%:2%");
      await expect(page.getByRole("alert").textContent()).resolves.toBe(
        "The tiers' shares of sales must add up to 100%.",
      );
      await page.getByLabel("Markup (share of the cost)").last().fill("lots");
      await expect(page.getByRole("alert").textContent()).resolves.toBe("Write a share as 30%, 0.3 or 3/10.");
      expect(await page.getByTestId("econ-table").count()).toBe(0);
      await page.context().close();
    },
    STEP_MS,
  );

  it(
    "speaks Russian with the same figures",
    async () => {
      const page = await signedIn("ru-RU");
      await page.goto(`${web.base}/analytics/economics`);
      await page.getByRole("heading", { name: "Калькулятор экономики" }).waitFor();
      await expect(row(page, "share")).resolves.toEqual(["16,7%", "8,3%"]);
      await expect(page.getByTestId("econ-summary").textContent()).resolves.toMatch(
        /прибыль с продажи 2\s700,00/,
      );
      await page.context().close();
    },
    STEP_MS,
  );
});

describe("the metrics page", () => {
  it(
    "names each metric in the reader's language, linking to its definition",
    async () => {
      for (const [locale, name] of [
        ["en-GB", "Repeat purchase rate (RPR)"],
        ["ru-RU", "Доля повторных покупок (RPR)"],
        ["uk-UA", "Частка повторних покупок (RPR)"],
      ] as const) {
        const page = await signedIn(locale);
        await page.goto(`${web.base}/analytics/metrics`);
        const link = page.locator("[data-testid=metrics-table] a[data-metric=rpr]");
        await link.waitFor();
        expect(await link.textContent()).toBe(name);
        expect(await link.getAttribute("href")).toBe("/analytics/definitions#rpr");
        // No row shows a bare key.
        const names = await page.locator("[data-testid=metrics-table] tbody th").allTextContents();
        expect(names.filter((n) => /^[a-z-]+$/.test(n))).toEqual([]);
        if (locale === "en-GB") {
          expect(await seriousViolations(page)).toEqual([]);
          await shot(page, "metrics-names");
          await link.click();
          await page.locator("h3#rpr").waitFor();
          expect(await page.locator("h3#rpr + p").textContent()).toContain("Repeat purchase rate");
          expect(await seriousViolations(page)).toEqual([]);
          await shot(page, "metrics-definitions");
        }
        await page.context().close();
      }
    },
    STEP_MS,
  );
});

describe("what if", () => {
  it(
    "compares a draft with the published program, reached from the editor",
    async () => {
      const draft = await web.api<{ id: string }>("POST", "/v1/programs/drafts", {
        definition: PROGRAM.replace(
          '{ id: base, name: Base, from: 0, earnRate: "1%" }',
          '{ id: base, name: Base, from: 0, earnRate: "2%" }',
        ),
      });
      expect(draft.status).toBe(201);
      const page = await signedIn("en-GB");
      await page.goto(`${web.base}/programs/${draft.body.id}`);
      await page.getByRole("link", { name: "Compare with published" }).click();
      await page.getByRole("heading", { name: /^What if/ }).waitFor();
      await page.getByLabel("From").fill("2026-01-01");
      await page.getByRole("button", { name: "Compare" }).click();
      await page.getByTestId("whatif-table").waitFor();
      // Two orders of 1,000.00 at Base: 1% → 10 points each published, 2% → 20 each in the draft; a point is
      // worth 1.00 and nothing is discounted, so the cost is 20.00 against 40.00 (money with its two decimals).
      const cells = (measure: string) =>
        page.locator(`[data-testid=whatif-table] tr[data-measure=${measure}] td`).allTextContents();
      await expect(cells("cost")).resolves.toEqual(["40.00", "20.00", "+20.00"]);
      await expect(cells("earned")).resolves.toEqual(["40", "20", "+20"]);
      await expect(
        page.locator("[data-testid=whatif-tiers] tr[data-tier=base] td").allTextContents(),
      ).resolves.toEqual(["2", "2", "0"]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "what-if");
      await page.context().close();
    },
    STEP_MS,
  );
});
