// E-mail against a real SMTP server started by the test: the right message, language and recipients arrive;
// unsubscribed contacts and bounced addresses get nothing; expiring-points notices go out once per lot and
// threshold, held through quiet hours and past the cap per contact.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { type Mailer, smtpMailer } from "./mailer.ts";
import { DEFAULT_TRIGGERS } from "./settings.ts";
import { sweepNotifications } from "./sweep.ts";

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);
const HOOK_TIMEOUT_MS = 120_000;
/** An address the test server refuses for good. */
const REFUSED = "gone@northwind.example";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let server: SMTPServer;
let mailer: Mailer;
let key = "";
const inbox: ParsedMail[] = [];
// 12:00 in Moscow (the program's time zone).
let clock = new Date("2026-03-05T09:00:00Z");
const contacts: Record<string, string> = {};

function startSmtp(): Promise<SMTPServer> {
  const s = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address === REFUSED) {
        const e = Object.assign(new Error("550 mailbox unavailable"), { responseCode: 550 });
        cb(e);
        return;
      }
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          inbox.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

const post = (path: string, body: unknown) => call(app, "POST", path, { key, body });
const put = (path: string, body: unknown) => call(app, "PUT", path, { key, body });
const sweep = () => sweepNotifications(t.db, "acme", clock, { mailer });
const to = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));
/** What arrived, by recipient. */
const received = () =>
  inbox
    .map((m) => ({ to: to(m).join(","), subject: m.subject ?? "" }))
    .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));

async function settings(change: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const r = await put("/v1/notifications/settings", {
    triggers: { ...DEFAULT_TRIGGERS, ...change },
    maxEmailsPerDay: 10,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  t = await testDb();
  server = await startSmtp();
  const port = (server.server.address() as AddressInfo).port;
  mailer = smtpMailer({
    host: "127.0.0.1",
    port,
    secure: false,
    user: null,
    password: null,
    from: "club@seller.example",
  });
  app = createApp({ db: t.db, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme")).ownerKey;
  expect((await post("/v1/programs", { definition: PROGRAM })).status).toBe(201);
  expect((await post("/v1/companies", { id: "nw", name: "Northwind" })).status).toBe(201);
  await settings({ welcome: { enabled: true } });
  for (const [name, email, language] of [
    ["Anna", "anna@northwind.example", "en"],
    ["Boris", "boris@northwind.example", "ru"],
    ["Olena", "olena@northwind.example", "uk"],
  ] as const) {
    const r = await post("/v1/companies/nw/contacts", { name, email, role: "buyer" });
    expect(r.status).toBe(201);
    const id = (r.body as { id: string }).id;
    contacts[name] = id;
    expect((await put(`/v1/contacts/${id}/communication`, { language })).status).toBe(200);
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.drop();
});

beforeEach(() => {
  inbox.length = 0;
});

describe("e-mail through SMTP", () => {
  it("welcomes each new contact in its own language, in text and HTML, with an unsubscribe link", async () => {
    const r = await sweep();
    expect(r.sent).toBe(3);
    const byTo = new Map(inbox.map((m) => [to(m)[0], m]));
    expect(byTo.get("anna@northwind.example")?.subject).toBe("Welcome to Tenant acme");
    expect(byTo.get("boris@northwind.example")?.subject).toBe("Добро пожаловать в Tenant acme");
    expect(byTo.get("olena@northwind.example")?.subject).toBe("Ласкаво просимо до Tenant acme");
    const anna = byTo.get("anna@northwind.example");
    expect(anna?.text).toContain("Hello Anna,");
    expect(anna?.html).toContain("<p>Hello Anna,</p>");
    expect(anna?.from?.text).toBe("club@seller.example");
    const unsubscribe = anna?.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(unsubscribe).toContain("/unsubscribe?tenant=acme&token=");
    // Once only.
    expect((await sweep()).sent).toBe(0);
    expect(inbox).toHaveLength(3);
  });

  it("sends points earned to the company's contacts, and nothing to one who unsubscribed by the link", async () => {
    await settings({ welcome: { enabled: true }, pointsEarned: { enabled: true, minPoints: 1 } });
    // Boris unsubscribes from "points" by the link of a notice in that category: use the portal's preferences
    // category through the signed link the server made for him.
    const earlier = await call<{ data: { data?: unknown; contactId: string; trigger: string }[] }>(
      app,
      "GET",
      `/v1/notifications?contactId=${contacts.Boris}&channel=email`,
      { key },
    );
    expect(earlier.body.data).toHaveLength(1);
    const link = await t.db.query<{ url: string }>(
      "SELECT data->>'unsubscribeUrl' AS url FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 AND channel = 'email'",
      [contacts.Boris ?? ""],
    );
    const token = new URL(link.rows[0]?.url ?? "").searchParams.get("token") ?? "";
    // The welcome link unsubscribes from "account"; a forged one for "points" is refused.
    const [body, sig] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ kind: "unsubscribe", contactId: contacts.Boris, category: "points" })).toString("base64url")}.${sig}`;
    expect(body).toBeTruthy();
    expect(
      (await call(app, "POST", "/v1/email/unsubscribe", { body: { tenant: "acme", token: forged } })).status,
    ).toBe(404);
    const ok = await call<{ category: string }>(app, "POST", "/v1/email/unsubscribe", {
      body: { tenant: "acme", token },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.category).toBe("account");
    // And from "points" in the profile (as the portal's preferences do).
    expect(
      (await put(`/v1/contacts/${contacts.Boris}/communication`, { unsubscribed: ["account", "points"] }))
        .status,
    ).toBe(200);

    const order = await post("/v1/events", {
      type: "order",
      orderId: "o-1",
      date: "2026-03-05",
      companyId: "nw",
      lines: [{ sku: "lamp", category: "goods", quantity: 10, unitPrice: "1000.00" }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const r = await sweep();
    expect(r.sent).toBe(2);
    expect(r.skipped).toBe(1);
    expect(
      received()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["anna@northwind.example", "olena@northwind.example"]);
    expect(inbox.find((m) => to(m)[0] === "anna@northwind.example")?.subject).toBe("100 points earned");
    expect(inbox.find((m) => to(m)[0] === "olena@northwind.example")?.subject).toBe("Нараховано 100 балів");
    const skipped = await t.db.query<{ error: string }>(
      "SELECT error FROM notifications WHERE tenant_id = 'acme' AND contact_id = $1 AND trigger = 'pointsEarned' AND channel = 'email'",
      [contacts.Boris ?? ""],
    );
    expect(skipped.rows[0]?.error).toBe("unsubscribed");
  });

  it("tells about expiring points once per lot and threshold, after quiet hours and within the cap", async () => {
    // Quiet from 21:00 to 08:00 Moscow time; one e-mail a day per contact.
    await settings(
      { pointsExpiring: { enabled: true, daysBefore: [30, 7] } },
      { quietHours: { from: "21:00", to: "08:00" }, maxEmailsPerDay: 1 },
    );
    const grant = await post("/v1/members/nw/adjustments", {
      points: 500,
      reason: "goodwill",
      expiresOn: "2026-04-30",
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    const grant2 = await post("/v1/members/nw/adjustments", {
      points: 40,
      reason: "late",
      expiresOn: "2026-04-30",
    });
    expect(grant2.status).toBe(201);

    // 40 days before: nothing yet.
    clock = new Date("2026-03-21T09:00:00Z");
    expect((await sweep()).raised).toBe(0);
    // 29 days before, at 23:00 Moscow: raised, but held until 08:00.
    clock = new Date("2026-04-01T20:00:00Z");
    const night = await sweep();
    // Written for all three; Boris has turned "points" off, so his is skipped at once.
    expect(night.raised).toBe(3);
    expect(night.skipped).toBe(1);
    expect(inbox).toHaveLength(0);
    const held = await t.db.query<{ at: Date }>(
      "SELECT scheduled_at AS at FROM notifications WHERE tenant_id = 'acme' AND trigger = 'pointsExpiring' AND channel = 'email' AND status = 'scheduled'",
    );
    expect(held.rows.map((r) => new Date(r.at).toISOString())).toEqual([
      "2026-04-02T05:00:00.000Z",
      "2026-04-02T05:00:00.000Z",
    ]);
    // 08:00 Moscow: they go, one notice for both lots.
    clock = new Date("2026-04-02T05:00:00Z");
    await sweep();
    expect(received()).toEqual([
      { to: "anna@northwind.example", subject: "540 points expire on 2026-04-30" },
      { to: "olena@northwind.example", subject: "540 балів згорять 2026-04-30" },
    ]);
    // Later the same day and the next days: nothing again for the 30-day threshold.
    inbox.length = 0;
    clock = new Date("2026-04-03T09:00:00Z");
    expect((await sweep()).raised).toBe(0);
    expect(inbox).toHaveLength(0);

    // 7 days before, at 07:59 Moscow: quiet still.
    clock = new Date("2026-04-23T04:59:00Z");
    expect((await sweep()).raised).toBe(3);
    expect(inbox).toHaveLength(0);
    clock = new Date("2026-04-23T06:00:00Z");
    await sweep();
    expect(received().map((m) => m.subject)).toEqual([
      "540 points expire on 2026-04-30",
      "540 балів згорять 2026-04-30",
    ]);
    inbox.length = 0;
    clock = new Date("2026-04-24T06:00:00Z");
    expect((await sweep()).raised).toBe(0);
    expect(inbox).toHaveLength(0);
    const told = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notified_lots WHERE tenant_id = 'acme'",
    );
    expect(told.rows[0]?.n).toBe(4); // two lots, two thresholds
  });

  it("holds an e-mail past the cap until the contact's 24 hours free up, without dropping it", async () => {
    await settings({ pointsEarned: { enabled: true, minPoints: 1 } }, { maxEmailsPerDay: 1 });
    clock = new Date("2026-04-24T07:00:00Z");
    for (const id of ["o-2", "o-3"]) {
      const r = await post("/v1/events", {
        type: "order",
        orderId: id,
        date: "2026-04-24",
        companyId: "nw",
        lines: [{ sku: "lamp", category: "goods", quantity: 1, unitPrice: "1000.00" }],
      });
      expect(r.status).toBe(201);
    }
    // One e-mail each now; the second notice waits for the first to leave the 24 hours.
    const first = await sweep();
    expect(first.sent).toBe(2);
    expect(first.delayed).toBe(2);
    expect(
      received()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["anna@northwind.example", "olena@northwind.example"]);
    inbox.length = 0;
    clock = new Date("2026-04-25T06:59:00Z");
    await sweep();
    expect(inbox).toHaveLength(0);
    clock = new Date("2026-04-25T07:00:02Z");
    await sweep();
    expect(
      received()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["anna@northwind.example", "olena@northwind.example"]);
    const waiting = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE tenant_id = 'acme' AND status = 'scheduled'",
    );
    expect(waiting.rows[0]?.n).toBe(0);
  });

  it("mails no bounced address, and records an address the server refuses as bounced", async () => {
    await settings({ welcome: { enabled: true } });
    clock = new Date("2026-04-27T09:00:00Z");
    const bounced = await post("/v1/email/bounces", {
      email: "Dmitro@northwind.example",
      reason: "mailbox full for good",
    });
    expect(bounced.status).toBe(201);
    for (const [name, email] of [
      ["Dmitro", "dmitro@northwind.example"],
      ["Gone", REFUSED],
      ["Eva", "eva@northwind.example"],
    ]) {
      expect((await post("/v1/companies/nw/contacts", { name, email, role: "buyer" })).status).toBe(201);
    }
    const r = await sweep();
    expect(received().map((m) => m.to)).toEqual(["eva@northwind.example"]);
    expect(r.skipped).toBe(1);
    expect(r.failed).toBe(1);
    const list = await call<{ data: { email: string; kind: string }[] }>(app, "GET", "/v1/email/bounces", {
      key,
    });
    expect(list.body.data.map((b) => [b.email, b.kind]).sort()).toEqual([
      ["dmitro@northwind.example", "hard"],
      [REFUSED, "rejected"],
    ]);
  });
});
