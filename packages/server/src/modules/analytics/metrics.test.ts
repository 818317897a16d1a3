// Each metric on a small history computed by hand (the arithmetic in the comments), the hold-out assignment's
// stability and share, held-out companies earning nothing, and Welch's lift interval on a constructed sample.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { bucketOf, isHeldOut } from "./holdout.ts";
import { type Metrics, t975, welchLift } from "./metrics.ts";

const PROGRAM = `
id: metrics
name: Metrics
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
`;

const TENANT = "acme";
const SHARE = 0.5;

/** The first two ids of a kind (held out under SHARE, or not): computed, so the test needs no magic ids. */
function pick(heldOut: boolean): [string, string] {
  const out: string[] = [];
  for (let k = 0; out.length < 2; k++)
    if (isHeldOut(TENANT, `C${k}`, SHARE * 10_000) === heldOut) out.push(`C${k}`);
  return out as [string, string];
}
const [P1, P2] = pick(false);
const [H1, H2] = pick(true);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner: string;

beforeAll(async () => {
  t = await testDb();
  app = createApp({
    db: t.db,
    now: () => new Date("2026-04-02T12:00:00Z"),
    bootstrapToken: "m",
    webDir: null,
  });
  owner = (await bootstrap(app, TENANT, "m")).ownerKey;
  const send = async (method: string, path: string, body: unknown) => {
    const r = await call(app, method, path, { key: owner, body });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };
  await send("POST", "/v1/programs", { definition: PROGRAM });
  await send("PUT", "/v1/analytics/holdout", { share: SHARE });
  // Every line costs half its price.
  const order = (orderId: string, date: string, companyId: string, price: string, cost: string) =>
    send("POST", "/v1/events", {
      type: "order",
      orderId,
      date,
      companyId,
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price, unitCost: cost }],
    });
  await order("F1", "2026-02-10", P1, "100.00", "50.00");
  await order("F2", "2026-02-10", H1, "100.00", "50.00");
  await order("F3", "2026-02-12", H2, "100.00", "50.00");
  await order("M1", "2026-03-05", P1, "200.00", "100.00");
  await order("M2", "2026-03-20", P1, "400.00", "200.00");
  await order("M3", "2026-03-07", P2, "300.00", "150.00");
  await order("M4", "2026-03-09", H1, "100.00", "50.00");
});

afterAll(async () => {
  await t.drop();
});

describe("metrics", () => {
  it("gives each metric for participants and the hold-out as computed by hand", async () => {
    const r = await call<Metrics>(app, "GET", "/v1/analytics/metrics?from=2026-03-01&to=2026-03-31", {
      key: owner,
    });
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.metrics.map((m) => [m.key, m.values]));
    // Previous period: 29 Jan – 28 Feb (31 days). Participants: P1 ordered then and twice in March (200 + 400),
    // P2 once in March (300). Hold-out: H1 in February and once in March (100); H2 in February only.
    expect(by.members).toEqual({ participants: 2, holdout: 2 });
    expect(by["active-members"]).toEqual({ participants: 2, holdout: 1 });
    // CRR: of those active in February, active in March: P1 of P1 → 1; H1 of H1, H2 → 0.5. Churn: 0, 0.5.
    expect(by.crr).toEqual({ participants: 1, holdout: 0.5 });
    expect(by.churn).toEqual({ participants: 0, holdout: 0.5 });
    // RPR: P1 of P1, P2 → 0.5; none of H1 → 0. Frequency: 3 / 2 = 1.5; 1 / 1 = 1.
    expect(by.rpr).toEqual({ participants: 0.5, holdout: 0 });
    expect(by["purchase-frequency"]).toEqual({ participants: 1.5, holdout: 1 });
    // Revenue 200 + 400 + 300 = 900.00 over 3 orders → AOV 300.00, 450.00 per active member; hold-out 100.00.
    expect(by.revenue).toEqual({ participants: "900.00", holdout: "100.00" });
    expect(by.aov).toEqual({ participants: "300.00", holdout: "100.00" });
    expect(by["revenue-per-member"]).toEqual({ participants: "450.00", holdout: "100.00" });
    // Margin is half the net: 450.00 / 2 = 225.00; 50.00 / 1.
    expect(by["gross-margin-per-member"]).toEqual({ participants: "225.00", holdout: "50.00" });
    // LTV = margin per member / churn: participants churn 0 → none; hold-out 50.00 / 0.5 = 100.00.
    expect(by.ltv).toEqual({ participants: null, holdout: "100.00" });
    // 10% of 900.00 = 90 points; the hold-out earns nothing. Nothing spent or expired.
    expect(by["points-issued"]).toEqual({ participants: 90, holdout: 0 });
    expect(by["points-spent"]).toEqual({ participants: 0, holdout: 0 });
    expect(by["redemption-rate"]).toEqual({ participants: 0, holdout: null });
    expect(by.breakage).toEqual({ participants: 0, holdout: null });
    // Owed on 31 March: P1's 10 points of February + 90 = 100 points × 1.00 RUB.
    expect(by["outstanding-liability"]).toEqual({ participants: "100.00", holdout: "0.00" });
    // Cost: no discounts + 90 points × 1.00 = 90.00. ROI: incremental margin (225.00 − 50.00) × 2 = 350.00;
    // (350 − 90) / 90 = 2.8889.
    expect(by["program-cost"]).toEqual({ participants: "90.00", holdout: "0.00" });
    expect(by.roi).toEqual({ participants: 2.8889, holdout: null });
    expect(r.body.metrics.find((m) => m.key === "crr")?.definition).toBe("docs/metrics.md#crr");
    // One active hold-out member: too few for an interval.
    expect(r.body.lift.every((l) => l.value === null)).toBe(true);
    expect(r.body.holdoutShare).toBe(0.5);
  });

  it("cuts the period to a program version and filters by segment", async () => {
    const v = await call<Metrics>(
      app,
      "GET",
      "/v1/analytics/metrics?from=2026-03-01&to=2026-03-31&version=1",
      {
        key: owner,
      },
    );
    expect(v.body.from).toBe("2026-03-01");
    const none = await call<Metrics>(app, "GET", "/v1/analytics/metrics?segment=nobody", { key: owner });
    expect(none.body.metrics.find((m) => m.key === "members")?.values).toEqual({
      participants: 0,
      holdout: null,
    });
    const bad = await call<ErrorAnswer>(app, "GET", "/v1/analytics/metrics?version=7", { key: owner });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("version");
  });

  it("lets only owners, admins and program managers set the hold-out, which is audited", async () => {
    const finance = await keyWithRole(app, owner, "finance");
    const refused = await call(app, "PUT", "/v1/analytics/holdout", { key: finance, body: { share: 0.2 } });
    expect(refused.status).toBe(403);
    const tooBig = await call<ErrorAnswer>(app, "PUT", "/v1/analytics/holdout", {
      key: owner,
      body: { share: 0.6 },
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error.field).toBe("share");
    const audit = await call<{ data: { action: string; after: unknown }[] }>(
      app,
      "GET",
      "/v1/audit-log?action=holdout.update",
      { key: owner },
    );
    expect(audit.body.data.map((e) => e.after)).toEqual([{ share: 0.5 }]);
  });
});

describe("the hold-out assignment", () => {
  it("is stable, and close to the share over many companies", () => {
    const ids = Array.from({ length: 20_000 }, (_, k) => `company-${k}`);
    const first = ids.map((id) => isHeldOut("t1", id, 1000));
    expect(ids.map((id) => isHeldOut("t1", id, 1000))).toEqual(first);
    // 10% of 20,000 = 2,000; the binomial standard deviation is √(20,000 × 0.1 × 0.9) ≈ 42: within 4 of them.
    const held = first.filter(Boolean).length;
    expect(Math.abs(held - 2000)).toBeLessThan(170);
    // A larger share keeps everyone a smaller one held out (the buckets do not move).
    expect(ids.every((id, k) => !first[k] || isHeldOut("t1", id, 2000))).toBe(true);
    expect(ids.some((id) => bucketOf("t1", id) !== bucketOf("t2", id))).toBe(true);
  });
});

describe("lift", () => {
  it("has Welch's interval on a constructed sample", () => {
    // Participants 1, 3, 1, 3, … (50 values): mean 2, variance 50/49; hold-out 0, 2, … (50): mean 1, same
    // variance. SE = √(2 × (50/49) / 50) = √(2/49) = 0.20203; df = 98, t(0.975, 98) = 1.9845.
    // Lift = (2 − 1) / 1 = 1; interval 1 ± 1.9845 × 0.20203 = 1 ± 0.4009.
    const p = Array.from({ length: 50 }, (_, k) => (k % 2 === 0 ? 1 : 3));
    const h = Array.from({ length: 50 }, (_, k) => (k % 2 === 0 ? 0 : 2));
    expect(t975(98)).toBeCloseTo(1.9845, 3);
    expect(welchLift(p, h)).toEqual({ value: 1, low: 0.5991, high: 1.4009 });
    expect(welchLift([1], h)).toBeNull();
  });
});
