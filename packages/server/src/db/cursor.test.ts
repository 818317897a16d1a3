// Every list that pages by key refuses a cursor it never gave with 422 naming `cursor`, rather than answering an
// empty page as if the list had ended; the cursors it gives still page through without gaps or repeats.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../http/testing.ts";
import { type TestDb, testDb } from "../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
const program = readFileSync(
  fileURLToPath(new URL("../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

/** Every staff list that takes a cursor; the portal's lists read through the same functions. */
const LISTS = [
  "/v1/companies",
  "/v1/companies/C1/contacts",
  "/v1/companies/C1/notes",
  "/v1/discount-grants",
  "/v1/actions",
  "/v1/memberships",
  "/v1/audit-log",
  "/v1/notifications",
  "/v1/api-keys",
  "/v1/users",
  "/v1/adjustments",
  "/v1/webhooks/deliveries",
  "/v1/webhooks/messages",
  "/v1/redemptions?memberId=C1",
  "/v1/partners/FUEL/redemptions",
  "/v1/members/C1/ledger",
];

let t: TestDb;
let app: ReturnType<typeof createApp>;
let acme: string;
let globex: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-06T09:00:00Z") });
  acme = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  globex = (await bootstrap(app, "globex", TOKEN)).ownerKey;
  for (const key of [acme, globex]) {
    expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(
      201,
    );
    for (const id of ["C1", "C2", "C3"]) {
      expect((await call(app, "POST", "/v1/companies", { key, body: { id, name: id } })).status).toBe(201);
    }
    for (const text of ["one", "two", "three"]) {
      expect((await call(app, "POST", "/v1/companies/C1/notes", { key, body: { text } })).status).toBe(201);
    }
    expect(
      (await call(app, "POST", "/v1/partners", { key, body: { id: "FUEL", name: "Fuel" } })).status,
    ).toBe(201);
    for (const orderId of ["1", "2", "3"]) {
      const body = {
        type: "order",
        orderId,
        date: "2026-03-02",
        companyId: "C1",
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "1000.00" }],
      };
      expect((await call(app, "POST", "/v1/events", { key, body })).status).toBe(201);
    }
  }
  for (const i of [1, 2]) {
    const role = "support";
    expect(
      (await call(app, "POST", "/v1/api-keys", { key: acme, body: { role, name: `k${i}` } })).status,
    ).toBe(201);
    const user = { email: `u${i}@acme.example`, name: `U${i}`, role };
    expect((await call(app, "POST", "/v1/users", { key: acme, body: user })).status).toBe(201);
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t.drop();
});

const withCursor = (path: string, cursor: string, limit = 1) =>
  `${path}${path.includes("?") ? "&" : "?"}limit=${limit}&cursor=${encodeURIComponent(cursor)}`;

interface Page {
  data: { id?: string; seq?: number; transactionId?: string }[];
  nextCursor: string | null;
}

describe("list cursors", () => {
  it("every list refuses a cursor it never gave, naming cursor", async () => {
    const answers: Record<string, unknown> = {};
    for (const path of LISTS) {
      // The outbox pages by sequence number: a number that is no message's is as foreign as a word.
      for (const cursor of path === "/v1/webhooks/messages" ? ["abc", "987654321"] : ["abc"]) {
        const r = await call<ErrorAnswer>(app, "GET", withCursor(path, cursor), { key: acme });
        answers[`${path} ${cursor}`] = [r.status, r.body.error?.code, r.body.error?.field];
      }
    }
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(answers).map((k) => [k, [422, "validation_failed", "cursor"]])),
    );
  });

  it("a cursor another tenant's list gave is refused", async () => {
    const answers: Record<string, unknown> = {};
    for (const path of [
      "/v1/companies/C1/notes",
      "/v1/audit-log",
      "/v1/webhooks/messages",
      "/v1/members/C1/ledger",
    ]) {
      const theirs = await call<Page>(app, "GET", `${path}?limit=1`, { key: globex });
      expect(theirs.body.nextCursor, path).not.toBeNull();
      const r = await call<ErrorAnswer>(app, "GET", withCursor(path, theirs.body.nextCursor ?? ""), {
        key: acme,
      });
      answers[path] = [r.status, r.body.error?.field];
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, [422, "cursor"]])));
  });

  it("the cursors a list gives page through it without gaps or repeats", async () => {
    const paths = [
      "/v1/companies",
      "/v1/companies/C1/notes",
      "/v1/audit-log",
      "/v1/webhooks/messages",
      "/v1/api-keys",
      "/v1/users",
    ];
    for (const path of paths) {
      const whole = await call<Page>(app, "GET", `${path}?limit=100`, { key: acme });
      expect(whole.body.nextCursor).toBeNull();
      const seen: Page["data"] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages <= whole.body.data.length; pages++) {
        const page: { status: number; body: Page } = await call<Page>(
          app,
          "GET",
          cursor === null ? `${path}?limit=2` : withCursor(path, cursor, 2),
          { key: acme },
        );
        expect(page.status, path).toBe(200);
        seen.push(...page.body.data);
        cursor = page.body.nextCursor;
        if (cursor === null) break;
      }
      expect(seen.length, path).toBeGreaterThan(2);
      expect(seen, path).toEqual(whole.body.data);
    }
  });
});
