// The client portal over HTTP: invitations and accepting them, portal sign-in, reads scoped to the contact's
// own company, a company admin's users, and a contact session refused everywhere in the console API.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { staffWithKey } from "../companies/testing.ts";
import { WRONG_SIGN_IN } from "../sessions/service.ts";
import { INVALID_INVITATION, INVITATION_TTL_MS } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const PASSWORD = "a portal password";
const volumeTiers = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

interface Invitation {
  contactId: string;
  expiresAt: string;
  link: string | null;
}
interface PortalMe {
  kind: string;
  contact: { id: string; role: string };
  company: { id: string; name: string };
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
// Near the real time: the console's routes check sessions against the wall clock.
let clock = new Date(Math.floor(Date.now() / 1000) * 1000);
/** The day of the companies' orders. */
const ORDER_DAY = new Date(clock.getTime() - 5 * 86_400_000).toISOString().slice(0, 10);
const logged: string[] = [];
let ownerKey = "";
const contacts: Record<string, string> = {};

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    bootstrapToken: TOKEN,
    now: () => clock,
    log: (message, error) => logged.push(`${message} ${String(error)}`),
    webDir: null,
  });
  ownerKey = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect(
    (await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition: volumeTiers } })).status,
  ).toBe(201);
  for (const [company, orderId, price] of [
    ["C1", "1001", "18500.00"],
    ["C2", "2001", "50000.00"],
  ] as const) {
    const r = await call(app, "POST", "/v1/events", {
      key: ownerKey,
      body: {
        type: "order",
        orderId,
        date: ORDER_DAY,
        companyId: company,
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
      },
    });
    expect(r.status).toBe(201);
  }
  for (const [name, company, role] of [
    ["ana", "C1", "company_admin"],
    ["bob", "C1", "buyer"],
    ["cat", "C2", "company_admin"],
  ] as const) {
    const r = await call<{ id: string }>(app, "POST", `/v1/companies/${company}/contacts`, {
      key: ownerKey,
      body: { name, email: `${name}@clients.example`, role },
    });
    expect(r.status).toBe(201);
    contacts[name] = r.body.id;
  }
}, 120_000);
afterAll(() => t.drop());

function tokenOf(link: string | null): string {
  const m = /[?&]token=([^&]+)/.exec(link ?? "");
  if (!m?.[1]) throw new Error(`no token in ${link}`);
  return m[1];
}

function cookieOf(setCookie: string | null): string {
  const m = /patron_session=([^;]*)/.exec(setCookie ?? "");
  if (!m?.[1]) throw new Error(`no session cookie in ${setCookie}`);
  return `patron_session=${m[1]}`;
}

async function invite(contactId: string, auth: { key?: string; cookie?: string }) {
  return call<Invitation & ErrorAnswer>(app, "POST", `/v1/contacts/${contactId}/invite`, {
    ...(auth.key === undefined ? {} : { key: auth.key }),
    headers: auth.cookie === undefined ? {} : { cookie: auth.cookie, ...CSRF },
  });
}

async function accept(token: string, password = PASSWORD) {
  return call<PortalMe & ErrorAnswer>(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant: "acme", token, password },
    headers: CSRF,
  });
}

async function portalSignIn(email: string, password = PASSWORD) {
  return call<PortalMe & ErrorAnswer>(app, "POST", "/v1/portal/sessions", {
    body: { tenant: "acme", email, password },
    headers: CSRF,
  });
}

/** Invites the contact as the owner, accepts, and answers the session cookie. */
async function onboard(name: string): Promise<string> {
  const inv = await invite(contacts[name] as string, { key: ownerKey });
  expect(inv.status).toBe(201);
  const r = await accept(tokenOf(inv.body.link));
  expect(r.status).toBe(201);
  return cookieOf(r.headers.get("set-cookie"));
}

const get = <T>(path: string, cookie: string) =>
  call<T & ErrorAnswer>(app, "GET", path, { headers: { cookie } });

describe("invitations", () => {
  it("gives a one-time link, stores only its hash, and a newer link ends the older", async () => {
    const portalOf = async () =>
      (await call<{ portal: unknown }>(app, "GET", `/v1/contacts/${contacts.ana}`, { key: ownerKey })).body
        .portal;
    expect(await portalOf()).toEqual({ signedUp: false, invitation: null });
    const first = await invite(contacts.ana as string, { key: ownerKey });
    expect(first.status).toBe(201);
    expect(first.body.contactId).toBe(contacts.ana);
    expect(new Date(first.body.expiresAt).getTime()).toBe(clock.getTime() + INVITATION_TTL_MS);
    expect(first.body.link).toMatch(
      /^http:\/\/localhost\/portal\/accept\?tenant=acme&token=[A-Za-z0-9_-]{43}$/,
    );
    const oldToken = tokenOf(first.body.link);

    const second = await invite(contacts.ana as string, { key: ownerKey });
    const token = tokenOf(second.body.link);
    expect(token).not.toBe(oldToken);
    const stored = await t.db.query<{ token_hash: string; used: boolean }>(
      "SELECT token_hash, used_at IS NOT NULL AS used FROM contact_invitations WHERE tenant_id = 'acme' ORDER BY id",
    );
    // Both were made in the same millisecond of the test clock, so their ids need not sort by creation.
    expect(stored.rows.map((r) => r.used).sort()).toEqual([false, true]);
    for (const r of stored.rows) {
      expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.token_hash).not.toContain(token);
    }
    const audit = await t.db.query<{ after: unknown }>(
      "SELECT after FROM audit_log WHERE tenant_id = 'acme' AND action = 'contact.invite'",
    );
    expect(audit.rows).toHaveLength(2);
    expect(JSON.stringify(audit.rows)).not.toContain(token);

    // The contact's page tells staff that the latest link waits to be used, and until when.
    expect(await portalOf()).toEqual({
      signedUp: false,
      invitation: { sentAt: clock.toISOString(), expiresAt: second.body.expiresAt },
    });
    const listed = await call<{ data: { id: string; portal: unknown }[] }>(
      app,
      "GET",
      "/v1/companies/C1/contacts",
      {
        key: ownerKey,
      },
    );
    expect(listed.body.data.find((c) => c.id === contacts.ana)?.portal).toEqual(await portalOf());
    expect((await accept(oldToken)).body.error.message).toBe(INVALID_INVITATION);
    const ok = await accept(token);
    expect(await portalOf()).toEqual({ signedUp: true, invitation: null });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: "contact", contact: { id: contacts.ana, role: "company_admin" } });
    expect(ok.body.company).toEqual({ id: "C1", name: "C1" });
    expect(ok.headers.get("set-cookie")).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
    const again = await accept(token, "another password 2");
    expect(again.status).toBe(401);
    expect((await portalSignIn("ana@clients.example", "another password 2")).status).toBe(401);
    expect((await portalSignIn("ana@clients.example")).status).toBe(201);
    expect(logged).toEqual([]);
  });

  it("refuses an expired link, a short password, and a link replayed without its secret", async () => {
    const inv = await invite(contacts.bob as string, { key: ownerKey });
    const token = tokenOf(inv.body.link);
    const short = await accept(token, "short");
    expect(short.status).toBe(422);
    expect(short.body.error.field).toBe("password");
    const saved = clock;
    clock = new Date(clock.getTime() + INVITATION_TTL_MS + 1);
    try {
      expect((await accept(token)).status).toBe(401);
    } finally {
      clock = saved;
    }
    const replay = await call<Invitation>(app, "POST", `/v1/contacts/${contacts.bob}/invite`, {
      key: ownerKey,
      headers: { "idempotency-key": "bob-invite" },
    });
    const again = await call<Invitation>(app, "POST", `/v1/contacts/${contacts.bob}/invite`, {
      key: ownerKey,
      headers: { "idempotency-key": "bob-invite" },
    });
    expect(replay.body.link).not.toBeNull();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.link).toBeNull();
    const answers = await t.db.query<{ text: string }>(
      "SELECT response_body::text AS text FROM idempotency_keys WHERE tenant_id = 'acme'",
    );
    expect(answers.rows.map((r) => r.text).join()).not.toContain(tokenOf(replay.body.link));
  });

  it("lets only staff with a contact role in reach invite", async () => {
    const finance = await keyWithRole(app, ownerKey, "finance");
    expect((await invite(contacts.cat as string, { key: finance })).status).toBe(403);
    const rep = await staffWithKey(app, ownerKey, "rep@acme.example");
    expect((await invite(contacts.cat as string, { key: rep.key })).status).toBe(404);
    const support = await keyWithRole(app, ownerKey, "support");
    expect((await invite(contacts.cat as string, { key: support })).status).toBe(201);
    expect((await invite("ctc_nobody", { key: ownerKey })).status).toBe(404);
  });
});

describe("portal sign-in and reads", () => {
  it("answers one 401 for a wrong password, an unknown email, a staff user's email or no password yet", async () => {
    await call(app, "POST", "/v1/companies/C2/contacts", {
      key: ownerKey,
      body: { name: "Dan", email: "dan@clients.example" },
    });
    for (const [email, password] of [
      ["ana@clients.example", "a wrong password"],
      ["nobody@clients.example", PASSWORD],
      ["owner@acme.example", PASSWORD],
      ["dan@clients.example", PASSWORD],
    ] as const) {
      const r = await portalSignIn(email, password);
      expect(r.status).toBe(401);
      expect(r.body.error.message).toBe(WRONG_SIGN_IN);
      expect(r.headers.get("set-cookie")).toBeNull();
    }
    // A contact's password does not open the console.
    const staff = await call(app, "POST", "/v1/sessions", {
      body: { tenant: "acme", email: "ana@clients.example", password: PASSWORD },
      headers: CSRF,
    });
    expect(staff.status).toBe(401);
  });

  it("shows the contact's own company: wallet, ledger, tier with levels and benefits", async () => {
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const cat = await onboard("cat");
    const me = await get<PortalMe>("/v1/portal/me", ana);
    expect(me.body).toMatchObject({ kind: "contact", company: { id: "C1" }, contact: { id: contacts.ana } });

    const walletA = await get<{ memberId: string; available: number }>("/v1/portal/wallet", ana);
    expect(walletA.body).toMatchObject({ memberId: "C1", available: 185, pending: 0 });
    const walletC = await get<{ memberId: string; available: number }>("/v1/portal/wallet", cat);
    expect(walletC.body).toMatchObject({ memberId: "C2", available: 500 });

    const ledger = await get<{
      data: { amount: number; kind: string; reference: { id: string }; date: string }[];
    }>("/v1/portal/ledger", ana);
    // Dated as the order was, five days before it was recorded.
    expect(ledger.body.data.map((e) => [e.kind, e.amount, e.reference.id, e.date])).toEqual([
      ["earn", 185, "1001", ORDER_DAY],
    ]);

    const tier = await get<{
      memberId: string;
      tier: { id: string };
      next: { name: string; remaining: string };
      levels: { id: string; threshold: string; earnRate: string | null; benefits: string[] }[];
      currency: string;
    }>("/v1/portal/tier", ana);
    expect(tier.status).toBe(200);
    expect(tier.body.memberId).toBe("C1");
    expect(tier.body.tier.id).toBe("base");
    expect(tier.body.next).toMatchObject({ name: "Silver", remaining: "281500.00" });
    expect(tier.body.currency).toBe("RUB");
    expect(tier.body.levels.map((l) => [l.id, l.threshold, l.earnRate])).toEqual([
      ["base", "0.00", "1%"],
      ["silver", "300000.00", "2%"],
      ["gold", "1000000.00", "3%"],
      ["platinum", "3000000.00", "5%"],
    ]);
  });

  it("has no parameter that names another company", async () => {
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const r = await get<{ memberId: string }>("/v1/portal/wallet?memberId=C2&companyId=C2", ana);
    expect(r.body.memberId).toBe("C1");
    const ledger = await get<{ data: { reference: { id: string } }[] }>("/v1/portal/ledger?memberId=C2", ana);
    expect(ledger.body.data.map((e) => e.reference.id)).toEqual(["1001"]);
  });
});

describe("a company admin's users", () => {
  it("lists the own company's contacts only, adds a buyer and invites them", async () => {
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const before = await get<{ data: { id: string; role: string; passwordSet: boolean }[] }>(
      "/v1/portal/users",
      ana,
    );
    expect(before.body.data.map((u) => [u.id, u.role, u.passwordSet])).toEqual([
      [contacts.ana, "company_admin", true],
      [contacts.bob, "buyer", false],
    ]);
    const made = await call<{ user: { id: string; role: string }; invitation: Invitation } & ErrorAnswer>(
      app,
      "POST",
      "/v1/portal/users",
      {
        headers: { cookie: ana, ...CSRF },
        body: { name: "Eve", email: "eve@clients.example", role: "buyer" },
      },
    );
    expect(made.status).toBe(201);
    const row = await t.db.query<{ company_id: string }>(
      "SELECT company_id FROM contacts WHERE tenant_id = 'acme' AND id = $1",
      [made.body.user.id],
    );
    expect(row.rows).toEqual([{ company_id: "C1" }]);
    const eve = await accept(tokenOf(made.body.invitation.link));
    expect(eve.body).toMatchObject({ company: { id: "C1" }, contact: { role: "buyer" } });
    const audit = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE tenant_id = 'acme' AND action = 'contact.create' AND target = $1",
      [made.body.user.id],
    );
    expect(audit.rows).toEqual([{ actor: contacts.ana }]);

    const crossCompany = await call(app, "POST", "/v1/portal/users", {
      headers: { cookie: ana, ...CSRF },
      body: { name: "Mal", email: "mal@clients.example", companyId: "C2" },
    });
    expect(crossCompany.status).toBe(422);
  });

  it("refuses a buyer, another company's contact, and a change without the CSRF header", async () => {
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const eve = cookieOf((await portalSignIn("eve@clients.example")).headers.get("set-cookie"));
    expect((await get("/v1/portal/users", eve)).status).toBe(403);
    expect((await invite(contacts.bob as string, { cookie: eve })).status).toBe(403);
    expect((await invite(contacts.cat as string, { cookie: ana })).status).toBe(404);
    const bobInvite = await invite(contacts.bob as string, { cookie: ana });
    expect(bobInvite.status).toBe(201);
    const noCsrf = await call(app, "POST", `/v1/contacts/${contacts.bob}/invite`, {
      headers: { cookie: ana },
    });
    expect(noCsrf.status).toBe(403);
    const bob = await accept(tokenOf(bobInvite.body.link));
    expect(bob.body.company.id).toBe("C1");
  });
});

describe("a contact session and the console API", () => {
  it("is refused by every staff route, and staff credentials are refused by the portal", async () => {
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const headers = { cookie: ana, ...CSRF };
    for (const [method, path, body] of [
      ["GET", "/v1/sessions/current", undefined],
      ["GET", "/v1/members/C1/wallet", undefined],
      ["GET", "/v1/members/C2/ledger", undefined],
      ["GET", "/v1/members/C1/tier", undefined],
      ["GET", "/v1/companies", undefined],
      ["GET", "/v1/companies/C1/contacts", undefined],
      ["GET", "/v1/users", undefined],
      ["GET", "/v1/api-keys", undefined],
      ["GET", "/v1/audit", undefined],
      ["GET", "/v1/programs", undefined],
      ["POST", "/v1/api-keys", { role: "owner", name: "escalate" }],
      ["POST", "/v1/redemptions", { memberId: "C1", points: 10 }],
      ["POST", "/v1/members/C1/adjustments", { points: 1000, reason: "self-service" }],
    ] as const) {
      const r = await call<ErrorAnswer>(app, method, path, { headers, ...(body ? { body } : {}) });
      expect([403, 404], `${method} ${path}`).toContain(r.status);
    }
    const keys = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = 'acme'",
    );
    expect(keys.rows[0]?.n).toBe(4); // the owner's, finance, the rep's, support: none made by the contact
    const adjustments = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM adjustments WHERE tenant_id = 'acme'",
    );
    expect(adjustments.rows[0]?.n).toBe(0);

    expect((await call(app, "GET", "/v1/portal/wallet", { key: ownerKey })).status).toBe(401);
    expect(
      (await call(app, "GET", "/v1/portal/wallet", { key: ownerKey, headers: { cookie: ana } })).status,
    ).toBe(401);
  });

  it("ends with sign-out and when the contact is deactivated", async () => {
    const first = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const bob = cookieOf((await portalSignIn("bob@clients.example")).headers.get("set-cookie"));
    const out = await call(app, "DELETE", "/v1/sessions/current", { headers: { cookie: first, ...CSRF } });
    expect(out.status).toBe(204);
    expect((await get("/v1/portal/me", first)).status).toBe(401);
    expect((await get("/v1/portal/me", bob)).status).toBe(200);
    const off = await call(app, "PATCH", `/v1/contacts/${contacts.bob}`, {
      key: ownerKey,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect((await get("/v1/portal/me", bob)).status).toBe(401);
    expect((await portalSignIn("bob@clients.example")).status).toBe(401);
  });

  it("cannot reach another tenant's company with the tenant part of the cookie changed", async () => {
    await bootstrap(app, "other", TOKEN);
    const ana = cookieOf((await portalSignIn("ana@clients.example")).headers.get("set-cookie"));
    const forged = ana.replace("patron_session=acme.", "patron_session=other.");
    expect((await get("/v1/portal/wallet", forged)).status).toBe(401);
  });
});
