// Erasing a contact ends its way into the portal: the password hash, its sessions, its pending invitations and
// the refused sign-ins under its email go; another contact's stay as they were.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const PASSWORD = "a portal password";
const volumeTiers = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
// Near the real time: sessions are checked against the wall clock.
const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
let ownerKey = "";
const contacts: Record<string, string> = {};
const cookies: Record<string, string> = {};

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

async function invite(contactId: string) {
  const r = await call<{ link: string | null }>(app, "POST", `/v1/contacts/${contactId}/invite`, {
    key: ownerKey,
  });
  expect(r.status).toBe(201);
  return tokenOf(r.body.link);
}

const signIn = (email: string, password: string) =>
  call<ErrorAnswer>(app, "POST", "/v1/portal/sessions", {
    body: { tenant: "acme", email, password },
    headers: CSRF,
  });

async function count(sql: string, params: string[]): Promise<number> {
  const r = await t.db.query<{ n: number }>(sql, params);
  return r.rows[0]?.n ?? -1;
}

async function access(contactId: string, email: string) {
  const hash = await t.db.query<{ password_hash: string | null }>(
    "SELECT password_hash FROM contacts WHERE tenant_id = 'acme' AND id = $1",
    [contactId],
  );
  return {
    password: hash.rows[0]?.password_hash !== null,
    sessions: await count(
      "SELECT count(*)::int AS n FROM sessions WHERE tenant_id = 'acme' AND kind = 'contact' AND subject_id = $1",
      [contactId],
    ),
    pendingInvitations: await count(
      "SELECT count(*)::int AS n FROM contact_invitations WHERE tenant_id = 'acme' AND contact_id = $1 AND used_at IS NULL",
      [contactId],
    ),
    failures: await count(
      "SELECT count(*)::int AS n FROM login_failures WHERE tenant_id = 'acme' AND lower(email) = lower($1)",
      [email],
    ),
  };
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  ownerKey = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect(
    (await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition: volumeTiers } })).status,
  ).toBe(201);
  expect(
    (await call(app, "POST", "/v1/companies", { key: ownerKey, body: { id: "C1", name: "Company C1" } }))
      .status,
  ).toBe(201);
  for (const [name, role] of [
    ["ana", "company_admin"],
    ["bob", "buyer"],
  ] as const) {
    const r = await call<{ id: string }>(app, "POST", "/v1/companies/C1/contacts", {
      key: ownerKey,
      body: { name, email: `${name}@clients.example`, role },
    });
    expect(r.status).toBe(201);
    contacts[name] = r.body.id;
  }
}, 120_000);
afterAll(() => t.drop());

describe("erasing a contact with portal access", () => {
  it("sets up both contacts with a password, a session, a pending invitation and a refused sign-in", async () => {
    for (const name of ["ana", "bob"]) {
      const id = contacts[name] as string;
      const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
        body: { tenant: "acme", token: await invite(id), password: PASSWORD },
        headers: CSRF,
      });
      expect(accepted.status).toBe(201);
      cookies[name] = cookieOf(accepted.headers.get("set-cookie"));
      await invite(id); // a newer link, not used yet
      expect((await signIn(`${name}@clients.example`, "not the password")).status).toBe(401);
      expect(await access(id, `${name}@clients.example`)).toEqual({
        password: true,
        sessions: 1,
        pendingInvitations: 1,
        failures: 1,
      });
    }
  });

  it("deletes the password hash, sessions, pending invitations and refused sign-ins of that contact only", async () => {
    const ana = contacts.ana as string;
    const r = await call(app, "POST", `/v1/contacts/${ana}/erase`, {
      key: ownerKey,
      body: { comment: "erasure request" },
    });
    expect(r.status).toBe(200);
    expect(await access(ana, "ana@clients.example")).toEqual({
      password: false,
      sessions: 0,
      pendingInvitations: 0,
      failures: 0,
    });
    expect(await access(contacts.bob as string, "bob@clients.example")).toEqual({
      password: true,
      sessions: 1,
      pendingInvitations: 1,
      failures: 1,
    });
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      "SELECT after FROM audit_log WHERE tenant_id = 'acme' AND action = 'contact.erase' AND target = $1",
      [ana],
    );
    expect(audit.rows[0]?.after).toMatchObject({ sessionsEnded: 1, invitationsDeleted: 1 });
  });

  it("the erased contact's session and password no longer open the portal; the other's still do", async () => {
    const me = (cookie: string) => call(app, "GET", "/v1/portal/me", { headers: { cookie } });
    expect((await me(cookies.ana as string)).status).toBe(401);
    expect((await signIn("ana@clients.example", PASSWORD)).status).toBe(401);
    expect((await me(cookies.bob as string)).status).toBe(200);
    expect((await signIn("bob@clients.example", PASSWORD)).status).toBe(201);
  });
});
