// What every browser test needs: the production build of the web app served by a real server on a fresh
// embedded database, a tenant with its owner, headless Debian Chromium, an API caller with the owner's key,
// axe-core's serious violations of a page, the charts' axis labels that collide, and screenshots into
// docs/screenshots/.
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
import { type TestDb, testDb } from "../../../packages/server/src/testing/db.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const PASSWORD = "a long enough password";
export const TENANT = "northwind";
export const OWNER_EMAIL = "olga@northwind.example";
const WEB_ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHOTS = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The volume-tiers example program's text. */
export const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

export interface Web {
  t: TestDb;
  base: string;
  browser: Browser;
  ownerKey: string;
  /** A call of the API with the owner's key. */
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * A new browser context (English, `width` × `height`) signed in to the tenant's console as `email`, on its Home
 * page.
 */
export async function signedIn(
  web: Web,
  email: string,
  opts: { password?: string; width?: number; height?: number } = {},
): Promise<Page> {
  const viewport = { width: opts.width ?? 1280, height: opts.height ?? 900 };
  const context = await web.browser.newContext({ viewport, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(web.base);
  await page.getByLabel("Organisation").fill(TENANT);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(opts.password ?? PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  return page;
}

/** Builds the app, serves it on a fresh database with tenant `northwind` and its owner, opens Chromium. */
export async function startWeb(name: string): Promise<Web> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  const outDir = await mkdtemp(join(tmpdir(), `patron-${name}-`));
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
  const t = await testDb();
  const app = createApp({ db: t.db, log: () => {}, webDir: outDir });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const boot = await fetch(`${base}/v1/tenants`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: TENANT,
      name: "Northwind Wholesale",
      owner: { email: OWNER_EMAIL, name: "Olga Petrenko", password: PASSWORD },
    }),
  });
  if (boot.status !== 201) throw new Error(`the tenant was not made: ${boot.status} ${await boot.text()}`);
  const ownerKey = ((await boot.json()) as { apiKey: { secret: string } }).apiKey.secret;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    t,
    base,
    browser,
    ownerKey,
    async api<T>(method: string, path: string, body?: unknown) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${ownerKey}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, body: (await r.json()) as T };
    },
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await t.drop();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document): Promise<AxeResults> } }).axe.run(document),
  );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The least room between two axis labels for them to read as two. */
const LABEL_ROOM_PX = 4;

/**
 * The x-axis labels of every line chart on the page (the middle-anchored texts of its drawing), and each label
 * that comes closer than LABEL_ROOM_PX to the next or sticks out of its chart.
 */
export async function axisLabels(
  page: Page,
): Promise<{ charts: number; labels: number; problems: string[] }> {
  return page.evaluate((room) => {
    const problems: string[] = [];
    let labels = 0;
    const charts = [...document.querySelectorAll("figure.chart svg")];
    for (const svg of charts) {
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text[text-anchor="middle"]')]
        .map((t) => ({ text: t.textContent ?? "", box: t.getBoundingClientRect() }))
        .sort((a, b) => a.box.left - b.box.left);
      labels += texts.length;
      texts.forEach((t, i) => {
        if (t.box.left < frame.left - 0.5 || t.box.right > frame.right + 0.5)
          problems.push(`"${t.text}" sticks out of its chart`);
        const next = texts[i + 1];
        if (next && next.box.left < t.box.right + room) problems.push(`"${t.text}" touches "${next.text}"`);
      });
    }
    return { charts: charts.length, labels, problems };
  }, LABEL_ROOM_PX);
}
