// Erasure reaches what the contact was told: its language and birthday, the text of its e-mails and portal
// messages (an e-mail not sent yet never goes), its bounced address; the ledger stays exactly as it was.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { DEFAULT_TRIGGERS } from "../notifications/settings.ts";
import { sweepNotifications } from "../notifications/sweep.ts";
import { ERASED } from "./erasure.ts";

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);
const HOOK_TIMEOUT_MS = 120_000;
const NAME = "Wilhelmina Featherstonehaugh";
const EMAIL = "w.feather@privmail.example";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key = "";
const clock = new Date("2026-03-05T09:00:00Z");

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme")).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } })).status).toBe(201);
  expect(
    (await call(app, "POST", "/v1/companies", { key, body: { id: "C1", name: "Company C1" } })).status,
  ).toBe(201);
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t?.drop();
});

const rows = async <T>(sql: string, params: Parameters<TestDb["db"]["query"]>[1] = []) =>
  (await t.db.query<T>(sql, params)).rows;

describe("erasing a contact", () => {
  it("clears its language, birthday, messages and bounced address, and leaves the ledger whole", async () => {
    const settings = await call(app, "PUT", "/v1/notifications/settings", {
      key,
      body: {
        triggers: {
          ...DEFAULT_TRIGGERS,
          welcome: { enabled: true },
          pointsEarned: { enabled: true, minPoints: 1 },
        },
        maxEmailsPerDay: 10,
      },
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const made = await call<{ id: string }>(app, "POST", "/v1/companies/C1/contacts", {
      key,
      body: { name: NAME, email: EMAIL, role: "buyer" },
    });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const other = await call<{ id: string }>(app, "POST", "/v1/companies/C1/contacts", {
      key,
      body: { name: "Other Person", email: "other@c1.example", role: "buyer" },
    });
    expect(
      (
        await call(app, "PUT", `/v1/contacts/${id}/communication`, {
          key,
          body: { language: "ru", birthday: "1984-07-21" },
        })
      ).status,
    ).toBe(200);
    const order = await call(app, "POST", "/v1/events", {
      key,
      body: {
        type: "order",
        orderId: "o-1",
        date: "2026-03-04",
        companyId: "C1",
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "10000.00" }],
      },
    });
    expect(order.status).toBe(201);
    // Welcome and points earned: an e-mail and a portal message each.
    await sweepNotifications(t.db, "acme", clock, { mailer: null });
    const before = await rows<{ subject: string; body_text: string; status: string }>(
      "SELECT subject, body_text, status FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1",
      [id],
    );
    expect(before.length).toBe(4);
    expect(before.some((m) => m.body_text.includes("Wilhelmina"))).toBe(true);
    expect(
      (await call(app, "POST", "/v1/email/bounces", { key, body: { email: EMAIL, reason: "mailbox full" } }))
        .status,
    ).toBe(201);
    const otherBefore = await rows<{ body_text: string }>(
      "SELECT body_text FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 ORDER BY id",
      [other.body.id],
    );
    const ledgerBefore = await rows(
      "SELECT * FROM postings WHERE tenant_id = 'acme' ORDER BY transaction_id, seq",
    );

    const erased = await call(app, "POST", `/v1/contacts/${id}/erase`, { key, body: {} });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);

    const contact = await rows<{ language: string | null; birthday: string | null }>(
      "SELECT language, birthday::text FROM contacts WHERE tenant_id = 'acme' AND id = $1",
      [id],
    );
    expect(contact).toEqual([{ language: null, birthday: null }]);
    const profile = await call<{ language: string | null; birthday: string | null }>(
      app,
      "GET",
      `/v1/contacts/${id}/communication`,
      { key },
    );
    if (profile.status === 200) expect(profile.body).toMatchObject({ language: null, birthday: null });
    const after = await rows<{
      subject: string;
      body_text: string;
      body_html: string | null;
      email: string | null;
      status: string;
    }>(
      "SELECT subject, body_text, body_html, email, status FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1",
      [id],
    );
    expect(after).toHaveLength(4);
    for (const m of after) {
      expect(m).toMatchObject({ subject: ERASED, body_text: ERASED, body_html: null, email: null });
      expect(m.status).not.toBe("scheduled");
    }
    // Nothing of the person anywhere in the messages, the bounces or the audit log.
    const like = (expr: string) => `(${expr} ILIKE $1 OR ${expr} ILIKE $2 OR ${expr} ILIKE $3)`;
    const traces = await rows<{ n: number }>(
      `SELECT (SELECT count(*) FROM notifications WHERE tenant_id = 'acme'
                AND ${like("concat(subject, body_text, body_html, email)")})
            + (SELECT count(*) FROM email_bounces WHERE tenant_id = 'acme' AND ${like("email")})
            + (SELECT count(*) FROM audit_log WHERE tenant_id = 'acme'
                AND ${like("concat(before::text, after::text, comment)")}) AS n`,
      ["%Wilhelmina%", "%Featherstonehaugh%", `%${EMAIL}%`],
    );
    expect(Number(traces[0]?.n)).toBe(0);
    // Another contact's messages are untouched; the ledger is exactly as it was, and balances.
    expect(
      await rows(
        "SELECT body_text FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 ORDER BY id",
        [other.body.id],
      ),
    ).toEqual(otherBefore);
    expect(
      await rows("SELECT * FROM postings WHERE tenant_id = 'acme' ORDER BY transaction_id, seq"),
    ).toEqual(ledgerBefore);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
    // A sweep after the quiet hours sends the erased contact nothing.
    await sweepNotifications(t.db, "acme", new Date(clock.getTime() + 2 * 3_600_000), { mailer: null });
    const scheduled = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 AND status = 'scheduled'",
      [id],
    );
    expect(scheduled[0]?.n).toBe(0);
  });
});
