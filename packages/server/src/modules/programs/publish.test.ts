// Publishing a definition at once (POST /v1/programs): audited with its author and comment, and idempotent
// under an Idempotency-Key like every other mutating route.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";

const TOKEN = "bootstrap-token-for-tests";
const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

interface Published {
  id: string;
  version: number;
  effectiveFrom: string;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;
let ownerKeyId: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN });
  const b = await bootstrap(app, "acme", TOKEN);
  owner = b.ownerKey;
  ownerKeyId = b.answer.apiKey.id;
}, 120_000);
afterAll(async () => {
  await t.drop();
});

async function versions(): Promise<number> {
  const r = await t.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM programs WHERE tenant_id = 'acme' AND status <> 'draft'",
  );
  return r.rows[0]?.n ?? -1;
}

async function audited(): Promise<
  { action: string; actor: string; comment: string | null; after: unknown }[]
> {
  const r = await t.db.query<{ action: string; actor: string; comment: string | null; after: unknown }>(
    "SELECT action, actor, comment, after FROM audit_log WHERE tenant_id = 'acme' AND action LIKE 'program.%' ORDER BY id",
  );
  return r.rows;
}

describe("POST /v1/programs", () => {
  it("writes the audit log with the key that published and the comment", async () => {
    const r = await call<Published>(app, "POST", "/v1/programs", {
      key: owner,
      body: { definition: PROGRAM, comment: "launch" },
    });
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(1);
    const log = await audited();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: "program.publish", actor: ownerKeyId, comment: "launch" });
    expect(log[0]?.after).toMatchObject({ version: 1, effectiveFrom: r.body.effectiveFrom });
  });

  it("takes the comment from the X-Audit-Comment header too", async () => {
    const r = await call<Published>(app, "POST", "/v1/programs", {
      key: owner,
      body: { definition: PROGRAM },
      headers: { "x-audit-comment": "second version" },
    });
    expect(r.status).toBe(201);
    expect((await audited()).at(-1)).toMatchObject({ action: "program.publish", comment: "second version" });
  });

  it("replays the first answer for the same Idempotency-Key and body, and publishes once", async () => {
    const before = await versions();
    const logBefore = (await audited()).length;
    const send = (definition: string) =>
      call<Published & ErrorAnswer>(app, "POST", "/v1/programs", {
        key: owner,
        body: { definition },
        headers: { "idempotency-key": "publish-once" },
      });
    const first = await send(PROGRAM);
    expect(first.status).toBe(201);
    const again = await send(PROGRAM);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await versions()).toBe(before + 1);
    expect((await audited()).length).toBe(logBefore + 1);
    const other = await send(`${PROGRAM}\n# another body\n`);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    expect(await versions()).toBe(before + 1);
  });

  it("stores a refusal under its key, and a refused definition writes nothing", async () => {
    const before = await versions();
    const logBefore = (await audited()).length;
    const send = () =>
      call<ErrorAnswer>(app, "POST", "/v1/programs", {
        key: owner,
        body: { definition: "name: broken\n" },
        headers: { "idempotency-key": "broken-once" },
      });
    const first = await send();
    expect(first.status).toBe(422);
    expect(first.body.error.field).toMatch(/^definition/);
    const again = await send();
    expect(again.status).toBe(422);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.error.message).toBe(first.body.error.message);
    expect(await versions()).toBe(before);
    expect((await audited()).length).toBe(logBefore);
    const drafts = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM programs WHERE tenant_id = 'acme' AND status = 'draft'",
    );
    expect(drafts.rows[0]?.n).toBe(0);
  });
});
