// Paid memberships over HTTP: a BahnCard-like plan (220 for a year → 50% off) bought by staff and in the
// portal, applied by the engine to quotes and orders during its year and not after, renewed, cancelled with a
// pro-rata refund, paid in points through the ledger, and reported as fees in and benefits out.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { staffWithKey } from "../companies/testing.ts";
import { verify } from "../ledger/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
);

interface Plan {
  id: string;
  fee: string;
  discountRate: string;
  feePoints: number | null;
}
interface Membership {
  id: string;
  companyId: string;
  startsOn: string;
  endsOn: string;
  status: string;
  refund: string;
  refundPoints: number;
}
interface Quote {
  gross: string;
  discount: string;
  net: string;
  pointsEarned: number;
  effects: { code: string }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let clock = new Date("2026-03-01T09:00:00Z");
let owner = "";
let buyerKey = "";
let bahncard: Plan;

const post = <T>(key: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call<T & ErrorAnswer>(app, "POST", path, {
    key,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

function ticket(orderId: string, date: string, companyId = "C1") {
  return {
    type: "order",
    orderId,
    date,
    companyId,
    lines: [{ sku: "TICKET", category: "tickets", quantity: 1, unitPrice: "100.00" }],
  };
}

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  buyerKey = await keyWithRole(app, owner, "support");
  expect((await post(owner, "/v1/programs", { definition: program })).status).toBe(201);
  for (const c of ["C1", "C2"]) {
    expect((await post(owner, "/v1/companies", { id: c, name: `Company ${c}` })).status).toBe(201);
  }
  const plan = await post<Plan>(owner, "/v1/membership-plans", {
    name: "BahnCard 50",
    fee: "220",
    periodDays: 365,
    discountRate: "50%",
    priorityService: true,
  });
  expect(plan.status).toBe(201);
  bahncard = plan.body;
}, 120_000);
afterAll(() => t.drop());

describe("paid memberships", () => {
  it("a plan of 220 for a year gives 50% off during its year and not after", async () => {
    expect(bahncard).toMatchObject({ fee: "220.00", discountRate: "50%", feePoints: null });
    const before = await post<Quote>(owner, "/v1/quote", ticket("q0", "2026-03-01"));
    expect(before.body.discount).toBe("0.00");
    const bought = await post<Membership>(
      owner,
      "/v1/memberships",
      { companyId: "C1", planId: bahncard.id },
      {
        "idempotency-key": "buy-1",
      },
    );
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({ startsOn: "2026-03-01", endsOn: "2027-02-28", status: "active" });
    const again = await post<Membership>(
      owner,
      "/v1/memberships",
      { companyId: "C1", planId: bahncard.id },
      {
        "idempotency-key": "buy-1",
      },
    );
    expect(again.body.id).toBe(bought.body.id);

    const during = await post<Quote>(owner, "/v1/quote", ticket("q1", "2026-06-01"));
    expect(during.body).toMatchObject({ gross: "100.00", discount: "50.00", net: "50.00" });
    expect(during.body.effects.map((e) => e.code)).toContain("term.membership");
    const lastDay = await post<Quote>(owner, "/v1/quote", ticket("q2", "2027-02-28"));
    expect(lastDay.body.discount).toBe("50.00");
    const after = await post<Quote>(owner, "/v1/quote", ticket("q3", "2027-03-01"));
    expect(after.body.discount).toBe("0.00");
    const other = await post<Quote>(owner, "/v1/quote", ticket("q4", "2026-06-01", "C2"));
    expect(other.body.discount).toBe("0.00");

    // Orders: ten tickets of 100 in the year save 500 against the fee of 220.
    for (let i = 0; i < 10; i++) {
      const r = await post<{ result: { discount: string } }>(
        owner,
        "/v1/events",
        ticket(`T${i}`, `2026-04-1${i}`),
      );
      expect(r.status).toBe(201);
      expect(r.body.result.discount).toBe("50.00");
    }
    const late = await post<{ result: { discount: string } }>(
      owner,
      "/v1/events",
      ticket("T-late", "2027-03-02"),
    );
    expect(late.body.result.discount).toBe("0.00");
    const report = await call<{
      plans: { feesIn: string; discountsGiven: string; orders: number; net: string }[];
    }>(app, "GET", "/v1/reports/memberships?from=2026-01-01&to=2027-12-31", { key: owner });
    expect(report.status).toBe(200);
    expect(report.body.plans[0]).toMatchObject({
      feesIn: "220.00",
      discountsGiven: "500.00",
      orders: 10,
      net: "-280.00",
    });
  });

  it("a quote reads the member, its history, balance and membership in one database round trip", async () => {
    let queries = 0;
    const db = new Proxy(t.db, {
      get(target, prop) {
        if (prop === "query")
          return (...args: Parameters<typeof target.query>) => {
            queries++;
            return target.query(...args);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const counted = createApp({ db, bootstrapToken: TOKEN, now: () => clock, webDir: null });
    const quote = () =>
      call<Quote>(counted, "POST", "/v1/quote", { key: owner, body: ticket("q-rt", "2026-06-01") });
    expect((await quote()).status).toBe(200); // the API key and program versions are cached after this one
    queries = 0;
    const q = await quote();
    expect(q.body).toMatchObject({ discount: "50.00", net: "50.00" });
    expect(queries).toBe(1);
  });

  it("a renewal starts the day after the current year, and a cancellation refunds the unused days", async () => {
    const list = await call<{ data: Membership[] }>(app, "GET", "/v1/memberships?companyId=C1", {
      key: owner,
    });
    const first = list.body.data[0] as Membership;
    const renewed = await post<Membership>(owner, `/v1/memberships/${first.id}/renew`);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ startsOn: "2027-03-01", endsOn: "2028-02-28" });
    // Cancelled on 2026-09-02: 2026-09-02 … 2027-02-28 is 180 unused days of 365 → 220 × 180 ÷ 365 = 108.49.
    clock = new Date("2026-09-02T09:00:00Z");
    const cancelled = await post<Membership>(owner, `/v1/memberships/${first.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", endsOn: "2026-09-01", refund: "108.49" });
    const twice = await post<Membership>(owner, `/v1/memberships/${first.id}/cancel`);
    expect(twice.status).toBe(409);
    // The renewal not begun gives its whole fee back.
    const whole = await post<Membership>(owner, `/v1/memberships/${renewed.body.id}/cancel`);
    expect(whole.body.refund).toBe("220.00");
    const q = await post<Quote>(owner, "/v1/quote", ticket("q5", "2026-09-02"));
    expect(q.body.discount).toBe("0.00");
    const audit = await call<{ data: { action: string }[] }>(app, "GET", "/v1/audit-log?limit=50", {
      key: owner,
    });
    const actions = audit.body.data.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["membership.buy", "membership.renew", "membership.cancel"]),
    );
    clock = new Date("2026-03-01T09:00:00Z");
  });

  it("a fee in points goes through the ledger, and is refused beyond the wallet", async () => {
    const plan = await post<Plan>(owner, "/v1/membership-plans", {
      name: "Priority club",
      fee: "0",
      feePoints: 40,
      periodDays: 30,
      discountRate: "5%",
      refund: "none",
    });
    expect(plan.status).toBe(201);
    // C2 earned 1% of 5,000 = 50 points.
    const order = await post(owner, "/v1/events", {
      type: "order",
      orderId: "P1",
      date: "2026-02-20",
      companyId: "C2",
      lines: [{ sku: "X", category: "goods", quantity: 1, unitPrice: "5000.00" }],
    });
    expect(order.status).toBe(201);
    const wallet = async () =>
      (await call<{ available: number }>(app, "GET", "/v1/members/C2/wallet", { key: owner })).body.available;
    expect(await wallet()).toBe(50);
    const bought = await post<Membership>(owner, "/v1/memberships", {
      companyId: "C2",
      planId: plan.body.id,
    });
    expect(bought.status).toBe(201);
    expect(await wallet()).toBe(10);
    const refused = await post(owner, "/v1/memberships", { companyId: "C2", planId: plan.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("insufficient_points");
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("bad input names the field; roles and scopes hold", async () => {
    const bad = await post(owner, "/v1/membership-plans", {
      name: "X",
      fee: "1",
      periodDays: 0,
      discountRate: "5%",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("periodDays");
    const rate = await post(owner, "/v1/membership-plans", {
      name: "X",
      fee: "1",
      periodDays: 1,
      discountRate: "150%",
    });
    expect(rate.status).toBe(422);
    expect(rate.body.error.field).toBe("discountRate");
    expect(
      (
        await post(buyerKey, "/v1/membership-plans", {
          name: "X",
          fee: "1",
          periodDays: 1,
          discountRate: "5%",
        })
      ).status,
    ).toBe(403);
    expect((await post(owner, "/v1/memberships", { companyId: "NOPE", planId: bahncard.id })).status).toBe(
      404,
    );
    expect((await post(owner, "/v1/memberships", { companyId: "C1", planId: "plan_none" })).status).toBe(404);
    const rep = await staffWithKey(app, owner, "rep@acme.example");
    const foreign = await post(rep.key, "/v1/memberships", { companyId: "C1", planId: bahncard.id });
    expect(foreign.status).toBe(404);
    const other = (await bootstrap(app, "other", TOKEN)).ownerKey;
    const list = await call<{ data: Membership[] }>(app, "GET", "/v1/memberships", { key: other });
    expect(list.body.data).toEqual([]);
  });
});

describe("memberships in the portal", () => {
  let admin = "";
  let buyer = "";

  async function onboard(name: string, role: string): Promise<string> {
    const c = await post<{ id: string }>(owner, "/v1/companies/C2/contacts", {
      name,
      email: `${name}@c2.example`,
      role,
    });
    expect(c.status).toBe(201);
    const inv = await post<{ link: string }>(owner, `/v1/contacts/${c.body.id}/invite`);
    const token = /token=([^&]+)/.exec(inv.body.link)?.[1] as string;
    const r = await call(app, "POST", "/v1/portal/accept-invite", {
      body: { tenant: "acme", token, password: "a portal password" },
      headers: CSRF,
    });
    expect(r.status).toBe(201);
    return `patron_session=${/patron_session=([^;]*)/.exec(r.headers.get("set-cookie") ?? "")?.[1]}`;
  }

  beforeAll(async () => {
    clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    admin = await onboard("ada", "company_admin");
    buyer = await onboard("ben", "buyer");
  });

  const portal = <T>(method: string, path: string, cookie: string, body?: unknown) =>
    call<T & ErrorAnswer>(app, method, path, {
      headers: { cookie, ...CSRF },
      ...(body === undefined ? {} : { body }),
    });

  it("the company's admin buys, the quote shows the discount, a buyer may not buy", async () => {
    const cart = { lines: [{ sku: "TICKET", category: "tickets", quantity: 2, unitPrice: "100.00" }] };
    const before = await portal<Quote>("POST", "/v1/portal/quote", buyer, cart);
    expect(before.status).toBe(200);
    expect(before.body.discount).toBe("0.00");
    expect((await portal("POST", "/v1/portal/memberships", buyer, { planId: bahncard.id })).status).toBe(403);
    const bought = await portal<Membership>("POST", "/v1/portal/memberships", admin, { planId: bahncard.id });
    expect(bought.status).toBe(201);
    expect(bought.body.companyId).toBe("C2");
    const after = await portal<Quote>("POST", "/v1/portal/quote", buyer, cart);
    expect(after.body).toMatchObject({ gross: "200.00", discount: "100.00", net: "100.00" });
    const seen = await portal<{ plans: Plan[]; memberships: Membership[] }>(
      "GET",
      "/v1/portal/memberships",
      buyer,
    );
    expect(seen.body.memberships.map((m) => m.id)).toContain(bought.body.id);
    const c1 = await call<{ data: Membership[] }>(app, "GET", "/v1/memberships?companyId=C1", { key: owner });
    const foreign = c1.body.data[0] as Membership;
    expect((await portal("POST", `/v1/portal/memberships/${foreign.id}/cancel`, admin)).status).toBe(404);
    expect((await portal("POST", `/v1/portal/memberships/${bought.body.id}/cancel`, buyer)).status).toBe(403);
    const cancelled = await portal<Membership>(
      "POST",
      `/v1/portal/memberships/${bought.body.id}/cancel`,
      admin,
    );
    expect(cancelled.body.status).toBe("cancelled");
  });
});
