// Referrals through the API with the codes program (example 11) set to credit the referrer after payment:
// the referred company's first order gets 30%; the referrer's 1,000 points wait until that order is paid and
// past its 14-day return window; a cancelled order voids them; related companies cannot refer each other.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { runDailyJobs } from "../../jobs/daily.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import type { Wallet } from "../members/reads.ts";

const TOKEN = "bootstrap-token-for-tests";
const base = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/11-codes.yaml", import.meta.url)),
  "utf8",
);
const program = `${base.replace("referrerPoints: 1000", "referrerPoints: 1000\n    credit: afterPayment")}
pending: { untilPaid: true, returnWindowDays: 14 }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
const clock = new Date("2026-02-01T09:00:00Z");

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  const companies = [
    { id: "ALPHA", name: "Alpha", taxId: "7701000001" },
    { id: "BETA", name: "Beta", taxId: "7701000002" },
    { id: "GAMMA", name: "Gamma", taxId: "7701000003" },
    { id: "ALPHA-TWIN", name: "Alpha again", taxId: "77 0100 0001" },
    { id: "ALPHA-BRANCH", name: "Alpha branch", parentId: "ALPHA" },
    { id: "DELTA", name: "Delta", taxId: "7701000004" },
    { id: "DELTA-MAIL", name: "Delta by mail", taxId: "7701000005" },
  ];
  for (const c of companies)
    expect((await call(app, "POST", "/v1/companies", { key, body: c })).status).toBe(201);
  for (const [company, email] of [
    ["DELTA", "buyer@delta.example"],
    ["DELTA-MAIL", "boss@delta.example"],
    ["BETA", "someone@gmail.com"],
    ["GAMMA", "other@gmail.com"],
  ] as const) {
    const r = await call(app, "POST", `/v1/companies/${company}/contacts`, {
      key,
      body: { name: email, email, role: "buyer" },
    });
    expect(r.status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const order = (orderId: string, companyId: string, date: string, promoCode: string | null) =>
  call<{ result: { discount: string; effects: { code: string; params: Record<string, unknown> }[] } }>(
    app,
    "POST",
    "/v1/events",
    {
      key,
      body: {
        type: "order",
        orderId,
        date,
        companyId,
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "10000.00" }],
        promoCode,
      },
    },
  );
const event = (body: object) => call(app, "POST", "/v1/events", { key, body });
const wallet = async (id: string) =>
  (await call<Wallet>(app, "GET", `/v1/members/${id}/wallet`, { key })).body;
const daily = (date: string) => runDailyJobs(t.db, "acme", parseDay(date) as number);

describe("a referral credited after payment", () => {
  it("credits the referrer only once the referred company's first order is paid and past its return window", async () => {
    const first = await order("b1", "BETA", "2026-02-02", "ref-alpha");
    expect(first.status).toBe(201);
    expect(first.body.result.discount).toBe("3000.00");
    expect(first.body.result.effects).toContainEqual(
      expect.objectContaining({
        code: "referral.referrerPending",
        params: expect.objectContaining({ points: 1000 }),
      }),
    );
    expect(await wallet("ALPHA")).toMatchObject({ available: 0, pending: 1000 });
    await daily("2026-03-31"); // unpaid: nothing matures, however late
    expect(await wallet("ALPHA")).toMatchObject({ available: 0, pending: 1000 });

    expect((await event({ type: "payment", orderId: "b1", date: "2026-02-10" })).status).toBe(201);
    await daily("2026-02-23"); // paid on the 10th + 14 days = the 24th
    expect(await wallet("ALPHA")).toMatchObject({ available: 0, pending: 1000 });
    await daily("2026-02-24");
    expect(await wallet("ALPHA")).toMatchObject({ available: 1000, pending: 0 });

    // A second order of the referred company is no first order: neither discount nor credit.
    const second = await order("b2", "BETA", "2026-02-25", "REF-ALPHA");
    expect(second.body.result.effects.map((e) => e.code)).toContain("referral.notFirstOrder");
    expect(await wallet("ALPHA")).toMatchObject({ available: 1000, pending: 0 });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("voids the referrer's pending credit when the referred order is cancelled", async () => {
    expect((await order("g1", "GAMMA", "2026-02-03", "REF-BETA")).body.result.discount).toBe("3000.00");
    expect(await wallet("BETA")).toMatchObject({ pending: 1000 });
    expect((await event({ type: "cancellation", orderId: "g1", date: "2026-02-04" })).status).toBe(201);
    expect(await wallet("BETA")).toMatchObject({ available: 0, pending: 0 });
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("refuses referrals between related companies: same tax id, parent and branch, same mail domain", async () => {
    for (const [orderId, company, code] of [
      ["t1", "ALPHA-TWIN", "REF-ALPHA"],
      ["t2", "ALPHA-BRANCH", "REF-ALPHA"],
      ["t3", "DELTA-MAIL", "REF-DELTA"],
    ] as const) {
      const check = await call<{ valid: boolean; reason: string }>(app, "POST", "/v1/codes/validate", {
        key,
        body: { code, companyId: company, cartAmount: "10000", date: "2026-02-05" },
      });
      expect(check.body, company).toMatchObject({ valid: false, reason: "related_company" });
      const r = await order(orderId, company, "2026-02-05", code);
      expect(r.body.result.discount, company).toBe("500.00"); // the 5% step only
      expect(r.body.result.effects.map((e) => e.code)).toContain("referral.related");
    }
    expect(await wallet("ALPHA")).toMatchObject({ available: 1000, pending: 0 });
    expect(await wallet("DELTA")).toMatchObject({ available: 0, pending: 0 });
    // Sharing a public mail provider relates nobody: Gamma (gmail) was referred by Beta (gmail) above.
  });
});
