// The reports pages in headless Chromium: on a small history sent through the API, the owner opens Reports, the
// monthly report and a company's share of wallet, and every figure checked on screen is the API's, formatted;
// axe-core finds nothing serious; screenshots into docs/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinanceReport } from "../../../packages/server/src/modules/analytics/finance.ts";
import type { Metrics } from "../../../packages/server/src/modules/analytics/metrics.ts";
import type { ShareOfWallet } from "../../../packages/server/src/modules/analytics/shareOfWallet.ts";
import { OWNER_EMAIL, PASSWORD, PROGRAM, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;
const LOCALE = "en-GB";

let web: Web;
let page: Page;

/** The first day of the month `back` months before this one, and a day of it. */
function monthStart(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}
const dayOf = (back: number, d: number) => `${monthStart(back).slice(0, 8)}${String(d).padStart(2, "0")}`;

const money = (text: string, currency: string) =>
  new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: 2,
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
  }).format(text as `${number}`);
const pct = (x: number) =>
  new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 }).format(x);

beforeAll(async () => {
  web = await startWeb("reports");
  const ok = async (method: string, path: string, body?: unknown) => {
    const r = await web.api<unknown>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok("POST", "/v1/programs", { definition: PROGRAM.replace(/startsOn: .*/, 'startsOn: "2020-01-01"') });
  const line = (price: string, category = "cement") => ({
    sku: "S",
    category,
    quantity: 1,
    unitPrice: price,
  });
  const order = (orderId: string, date: string, companyId: string, price: string) =>
    ok("POST", "/v1/events", { type: "order", orderId, date, companyId, lines: [line(price)] });
  await ok("POST", "/v1/companies", { id: "ACME", name: "Acme Build", segment: "builders" });
  await ok("POST", "/v1/companies", { id: "BOLT", name: "Bolt Supply", segment: "retail" });
  await order("o1", dayOf(3, 5), "ACME", "120000.00");
  await order("o2", dayOf(3, 20), "BOLT", "80000.00");
  await order("o3", dayOf(2, 7), "ACME", "60000.00");
  await order("o4", dayOf(1, 9), "ACME", "90000.00");
  await order("o5", dayOf(1, 14), "CARR", "300000.00");
  await ok("POST", "/v1/analytics/share-of-wallet/import", {
    rows: [
      { companyId: "BOLT", category: "cement", from: dayOf(3, 1), to: dayOf(3, 28), total: "320000.00" },
    ],
  });
  // Two answers of a survey, stored as the surveys module stores them.
  await web.t.db.query(
    `INSERT INTO surveys (tenant_id, id, name, question, roles, circles, send, every_days, points, active, created_at, created_by)
     VALUES ('northwind', 'srv_e2e', 'NPS', 'Recommend us?', '{}', '{}', 'afterOrder', NULL, 0, true, now(), 'e2e')`,
  );
  await web.t.db.query(
    `INSERT INTO contacts (tenant_id, id, company_id, name, email, role, created_at, updated_at)
     VALUES ('northwind', 'K1', 'ACME', 'Ann', 'ann@acme.example', 'buyer', now(), now())`,
  );
  for (const [n, back, score] of [
    [1, 2, 10],
    [2, 1, 4],
    [3, 1, 9],
  ] as const) {
    await web.t.db.query(
      `INSERT INTO survey_requests (tenant_id, id, survey_id, contact_id, member_id, reason, created_at, answered_at)
       VALUES ('northwind', $1, 'srv_e2e', 'K1', 'ACME', $1, now(), now())`,
      [`req_${n}`],
    );
    await web.t.db.query(
      `INSERT INTO survey_responses (tenant_id, id, survey_id, request_id, contact_id, member_id, score, day, segment, tier, answered_at)
       VALUES ('northwind', $1, 'srv_e2e', $2, 'K1', 'ACME', $3, $4, 'builders', NULL, now())`,
      [`rsp_${n}`, `req_${n}`, score, dayOf(back, 10)],
    );
  }
  const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: LOCALE });
  page = await context.newPage();
  await page.goto(web.base);
  await page.getByLabel("Organisation").fill("northwind");
  await page.getByLabel("Email").fill(OWNER_EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
}, 600_000);

afterAll(async () => {
  await web?.stop();
});

describe("the reports pages", () => {
  it(
    "Reports shows the API's liability, cohorts, NPS and share of wallet, each titled with its definition",
    async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
      await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
      await page.getByTestId("finance-table").waitFor();
      const today = new Date().toISOString().slice(0, 10);
      const query = `from=${monthStart(11)}&to=${today}`;
      const finance = (await web.api<FinanceReport>("GET", `/v1/analytics/finance?${query}`)).body;
      expect(finance.ledger.agrees).toBe(true);
      expect(finance.total.closingPoints).toBeGreaterThan(0);
      const totalRow = page.getByTestId("finance-table").locator('tr[data-row="total"]');
      for (const c of ["opening", "issued", "spent", "closing"] as const)
        await expect(totalRow.locator(`td[data-cell="${c}"] .num`).textContent()).resolves.toBe(
          money(finance.total[c], finance.currency),
        );
      await expect(
        page
          .getByTestId("finance-table")
          .locator('[data-definition="docs/metrics.md#finance-closing"]')
          .count(),
      ).resolves.toBe(1);
      await expect(page.getByTestId("finance-ledger").textContent()).resolves.toContain(
        "Agrees with the ledger",
      );

      // Cohorts: ACME and BOLT joined three months ago; in month 0 both ordered, in month 1 only ACME.
      const first = page.getByTestId("cohort-table").locator(`tr[data-cohort="${monthStart(3)}"]`);
      await expect(first.locator('td[data-k="0"]').textContent()).resolves.toBe(pct(1));
      await expect(first.locator('td[data-k="1"]').textContent()).resolves.toBe(pct(0.5));

      // NPS of builders: 3 answers, 2 promoters and 1 detractor → 33.3.
      await page.getByTestId("nps-chart").waitFor();
      await expect(
        page.getByTestId("nps-table").locator('td[data-cell="nps"]').first().textContent(),
      ).resolves.toBe("33.3");

      const share = (await web.api<ShareOfWallet>("GET", `/v1/analytics/share-of-wallet?${query}`)).body;
      // BOLT bought 320,000.00 of cement in its month, 80,000.00 of it from us → 25%.
      expect(share.companies[0]?.share).toBe(0.25);
      await expect(
        page.getByTestId("share-companies").locator('td[data-cell="share"]').first().textContent(),
      ).resolves.toBe(pct(0.25));
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "reports");
    },
    STEP_MS,
  );

  it(
    "the monthly report prints the month's figures as the API gives them",
    async () => {
      const month = monthStart(1).slice(0, 7);
      await page.goto(`${web.base}/reports/monthly?month=${month}`);
      await page.getByTestId("monthly-revenue-chart").waitFor();
      const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
        .toISOString()
        .slice(0, 10);
      const m = (await web.api<Metrics>("GET", `/v1/analytics/metrics?from=${month}-01&to=${to}`)).body;
      const revenue = m.metrics.find((x) => x.key === "revenue")?.values.participants as string;
      await expect(page.getByTestId("monthly-revenue").textContent()).resolves.toBe(
        money(revenue, m.currency),
      );
      const f = (await web.api<FinanceReport>("GET", `/v1/analytics/finance?from=${month}-01&to=${to}`)).body;
      await expect(
        page
          .getByTestId("monthly-finance")
          .locator('tr[data-row="total"] td[data-cell="closing"] .num')
          .textContent(),
      ).resolves.toBe(money(f.total.closing, f.currency));
      await page.getByTestId("print").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "monthly-report");
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".sidenav").isVisible()).resolves.toBe(false);
      await shot(page, "monthly-report-print");
      await page.emulateMedia({ media: "screen" });
    },
    STEP_MS,
  );

  it(
    "a company's page takes its category purchases and shows our share",
    async () => {
      await page.goto(`${web.base}/companies/ACME`);
      const form = page.getByRole("form", { name: "Save figure" });
      await form.getByLabel("Category", { exact: true }).fill("cement");
      await form.getByLabel("From", { exact: true }).fill(dayOf(3, 1));
      await form.getByLabel("To", { exact: true }).fill(dayOf(1, 28));
      await form.getByLabel("Client's total").fill("540000.00");
      await form.getByRole("button", { name: "Save figure" }).click();
      await page.getByTestId("category-purchases").waitFor();
      // Ours over those days: 120,000 + 60,000 + 90,000 = 270,000.00 of 540,000.00 → 50%.
      await expect(
        page.getByTestId("category-purchases").locator('td[data-cell="share"]').textContent(),
      ).resolves.toBe(pct(0.5));
      await page.getByTestId("category-purchases").scrollIntoViewIfNeeded();
      await shot(page, "company-share-of-wallet");
    },
    STEP_MS,
  );

  it(
    "lists the drafts on Reports, each a link to its what-if comparison",
    async () => {
      const draft = (
        await web.api<{ id: string }>("POST", "/v1/programs/drafts", {
          definition: PROGRAM.replace(/startsOn: .*/, 'startsOn: "2020-01-01"').replace(
            /^name: .*/m,
            "name: Richer tiers",
          ),
        })
      ).body;
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
      await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
      await page
        .getByTestId("what-if-drafts")
        .getByRole("link", { name: "Compare Richer tiers with published" })
        .click();
      await page.getByRole("heading", { name: /^What if/, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/analytics/what-if/${encodeURIComponent(draft.id)}`);
    },
    STEP_MS,
  );
});
