// The webhooks page in headless Chromium against a real server and a local receiver that checks every signature
// with the standardwebhooks library: an owner adds two endpoints (the secret shown once), an order's messages
// arrive at one and keep failing at the other until it is disabled automatically, with the notice; the attempts
// with their answers are in the log; the receiver is fixed, the endpoint enabled and the failed delivery replayed;
// the secret is rotated (both secrets sign during the overlap); a support user has no such page. axe-core on
// the page; screenshots into docs/screenshots/.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startWebhookWorker, type WebhookWorker } from "@patron/server";
import type { Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
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

const STEP_MS = 180_000;

interface Received {
  path: string;
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let web: Web;
let receiver: Server;
let receiverBase = "";
const received: Received[] = [];
/** The paths the receiver answers 500 on. */
const failing = new Set<string>(["/crm"]);
let worker: WebhookWorker | null = null;
let owner: Page;
const today = new Date().toISOString().slice(0, 10);
const programText = PROGRAM.replace(
  'startsOn: "2026-01-01"',
  `startsOn: "${Number(today.slice(0, 4)) - 1}-01-01"`,
);

async function until(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const signedIn = (email: string) => signInAs(web, email);

/** Adds an endpoint in the form and returns the secret the page shows once. */
async function addEndpoint(page: Page, path: string, description: string, types: string[]): Promise<string> {
  await page.getByLabel("URL").fill(`${receiverBase}${path}`);
  await page.getByLabel("Description").fill(description);
  for (const type of types) await page.getByRole("checkbox", { name: type, exact: true }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect.poll(() => page.getByTestId("webhook-secret").count(), { timeout: 10_000 }).toBe(0);
  return secret;
}

beforeAll(async () => {
  web = await startWeb("webhooks");
  receiver = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, id: String(req.headers["webhook-id"]), headers: req.headers, body });
      res.statusCode = failing.has(path) ? 500 : 200;
      res.end(failing.has(path) ? "down for maintenance" : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  expect((await web.api("POST", "/v1/programs", { definition: programText })).status).toBe(201);
  for (const [email, name, role] of [
    ["petro@northwind.example", "Petro Marchenko", "program_manager"],
    ["sofia@northwind.example", "Sofia Bondar", "support"],
  ] as const) {
    expect((await web.api("POST", "/v1/users", { email, name, role, password: PASSWORD })).status).toBe(201);
  }
  expect((await web.api("POST", "/v1/companies", { id: "C1", name: "Acme Bakery" })).status).toBe(201);
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await web?.stop();
});

describe("the webhooks page", () => {
  let erpSecret = "";

  it(
    "adds endpoints, shows an endpoint disabled for failing, its attempts, and replays the delivery once it is fixed",
    async () => {
      owner = await signedIn("olga@northwind.example");
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
      await owner.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
      await owner.getByText("No endpoints yet.").waitFor();
      erpSecret = await addEndpoint(owner, "/erp", "ERP production", ["points.earned"]);
      await addEndpoint(owner, "/crm", "CRM", []);
      const rows = owner.getByRole("table", { name: "Endpoints" }).getByRole("row");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      await owner.getByRole("cell", { name: "All event types" }).waitFor();

      const running = startWebhookWorker(web.t.db, {
        pollMs: 50,
        retryBaseMs: 50,
        retryMaxMs: 200,
        disableAfterFailures: 3,
        disableAfterMs: 0,
        onError: () => undefined,
      });
      worker = running;
      const order = await web.api("POST", "/v1/events", {
        type: "order",
        orderId: "10045",
        date: today,
        companyId: "C1",
        lines: [{ sku: "FLOUR-25", category: "goods", quantity: 10, unitPrice: "1500.00" }],
      });
      expect(order.status).toBe(201);
      // The ERP gets points.earned, signed with its secret; the CRM refuses everything until it is disabled.
      await until(() => received.some((r) => r.path === "/erp"));
      const erp = received.find((r) => r.path === "/erp") as Received;
      const payload = new Webhook(erpSecret).verify(erp.body, erp.headers as Record<string, string>) as {
        type: string;
        data: { memberId: string; points: number };
      };
      expect(payload.type).toBe("points.earned");
      expect(payload.data).toMatchObject({ memberId: "C1", points: 150 });
      await until(async () => {
        const r = await web.api<{ data: { status: string }[] }>("GET", "/v1/webhooks/endpoints");
        return r.body.data.some((e) => e.status === "disabled");
      });
      const endpoints = await web.api<{ data: { url: string; disabledBy: string | null }[] }>(
        "GET",
        "/v1/webhooks/endpoints",
      );
      expect(endpoints.body.data.map((e) => [e.url.slice(receiverBase.length), e.disabledBy]).sort()).toEqual(
        [
          ["/crm", "worker"],
          ["/erp", null],
        ],
      );
      // An attempt claimed before the endpoint was disabled may still be on its way: let it be recorded, so the
      // delivery's count of attempts and its list of them are read at rest.
      await running.idle();

      await owner.getByRole("button", { name: "Refresh" }).click();
      const notice = owner.getByTestId("auto-disabled");
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(
        `${receiverBase}/crm was disabled automatically: 3 failed attempts in a row`,
      );
      const crmRow = owner
        .getByRole("row")
        .filter({ hasText: `${receiverBase}/crm` })
        .first();
      await expect(crmRow.textContent()).resolves.toContain("Disabled");
      // The log: the ERP's delivery answered 200 at once; the CRM's failed with 500 three times.
      const log = owner.getByTestId("deliveries");
      const delivered = log.locator('[data-status="succeeded"]').filter({ hasText: "/erp" }).first();
      await expect(delivered.textContent()).resolves.toContain("200");
      const failed = log.locator('[data-status="failed"]').filter({ hasText: "points.earned" }).first();
      await expect(failed.textContent()).resolves.toContain("500");
      // Three failures in a row (of this and the member's message) disabled it: this delivery's share of them.
      const tried = Number(await failed.locator("td").nth(4).textContent());
      expect(tried).toBeGreaterThanOrEqual(1);
      await failed.getByRole("button", { name: "Attempts" }).click();
      const attempts = owner.getByTestId("attempts").getByRole("listitem");
      await attempts.first().waitFor();
      await expect.poll(() => attempts.count(), { timeout: 10_000 }).toBe(tried);
      await expect(attempts.first().textContent()).resolves.toContain("Attempt 1");
      await expect(attempts.first().textContent()).resolves.toContain("500");
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "webhooks");

      // The receiver is fixed: enable the endpoint, then replay the failed delivery.
      failing.delete("/crm");
      await owner.getByRole("button", { name: `Enable: ${receiverBase}/crm` }).click();
      await owner.getByText(`${receiverBase}/crm is enabled again.`).waitFor();
      await owner.getByTestId("auto-disabled").first().waitFor({ state: "detached" });
      const failedId = received.find((r) => r.path === "/crm" && r.body.includes('"points.earned"'))?.id;
      const before = received.filter((r) => r.path === "/crm" && r.id === failedId).length;
      await log
        .locator('[data-status="failed"]')
        .filter({ hasText: "points.earned" })
        .first()
        .getByRole("button", { name: /^Replay/ })
        .click();
      await owner.getByText("Sent again as a new delivery of points.earned.").waitFor();
      await until(() => received.filter((r) => r.path === "/crm" && r.id === failedId).length > before);
      await until(async () => {
        await owner.getByRole("button", { name: "Refresh" }).click();
        return (
          (await log.locator('[data-status="succeeded"]').filter({ hasText: "/crm" }).count()) > 0 &&
          (await log.locator('[data-status="pending"]').count()) === 0
        );
      });
    },
    STEP_MS,
  );

  it(
    "rotates a secret with an overlap: both secrets verify a message until it ends; disables an endpoint by hand",
    async () => {
      await owner.getByRole("button", { name: `Rotate secret: ${receiverBase}/erp` }).click();
      await owner.getByLabel("Old secret still signs for (hours)").fill("2");
      await owner.getByRole("button", { name: "Rotate", exact: true }).click();
      const fresh = (await owner.getByTestId("webhook-secret").textContent()) ?? "";
      expect(fresh).toMatch(/^whsec_/);
      expect(fresh).not.toBe(erpSecret);
      await expect(owner.locator(".secret").textContent()).resolves.toContain("also carries a signature");
      await owner.getByRole("button", { name: "I have saved it" }).click();

      const count = received.filter((r) => r.path === "/erp").length;
      await owner
        .getByTestId("deliveries")
        .locator('[data-status="succeeded"]')
        .filter({ hasText: "/erp" })
        .first()
        .getByRole("button", { name: /^Replay/ })
        .click();
      await until(() => received.filter((r) => r.path === "/erp").length > count);
      const again = received.filter((r) => r.path === "/erp").at(-1) as Received;
      expect(String(again.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      const headers = again.headers as Record<string, string>;
      expect(() => new Webhook(fresh).verify(again.body, headers)).not.toThrow();
      expect(() => new Webhook(erpSecret).verify(again.body, headers)).not.toThrow();
      expect(again.body).toContain('"points":150');
      expect(() =>
        new Webhook(fresh).verify(again.body.replace('"points":150', '"points":999'), headers),
      ).toThrow();

      await owner.getByRole("button", { name: `Disable: ${receiverBase}/erp` }).click();
      await owner.getByText(`${receiverBase}/erp is disabled; nothing is sent to it.`).waitFor();
      // The table is read again after the notice: its row says Disabled once that read is in.
      await owner
        .getByRole("row")
        .filter({ hasText: `${receiverBase}/erp` })
        .filter({ hasText: "Disabled" })
        .first()
        .waitFor();
      // Disabled by hand is no failure notice.
      await owner.getByTestId("auto-disabled").first().waitFor({ state: "detached" });
      const byHand = await web.api<{ data: { url: string; disabledBy: string | null }[] }>(
        "GET",
        "/v1/webhooks/endpoints",
      );
      expect(byHand.body.data.find((e) => e.url === `${receiverBase}/erp`)?.disabledBy).toBe("user");
      await owner.context().close();
    },
    STEP_MS,
  );

  it(
    "is for owners and program managers: a program manager reads it in Russian, support has neither link nor page",
    async () => {
      const pm = await signedIn("petro@northwind.example");
      await pm.getByLabel("Language").selectOption("ru");
      await pm.getByRole("navigation", { name: "Основное" }).getByRole("link", { name: "Вебхуки" }).click();
      await pm.getByRole("heading", { name: "Вебхуки", level: 1 }).waitFor();
      await pm.getByRole("heading", { name: "Журнал доставок" }).waitFor();
      await pm.getByRole("table", { name: "Адреса" }).getByText(`${receiverBase}/crm`).waitFor();
      await shot(pm, "webhooks-ru");
      await pm.context().close();

      const support = await signedIn("sofia@northwind.example");
      const nav = support.getByRole("navigation", { name: "Main" });
      await expect
        .poll(() => nav.getByRole("link", { name: "Webhooks" }).count(), { timeout: 10_000 })
        .toBe(0);
      await support.goto(`${web.base}/webhooks`);
      await support.getByRole("heading", { level: 1 }).waitFor();
      await expect
        .poll(() => support.getByRole("heading", { name: "Webhooks", level: 1 }).count(), { timeout: 10_000 })
        .toBe(0);
      const denied = await support.evaluate(async () => {
        const r = await fetch("/v1/webhooks/endpoints", { headers: { "x-patron-csrf": "1" } });
        return r.status;
      });
      expect(denied).toBe(403);
      await support.context().close();
    },
    STEP_MS,
  );
});
