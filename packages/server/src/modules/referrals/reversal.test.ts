// The referral link and the reversal of a referral: a portal contact of a new company applies the code of the
// link it came with, and its first order (sent without a code) is priced with it; a referred order returned in
// full takes the referrer's credit back through the ledger (available or still pending), a partial return
// keeps it. Example 11's program, crediting at once; a second tenant credits after payment.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import type { Wallet } from "../members/reads.ts";
import { CSRF_HEADER } from "../sessions/cookie.ts";

const TOKEN = "bootstrap-token-for-tests";
const atOnce = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/11-codes.yaml", import.meta.url)),
  "utf8",
);
const afterPayment = `${atOnce.replace("referrerPoints: 1000", "referrerPoints: 1000\n    credit: afterPayment")}
pending: { untilPaid: true, returnWindowDays: 14 }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
const keys: Record<string, string> = {};
const clock = new Date("2026-02-01T09:00:00Z");

type Effects = { code: string; params: Record<string, unknown> }[];

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  for (const [tenant, definition] of [
    ["acme", atOnce],
    ["later", afterPayment],
  ] as const) {
    const key = (await bootstrap(app, tenant, TOKEN)).ownerKey;
    keys[tenant] = key;
    expect((await call(app, "POST", "/v1/programs", { key, body: { definition } })).status).toBe(201);
    for (const [i, id] of ["ALPHA", "BETA", "GAMMA", "DELTA"].entries()) {
      const body = { id, name: id, taxId: `770100000${i}` };
      expect((await call(app, "POST", "/v1/companies", { key, body })).status).toBe(201);
    }
  }
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const order = (tenant: string, orderId: string, companyId: string, date: string, promoCode: string | null) =>
  call<{ result: { discount: string; effects: Effects } }>(app, "POST", "/v1/events", {
    key: keys[tenant] as string,
    body: {
      type: "order",
      orderId,
      date,
      companyId,
      lines: [{ sku: "A", category: "goods", quantity: 2, unitPrice: "5000.00" }],
      promoCode,
    },
  });
const giveBack = (tenant: string, externalId: string, orderId: string, date: string, quantity: number) =>
  call<{ result: { effects: Effects } }>(app, "POST", "/v1/events", {
    key: keys[tenant] as string,
    body: {
      type: "return",
      externalId,
      orderId,
      date,
      lines: [{ sku: "A", unitPrice: "5000.00", quantity }],
    },
  });
const wallet = async (tenant: string, id: string) =>
  (await call<Wallet>(app, "GET", `/v1/members/${id}/wallet`, { key: keys[tenant] as string })).body;

/** Invites a contact of the company and signs it in to the portal: its session cookie. */
async function portalSession(tenant: string, companyId: string): Promise<string> {
  const key = keys[tenant] as string;
  const contact = await call<{ id: string }>(app, "POST", `/v1/companies/${companyId}/contacts`, {
    key,
    body: { name: `Buyer of ${companyId}`, email: `buyer@${companyId.toLowerCase()}.example`, role: "buyer" },
  });
  expect(contact.status).toBe(201);
  const invited = await call<{ link: string }>(app, "POST", `/v1/contacts/${contact.body.id}/invite`, {
    key,
    body: {},
  });
  const token = /[?&]token=([^&]+)/.exec(invited.body.link)?.[1] as string;
  const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant, token: decodeURIComponent(token), password: "a long enough password" },
    headers: { [CSRF_HEADER]: "1" },
  });
  expect(accepted.status).toBe(201);
  return /patron_session=[^;]*/.exec(accepted.headers.get("set-cookie") ?? "")?.[0] as string;
}

describe("the referral link in the portal", () => {
  it("a new company applies the link's code; its first order without a code gets the referral", async () => {
    const cookie = await portalSession("acme", "GAMMA");
    const apply = (code: string) =>
      call<{ code: string; referrerId: string } & ErrorAnswer>(app, "POST", "/v1/portal/referral/apply", {
        body: { code },
        headers: { [CSRF_HEADER]: "1", cookie },
      });
    const own = await apply("ref-gamma");
    expect(own.status).toBe(422);
    expect(own.body.error.field).toBe("code");
    expect((await apply("REF-NOBODY")).status).toBe(422);
    const ok = await apply("ref-alpha");
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ code: "REF-ALPHA", referrerId: "ALPHA" });

    const first = await order("acme", "g1", "GAMMA", "2026-01-20", null);
    expect(first.status).toBe(201);
    expect(first.body.result.discount).toBe("3000.00");
    expect(first.body.result.effects.map((e) => e.code)).toContain("referral.referrerCredited");
    expect(await wallet("acme", "ALPHA")).toMatchObject({ available: 1000 });
    // A second order is no first order: the kept code does nothing more.
    const second = await order("acme", "g2", "GAMMA", "2026-01-21", null);
    expect(second.body.result.discount).toBe("500.00");
    expect((await apply("ref-alpha")).status).toBe(409);
  });
});

describe("a referral reversed by a return", () => {
  it("a partial return keeps the credit; the return that completes it takes the credit back", async () => {
    expect((await order("acme", "b1", "BETA", "2026-01-22", "REF-ALPHA")).body.result.discount).toBe(
      "3000.00",
    );
    expect(await wallet("acme", "ALPHA")).toMatchObject({ available: 2000 });
    const half = await giveBack("acme", "r1", "b1", "2026-01-23", 1);
    expect(half.status).toBe(201);
    expect(half.body.result.effects.map((e) => e.code)).not.toContain("referral.reversed");
    expect(await wallet("acme", "ALPHA")).toMatchObject({ available: 2000 });
    const rest = await giveBack("acme", "r2", "b1", "2026-01-24", 1);
    expect(rest.status).toBe(201);
    expect(rest.body.result.effects).toContainEqual(
      expect.objectContaining({ code: "referral.reversed", params: { referrer: "ALPHA", points: 1000 } }),
    );
    expect(await wallet("acme", "ALPHA")).toMatchObject({ available: 1000, debt: 0 });
    // Sending the same return again changes nothing.
    expect((await giveBack("acme", "r2", "b1", "2026-01-24", 1)).status).toBe(200);
    expect(await wallet("acme", "ALPHA")).toMatchObject({ available: 1000 });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("a referrer that spent its credit goes into debt where the program allows it", async () => {
    // DELTA is referred by BETA (1,000 at once); BETA spends 600 of them, then DELTA returns everything.
    expect((await order("acme", "d1", "DELTA", "2026-01-25", "REF-BETA")).status).toBe(201);
    const spend = await call(app, "POST", "/v1/events", {
      key: keys.acme as string,
      body: {
        type: "order",
        orderId: "b9",
        date: "2026-01-26",
        companyId: "BETA",
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "700.00" }],
        pointsToRedeem: 600,
      },
    });
    expect(spend.status).toBe(201);
    expect(await wallet("acme", "BETA")).toMatchObject({ available: 400 });
    expect((await giveBack("acme", "r3", "d1", "2026-01-27", 2)).status).toBe(201);
    expect(await wallet("acme", "BETA")).toMatchObject({ available: 0, debt: 600 });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("a credit still pending is voided by the full return", async () => {
    expect((await order("later", "b1", "BETA", "2026-01-22", "REF-ALPHA")).status).toBe(201);
    expect(await wallet("later", "ALPHA")).toMatchObject({ available: 0, pending: 1000 });
    const back = await giveBack("later", "r1", "b1", "2026-01-23", 2);
    expect(back.body.result.effects.map((e) => e.code)).toContain("referral.reversed");
    expect(await wallet("later", "ALPHA")).toMatchObject({ available: 0, pending: 0, debt: 0 });
    expect((await verify(t.db, "later")).differences).toEqual([]);
  });
});
