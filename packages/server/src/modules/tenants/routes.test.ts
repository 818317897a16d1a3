// Tenancy through the API: bootstrap, API keys, users, roles, and one tenant never seeing another's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import {
  type Bootstrapped,
  bootstrap,
  call,
  type ErrorAnswer,
  keyWithRole,
  type NewKey,
} from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";

interface KeyPage {
  data: NewKey[];
  nextCursor: string | null;
}

interface User {
  id: string;
  email: string;
  name: string;
  role: string;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let acme: string;
let globex: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  acme = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  globex = (await bootstrap(app, "globex", TOKEN)).ownerKey;
});

afterAll(async () => {
  await t.drop();
});

describe("bootstrap", () => {
  it("a deployment without a bootstrap token accepts its first tenant and refuses a second", async () => {
    const fresh = await testDb();
    try {
      const open = createApp({ db: fresh.db });
      const first = await call<Bootstrapped>(open, "POST", "/v1/tenants", {
        body: {
          id: "first",
          name: "First",
          owner: { email: "o@first.example", name: "O", password: "a long passphrase" },
        },
      });
      expect(first.status).toBe(201);
      expect(first.body.tenant).toMatchObject({ id: "first", name: "First" });
      expect(first.body.owner).toMatchObject({ email: "o@first.example", role: "owner" });
      expect(first.body.apiKey).toMatchObject({
        role: "owner",
        revokedAt: null,
        createdBy: first.body.owner.id,
      });
      expect(first.body.apiKey.secret).toMatch(/^ptn_first_[A-Za-z0-9_-]{43}$/);
      const hash = await fresh.db.query<{ password_hash: string }>("SELECT password_hash FROM users");
      expect(hash.rows[0]?.password_hash).toMatch(/^scrypt\$/);

      const second = await call<ErrorAnswer>(open, "POST", "/v1/tenants", {
        body: { id: "second", name: "Second", owner: { email: "o@second.example", name: "O" } },
      });
      expect(second.status).toBe(403);
      expect(second.body.error.code).toBe("forbidden");
    } finally {
      await fresh.drop();
    }
  });

  it("with a bootstrap token configured, a request without it or with another gets 401", async () => {
    const body = { id: "intruder", name: "X", owner: { email: "x@x.example", name: "X" } };
    const without = await call<ErrorAnswer>(app, "POST", "/v1/tenants", { body });
    expect(without.status).toBe(401);
    expect(without.body.error).toMatchObject({ code: "unauthorized", field: "authorization" });
    const wrong = await call<ErrorAnswer>(app, "POST", "/v1/tenants", { key: "not-the-token", body });
    expect(wrong.status).toBe(401);
    // The token is checked before the body, so a stranger learns nothing of what the body should be.
    expect((await call(app, "POST", "/v1/tenants", { body: {} })).status).toBe(401);
    // An API key is not a bootstrap token either.
    const apiKey = await call<ErrorAnswer>(app, "POST", "/v1/tenants", { key: acme, body });
    expect(apiKey.status).toBe(401);
  });

  it("a taken tenant id is a conflict on the field id", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/tenants", {
      key: TOKEN,
      body: { id: "acme", name: "Again", owner: { email: "o@again.example", name: "O" } },
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "conflict", field: "id" });
  });

  it("an invalid tenant id names the field and the pattern", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/tenants", {
      key: TOKEN,
      body: { id: "Not A Slug", name: "X", owner: { email: "o@x.example", name: "O" } },
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed", field: "id" });
    expect(r.body.error.message).toContain("must match");
  });
});

describe("API keys", () => {
  it("are created with the secret shown once, listed without it, and work at once", async () => {
    const made = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: acme,
      body: { role: "program_manager", name: "campaigns" },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: "program_manager", name: "campaigns", revokedAt: null });
    expect(made.body.secret?.startsWith(made.body.prefix)).toBe(true);

    const list = await call<KeyPage>(app, "GET", "/v1/api-keys", { key: acme });
    expect(list.status).toBe(200);
    const listed = list.body.data.find((k) => k.id === made.body.id);
    expect(listed).toMatchObject({ prefix: made.body.prefix, role: "program_manager" });
    expect(listed).not.toHaveProperty("secret");
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);

    // A program manager's key authenticates, though it may not manage keys.
    const byNewKey = await call<ErrorAnswer>(app, "GET", "/v1/api-keys", { key: made.body.secret ?? "" });
    expect(byNewKey.status).toBe(403);
  });

  it("a revoked key gets 401, and revoking it again changes nothing", async () => {
    const admin = await call<NewKey>(app, "POST", "/v1/api-keys", { key: acme, body: { role: "admin" } });
    const secret = admin.body.secret ?? "";
    expect((await call(app, "GET", "/v1/api-keys", { key: secret })).status).toBe(200);

    const revoked = await call<NewKey>(app, "DELETE", `/v1/api-keys/${admin.body.id}`, {
      key: acme,
      headers: { "x-audit-comment": "laptop lost" },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();

    const after = await call<ErrorAnswer>(app, "GET", "/v1/api-keys", { key: secret });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");

    const again = await call<NewKey>(app, "DELETE", `/v1/api-keys/${admin.body.id}`, { key: acme });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const rows = await t.db.query(
      "SELECT 1 FROM audit_log WHERE tenant_id = 'acme' AND action = 'api_key.revoke' AND target = $1",
      [admin.body.id],
    );
    expect(rows.rows).toHaveLength(1);
  });

  it("an unknown key id is 404 on the field id", async () => {
    const r = await call<ErrorAnswer>(app, "DELETE", "/v1/api-keys/key_nothing", { key: acme });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "not_found", field: "id" });
  });

  it("the last owner key cannot be revoked; once there is another, it can", async () => {
    const b = await bootstrap(app, "solo", TOKEN);
    const self = b.answer.apiKey.id;
    const last = await call<ErrorAnswer>(app, "DELETE", `/v1/api-keys/${self}`, { key: b.ownerKey });
    expect(last.status).toBe(409);
    expect(last.body.error).toMatchObject({ code: "conflict", field: "id" });

    const second = await keyWithRole(app, b.ownerKey, "owner");
    const ok = await call<NewKey>(app, "DELETE", `/v1/api-keys/${self}`, { key: second });
    expect(ok.status).toBe(200);
    expect((await call(app, "GET", "/v1/users", { key: b.ownerKey })).status).toBe(401);
  });

  it("malformed, unknown and missing bearer tokens all get 401", async () => {
    for (const key of ["", "garbage", `ptn_acme_${"A".repeat(43)}`, `ptn_nobody_${"B".repeat(43)}`]) {
      const r = await call<ErrorAnswer>(app, "GET", "/v1/api-keys", {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(r.status, key).toBe(401);
    }
    expect((await call(app, "GET", "/v1/api-keys")).status).toBe(401);
  });
});

describe("roles", () => {
  it("a support key cannot create keys or users, nor read them", async () => {
    const support = await keyWithRole(app, acme, "support");
    const key = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: support,
      body: { role: "support" },
    });
    expect(key.status).toBe(403);
    expect(key.body.error.code).toBe("forbidden");
    const user = await call(app, "POST", "/v1/users", {
      key: support,
      body: { email: "s@acme.example", name: "S", role: "support" },
    });
    expect(user.status).toBe(403);
    expect((await call(app, "GET", "/v1/users", { key: support })).status).toBe(403);
    expect((await call(app, "GET", "/v1/audit-log", { key: support })).status).toBe(403);
  });

  it("an admin manages keys and users but cannot grant or revoke the owner role", async () => {
    const admin = await keyWithRole(app, acme, "admin");
    const finance = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: admin,
      body: { role: "finance" },
    });
    expect(finance.status).toBe(201);

    const ownerKey = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: admin,
      body: { role: "owner" },
    });
    expect(ownerKey.status).toBe(403);
    expect(ownerKey.body.error.field).toBe("role");
    const ownerUser = await call<ErrorAnswer>(app, "POST", "/v1/users", {
      key: admin,
      body: { email: "boss@acme.example", name: "Boss", role: "owner" },
    });
    expect(ownerUser.status).toBe(403);

    const keys = await call<KeyPage>(app, "GET", "/v1/api-keys", { key: admin, headers: {} });
    const anOwnerKey = keys.body.data.find((k) => k.role === "owner" && k.revokedAt === null);
    const revoke = await call(app, "DELETE", `/v1/api-keys/${anOwnerKey?.id}`, { key: admin });
    expect(revoke.status).toBe(403);
  });
});

describe("users", () => {
  it("are created and listed without their password", async () => {
    const r = await call<User>(app, "POST", "/v1/users", {
      key: acme,
      body: {
        email: "Maria@Acme.example",
        name: "Maria",
        role: "finance",
        password: "correct horse battery",
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: "Maria@Acme.example", name: "Maria", role: "finance" });
    const list = await call<{ data: User[] }>(app, "GET", "/v1/users", { key: acme });
    expect(list.body.data.map((u) => u.email)).toContain("Maria@Acme.example");
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/);
  });

  it("an email taken in any case is a conflict on the field email", async () => {
    await call(app, "POST", "/v1/users", {
      key: acme,
      body: { email: "dup@acme.example", name: "A", role: "support" },
    });
    const r = await call<ErrorAnswer>(app, "POST", "/v1/users", {
      key: acme,
      body: { email: "DUP@acme.example", name: "B", role: "support" },
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "conflict", field: "email" });
  });

  it("a user without an email is refused, naming the field", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/users", {
      key: acme,
      body: { name: "Nobody", role: "support" },
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({
      code: "validation_failed",
      field: "email",
      message: "email is required",
    });
  });

  it("other invalid fields are named too: a bad email, a short password, an unknown role, an unknown field", async () => {
    const base = { email: "ok@acme.example", name: "Ok", role: "support" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: "not-an-email" }, "email"],
      [{ ...base, password: "short" }, "password"],
      [{ ...base, role: "emperor" }, "role"],
      [{ ...base, emial: "typo@acme.example" }, "emial"],
      [{ ...base, name: 42 }, "name"],
    ];
    for (const [body, field] of cases) {
      const r = await call<ErrorAnswer>(app, "POST", "/v1/users", { key: acme, body });
      expect(r.status, field).toBe(422);
      expect(r.body.error.field, field).toBe(field);
    }
  });

  it("paging walks every user once, in order", async () => {
    for (let i = 0; i < 5; i++) {
      await call(app, "POST", "/v1/users", {
        key: globex,
        body: { email: `u${i}@globex.example`, name: `U${i}`, role: "support" },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`;
      const r: { body: { data: User[]; nextCursor: string | null } } = await call(
        app,
        "GET",
        `/v1/users?limit=2${query}`,
        {
          key: globex,
        },
      );
      seen.push(...r.body.data.map((u) => u.email));
      cursor = r.body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(["owner@globex.example", ...[0, 1, 2, 3, 4].map((i) => `u${i}@globex.example`)]);
  });
});

describe("tenant isolation", () => {
  it("tenant B's key sees none of tenant A's keys, users or audit entries, and cannot revoke A's keys", async () => {
    const aKeys = await call<KeyPage>(app, "GET", "/v1/api-keys", { key: acme });
    const aKeyIds = aKeys.body.data.map((k) => k.id);
    expect(aKeyIds.length).toBeGreaterThan(0);

    const bKeys = await call<KeyPage>(app, "GET", "/v1/api-keys", { key: globex });
    expect(bKeys.body.data.some((k) => aKeyIds.includes(k.id))).toBe(false);
    expect(bKeys.body.data.every((k) => k.prefix.startsWith("ptn_globex_"))).toBe(true);

    const bUsers = await call<{ data: User[] }>(app, "GET", "/v1/users", { key: globex });
    expect(bUsers.body.data.some((u) => u.email.endsWith("acme.example"))).toBe(false);

    const bAudit = await call<{ data: { target: string | null }[] }>(app, "GET", "/v1/audit-log", {
      key: globex,
    });
    expect(bAudit.body.data.length).toBeGreaterThan(0);
    expect(bAudit.body.data.some((e) => e.target !== null && aKeyIds.includes(e.target))).toBe(false);

    const revoke = await call<ErrorAnswer>(app, "DELETE", `/v1/api-keys/${aKeyIds[0]}`, { key: globex });
    expect(revoke.status).toBe(404);
  });

  it("a key whose tenant part is swapped for another tenant does not authenticate", async () => {
    const swapped = acme.replace(/^ptn_acme_/, "ptn_globex_");
    expect((await call(app, "GET", "/v1/api-keys", { key: swapped })).status).toBe(401);
  });
});
