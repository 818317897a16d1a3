// Orders and returns in headless Chromium against a real server: a company made by its first order (or added
// without dates before its orders) says since when it takes part, a return's row in the orders list shows its refund and the points it took back and gave
// back, finance (who opens no company page) requests an adjustment from the approvals page, and the
// overview's charts keep their date labels apart in every language and at phone width; screenshots into
// docs/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axisLabels,
  PASSWORD,
  PROGRAM,
  seriousViolations,
  shot,
  signedIn as signInAs,
  startWeb,
  type Web,
} from "./harness.ts";

const STEP_MS = 180_000;

let web: Web;
const today = new Date();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(today.getTime() - n * 86_400_000));
const programText = PROGRAM.replace(
  'startsOn: "2026-01-01"',
  `startsOn: "${today.getUTCFullYear() - 1}-01-01"`,
);
/** The first order of C-NEW, the company no one made by hand. */
const FIRST_ORDER_DAYS_AGO = 85;

/** A day as the console shows one in English. */
const shownDay = (iso: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

function order(orderId: string, date: string, amount: string, pointsToRedeem?: number, companyId = "C-NEW") {
  return {
    type: "order",
    source: "erp",
    orderId,
    date,
    companyId,
    lines: [{ sku: "OIL-5", category: "goods", quantity: 1, unitPrice: amount }],
    ...(pointsToRedeem === undefined ? {} : { pointsToRedeem }),
  };
}

beforeAll(async () => {
  web = await startWeb("orders");
  expect((await web.api("POST", "/v1/programs", { definition: programText })).status).toBe(201);
  expect(
    (
      await web.api("POST", "/v1/users", {
        email: "fedir@northwind.example",
        name: "Fedir Kovalenko",
        role: "finance",
        password: PASSWORD,
      })
    ).status,
  ).toBe(201);
  // Oldest first: the company is made by the first of them, and joins on its day.
  for (const [orderId, ago, amount, redeem] of [
    ["50001", FIRST_ORDER_DAYS_AGO, "100000.00", undefined],
    ["50002", 70, "20000.00", undefined],
    ["50003", 55, "30000.00", undefined],
    ["50004", 30, "10000.00", 400],
  ] as const) {
    const r = await web.api("POST", "/v1/events", order(orderId, daysAgo(ago), amount, redeem));
    expect(r.status, orderId).toBe(201);
  }
  // A company added by hand without dates, whose orders came in afterwards.
  expect((await web.api("POST", "/v1/companies", { id: "C-HAND", name: "Made by hand" })).status).toBe(201);
  const hand = await web.api(
    "POST",
    "/v1/events",
    order("60001", daysAgo(40), "5000.00", undefined, "C-HAND"),
  );
  expect(hand.status).toBe(201);
  const ret = await web.api("POST", "/v1/events", {
    type: "return",
    source: "erp",
    externalId: "R-1",
    orderId: "50004",
    date: daysAgo(10),
    lines: [{ sku: "OIL-5", unitPrice: "10000.00", quantity: 1 }],
  });
  expect(ret.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

const signedIn = (email: string, width?: number, height?: number) =>
  signInAs(web, email, { ...(width ? { width } : {}), ...(height ? { height } : {}) });

describe("orders, returns and the points around them", () => {
  let owner: Page;

  it(
    "a company is in the program since the day it joined: made by its first order, or added before its orders",
    async () => {
      const company = await web.api<{ joinedOn: string | null; enrolledOn: string | null }>(
        "GET",
        "/v1/companies/C-NEW",
      );
      expect(company.body).toMatchObject({ joinedOn: daysAgo(FIRST_ORDER_DAYS_AGO), enrolledOn: null });
      owner = await signedIn("olga@northwind.example");
      await owner.goto(`${web.base}/companies/C-NEW`);
      await owner.getByRole("heading", { name: "Details" }).waitFor();
      const since = owner
        .locator("dt", { hasText: "In the program since" })
        .locator("xpath=following-sibling::dd");
      await expect(since.textContent()).resolves.toBe(shownDay(daysAgo(FIRST_ORDER_DAYS_AGO)));

      // Added today without dates; its first order, forty days ago, says since when it buys.
      await owner.goto(`${web.base}/companies/C-HAND`);
      await owner.getByRole("heading", { name: "Made by hand", level: 1 }).waitFor();
      await expect(since.textContent()).resolves.toBe(shownDay(daysAgo(40)));
    },
    STEP_MS,
  );

  it(
    "a return's row in the orders list shows its refund, the points taken back and given back",
    async () => {
      const list = await web.api<{ data: { id: string; type: string }[] }>("GET", "/v1/events?type=return");
      const returnId = list.body.data[0]?.id ?? "";
      const detail = await web.api<{
        result: { refund: string; pointsReversed: number; pointsRefunded: number };
      }>("GET", `/v1/events/${returnId}`);
      const { refund, pointsReversed, pointsRefunded } = detail.body.result;
      // 10,000 less the 400 points spent on it: 9,600 back, the 96 points it earned taken back, the 400 given back.
      expect({ refund, pointsReversed, pointsRefunded }).toEqual({
        refund: "9600.00",
        pointsReversed: 96,
        pointsRefunded: 400,
      });

      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
      await owner.getByRole("heading", { name: "Orders and events", level: 1 }).waitFor();
      const row = owner.getByTestId("events").getByRole("row", { name: /Return R-1 of order 50004/ });
      await row.waitFor();
      const cell = (label: string) => row.locator(`td[data-label="${label}"]`);
      await cell("Net").filter({ hasText: "refunded" }).waitFor();
      await expect(cell("Net").textContent()).resolves.toBe("-9,600.00refunded");
      await expect(cell("Points earned").textContent()).resolves.toBe("-96taken back");
      await expect(cell("Points spent").textContent()).resolves.toBe("+400given back");
      await expect(cell("Company").textContent()).resolves.toBe("C-NEW");
      // An order's row keeps its own figures.
      const orderRow = owner.getByTestId("events").getByRole("row", { name: /Order 50004/ });
      await expect(orderRow.locator('td[data-label="Points spent"]').textContent()).resolves.toBe("-400");
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "events-return");
    },
    STEP_MS,
  );

  it(
    "finance, who opens no company page, requests adjustments from the approvals page and decides others'",
    async () => {
      const finance = await signedIn("fedir@northwind.example");
      const nav = finance.getByRole("navigation", { name: "Main" });
      expect(await nav.getByRole("link", { name: "Companies" }).count()).toBe(0);
      // The orders list names the company without a link finance could not follow; the order's page offers
      // the adjustment instead.
      await nav.getByRole("link", { name: "Orders" }).click();
      await finance.getByRole("heading", { name: "Orders and events", level: 1 }).waitFor();
      await finance.getByRole("link", { name: "Order 50001" }).waitFor();
      expect(await finance.getByTestId("events").getByRole("link", { name: "C-NEW" }).count()).toBe(0);
      await finance.getByRole("link", { name: "Order 50001" }).click();
      await finance.getByRole("heading", { name: "Order 50001", level: 1 }).waitFor();
      await finance.getByRole("link", { name: "Adjust points" }).click();
      await finance.getByRole("heading", { name: "Approvals", level: 1 }).waitFor();

      const before = await web.api<{ available: number }>("GET", "/v1/members/C-NEW/wallet");
      const form = finance.getByTestId("adjust-form");
      const company = form.getByLabel("Company id");
      await expect(company.inputValue()).resolves.toBe("C-NEW");
      await company.focus();
      await form.getByLabel("Points", { exact: true }).focus(); // leaving the field looks the company up
      await expect
        .poll(() => form.getByTestId("adjust-balance").textContent(), { timeout: 10_000 })
        .toBe(`Available now: ${before.body.available.toLocaleString("en")} points.`);
      await form.getByLabel("Points", { exact: true }).fill("250");
      await form.getByLabel("Reason", { exact: true }).fill("Goodwill: late delivery of order 50001");
      await form.getByRole("button", { name: "Adjust" }).click();
      await finance.getByText("+250 points posted for C-NEW.").waitFor();
      const after = await web.api<{ available: number }>("GET", "/v1/members/C-NEW/wallet");
      expect(after.body.available).toBe(before.body.available + 250);

      // Above the threshold it waits; finance may approve others' requests, never its own.
      await form.getByLabel("Company id").fill("C-NEW");
      await form.getByLabel("Points", { exact: true }).fill("15000");
      await form.getByLabel("Reason", { exact: true }).fill("Annual bonus");
      await form.getByRole("button", { name: "Adjust" }).click();
      await finance.getByText("+15,000 points for C-NEW wait for a second person's approval.").waitFor();
      await finance.getByRole("cell", { name: "Annual bonus" }).waitFor();
      await finance.getByText("Your request: another approver decides it.").waitFor();
      expect(await finance.getByRole("button", { name: /^Approve: C-NEW/ }).count()).toBe(0);
      expect(await seriousViolations(finance)).toEqual([]);
      await shot(finance, "approvals-request");
      await finance.context().close();

      // The owner approves it.
      await owner.goto(`${web.base}/approvals`);
      await owner.getByRole("button", { name: "Approve: C-NEW +15,000" }).click();
      await owner.getByText("The adjustment of +15,000 points for C-NEW was approved and posted.").waitFor();
      const approved = await web.api<{ available: number }>("GET", "/v1/members/C-NEW/wallet");
      expect(approved.body.available).toBe(after.body.available + 15_000);
    },
    STEP_MS,
  );

  it(
    "the overview's charts keep their date labels apart, in every language and at phone width",
    async () => {
      await owner.goto(web.base);
      await owner.getByRole("heading", { name: "Program at a glance" }).waitFor();
      // Ninety days, a label a day, some of the longest ("12 февр. 2025 г."): the default period's length.
      const [from, to] = [`${today.getUTCFullYear() - 1}-01-28`, `${today.getUTCFullYear() - 1}-04-27`];
      await owner.getByLabel("From").fill(from);
      await owner.getByLabel("To").fill(to);
      await owner.getByRole("button", { name: "Show" }).click();
      await owner.getByText(`${shownDay(from)} – ${shownDay(to)}`).waitFor();
      for (const [language, width] of [
        ["en", 1280],
        ["ru", 1280],
        ["uk", 1280],
        ["ru", 390],
        ["ru", 900],
      ] as const) {
        await owner.setViewportSize({ width, height: 900 });
        await owner.getByLabel(/^(Language|Язык|Мова)$/).selectOption(language);
        await expect.poll(() => owner.evaluate(() => document.documentElement.lang)).toBe(language);
        await owner.locator("figure.chart svg").first().waitFor();
        // Laid out again at this width and in this language.
        await owner.waitForFunction(
          () => new Promise((resolve) => requestAnimationFrame(() => resolve(true))),
        );
        const axis = await axisLabels(owner);
        expect(axis.charts, `${language} at ${width}`).toBe(4);
        expect(axis.labels, `${language} at ${width}`).toBeGreaterThanOrEqual(2 * axis.charts);
        expect(axis.problems, `${language} at ${width}`).toEqual([]);
        if (language === "ru" && width === 1280) await shot(owner, "dashboard-axis-ru");
      }
      await owner.setViewportSize({ width: 1280, height: 900 });
      await owner.getByLabel("Язык").selectOption("en");
    },
    STEP_MS,
  );
});
