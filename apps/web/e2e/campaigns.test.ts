// Sales campaigns in headless Chromium against a real server: the owner makes a campaign for two sales
// managers in the console's form and starts it, orders arrive, the leaderboard ranks them with their badges and
// teams, the full-screen honor board shows the same, and a sales manager sees their own standing and cannot
// start or close it; a dealer's contact sees its campaign, place, badges and the top places on the portal.
// axe-core on every page; screenshots into docs/screenshots/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seriousViolations, shot, signedIn as signInAs, startWeb, type Web } from "./harness.ts";

const STEP_MS = 180_000;
const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../examples/programs/14-sales-campaign.yaml", import.meta.url)),
  "utf8",
);

let web: Web;
const today = new Date();
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayOffset = (n: number) => isoDay(new Date(today.getTime() + n * 86_400_000));
const reps: Record<string, string> = {};
let campaignUrl = "";

const signedIn = (email: string, width?: number, height?: number) =>
  signInAs(web, email, { ...(width ? { width } : {}), ...(height ? { height } : {}) });

const sale = (orderId: string, companyId: string, amount: string) =>
  web.api("POST", "/v1/events", {
    type: "order",
    orderId,
    date: isoDay(today),
    companyId,
    lines: [{ sku: "PAINT-10", category: "paint", quantity: 1, unitPrice: amount }],
  });

beforeAll(async () => {
  web = await startWeb("campaigns");
  expect((await web.api("POST", "/v1/programs", { definition: PROGRAM })).status).toBe(201);
  for (const [email, name] of [
    ["anna@northwind.example", "Anna Sidorova"],
    ["boris@northwind.example", "Boris Melnyk"],
  ] as const) {
    const r = await web.api<{ id: string }>("POST", "/v1/users", {
      email,
      name,
      role: "sales_manager",
      password: PASSWORD,
    });
    expect(r.status).toBe(201);
    reps[email] = r.body.id;
  }
  for (const [id, rep] of [
    ["C1", "anna@northwind.example"],
    ["C2", "boris@northwind.example"],
  ] as const) {
    const r = await web.api("POST", "/v1/companies", { id, name: `Client ${id}`, salesRepId: reps[rep] });
    expect(r.status).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

describe("sales campaigns in the console", () => {
  it(
    "the owner makes and starts a campaign in the form; orders rank the sales managers on the leaderboard",
    async () => {
      const owner = await signedIn("olga@northwind.example");
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
      await owner.getByRole("heading", { name: "Sales campaigns", level: 1 }).waitFor();
      await owner.getByText("No campaigns yet.").waitFor();
      const form = owner.getByRole("form", { name: "New campaign" });
      await form.getByLabel("Name", { exact: true }).fill("Winter honor board");
      await form.getByLabel("From", { exact: true }).fill(dayOffset(-1));
      await form.getByLabel("To", { exact: true }).fill(dayOffset(30));
      await form.getByLabel("Target per person").fill("10000.00");
      await form
        .getByLabel("Participants, one a line: id; team; target")
        .fill(`${reps["anna@northwind.example"]}; North; 5000.00\n${reps["boris@northwind.example"]}; South`);
      await form.getByLabel("Prize", { exact: true }).fill("A weekend trip");
      await form.getByRole("button", { name: "Create draft" }).click();
      await owner.getByRole("heading", { name: "Winter honor board", level: 1 }).waitFor();
      campaignUrl = owner.url();
      expect(campaignUrl).toMatch(/\/campaigns\/cmp_/);
      await owner.getByRole("button", { name: "Start" }).click();
      await owner.getByText("Running").first().waitFor();

      // Anna: 3,000.00 + 4,500.00 = 7,500.00 of her 5,000.00; Boris: 2,000.00 of 10,000.00; shown as money.
      expect((await sale("W1", "C1", "3000.00")).status).toBe(201);
      expect((await sale("W2", "C1", "4500.00")).status).toBe(201);
      expect((await sale("W3", "C2", "2000.00")).status).toBe(201);
      await owner.reload();
      const board = owner.getByRole("table", { name: "Leaderboard" });
      await board.getByText("₽7,500.00").waitFor();
      const rows = await board.locator("tbody tr").allInnerTexts();
      expect(rows.map((r) => r.split("\t").slice(0, 5))).toEqual([
        ["1", "Anna Sidorova", "North", "₽7,500.00", "₽5,000.00"],
        ["2", "Boris Melnyk", "South", "₽2,000.00", "₽10,000.00"],
      ]);
      await board.getByText("150% of target").waitFor();
      const teams = await owner.getByRole("table", { name: "Teams" }).locator("tbody tr").allInnerTexts();
      expect(teams.map((r) => r.split("\t").slice(0, 3))).toEqual([
        ["1", "North", "₽7,500.00"],
        ["2", "South", "₽2,000.00"],
      ]);
      const report = owner.getByRole("table", { name: "Report: sales against plan" });
      await report.getByText("Anna Sidorova").waitFor();
      expect(await seriousViolations(owner)).toEqual([]);
      await shot(owner, "campaign");
    },
    STEP_MS,
  );

  it(
    "the honor board fills the screen with the standings in large type",
    async () => {
      const tv = await signedIn("olga@northwind.example", 1920, 1080);
      await tv.goto(`${campaignUrl}/board`);
      await tv.getByRole("heading", { name: "Winter honor board", level: 1 }).waitFor();
      const list = tv.getByRole("list", { name: "Leaderboard" });
      await list.getByText("Anna Sidorova").waitFor();
      const items = await list.getByRole("listitem").allInnerTexts();
      expect(items).toHaveLength(2);
      expect(items[0]).toContain("Anna Sidorova");
      expect(items[0]).toContain("₽7,500.00");
      expect(items[1]).toContain("Boris Melnyk");
      await tv.getByText("30 days left").or(tv.getByText("31 days left")).first().waitFor();
      // No console navigation around it, and its type is large.
      expect(await tv.getByRole("navigation").count()).toBe(0);
      const size = await tv
        .locator(".honor")
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(32);
      expect(await seriousViolations(tv)).toEqual([]);
      await shot(tv, "honor-board");
    },
    STEP_MS,
  );

  it(
    "a sales manager sees their own standing and no actions that change the campaign",
    async () => {
      const boris = await signedIn("boris@northwind.example");
      await boris.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
      await boris.getByRole("link", { name: "Winter honor board" }).click();
      const mine = boris.getByRole("region", { name: "Your standing" });
      await mine.getByText("Place 2 of 2: ₽2,000.00 of ₽10,000.00 (20%).").waitFor();
      await mine.getByText("First sale").waitFor();
      expect(await boris.getByRole("button", { name: "Close and award prizes" }).count()).toBe(0);
      expect(await boris.getByRole("form", { name: "New campaign" }).count()).toBe(0);
      expect(await boris.getByRole("table", { name: "Report: sales against plan" }).count()).toBe(0);
      expect(await seriousViolations(boris)).toEqual([]);
      await shot(boris, "campaign-sales-manager");
    },
    STEP_MS,
  );

  it(
    "a dealer's contact sees its campaign, place, badges and the top places on the portal",
    async () => {
      const owner = async (method: string, path: string, body?: unknown) => {
        const r = await web.api<{ id: string; link: string }>(method, path, body);
        expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
        return r.body;
      };
      for (const id of ["D1", "D2"]) await owner("POST", "/v1/companies", { id, name: `Dealer ${id}` });
      await owner("POST", "/v1/companies/D1/contacts", {
        id: "KD1",
        name: "Dina Petrova",
        email: "dina@dealer.example",
        role: "buyer",
      });
      const made = await owner("POST", "/v1/campaigns", {
        name: "Dealer paint sprint",
        audience: "dealer",
        metric: "amount",
        startsOn: dayOffset(-1),
        endsOn: dayOffset(30),
        defaultTarget: "1000.00",
        prizes: [{ top: 1, points: 200, prize: "A trophy" }],
        participants: [
          { kind: "contact", id: "KD1" },
          { kind: "company", id: "D2" },
        ],
      });
      await owner("POST", `/v1/campaigns/${made.id}/start`, {});
      // Dina: 1,500.00 of 1,000.00 (150%); D2: 500.00.
      await owner("POST", "/v1/events", {
        type: "order",
        orderId: "P1",
        date: isoDay(today),
        companyId: "D1",
        contactId: "KD1",
        lines: [{ sku: "PAINT-10", category: "paint", quantity: 1, unitPrice: "1500.00" }],
      });
      expect((await sale("P2", "D2", "500.00")).status).toBe(201);
      const invited = await owner("POST", "/v1/contacts/KD1/invite", {});

      const context = await web.browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: "en-GB",
      });
      const page = await context.newPage();
      await page.goto(invited.link);
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { name: "Hello, Dina Petrova" }).waitFor();
      await page.getByRole("navigation").getByRole("link", { name: "Sales campaigns" }).click();
      await page.getByRole("heading", { name: "Sales campaigns", level: 1 }).waitFor();
      const card = page.getByRole("region", { name: "Dealer paint sprint" });
      await card.getByText("Place 1 of 2: ₽1,500.00 of ₽1,000.00 (150%).").waitFor();
      await card.getByText("First sale").first().waitFor();
      const top = card.getByRole("table", { name: "Top places: Dealer paint sprint" });
      await top.getByText("Dealer D2").waitFor();
      const rows = await top.locator("tbody tr").allInnerTexts();
      expect(rows.map((r) => r.split("\t").slice(0, 4))).toEqual([
        ["1", "Dina Petrova (you)", "", "₽1,500.00"],
        ["2", "Dealer D2", "", "₽500.00"],
      ]);
      await card.getByText("Places 1 to 1: A trophy: 200 points").waitFor();
      // The staff campaign of the sales managers is not hers to see.
      expect(await page.getByText("Winter honor board").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, "portal-campaigns");
      await page.getByLabel("Language").selectOption("uk");
      await page.getByRole("heading", { name: "Конкурси продажів", level: 1 }).waitFor();
      await page.getByLabel("Мова").selectOption("ru");
      await page.getByRole("heading", { name: "Конкурсы продаж", level: 1 }).waitFor();
      await card.getByText("Места с 1 по 1: A trophy: баллов: 200").waitFor();
    },
    STEP_MS,
  );
});
