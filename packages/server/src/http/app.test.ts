// The app's edges: health, request ids, the OpenAPI document and its page, and requests that never reach a
// handler (unknown routes, malformed or oversized bodies, wrong content types).
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";
import { BATCH_BODY_LIMIT_BYTES, BODY_LIMIT_BYTES, createApp } from "./app.ts";
import { bootstrap, call, type ErrorAnswer } from "./testing.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: "app-tests" });
  owner = (await bootstrap(app, "acme", "app-tests")).ownerKey;
});

afterAll(async () => {
  await t.drop();
});

interface OpenApiDoc {
  [key: string]: unknown;
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

describe("operations", () => {
  it("/healthz answers when the database does", async () => {
    const r = await call(app, "GET", "/healthz");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok", database: t.db.kind });
  });

  it("every answer carries a request id: the caller's when it gives a plain one, else a new one", async () => {
    const mine = await call(app, "GET", "/healthz", { headers: { "x-request-id": "trace-123" } });
    expect(mine.headers.get("x-request-id")).toBe("trace-123");
    const made = await call(app, "GET", "/healthz", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(made.headers.get("x-request-id")).toMatch(/^req_[0-9a-z]{26}$/);
    const error = await call<ErrorAnswer>(app, "GET", "/v1/nothing-here");
    expect(error.body.error.requestId).toBe(error.headers.get("x-request-id"));
  });
});

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 and lists every route, with the error body and bearer auth", async () => {
    const r = await call<OpenApiDoc>(app, "GET", "/openapi.json");
    expect(r.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(r.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(r.body.openapi).toBe("3.1.0");

    const operations = Object.entries(r.body.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /healthz",
        "GET /readyz",
        "POST /v1/tenants",
        "POST /v1/api-keys",
        "GET /v1/api-keys",
        "DELETE /v1/api-keys/{id}",
        "GET /v1/users",
        "POST /v1/users",
        "GET /v1/audit-log",
        "POST /v1/programs",
        "POST /v1/events",
        "POST /v1/events/batch",
        "POST /v1/quote",
        "GET /v1/members/{id}/wallet",
        "GET /v1/members/{id}/ledger",
        "GET /v1/members/{id}/tier",
        "POST /v1/redemptions",
        "GET /v1/redemptions/{id}",
        "POST /v1/redemptions/{id}/capture",
        "POST /v1/redemptions/{id}/cancel",
        "POST /v1/programs/drafts",
        "PUT /v1/programs/drafts/{id}",
        "POST /v1/programs/drafts/{id}/validate",
        "POST /v1/programs/drafts/{id}/simulate",
        "POST /v1/programs/drafts/{id}/publish",
        "POST /v1/programs/rollback",
        "GET /v1/programs",
        "GET /v1/programs/{version}",
        "GET /v1/settings",
        "PUT /v1/settings",
        "POST /v1/members/{id}/adjustments",
        "POST /v1/adjustments/{id}/approve",
        "POST /v1/adjustments/{id}/reject",
        "GET /v1/adjustments",
        "POST /v1/companies",
        "GET /v1/companies",
        "GET /v1/companies/{id}",
        "PATCH /v1/companies/{id}",
        "POST /v1/companies/{id}/erase",
        "GET /v1/segments",
        "POST /v1/companies/{id}/contacts",
        "GET /v1/companies/{id}/contacts",
        "GET /v1/companies/{id}/notes",
        "POST /v1/companies/{id}/notes",
        "GET /v1/redemptions",
        "GET /v1/contacts/{id}",
        "PATCH /v1/contacts/{id}",
        "DELETE /v1/contacts/{id}",
        "POST /v1/contacts/{id}/erase",
        "POST /v1/sessions",
        "GET /v1/sessions/current",
        "DELETE /v1/sessions/current",
        "POST /v1/users/{id}/password",
        "POST /v1/contacts/{id}/invite",
        "POST /v1/portal/accept-invite",
        "POST /v1/portal/sessions",
        "GET /v1/portal/me",
        "GET /v1/portal/wallet",
        "GET /v1/portal/ledger",
        "GET /v1/portal/redemptions",
        "GET /v1/portal/tier",
        "GET /v1/portal/users",
        "POST /v1/portal/users",
        "GET /v1/notifications/settings",
        "PUT /v1/notifications/settings",
        "GET /v1/notifications/templates",
        "PUT /v1/notifications/templates/{trigger}/{language}",
        "POST /v1/notifications/templates/preview",
        "GET /v1/notifications",
        "POST /v1/email/bounces",
        "GET /v1/email/bounces",
        "POST /v1/email/unsubscribe",
        "GET /v1/contacts/{id}/communication",
        "PUT /v1/contacts/{id}/communication",
        "GET /v1/portal/messages",
        "POST /v1/portal/messages/{id}/read",
        "POST /v1/portal/messages/read-all",
        "GET /v1/portal/preferences",
        "PUT /v1/portal/preferences",
        "POST /v1/surveys",
        "GET /v1/surveys",
        "PATCH /v1/surveys/{id}",
        "GET /v1/surveys/{id}/results",
        "GET /v1/portal/surveys",
        "POST /v1/portal/surveys/{id}/answer",
        "POST /v1/survey-links/read",
        "POST /v1/survey-links/answer",
        "GET /v1/events",
        "GET /v1/events/{id}",
        "GET /v1/analytics/dashboard",
        "GET /v1/analytics/metrics",
        "GET /v1/analytics/holdout",
        "PUT /v1/analytics/holdout",
        "GET /v1/analytics/finance",
        "GET /v1/analytics/cohorts",
        "GET /v1/analytics/nps",
        "GET /v1/analytics/share-of-wallet",
        "POST /v1/analytics/share-of-wallet/import",
        "GET /v1/companies/{id}/category-purchases",
        "PUT /v1/companies/{id}/category-purchases",
        "POST /v1/webhooks/endpoints",
        "GET /v1/webhooks/endpoints",
        "GET /v1/webhooks/endpoints/{id}",
        "PATCH /v1/webhooks/endpoints/{id}",
        "DELETE /v1/webhooks/endpoints/{id}",
        "POST /v1/webhooks/endpoints/{id}/rotate-secret",
        "GET /v1/webhooks/deliveries",
        "GET /v1/webhooks/deliveries/{id}",
        "POST /v1/webhooks/deliveries/{id}/replay",
        "GET /v1/webhooks/messages",
        "POST /v1/webhooks/messages/{id}/replay",
        "POST /v1/code-batches",
        "GET /v1/code-batches",
        "GET /v1/code-batches/{id}",
        "PATCH /v1/code-batches/{id}",
        "POST /v1/code-batches/{id}/import",
        "GET /v1/code-batches/{id}/export",
        "GET /v1/exports/{kind}",
        "POST /v1/imports/{kind}",
        "POST /v1/imports/orders",
        "POST /v1/codes/validate",
        "POST /v1/campaigns",
        "GET /v1/campaigns",
        "GET /v1/campaigns/{id}",
        "PATCH /v1/campaigns/{id}",
        "POST /v1/campaigns/{id}/start",
        "POST /v1/campaigns/{id}/close",
        "POST /v1/campaigns/{id}/notify",
        "POST /v1/campaigns/{id}/copy",
        "GET /v1/campaigns/{id}/leaderboard",
        "GET /v1/portal/campaigns",
        "GET /v1/portal/campaigns/{id}",
        "GET /v1/campaigns/{id}/report",
        "GET /v1/campaigns/{id}/export",
        "POST /v1/rewards",
        "POST /v1/rewards/import",
        "GET /v1/rewards",
        "GET /v1/rewards/{id}",
        "PATCH /v1/rewards/{id}",
        "GET /v1/reward-orders",
        "GET /v1/reward-orders/{id}",
        "POST /v1/reward-orders/{id}/status",
        "GET /v1/portal/rewards",
        "POST /v1/portal/reward-orders",
        "GET /v1/portal/reward-orders",
        "POST /v1/portal/reward-orders/{id}/status",
        "GET /v1/portal/referral",
        "POST /v1/portal/referral/apply",
        "POST /v1/widget/tokens",
        "GET /v1/widget/summary",
        "POST /v1/widget/quote",
        "GET /v1/membership-plans",
        "POST /v1/membership-plans",
        "PATCH /v1/membership-plans/{id}",
        "GET /v1/memberships",
        "POST /v1/memberships",
        "POST /v1/memberships/{id}/renew",
        "POST /v1/memberships/{id}/cancel",
        "GET /v1/reports/memberships",
        "GET /v1/portal/memberships",
        "POST /v1/portal/memberships",
        "POST /v1/portal/memberships/{id}/cancel",
        "POST /v1/portal/quote",
        "GET /v1/discount-limits",
        "PUT /v1/discount-limits",
        "POST /v1/discount-grants",
        "POST /v1/discount-grants/{id}/approve",
        "POST /v1/discount-grants/{id}/reject",
        "POST /v1/discount-grants/{id}/revoke",
        "GET /v1/discount-grants",
        "GET /v1/reports/discount-cost",
        "POST /v1/actions",
        "POST /v1/actions/batch",
        "GET /v1/actions",
        "GET /v1/portal/actions",
        "GET /v1/partners",
        "POST /v1/partners",
        "GET /v1/partners/{id}",
        "GET /v1/partners/{id}/redemptions",
        "PATCH /v1/partners/{id}",
        "POST /v1/partners/{id}/keys",
        "POST /v1/partners/{id}/keys/{keyId}/revoke",
        "GET /v1/partners/settlement",
        "GET /v1/partners/settlement/export",
        "POST /v1/partners/settlement/close",
        "POST /v1/partner/events",
        "GET /v1/partner/orders",
        "GET /v1/partner/members/{id}/wallet",
        "POST /v1/partner/redemptions",
        "GET /v1/partner/redemptions/{id}",
        "POST /v1/partner/redemptions/{id}/capture",
        "POST /v1/partner/redemptions/{id}/cancel",
      ].sort(),
    );
    expect(Object.keys(r.body.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "ApiKey", "NewApiKey", "User", "CreateUser", "AuditEntry"]),
    );
    expect(r.body.components.securitySchemes).toHaveProperty("bearer");
    expect(r.body.paths["/v1/users"]?.post?.responses).toHaveProperty("422");
  });

  it("/docs is an HTML page that renders the document with no outside resources", async () => {
    const r = await call<string>(app, "GET", "/docs");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(r.body).toContain("<!doctype html>");
    expect(r.body).toContain("openapi.json");
    expect(r.body).not.toMatch(/https?:\/\//);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("requests that never reach a handler", () => {
  it("an unknown route is a JSON 404", async () => {
    const r = await call<ErrorAnswer>(app, "GET", "/v1/no-such-thing", { key: owner });
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/application\/json/);
    expect(r.body.error).toMatchObject({ code: "not_found", field: null });
    expect(r.body.error.message).toContain("/v1/no-such-thing");
  });

  it("malformed JSON is a 400 that says where it breaks", async () => {
    const res = await app.request("/v1/users", {
      method: "POST",
      headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
      body: '{"email": "a@b.example",, "name": "A"}',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorAnswer;
    expect(body.error.code).toBe("malformed_json");
    expect(body.error.message).toContain("character 25");
  });

  it("an empty or truncated JSON body is a 400 too", async () => {
    for (const body of ["", '{"email": "a@b.example"']) {
      const res = await app.request("/v1/users", {
        method: "POST",
        headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as ErrorAnswer).error.code).toBe("malformed_json");
    }
  });

  it("a body that is not JSON is a 415 naming the content type", async () => {
    const res = await app.request("/v1/users", {
      method: "POST",
      headers: { authorization: `Bearer ${owner}`, "content-type": "text/plain" },
      body: "email=a@b.example",
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorAnswer).error).toMatchObject({
      code: "unsupported_media_type",
      field: "content-type",
    });
  });

  it("a body over the limit is a 413, whether or not it declares its length", async () => {
    const big = JSON.stringify({ email: "a@b.example", name: "x".repeat(BODY_LIMIT_BYTES), role: "support" });
    const streamed = await app.request("/v1/users", {
      method: "POST",
      headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
      body: big,
    });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as ErrorAnswer).error.code).toBe("payload_too_large");

    const declared = await app.request("/v1/users", {
      method: "POST",
      headers: {
        authorization: `Bearer ${owner}`,
        "content-type": "application/json",
        "content-length": String(big.length),
      },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(BATCH_BODY_LIMIT_BYTES).toBeGreaterThan(BODY_LIMIT_BYTES);
  });

  it("a body just under the limit is read and validated", async () => {
    const name = "x".repeat(BODY_LIMIT_BYTES - 100);
    const r = await call<ErrorAnswer>(app, "POST", "/v1/users", {
      key: owner,
      body: { email: "a@b.example", name, role: "support" },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("name");
  });

  it("a bad query parameter names itself", async () => {
    const r = await call<ErrorAnswer>(app, "GET", "/v1/api-keys?limit=5000", { key: owner });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "validation_failed", field: "limit" });
  });
});
