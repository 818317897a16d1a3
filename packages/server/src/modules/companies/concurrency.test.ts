// Companies and contacts under concurrent requests, on the PostgreSQL server only (the embedded database runs
// one transaction at a time): no cycle from two moves at once, one owner of an email, one company per id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
const ROUNDS = 5;
const CLIENTS = 10;

describe("concurrent changes", () => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  let owner: string;

  beforeAll(async () => {
    t = await testDb();
    app = createApp({ db: t.db, bootstrapToken: TOKEN });
    owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  });

  afterAll(async () => {
    await t.drop();
  });

  it("two companies each made the other's parent at once: exactly one move succeeds", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [`A${round}`, `B${round}`];
      for (const id of [a, b])
        await call(app, "POST", "/v1/companies", { key: owner, body: { id, name: id } });
      const moves = await Promise.all([
        call(app, "PATCH", `/v1/companies/${a}`, { key: owner, body: { parentId: b } }),
        call(app, "PATCH", `/v1/companies/${b}`, { key: owner, body: { parentId: a } }),
      ]);
      expect(
        moves.map((m) => m.status).sort((x, y) => x - y),
        `round ${round}`,
      ).toEqual([200, 422]);
      const parents = await t.db.query<{ id: string; parent_id: string | null }>(
        "SELECT id, parent_id FROM members WHERE tenant_id = 'acme' AND id IN ($1, $2) ORDER BY id",
        [a, b],
      );
      expect(parents.rows.filter((r) => r.parent_id !== null)).toHaveLength(1);
    }
  });

  it(`${CLIENTS} contacts created at once with one email: one is created, the others are 409 on email`, async () => {
    await call(app, "POST", "/v1/companies", { key: owner, body: { id: "E", name: "E" } });
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        call<{ error?: { field: string } }>(app, "POST", "/v1/companies/E/contacts", {
          key: owner,
          body: { name: `Person ${i}`, email: i % 2 ? "same@e.example" : "SAME@e.example" },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.status === 409 && a.body.error?.field === "email")).toBe(true);
    const rows = await t.db.query(
      "SELECT 1 FROM contacts WHERE tenant_id = 'acme' AND lower(email) = 'same@e.example'",
    );
    expect(rows.rows).toHaveLength(1);
  });

  it(`${CLIENTS} upserts of one new company id at once: one creates it, the others change it`, async () => {
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        call(app, "POST", "/v1/companies", { key: owner, body: { id: "RACE", name: `Name ${i}` } }),
      ),
    );
    expect(answers.map((a) => a.status).sort((x, y) => y - x)).toEqual([
      201,
      ...Array(CLIENTS - 1).fill(200),
    ]);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE tenant_id = 'acme' AND target = 'RACE'",
    );
    expect(audit.rows.filter((r) => r.action === "company.create")).toHaveLength(1);
  });
});
