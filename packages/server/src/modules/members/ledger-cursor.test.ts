// The ledger history's cursor only says where a page starts: the running balance on every page is the ledger's,
// whatever a client puts in the cursor, and a cursor that is not a position in the member's history is refused.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import type { LedgerEntry, LedgerPage } from "./reads.ts";

const TOKEN = "bootstrap-token-for-tests";
/** Opening the embedded database takes a while on a busy machine. */
const HOOK_TIMEOUT_MS = 120_000;
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-06T09:00:00Z") });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  // M1: five orders, a hold and a return; M2: one order, whose postings are no position in M1's history.
  for (const [i, price] of ["18500.00", "5000.00", "7000.00", "3000.00", "12000.00"].entries()) {
    await send(order("M1", `10${i}`, `2026-03-0${i + 1}`, price));
  }
  expect(
    (await call(app, "POST", "/v1/redemptions", { key, body: { memberId: "M1", points: 40 } })).status,
  ).toBe(201);
  await send({
    type: "return",
    externalId: "R1",
    orderId: "101",
    date: "2026-03-05",
    lines: [{ sku: "A", unitPrice: "5000.00", quantity: 1 }],
  });
  await send(order("M2", "200", "2026-03-02", "9000.00"));
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await t.drop();
});

async function send(body: object): Promise<void> {
  expect((await call(app, "POST", "/v1/events", { key, body })).status).toBe(201);
}

const order = (companyId: string, orderId: string, date: string, price: string) => ({
  type: "order",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
});

const ledger = (member: string, limit: number, cursor?: string) =>
  call<LedgerPage & ErrorAnswer>(
    app,
    "GET",
    `/v1/members/${member}/ledger?limit=${limit}${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
    { key },
  );

const cursorOf = (fields: object) => Buffer.from(JSON.stringify(fields)).toString("base64url");
const fieldsOf = (cursor: string | null): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor ?? "", "base64url").toString("utf8"));

/** The whole history in one page: the balances every smaller page must agree with. */
async function history(member: string): Promise<LedgerEntry[]> {
  const all = await ledger(member, 100);
  expect(all.status).toBe(200);
  expect(all.body.nextCursor).toBeNull();
  return all.body.data;
}

describe("ledger history cursor", () => {
  it("pages of any size show the balances of the history read in one page", async () => {
    const whole = await history("M1");
    expect(whole.length).toBeGreaterThanOrEqual(7);
    for (const limit of [1, 2, 3]) {
      const seen: LedgerEntry[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages <= whole.length; pages++) {
        const page = await ledger("M1", limit, cursor);
        expect(page.status).toBe(200);
        seen.push(...page.body.data);
        if (page.body.nextCursor === null) break;
        cursor = page.body.nextCursor;
      }
      expect(seen, `limit ${limit}`).toEqual(whole);
    }
  });

  it("a cursor names a position only: a balance put in it is refused, naming cursor", async () => {
    const first = await ledger("M1", 2);
    const fields = fieldsOf(first.body.nextCursor);
    for (const tampered of [
      { ...fields, b: 1 },
      { t: fields.t, s: fields.s, extra: true },
    ]) {
      const r = await ledger("M1", 2, cursorOf(tampered));
      expect(r.body.data?.map((e) => e.balance) ?? [], JSON.stringify(tampered)).not.toContain(1);
      expect(r.status, JSON.stringify(tampered)).toBe(422);
      expect(r.body.error).toMatchObject({ code: "validation_failed", field: "cursor" });
    }
    expect(Object.keys(fields).sort()).toEqual(["s", "t"]);
  });

  it("a cursor made by hand at a real position shows the ledger's balances from there", async () => {
    const whole = await history("M1");
    const at = whole[3] as LedgerEntry;
    const page = await ledger("M1", 2, cursorOf({ t: at.transactionId, s: at.seq }));
    expect(page.status).toBe(200);
    expect(page.body.data).toEqual(whole.slice(4, 6));
  });

  it("refuses a cursor that is no posting of the member's accounts", async () => {
    // M1's own cursor on M2's history would start M2's page at M1's position.
    const given = await ledger("M1", 2);
    const reused = await ledger("M2", 2, given.body.nextCursor ?? "");
    expect(reused.status).toBe(422);
    expect(reused.body.error.field).toBe("cursor");
    const other = (await history("M2"))[0] as LedgerEntry;
    const own = (await history("M1"))[0] as LedgerEntry;
    for (const fields of [
      { t: other.transactionId, s: other.seq }, // another member's posting
      { t: own.transactionId, s: own.seq + 100 }, // no such posting
      { t: "txn_0000000000000000000000000", s: 0 },
      { t: own.transactionId, s: "1" },
    ]) {
      const r = await ledger("M1", 2, cursorOf(fields));
      expect(r.status, JSON.stringify(fields)).toBe(422);
      expect(r.body.error.field).toBe("cursor");
    }
  });
});
