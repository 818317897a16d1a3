// The home dashboard in headless Chromium: after the demo's import (a sample of real invoices), the owner
// signs in and sees the figures the API gives, formatted per language; axe-core finds nothing serious;
// screenshots into docs/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDemo } from "../../../apps/cli/src/commands/demo.ts";
import type { Dashboard } from "../../../packages/server/src/modules/analytics/service.ts";
import { axisLabels, seriousViolations, shot, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;

let web: Web;
let page: Page;
let login: { email: string; password: string; apiKey: string };

beforeAll(async () => {
  web = await startWeb("dashboard");
  login = await makeDemo(web.t.db, "demo", true);
  page = await web.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
}, 600_000);

afterAll(async () => {
  await web?.stop();
});

async function fromApi(): Promise<Dashboard> {
  const r = await fetch(`${web.base}/v1/analytics/dashboard`, {
    headers: { authorization: `Bearer ${login.apiKey}` },
  });
  expect(r.status).toBe(200);
  return (await r.json()) as Dashboard;
}

/** The tiles' texts as the console formats the API's figures in `locale`. */
function expectedTiles(d: Dashboard, locale: string): Record<string, string> {
  const n = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 2,
    style: "currency",
    currency: d.currency,
    currencyDisplay: "narrowSymbol",
  });
  const m = (text: string) => money.format(text as `${number}`);
  return {
    members: n.format(d.totals.members),
    "active-members": n.format(d.totals.activeMembers),
    orders: n.format(d.totals.orders),
    revenue: m(d.totals.revenue),
    "points-issued": n.format(d.totals.pointsIssued),
    "points-spent": n.format(d.totals.pointsSpent),
    "points-expired": n.format(d.totals.pointsExpired),
    liability: m(d.totals.liability),
  };
}

async function shownTiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of ["members", "active-members", "orders", "revenue", "points-issued", "points-spent"])
    out[k] = (await page.getByTestId(`dash-${k}`).textContent()) ?? "";
  for (const k of ["points-expired", "liability"])
    out[k] = (await page.getByTestId(`dash-${k}`).textContent()) ?? "";
  return out;
}

describe("the home dashboard", () => {
  it(
    "after the demo's import, shows the API's figures with charts, and passes axe",
    async () => {
      await page.goto(web.base);
      await page.getByLabel("Organisation").fill("demo");
      await page.getByLabel("Email").fill(login.email);
      await page.getByLabel("Password").fill(login.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Program at a glance" }).waitFor();
      const api = await fromApi();
      expect(api.totals.orders).toBeGreaterThan(0);
      expect(api.totals.members).toBeGreaterThan(0);
      expect(await shownTiles()).toEqual(expectedTiles(api, "en"));
      await expect
        .poll(() => page.getByRole("img", { name: "Revenue and orders over time" }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      await expect
        .poll(() => page.getByTestId("chart-tiers").getByRole("listitem").count(), { timeout: 10_000 })
        .toBe(api.tiers.length);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "dashboard");
    },
    STEP_MS,
  );

  it(
    "in Russian, formats the same figures the Russian way",
    async () => {
      await page.getByLabel("Language").selectOption("ru");
      await page.getByRole("heading", { name: "Программа с первого взгляда" }).waitFor();
      const api = await fromApi();
      expect(await shownTiles()).toEqual(expectedTiles(api, "ru"));
      // The charts' dates, longer in Russian, are thinned to those that fit apart.
      const axis = await axisLabels(page);
      expect(axis.labels).toBeGreaterThanOrEqual(2 * axis.charts);
      expect(axis.problems).toEqual([]);
      await shot(page, "dashboard-ru");
      await page.getByLabel("Язык").selectOption("en");
    },
    STEP_MS,
  );
});
