// The embeddable widget in headless Chromium: a shop page on another origin includes GET /widget.js with a
// widget token its backend minted, and shows the buyer's balance, tier progress and what the open cart earns;
// a new cart updates it; in Russian it speaks Russian. Screenshot into docs/screenshots/widget.png.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROGRAM, shot, startWeb, type Web } from "./harness.ts";

let web: Web;
let shop: Server;
let shopBase: string;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** The shop's page: its backend put a fresh widget token in it, and its cart in the script's data. */
function shopPage(token: string, lang: string): string {
  const cart = JSON.stringify({ lines: [{ sku: "LAMP", quantity: 3, unitPrice: "2500.00" }] }).replace(
    /"/g,
    "&quot;",
  );
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Lamps Wholesale</h1><div id="points"></div>
<script src="${web.base}/widget.js" data-token="${token}" data-target="#points" data-cart="${cart}"></script>
</body></html>`;
}

let pages = new Map<string, string>();

beforeAll(async () => {
  web = await startWeb("widget");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  const order = await web.api("POST", "/v1/events", {
    type: "order",
    orderId: "10044",
    date: daysAgo(3),
    companyId: "C1",
    lines: [{ sku: "LAMP", category: "goods", quantity: 1, unitPrice: "123400.00" }],
  });
  expect(order.status).toBe(201);
  // The shop is another origin (another port): the widget's calls to Patron cross origins.
  shop = createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopBase = `http://localhost:${(shop.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => shop?.close(resolve));
  await web?.stop();
});

async function mint(): Promise<string> {
  const r = await web.api<{ token: string }>("POST", "/v1/widget/tokens", { memberId: "C1" });
  expect(r.status).toBe(201);
  return r.body.token;
}

describe("the widget on a shop's page", () => {
  it("shows the buyer's points, tier progress and what the cart earns, and follows the cart", async () => {
    pages = new Map([["/cart", shopPage(await mint(), "en")]]);
    const page = await web.browser.newPage({ viewport: { width: 800, height: 500 } });
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(r.url()));
    await page.goto(`${shopBase}/cart`);
    const card = page.locator("#points [data-patron-widget]");
    await card.waitFor();
    expect(await card.getAttribute("data-patron-widget")).toBe("ready");
    expect(await page.locator("#points [data-field=available]").textContent()).toBe("1,234 points");
    expect(await page.locator("#points [data-field=tier]").textContent()).toMatch(
      /^Base · 176,600\.00 more to Silver/,
    );
    expect(await page.locator("#points [role=progressbar]").getAttribute("aria-valuenow")).toBe("41");
    const cart = page.locator("#points [data-field=cart]");
    await cart.waitFor();
    expect(await cart.textContent()).toBe("This cart earns: +75 points");
    await shot(page, "widget");
    await page.evaluate(() =>
      (
        window as unknown as { PatronWidget: { widgets: { setCart(c: unknown): Promise<void> }[] } }
      ).PatronWidget.widgets[0]?.setCart({ lines: [{ sku: "LAMP", quantity: 10, unitPrice: "2500.00" }] }),
    );
    expect(await cart.textContent()).toBe("This cart earns: +250 points");
    expect(failed).toEqual([]);
    await page.close();
  });

  it("speaks the page's language, and says so plainly when its token has run out", async () => {
    pages = new Map([
      ["/ru", shopPage(await mint(), "ru")],
      ["/bad", shopPage("pwt_northwind_notavalidtokennotavalidtokennotavalidtokenxx", "en")],
    ]);
    const page = await web.browser.newPage({ viewport: { width: 800, height: 500 } });
    await page.goto(`${shopBase}/ru`);
    await page.locator("#points [data-field=cart]").waitFor();
    expect(await page.locator("#points [data-field=available]").textContent()).toBe("1\u00a0234 баллов");
    expect(await page.locator("#points [data-field=cart]").textContent()).toBe(
      "Эта корзина принесёт: +75 баллов",
    );
    await page.goto(`${shopBase}/bad`);
    const card = page.locator("#points [data-patron-widget]");
    await card.waitFor();
    expect(await card.getAttribute("data-patron-widget")).toBe("error");
    await page.close();
  });
});
