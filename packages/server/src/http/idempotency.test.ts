// Idempotency-Key: a retry gets the first answer, another request under the same key a conflict, and
// concurrent requests with one key run once.
import { createRoute, z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";
import { createApp } from "./app.ts";
import { newRouter } from "./context.ts";
import { errorHandler } from "./errors.ts";
import { canonicalJson, withIdempotency } from "./idempotency.ts";
import { type Bootstrapped, bootstrap, call, type ErrorAnswer, type NewKey } from "./testing.ts";

const TOKEN = "idempotency-tests";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let other: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  other = (await bootstrap(app, "globex", TOKEN)).ownerKey;
});

afterAll(async () => {
  await t.drop();
});

async function count(sql: string, params: string[] = []): Promise<number> {
  const r = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return r.rows[0]?.n ?? 0;
}

describe("Idempotency-Key", () => {
  it("a retry with the same key and body gets the same answer, marked replayed, and changes nothing more", async () => {
    const req = {
      key: owner,
      body: { role: "finance", name: "ledger export" },
      headers: { "idempotency-key": "k-replay" },
    };
    const first = await call<NewKey>(app, "POST", "/v1/api-keys", req);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const keysAfterFirst = await count("api_keys WHERE tenant_id = 'acme'");

    const again = await call<NewKey>(app, "POST", "/v1/api-keys", req);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // The same key, but its secret was never stored, so a replay cannot show it.
    expect(again.body).toEqual({ ...first.body, secret: null });
    expect(await count("api_keys WHERE tenant_id = 'acme'")).toBe(keysAfterFirst);
    expect(await count("audit_log WHERE tenant_id = 'acme' AND target = $1", [first.body.id])).toBe(1);
  });

  it("the body's key order does not matter", async () => {
    const headers = { "idempotency-key": "k-order" };
    const a = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: owner,
      headers,
      body: { role: "support", name: "x" },
    });
    const b = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: owner,
      headers,
      body: { name: "x", role: "support" },
    });
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
  });

  it("the same key with another body, or on another route, is a 409 idempotency_conflict", async () => {
    const headers = { "idempotency-key": "k-conflict" };
    expect(
      (await call(app, "POST", "/v1/api-keys", { key: owner, headers, body: { role: "support" } })).status,
    ).toBe(201);

    const otherBody = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: owner,
      headers,
      body: { role: "admin" },
    });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error).toMatchObject({ code: "idempotency_conflict", field: "idempotency-key" });

    const otherRoute = await call<ErrorAnswer>(app, "POST", "/v1/users", {
      key: owner,
      headers,
      body: { email: "k@acme.example", name: "K", role: "support" },
    });
    expect(otherRoute.status).toBe(409);
    expect(otherRoute.body.error.code).toBe("idempotency_conflict");
    expect(await count("users WHERE email = 'k@acme.example'")).toBe(0);
  });

  it("a changed audit comment is another request", async () => {
    const req = { key: owner, body: { role: "support" } };
    await call(app, "POST", "/v1/api-keys", {
      ...req,
      headers: { "idempotency-key": "k-comment", "x-audit-comment": "one" },
    });
    const r = await call(app, "POST", "/v1/api-keys", {
      ...req,
      headers: { "idempotency-key": "k-comment", "x-audit-comment": "two" },
    });
    expect(r.status).toBe(409);
  });

  it("keys are per tenant: the same key in two tenants runs in each", async () => {
    const headers = { "idempotency-key": "k-shared" };
    const a = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: owner,
      headers,
      body: { role: "support" },
    });
    const b = await call<NewKey>(app, "POST", "/v1/api-keys", {
      key: other,
      headers,
      body: { role: "support" },
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(b.body.prefix.startsWith("ptn_globex_")).toBe(true);
  });

  it("an expected failure is stored and replayed with the first request's id; nothing of it was written", async () => {
    await call(app, "POST", "/v1/users", {
      key: owner,
      body: { email: "taken@acme.example", name: "T", role: "support" },
    });
    const req = {
      key: owner,
      headers: { "idempotency-key": "k-failed" },
      body: { email: "taken@acme.example", name: "Second", role: "support" },
    };
    const first = await call<ErrorAnswer>(app, "POST", "/v1/users", req);
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe("conflict");
    const again = await call<ErrorAnswer>(app, "POST", "/v1/users", req);
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("x-request-id")).not.toBe(first.body.error.requestId);
    expect(await count("audit_log WHERE tenant_id = 'acme' AND after->>'name' = 'Second'")).toBe(0);
  });

  it("a request refused by validation stores nothing: the corrected request may use the same key", async () => {
    const headers = { "idempotency-key": "k-invalid" };
    const bad = await call(app, "POST", "/v1/users", {
      key: owner,
      headers,
      body: { name: "No Email", role: "support" },
    });
    expect(bad.status).toBe(422);
    const good = await call(app, "POST", "/v1/users", {
      key: owner,
      headers,
      body: { email: "fixed@acme.example", name: "Fixed", role: "support" },
    });
    expect(good.status).toBe(201);
  });

  it("concurrent requests with one key run once; the others replay the answer", async () => {
    const req = {
      key: owner,
      headers: { "idempotency-key": "k-race" },
      body: { email: "race@acme.example", name: "Race", role: "support" },
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call<{ id: string }>(app, "POST", "/v1/users", req)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    expect(await count("users WHERE email = 'race@acme.example'")).toBe(1);
    expect(
      await count("audit_log WHERE tenant_id = 'acme' AND action = 'user.create' AND target = $1", [
        answers[0]?.body.id ?? "",
      ]),
    ).toBe(1);
  });

  it("concurrent requests with one key and different bodies: one runs, the others conflict", async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(app, "POST", "/v1/users", {
          key: owner,
          headers: { "idempotency-key": "k-race-bodies" },
          body: { email: `race${i}@acme.example`, name: "Race", role: "support" },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await count("users WHERE email LIKE 'race_@acme.example'")).toBe(1);
  });

  it("without a key, each request runs", async () => {
    const before = await count("api_keys WHERE tenant_id = 'globex'");
    await call(app, "POST", "/v1/api-keys", { key: other, body: { role: "support" } });
    await call(app, "POST", "/v1/api-keys", { key: other, body: { role: "support" } });
    expect(await count("api_keys WHERE tenant_id = 'globex'")).toBe(before + 2);
  });

  it("a revoke replays its answer", async () => {
    const made = await call<NewKey>(app, "POST", "/v1/api-keys", { key: owner, body: { role: "support" } });
    const req = { key: owner, headers: { "idempotency-key": "k-revoke" } };
    const first = await call<NewKey>(app, "DELETE", `/v1/api-keys/${made.body.id}`, req);
    const again = await call<NewKey>(app, "DELETE", `/v1/api-keys/${made.body.id}`, req);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("a bootstrap replays its answer without the owner key's secret", async () => {
    const req = {
      key: TOKEN,
      headers: { "idempotency-key": "k-bootstrap" },
      body: { id: "initech", name: "Initech", owner: { email: "bill@initech.example", name: "Bill" } },
    };
    const first = await call<Bootstrapped>(app, "POST", "/v1/tenants", req);
    expect(first.status).toBe(201);
    const again = await call<Bootstrapped>(app, "POST", "/v1/tenants", req);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.apiKey).toEqual({ ...first.body.apiKey, secret: null });
    expect(again.body.tenant).toEqual(first.body.tenant);
  });

  it("an invalid key is refused, naming the header", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: owner,
      headers: { "idempotency-key": "x".repeat(256) },
      body: { role: "support" },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("idempotency-key");
  });
});

describe("withIdempotency", () => {
  it("an unexpected failure rolls everything back, key included, so the retry runs", async () => {
    let failures = 1;
    const mini = newRouter();
    mini.use("*", async (c, next) => {
      c.set("requestId", "req_test");
      await next();
    });
    mini.onError(
      errorHandler(
        () => undefined,
        () => "req_test",
      ),
    );
    mini.openapi(
      createRoute({
        method: "post",
        path: "/things",
        request: {
          body: { content: { "application/json": { schema: z.object({ id: z.string() }) } }, required: true },
        },
        responses: {
          201: {
            description: "made",
            content: { "application/json": { schema: z.object({ id: z.string() }) } },
          },
        },
      }),
      async (c) => {
        const input = c.req.valid("json");
        const out = await withIdempotency(
          c,
          { db: t.db, tenantId: "acme", status: 201, input },
          async (tx) => {
            await tx.query("INSERT INTO tenants (id, name) VALUES ($1, 'thing')", [input.id]);
            if (failures-- > 0) throw new Error("the disk is full");
            return { body: { id: input.id } };
          },
        );
        return c.json(out, 201);
      },
    );
    const req = { body: { id: "thing-1" }, headers: { "idempotency-key": "k-crash" } };
    const crashed = await call<ErrorAnswer>(mini, "POST", "/things", req);
    expect(crashed.status).toBe(500);
    expect(crashed.body.error.code).toBe("internal");
    expect(await count("tenants WHERE id = 'thing-1'")).toBe(0);
    expect(await count("idempotency_keys WHERE key = 'k-crash'")).toBe(0);

    const retried = await call(mini, "POST", "/things", req);
    expect(retried.status).toBe(201);
    expect(await count("tenants WHERE id = 'thing-1'")).toBe(1);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order, and drops undefined", () => {
    expect(canonicalJson({ b: [2, 1, { d: 1, c: undefined }], a: "x" })).toBe('{"a":"x","b":[2,1,{"d":1}]}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});
