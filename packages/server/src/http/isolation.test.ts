// Tenant isolation over the whole route table: another tenant's owner key, calling every route with the ids
// of this tenant's real objects, gets 403 or 404 or its own data, never this tenant's, and changes nothing of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "../modules/ledger/service.ts";
import { type TestDb, testDb } from "../testing/db.ts";
import { createApp } from "./app.ts";
import {
  BOOTSTRAP_TOKEN,
  CLOCK,
  coverageGaps,
  documentedRoutes,
  ROUTES,
  type RouteCall,
  type Seeded,
  seedTenant,
  tenantFingerprint,
  tenantTables,
} from "./routes.testing.ts";
import { call } from "./testing.ts";

/** Opening the embedded database and seeding two tenants takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
/** Failed sign-ins are counted against the tenant signed into, whoever tries: that is the point of counting. */
const WRITTEN_BY_ANYONE = new Set(["login_failures"]);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let alpha: Seeded;
let bravo: Seeded;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: BOOTSTRAP_TOKEN, now: () => CLOCK, webDir: null });
  alpha = await seedTenant(app, "alpha");
  bravo = await seedTenant(app, "bravo");
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await t?.drop();
});

function url(c: RouteCall): string {
  return c.query ? `${c.path}?${new URLSearchParams(c.query)}` : c.path;
}

/** The secrets of `owner` found in an answer, leaving out what the request itself named. */
function leaked(owner: Seeded, c: RouteCall, text: string): string[] {
  const asked = url(c) + JSON.stringify(c.body ?? null);
  return owner.secrets.filter((s) => text.includes(s) && !asked.includes(s));
}

describe("tenant isolation", () => {
  it("the route table covers every route of the OpenAPI document, and nothing else", () => {
    const gaps = coverageGaps(documentedRoutes(app));
    expect(
      gaps.uncovered,
      "add these routes to ROUTES in http/routes.testing.ts, with calls that name another tenant's objects",
    ).toEqual([]);
    expect(gaps.stale, "these ROUTES entries name routes that are gone").toEqual([]);
  });

  it("another tenant's key gets 403, 404 or its own data from every route, and changes nothing", async () => {
    const tables = (await tenantTables(t.db)).filter((x) => !WRITTEN_BY_ANYONE.has(x));
    const before = await tenantFingerprint(t.db, tables, alpha.id);
    const problems: string[] = [];
    let calls = 0;
    for (const route of documentedRoutes(app)) {
      const entry = ROUTES[route.key];
      if (!entry) continue; // reported by the coverage test
      for (const c of entry.calls(alpha)) {
        calls++;
        const r = await call<Record<string, unknown>>(app, route.method, url(c), {
          key: bravo.key,
          ...(c.body === undefined ? {} : { body: c.body }),
          ...(c.headers ? { headers: c.headers } : {}),
        });
        const text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
        const where = `${route.method} ${url(c)} → ${r.status} ${text.slice(0, 300)}`;
        const secrets = leaked(alpha, c, text);
        if (secrets.length > 0) problems.push(`${where}: shows ${secrets.join(", ")}`);
        if (r.status >= 500) problems.push(`${where}: a server error`);
        const iso = entry.isolation;
        if (iso.kind === "refused" && !(iso.statuses ?? [403, 404]).includes(r.status))
          problems.push(`${where}: expected ${(iso.statuses ?? [403, 404]).join(" or ")}`);
        if (
          iso.kind === "filtered" &&
          (r.status !== 200 || (r.body.data as unknown[] | undefined)?.length !== 0)
        )
          problems.push(`${where}: expected 200 with an empty list`);
        if (iso.kind === "batch") {
          const results = r.body.results as { ok: boolean; status: number }[] | undefined;
          if (r.status !== 200 || !results?.every((x) => !x.ok && (x.status === 404 || x.status === 422)))
            problems.push(`${where}: expected every entry refused with 404 or 422`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(Object.keys(ROUTES).length);
    expect(await tenantFingerprint(t.db, tables, alpha.id)).toEqual(before);
    expect((await verify(t.db, alpha.id)).differences).toEqual([]);
    expect((await verify(t.db, bravo.id)).differences).toEqual([]);
  });

  it("the owner's own key still reads everything the walk probed", async () => {
    // The walk's ids are real: with the right key they answer 200, so its 404s came from isolation.
    for (const path of [
      `/v1/companies/${alpha.companyId}`,
      `/v1/contacts/${alpha.contactId}`,
      `/v1/redemptions/${alpha.holdId}`,
      `/v1/programs/${alpha.draftId}`,
      `/v1/members/${alpha.companyId}/wallet`,
    ]) {
      const r = await call(app, "GET", path, { key: alpha.key });
      expect(r.status, path).toBe(200);
    }
    const adjustments = await call<{ data: { id: string }[] }>(app, "GET", "/v1/adjustments", {
      key: alpha.key,
    });
    expect(adjustments.body.data.map((a) => a.id)).toContain(alpha.adjustmentId);
  });
});
