// Companies through the API: create and upsert, the holding hierarchy, search and paging, segments, companies
// made by their first order, roles, tenants, and a sales manager limited to own clients.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { Company, CompanyDetail } from "./service.ts";
import { MAX_HIERARCHY_DEPTH } from "./service.ts";
import { type Staff, staffWithKey } from "./testing.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

interface Page {
  data: Company[];
  nextCursor: string | null;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let other: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  other = (await bootstrap(app, "globex", TOKEN)).ownerKey;
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t.drop();
});

const create = (key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call<Company & ErrorAnswer>(app, "POST", "/v1/companies", { key, body, headers });
const patch = (key: string, id: string, body: Record<string, unknown>) =>
  call<Company & ErrorAnswer>(app, "PATCH", `/v1/companies/${encodeURIComponent(id)}`, { key, body });
const list = (key: string, query: string) => call<Page>(app, "GET", `/v1/companies?${query}`, { key });

describe("creating and changing companies", () => {
  it("creates a company with a new cmp_ id, and changes it when posted again with that id", async () => {
    const made = await create(owner, {
      name: "Northwind Traders",
      taxId: "7707083893",
      segment: "horeca",
      region: "north",
      joinedOn: "2025-06-01",
      attributes: { industry: "food", employees: 40 },
      comment: "signed at the fair",
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: "Northwind Traders",
      taxId: "7707083893",
      parentId: null,
      segment: "horeca",
      joinedOn: "2025-06-01",
      attributes: { industry: "food", employees: 40 },
      tier: null,
      orderCount: 0,
    });
    expect(made.body.id).toMatch(/^cmp_[0-9a-z]{26}$/);

    const again = await create(owner, { id: made.body.id, name: "Northwind Traders Ltd", region: null });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ name: "Northwind Traders Ltd", region: null, segment: "horeca" });

    const audit = await t.db.query<{
      action: string;
      comment: string | null;
      before: unknown;
      after: unknown;
    }>(
      "SELECT action, comment, before, after FROM audit_log WHERE tenant_id = 'acme' AND target = $1 ORDER BY action",
      [made.body.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["company.create", "company.update"]);
    expect(audit.rows[0]?.comment).toBe("signed at the fair");
    expect(audit.rows[1]?.before).toEqual({ name: "Northwind Traders", region: "north" });
    expect(audit.rows[1]?.after).toEqual({ name: "Northwind Traders Ltd", region: null });
  });

  it("a change that changes nothing writes no audit entry", async () => {
    const made = await create(owner, { id: "SAME-1", name: "Same" });
    const before = await t.db.query("SELECT 1 FROM audit_log WHERE tenant_id = 'acme' AND target = 'SAME-1'");
    const r = await patch(owner, "SAME-1", { name: "Same" });
    expect(r.status).toBe(200);
    expect(r.body.updatedAt).toBe(made.body.updatedAt);
    const after = await t.db.query("SELECT 1 FROM audit_log WHERE tenant_id = 'acme' AND target = 'SAME-1'");
    expect(after.rows.length).toBe(before.rows.length);
  });

  it("replays a create under the same Idempotency-Key, as 201, and refuses the key for another body", async () => {
    const headers = { "idempotency-key": "cmp-create-1" };
    const first = await create(owner, { id: "IDEM-1", name: "Idem" }, headers);
    const second = await create(owner, { id: "IDEM-1", name: "Idem" }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    const third = await create(owner, { id: "IDEM-1", name: "Other" }, headers);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe("idempotency_conflict");
  });

  it("names the field at fault, and writes nothing", async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ taxId: "1" }, "name", 422],
      [{ name: "X", joinedOn: "2026-02-30" }, "joinedOn", 422],
      [{ name: "X", salesRepId: "usr_nobody" }, "salesRepId", 422],
      [{ name: "X", parentId: "NOPE" }, "parentId", 422],
      [{ name: "X", colour: "red" }, "colour", 422],
      [{ name: "X", attributes: { nested: { a: 1 } } }, "attributes.nested", 422],
    ];
    const count = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM members WHERE tenant_id = 'acme'"))
        .rows[0]?.n;
    const before = await count();
    for (const [body, field, status] of cases) {
      const r = await create(owner, body);
      expect(r.status, field).toBe(status);
      expect(r.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it("PATCH of an unknown company is 404 on the field id", async () => {
    const r = await patch(owner, "NOBODY", { segment: "x" });
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "not_found", field: "id" });
  });
});

describe("the hierarchy", () => {
  it("shows a holding's subsidiaries, and refuses a parent that would close a cycle, naming parentId", async () => {
    await create(owner, { id: "H", name: "Holding" });
    await create(owner, { id: "H-1", name: "Branch 1", parentId: "H" });
    await create(owner, { id: "H-1-a", name: "Branch 1a", parentId: "H-1" });
    await create(owner, { id: "H-2", name: "Branch 2", parentId: "H" });

    const holding = await call<CompanyDetail>(app, "GET", "/v1/companies/H", { key: owner });
    expect(holding.body.children).toEqual([
      { id: "H-1", name: "Branch 1" },
      { id: "H-2", name: "Branch 2" },
    ]);
    expect(holding.body.childCount).toBe(2);

    const cycle = await patch(owner, "H", { parentId: "H-1-a" });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error).toMatchObject({ code: "validation_failed", field: "parentId" });
    expect(cycle.body.error.message).toContain("cycle");
    const self = await patch(owner, "H-1", { parentId: "H-1" });
    expect(self.status).toBe(422);
    expect(self.body.error.field).toBe("parentId");
    // Nothing was written: H is still a root.
    expect((await call<Company>(app, "GET", "/v1/companies/H", { key: owner })).body.parentId).toBeNull();

    // Moving a branch under its sibling is fine.
    const moved = await patch(owner, "H-2", { parentId: "H-1" });
    expect(moved.status).toBe(200);
    const children = await list(owner, "parentId=H-1");
    expect(children.body.data.map((c) => c.id)).toEqual(["H-1-a", "H-2"]);
  });

  it(`allows ${MAX_HIERARCHY_DEPTH} levels and refuses one more`, async () => {
    for (let i = 0; i < MAX_HIERARCHY_DEPTH; i++) {
      const r = await create(owner, {
        id: `D${i}`,
        name: `Level ${i}`,
        ...(i > 0 ? { parentId: `D${i - 1}` } : {}),
      });
      expect(r.status, `level ${i}`).toBe(201);
    }
    const deeper = await create(owner, {
      id: "D-too-deep",
      name: "Too deep",
      parentId: `D${MAX_HIERARCHY_DEPTH - 1}`,
    });
    expect(deeper.status).toBe(422);
    expect(deeper.body.error.field).toBe("parentId");
    // Hanging a two-level tree under level 8 would make 11 levels too.
    await create(owner, { id: "T", name: "Tree" });
    await create(owner, { id: "T-1", name: "Tree branch", parentId: "T" });
    const tree = await patch(owner, "T", { parentId: `D${MAX_HIERARCHY_DEPTH - 2}` });
    expect(tree.status).toBe(422);
    expect(tree.body.error.field).toBe("parentId");
  });
});

describe("finding companies", () => {
  beforeAll(async () => {
    const companies = [
      { id: "S-001", name: "Alpha Foods", taxId: "5001000001", segment: "retail", region: "east" },
      { id: "S-002", name: "alpine Supplies", taxId: "5001000002", segment: "retail", region: "west" },
      { id: "S-003", name: "Beta 100% Hardware", taxId: "6002000003", segment: "horeca", region: "east" },
      { id: "S-004", name: "Gamma_Tools", taxId: "6002000004", segment: "wholesale", region: "east" },
      { id: "s-005", name: "Delta", taxId: null, segment: null, region: "west" },
    ];
    for (const c of companies) expect((await create(other, c)).status).toBe(201);
  }, HOOK_TIMEOUT_MS);

  it("matches the start of the name, id or tax id, in any case", async () => {
    const ids = async (q: string) =>
      (await list(other, `q=${encodeURIComponent(q)}`)).body.data.map((c) => c.id);
    expect(await ids("ALP")).toEqual(["S-001", "S-002"]);
    expect(await ids("s-00")).toEqual(["S-001", "S-002", "S-003", "S-004", "s-005"]);
    expect(await ids("6002")).toEqual(["S-003", "S-004"]);
    expect(await ids("foods")).toEqual([]); // a prefix, not a substring
    // LIKE's wildcards are taken literally.
    expect(await ids("Beta 100%")).toEqual(["S-003"]);
    expect(await ids("Beta 1%")).toEqual([]);
    expect(await ids("gamma_")).toEqual(["S-004"]);
    expect(await ids("gamma%")).toEqual([]);
  });

  it("filters by segment and region, and pages through every match once", async () => {
    const east = await list(other, "region=east&segment=retail");
    expect(east.body.data.map((c) => c.id)).toEqual(["S-001"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r: { body: Page } = await list(other, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.data.map((c) => c.id));
      cursor = r.body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(["S-001", "S-002", "S-003", "S-004", "s-005"]);
  });

  it("lists the distinct segments with their counts", async () => {
    const r = await call<{ data: { segment: string; companies: number }[] }>(app, "GET", "/v1/segments", {
      key: other,
    });
    expect(r.body.data).toEqual([
      { segment: "horeca", companies: 1 },
      { segment: "retail", companies: 2 },
      { segment: "wholesale", companies: 1 },
    ]);
  });

  it("a bad query parameter names itself", async () => {
    const r = await call<ErrorAnswer>(app, "GET", "/v1/companies?limit=0", { key: other });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("limit");
  });
});

describe("companies made by their first order", () => {
  it("show up like the others, and take a name without becoming new", async () => {
    const pk = await keyWithRole(app, other, "program_manager");
    expect((await call(app, "POST", "/v1/programs", { key: pk, body: { definition: program } })).status).toBe(
      201,
    );
    const order = await call(app, "POST", "/v1/events", {
      key: pk,
      body: {
        type: "order",
        orderId: "o-1",
        date: "2026-03-01",
        companyId: "ERP-77",
        lines: [{ sku: "A", quantity: 1, unitPrice: "1000.00" }],
      },
    });
    expect(order.status).toBe(201);
    const found = await list(other, "q=erp");
    expect(found.body.data).toEqual([
      expect.objectContaining({
        id: "ERP-77",
        name: null,
        orderCount: 1,
        tier: "base",
        lastOrderOn: "2026-03-01",
      }),
    ]);
    const detail = await call<CompanyDetail>(app, "GET", "/v1/companies/ERP-77", { key: other });
    expect(detail.body.wallet).toEqual({ available: 10, pending: 0, nextExpiry: null });
    // It joined on its first order's day.
    expect(detail.body).toMatchObject({
      joinedOn: "2026-03-01",
      enrolledOn: null,
      firstOrderOn: "2026-03-01",
    });

    const named = await create(other, { id: "ERP-77", name: "Seventy Seven", segment: "retail" });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ name: "Seventy Seven", orderCount: 1, tier: "base" });
  });
});

describe("since when a company buys", () => {
  it("a company made by hand without dates has its first order's day, the earliest whatever the order they came in", async () => {
    expect((await create(other, { id: "HAND-1", name: "Made by hand" })).status).toBe(201);
    const before = await call<CompanyDetail>(app, "GET", "/v1/companies/HAND-1", { key: other });
    expect(before.body).toMatchObject({ joinedOn: null, enrolledOn: null, firstOrderOn: null });
    for (const [orderId, date] of [
      ["h-2", "2026-03-05"],
      ["h-1", "2026-02-10"],
    ] as const) {
      const order = await call(app, "POST", "/v1/events", {
        key: other,
        body: {
          type: "order",
          orderId,
          date,
          companyId: "HAND-1",
          lines: [{ sku: "A", quantity: 1, unitPrice: "10.00" }],
        },
      });
      expect(order.status, orderId).toBe(201);
    }
    const after = await call<CompanyDetail>(app, "GET", "/v1/companies/HAND-1", { key: other });
    // It joined on the day of the first order it sent, as a company made by its first order does.
    expect(after.body).toMatchObject({
      joinedOn: "2026-03-05",
      enrolledOn: null,
      firstOrderOn: "2026-02-10",
    });
  });

  it("a company added without dates joins on its first order's day, alone or in a batch; one added with a day keeps it", async () => {
    for (const [id, joinedOn] of [
      ["HAND-2", undefined],
      ["HAND-3", undefined],
      ["HAND-4", "2026-01-20"],
    ] as const) {
      const made = await create(other, { id, name: id, ...(joinedOn ? { joinedOn } : {}) });
      expect(made.status, id).toBe(201);
    }
    const order = (orderId: string, companyId: string, date: string) => ({
      type: "order",
      orderId,
      date,
      companyId,
      lines: [{ sku: "A", quantity: 1, unitPrice: "10.00" }],
    });
    expect(
      (await call(app, "POST", "/v1/events", { key: other, body: order("j-2", "HAND-2", "2026-02-11") }))
        .status,
    ).toBe(201);
    const batch = await call<{ taken: number }>(app, "POST", "/v1/events/batch", {
      key: other,
      body: { events: [order("j-3", "HAND-3", "2026-02-12"), order("j-4", "HAND-4", "2026-02-13")] },
    });
    expect(batch.body.taken).toBe(2);
    const joined = async (id: string) =>
      (await call<CompanyDetail>(app, "GET", `/v1/companies/${id}`, { key: other })).body.joinedOn;
    expect([await joined("HAND-2"), await joined("HAND-3"), await joined("HAND-4")]).toEqual([
      "2026-02-11",
      "2026-02-12",
      "2026-01-20",
    ]);
  });
});

describe("roles and tenants", () => {
  it("a program manager reads but may not write; finance may not read", async () => {
    const pm = await keyWithRole(app, owner, "program_manager");
    expect((await list(pm, "")).status).toBe(200);
    expect((await create(pm, { name: "X" })).status).toBe(403);
    const finance = await keyWithRole(app, owner, "finance");
    expect((await list(finance, "")).status).toBe(403);
    const support = await keyWithRole(app, owner, "support");
    expect((await create(support, { name: "By support" })).status).toBe(201);
  });

  it("another tenant's key finds nothing of this tenant's companies", async () => {
    expect((await call(app, "GET", "/v1/companies/H", { key: other })).status).toBe(404);
    expect((await patch(other, "H", { segment: "stolen" })).status).toBe(404);
    expect((await list(other, "q=Holding")).body.data).toEqual([]);
    // Posting its id makes a company of the other tenant's own, leaving this one alone.
    expect((await create(other, { id: "H", name: "Globex H" })).status).toBe(201);
    expect((await call<Company>(app, "GET", "/v1/companies/H", { key: owner })).body.name).toBe("Holding");
    // A parent in another tenant does not exist.
    const r = await create(other, { id: "G-1", name: "G", parentId: "H-1" });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("parentId");
  });
});

describe("a sales manager", () => {
  let ana: Staff;
  let bob: Staff;

  beforeAll(async () => {
    ana = await staffWithKey(app, owner, "ana@acme.example");
    bob = await staffWithKey(app, owner, "bob@acme.example");
    await create(owner, { id: "ANA-1", name: "Ana's client", salesRepId: ana.userId, segment: "vip" });
    await create(owner, { id: "ANA-1-b", name: "Ana's client's branch", parentId: "ANA-1" });
    await create(owner, { id: "ANA-1-b-x", name: "A branch of the branch", parentId: "ANA-1-b" });
    await create(owner, { id: "BOB-1", name: "Bob's client", salesRepId: bob.userId, segment: "vip" });
    await create(owner, { id: "BOB-1-b", name: "Bob's client's branch", parentId: "BOB-1", segment: "vip" });
  }, HOOK_TIMEOUT_MS);

  it("sees only own clients and their subsidiaries", async () => {
    const r = await list(ana.key, "limit=200");
    expect(r.body.data.map((c) => c.id)).toEqual(["ANA-1", "ANA-1-b", "ANA-1-b-x"]);
    expect((await call(app, "GET", "/v1/companies/ANA-1-b-x", { key: ana.key })).status).toBe(200);
    const segments = await call<{ data: unknown[] }>(app, "GET", "/v1/segments", { key: ana.key });
    expect(segments.body.data).toEqual([{ segment: "vip", companies: 1 }]);
  });

  it("gets 404, not 403, for another rep's client, and changes nothing there", async () => {
    for (const id of ["BOB-1", "BOB-1-b"]) {
      const get = await call<ErrorAnswer>(app, "GET", `/v1/companies/${id}`, { key: ana.key });
      expect(get.status, id).toBe(404);
      expect(get.body.error.code).toBe("not_found");
      expect((await patch(ana.key, id, { segment: "mine" })).status).toBe(404);
      expect((await create(ana.key, { id, name: "Mine now" })).status).toBe(404);
      const contacts = await call(app, "GET", `/v1/companies/${id}/contacts`, { key: ana.key });
      expect(contacts.status).toBe(404);
    }
    expect((await call<Company>(app, "GET", "/v1/companies/BOB-1", { key: owner })).body).toMatchObject({
      name: "Bob's client",
      segment: "vip",
    });
    // Nor can another rep's client become the parent of an own one.
    const parent = await patch(ana.key, "ANA-1-b", { parentId: "BOB-1" });
    expect(parent.status).toBe(422);
    expect(parent.body.error.field).toBe("parentId");
  });

  it("reads the wallet, ledger and tier of own clients only: another rep's client answers 404", async () => {
    for (const path of ["wallet", "ledger", "tier"]) {
      const own = await call(app, "GET", `/v1/members/ANA-1-b/${path}`, { key: ana.key });
      expect(own.status, `${path} ${JSON.stringify(own.body)}`).not.toBe(404);
      const other = await call<ErrorAnswer>(app, "GET", `/v1/members/BOB-1/${path}`, { key: ana.key });
      expect(other.status, path).toBe(404);
      expect(other.body.error.code).toBe("not_found");
      expect((await call(app, "GET", `/v1/members/BOB-1/${path}`, { key: owner })).status, path).not.toBe(
        404,
      );
    }
  });

  it("makes new clients own, and may not give one to someone else", async () => {
    const made = await create(ana.key, { id: "ANA-2", name: "New for Ana" });
    expect(made.status).toBe(201);
    expect(made.body.salesRepId).toBe(ana.userId);
    const given = await patch(ana.key, "ANA-2", { salesRepId: bob.userId });
    expect(given.status).toBe(403);
    expect(given.body.error.field).toBe("salesRepId");
    const forBob = await create(ana.key, { id: "ANA-3", name: "For Bob", salesRepId: bob.userId });
    expect(forBob.status).toBe(403);
    expect((await call(app, "GET", "/v1/companies/ANA-3", { key: owner })).status).toBe(404);
  });

  it("whose key acts for no user sees nothing and creates nothing", async () => {
    const loose = await keyWithRole(app, owner, "sales_manager");
    expect((await list(loose, "")).body.data).toEqual([]);
    expect((await call(app, "GET", "/v1/companies/ANA-1", { key: loose })).status).toBe(404);
    expect((await create(loose, { name: "Orphan" })).status).toBe(403);
  });

  it("a key made for a user must carry the user's role", async () => {
    const r = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: owner,
      body: { role: "admin", userId: ana.userId },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe("role");
    const unknown = await call<ErrorAnswer>(app, "POST", "/v1/api-keys", {
      key: owner,
      body: { role: "sales_manager", userId: "usr_nobody" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe("userId");
  });
});
