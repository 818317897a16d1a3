// The home dashboard in headless Chromium: after the demo's import (a sample of real invoices), the owner
// signs in and sees the figures the API gives, formatted per language; axe-core finds nothing serious;
// screenshots into docs/screenshots/.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "@patron/server";
import type { AxeResults } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDemo } from "../../../apps/cli/src/commands/demo.ts";
import type { Dashboard } from "../../../packages/server/src/modules/analytics/service.ts";
import { type TestDb, testDb } from "../../../packages/server/src/testing/db.ts";

const CHROMIUM = "/usr/bin/chromium";
const WEB_ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const STEP_MS = 180_000;

let t: TestDb;
let outDir: string;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let page: Page;
let login: { email: string; password: string; apiKey: string };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  outDir = await mkdtemp(join(tmpdir(), "patron-web-"));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: WEB_ROOT,
      logLevel: "warn",
      mode: "production",
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  t = await testDb();
  login = await makeDemo(t.db, "demo", true);
  const app = createApp({ db: t.db, log: () => {}, webDir: outDir });
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function seriousViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document): Promise<AxeResults> } }).axe.run(document),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function fromApi(): Promise<Dashboard> {
  const r = await fetch(`${base}/v1/analytics/dashboard`, {
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
      await page.goto(base);
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
      expect(await seriousViolations()).toEqual([]);
      await page.screenshot({ path: join(SHOTS, "dashboard.png"), fullPage: true });
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
      await page.screenshot({ path: join(SHOTS, "dashboard-ru.png"), fullPage: true });
      await page.getByLabel("Язык").selectOption("en");
    },
    STEP_MS,
  );
});
