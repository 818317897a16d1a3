// Browser sessions over HTTP: sign in, the cookie's attributes, who am I, CSRF, sign out, expiry, the
// sign-in rate limit, passwords, and another tenant's cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, SESSION_TTL_MS, WRONG_SIGN_IN } from "./service.ts";

const PASSWORD = "correct horse battery staple";
const CSRF = { "x-patron-csrf": "1" };

interface Me {
  kind: string;
  via: string;
  tenant: { id: string; name: string };
  role: string;
  user: { id: string; email: string; name: string; role: string } | null;
  expiresAt: string | null;
}

let t: TestDb;
// Near the real time: routes of other modules check sessions against the wall clock.
let clock = new Date(Math.floor(Date.now() / 1000) * 1000);
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, now: () => clock, log: () => {}, bootstrapToken: "boot", webDir: null });
}, 60_000);
afterAll(() => t.drop());

/** Bootstraps a tenant whose owner has PASSWORD; returns its owner key. */
async function tenantWithOwner(id: string): Promise<{ ownerKey: string; ownerId: string }> {
  const r = await call<{ owner: { id: string }; apiKey: { secret: string } }>(app, "POST", "/v1/tenants", {
    key: "boot",
    body: {
      id,
      name: `Tenant ${id}`,
      owner: { email: `owner@${id}.example`, name: "Olga", password: PASSWORD },
    },
  });
  expect(r.status).toBe(201);
  return { ownerKey: r.body.apiKey.secret, ownerId: r.body.owner.id };
}

async function signIn(
  tenant: string,
  email: string,
  password: string,
  headers: Record<string, string> = CSRF,
) {
  return call<Me & ErrorAnswer>(app, "POST", "/v1/sessions", { body: { tenant, email, password }, headers });
}

function cookieOf(setCookie: string | null): string {
  const m = /patron_session=([^;]*)/.exec(setCookie ?? "");
  if (!m?.[1]) throw new Error(`no session cookie in ${setCookie}`);
  return `patron_session=${m[1]}`;
}

describe("sign in", () => {
  it("sets an HttpOnly, SameSite=Strict cookie that authenticates as the user", async () => {
    const { ownerId } = await tenantWithOwner("sa");
    const r = await signIn("sa", "OWNER@sa.example", PASSWORD);
    expect(r.status).toBe(201);
    expect(r.body.user).toEqual({ id: ownerId, email: "owner@sa.example", name: "Olga", role: "owner" });
    expect(r.body.expiresAt).toBe(new Date(clock.getTime() + SESSION_TTL_MS).toISOString());
    const set = r.headers.get("set-cookie") ?? "";
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).not.toMatch(/Secure/); // plain http here
    const cookie = cookieOf(set);

    const me = await call<Me>(app, "GET", "/v1/sessions/current", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: "staff", via: "session", role: "owner", tenant: { id: "sa" } });
    expect(me.body.user?.id).toBe(ownerId);
    const users = await call<{ data: { id: string }[] }>(app, "GET", "/v1/users", { headers: { cookie } });
    expect(users.body.data.map((u) => u.id)).toEqual([ownerId]);

    // Only the secret's hash is stored.
    const secret = cookie.split(".")[1] as string;
    const rows = await t.db.query<{ secret_hash: string }>(
      "SELECT secret_hash FROM sessions WHERE tenant_id = 'sa'",
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.secret_hash).not.toContain(secret);
    expect(rows.rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("marks the cookie Secure over HTTPS", async () => {
    await tenantWithOwner("sh");
    const r = await call(app, "POST", "/v1/sessions", {
      body: { tenant: "sh", email: "owner@sh.example", password: PASSWORD },
      headers: { ...CSRF, "x-forwarded-proto": "https" },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("answers the same 401 for a wrong password, an unknown email, an unknown tenant or no password", async () => {
    const { ownerKey } = await tenantWithOwner("sb");
    await call(app, "POST", "/v1/users", {
      key: ownerKey,
      body: { email: "nopass@sb.example", name: "No Pass", role: "support" },
    });
    const answers = await Promise.all([
      signIn("sb", "owner@sb.example", "wrong password!"),
      signIn("sb", "nobody@sb.example", PASSWORD),
      signIn("nosuchtenant", "owner@sb.example", PASSWORD),
      signIn("sb", "nopass@sb.example", PASSWORD),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body.error.message).toBe(WRONG_SIGN_IN);
      expect(a.headers.get("set-cookie")).toBeNull();
    }
    const n = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions WHERE tenant_id = 'sb'",
    );
    expect(n.rows[0]?.n).toBe(0);
  });

  it("refuses a sign-in without the CSRF header", async () => {
    await tenantWithOwner("sc");
    const r = await signIn("sc", "owner@sc.example", PASSWORD, {});
    expect(r.status).toBe(403);
    expect(r.body.error.field).toBe("x-patron-csrf");
  });

  it("limits failed sign-ins per email, then lets the right password in after the window", async () => {
    await tenantWithOwner("sd");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await signIn("sd", "owner@sd.example", `wrong ${i} password`)).status).toBe(401);
    }
    const limited = await signIn("sd", "owner@sd.example", PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    // Another email of the same tenant is not held back by this one's failures.
    expect((await signIn("sd", "other@sd.example", "x")).status).toBe(401);
    const saved = clock;
    clock = new Date(clock.getTime() + 16 * 60 * 1000);
    try {
      expect((await signIn("sd", "owner@sd.example", PASSWORD)).status).toBe(201);
    } finally {
      clock = saved;
    }
  });

  it("limits failed sign-ins per address across emails", async () => {
    await tenantWithOwner("se");
    const from = (ip: string, email: string, password: string) =>
      app.request(
        "/v1/sessions",
        {
          method: "POST",
          headers: { "content-type": "application/json", ...CSRF },
          body: JSON.stringify({ tenant: "se", email, password }),
        },
        { incoming: { socket: { remoteAddress: ip, remotePort: 5000, remoteFamily: "IPv4" } } },
      );
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect((await from("203.0.113.9", `guess${i}@se.example`, "wrong")).status).toBe(401);
    }
    expect((await from("203.0.113.9", "owner@se.example", PASSWORD)).status).toBe(429);
    expect((await from("198.51.100.7", "owner@se.example", PASSWORD)).status).toBe(201);
  });
});

describe("a session's requests", () => {
  it("needs the CSRF header for changes, and records them under the user", async () => {
    const { ownerId } = await tenantWithOwner("sf");
    const cookie = cookieOf((await signIn("sf", "owner@sf.example", PASSWORD)).headers.get("set-cookie"));
    const keys = () =>
      t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = 'sf'");
    const refused = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      headers: { cookie },
      body: { role: "support", name: "no csrf" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.field).toBe("x-patron-csrf");
    expect((await keys()).rows[0]?.n).toBe(1);

    const made = await call<{ createdBy: string; secret: string }>(app, "POST", "/v1/api-keys", {
      headers: { cookie, ...CSRF },
      body: { role: "support", name: "with csrf" },
    });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe(ownerId);
    expect((await keys()).rows[0]?.n).toBe(2);
    const audit = await t.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE tenant_id = 'sf' AND action = 'api_key.create'",
    );
    expect(audit.rows).toEqual([{ actor: ownerId }]);
  });

  it("reports an API key as a key, with no user", async () => {
    const { ownerKey } = await tenantWithOwner("sg");
    const support = await keyWithRole(app, ownerKey, "support");
    const me = await call<Me>(app, "GET", "/v1/sessions/current", { key: support });
    expect(me.body).toEqual({
      kind: "staff",
      via: "key",
      tenant: { id: "sg", name: "Tenant sg" },
      role: "support",
      user: null,
      expiresAt: null,
    });
  });

  it("ends at sign-out and when it expires", async () => {
    await tenantWithOwner("sj");
    const first = cookieOf((await signIn("sj", "owner@sj.example", PASSWORD)).headers.get("set-cookie"));
    const second = cookieOf((await signIn("sj", "owner@sj.example", PASSWORD)).headers.get("set-cookie"));

    expect((await call(app, "DELETE", "/v1/sessions/current", { headers: { cookie: first } })).status).toBe(
      403,
    );
    const out = await call(app, "DELETE", "/v1/sessions/current", { headers: { cookie: first, ...CSRF } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/patron_session=;.*Max-Age=0/);
    const after = await call<ErrorAnswer>(app, "GET", "/v1/sessions/current", { headers: { cookie: first } });
    expect(after.status).toBe(401);
    expect((await call(app, "GET", "/v1/sessions/current", { headers: { cookie: second } })).status).toBe(
      200,
    );

    const saved = clock;
    clock = new Date(clock.getTime() + SESSION_TTL_MS + 1);
    try {
      expect((await call(app, "GET", "/v1/sessions/current", { headers: { cookie: second } })).status).toBe(
        401,
      );
    } finally {
      clock = saved;
    }
  });

  it("cannot reach another tenant, even with the tenant part of the cookie changed", async () => {
    const a = await tenantWithOwner("sk");
    const b = await tenantWithOwner("sl");
    const cookie = cookieOf((await signIn("sk", "owner@sk.example", PASSWORD)).headers.get("set-cookie"));
    const users = await call<{ data: { id: string }[] }>(app, "GET", "/v1/users", { headers: { cookie } });
    expect(users.body.data.map((u) => u.id)).toEqual([a.ownerId]);
    const forged = cookie.replace("patron_session=sk.", "patron_session=sl.");
    expect((await call(app, "GET", "/v1/users", { headers: { cookie: forged } })).status).toBe(401);
    expect(b.ownerId).not.toBe(a.ownerId);
  });
});

describe("passwords", () => {
  it("an owner sets a first password; the user signs in, changes it with the current one; other sessions end", async () => {
    const { ownerKey } = await tenantWithOwner("sm");
    const made = await call<{ id: string }>(app, "POST", "/v1/users", {
      key: ownerKey,
      body: { email: "fin@sm.example", name: "Fin", role: "finance" },
    });
    const path = `/v1/users/${made.body.id}/password`;
    const first = await call(app, "POST", path, { key: ownerKey, body: { password: "first password 1" } });
    expect(first.status).toBe(200);
    const s1 = cookieOf((await signIn("sm", "fin@sm.example", "first password 1")).headers.get("set-cookie"));
    const s2 = cookieOf((await signIn("sm", "fin@sm.example", "first password 1")).headers.get("set-cookie"));

    const noCurrent = await call<ErrorAnswer>(app, "POST", path, {
      headers: { cookie: s1, ...CSRF },
      body: { password: "second password 2" },
    });
    expect(noCurrent.status).toBe(403);
    expect(noCurrent.body.error.field).toBe("currentPassword");
    const changed = await call(app, "POST", path, {
      headers: { cookie: s1, ...CSRF },
      body: { password: "second password 2", currentPassword: "first password 1" },
    });
    expect(changed.status).toBe(200);
    expect((await call(app, "GET", "/v1/sessions/current", { headers: { cookie: s1 } })).status).toBe(200);
    expect((await call(app, "GET", "/v1/sessions/current", { headers: { cookie: s2 } })).status).toBe(401);
    expect((await signIn("sm", "fin@sm.example", "first password 1")).status).toBe(401);
    expect((await signIn("sm", "fin@sm.example", "second password 2")).status).toBe(201);
    const audit = await t.db.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE tenant_id = 'sm' AND action = 'user.password' ORDER BY before::text",
    );
    expect(audit.rows).toEqual([
      { before: { passwordSet: false }, after: { passwordSet: true } },
      { before: { passwordSet: true }, after: { passwordSet: true } },
    ]);
  });

  it("refuses an admin setting an owner's password, and a support user setting anyone else's", async () => {
    const { ownerKey, ownerId } = await tenantWithOwner("sn");
    const admin = await keyWithRole(app, ownerKey, "admin");
    const r = await call<ErrorAnswer>(app, "POST", `/v1/users/${ownerId}/password`, {
      key: admin,
      body: { password: "an admin's try 1" },
    });
    expect(r.status).toBe(403);
    const support = await keyWithRole(app, ownerKey, "support");
    expect(
      (
        await call(app, "POST", `/v1/users/${ownerId}/password`, {
          key: support,
          body: { password: "support try 12" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(app, "POST", "/v1/users/usr_nobody/password", {
          key: ownerKey,
          body: { password: "x".repeat(12) },
        })
      ).status,
    ).toBe(404);
    expect((await signIn("sn", "owner@sn.example", PASSWORD)).status).toBe(201);
  });

  it("cannot set a password in another tenant", async () => {
    const a = await tenantWithOwner("so");
    const b = await tenantWithOwner("sp");
    const r = await call(app, "POST", `/v1/users/${b.ownerId}/password`, {
      key: a.ownerKey,
      body: { password: "cross tenant 12" },
    });
    expect(r.status).toBe(404);
    expect((await signIn("sp", "owner@sp.example", PASSWORD)).status).toBe(201);
  });
});

// bootstrap from the shared helpers makes owners without passwords: such an owner cannot sign in.
it("an owner bootstrapped without a password cannot sign in", async () => {
  await bootstrap(app, "sq", "boot");
  expect((await signIn("sq", "owner@sq.example", "")).status).toBe(422);
  expect((await signIn("sq", "owner@sq.example", PASSWORD)).status).toBe(401);
});
