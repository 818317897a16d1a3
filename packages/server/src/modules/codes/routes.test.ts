// Promo code batches through the API with the codes program (example 11): SKIDKA30's 30% off from 10,000,
// which excludes the steps, handed out as unique codes; limits per code and per company, first order only,
// minimum order, cancellation giving a use back, CSV import and export, the brute-force guard, permissions.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { CODE_ALPHABET, MAX_FAILED_CHECKS } from "./service.ts";

const TOKEN = "bootstrap-token-for-tests";
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/11-codes.yaml", import.meta.url)),
  "utf8",
);

interface Batch {
  id: string;
  kind: string;
  codes: number;
  uses: number;
  companies: number;
  status: string;
  discount: { rate: string; combinable: boolean } | null;
  minOrder: string | null;
}
interface Check {
  valid: boolean;
  reason: string | null;
  code: string;
}
interface OrderAnswer {
  result: { gross: string; discount: string; effects: { code: string; rule?: string }[] };
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;
const clock = new Date("2026-02-10T09:00:00Z");

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "other", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  expect(
    (await call(app, "POST", "/v1/programs", { key: otherKey, body: { definition: program } })).status,
  ).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.drop();
});

const batch = (body: object, k = key) => call<Batch>(app, "POST", "/v1/code-batches", { key: k, body });
const exported = async (id: string) => {
  const r = await call<string>(app, "GET", `/v1/code-batches/${id}/export`, { key });
  expect(r.status).toBe(200);
  return r.body
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0] as string);
};
const order = (
  orderId: string,
  companyId: string,
  price: string,
  promoCode: string | null,
  date = "2026-02-10",
) =>
  call<OrderAnswer>(app, "POST", "/v1/events", {
    key,
    body: {
      type: "order",
      orderId,
      date,
      companyId,
      lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
      promoCode,
    },
  });
const validate = (code: string, companyId: string, cartAmount: string, k = key) =>
  call<Check>(app, "POST", "/v1/codes/validate", { key: k, body: { code, companyId, cartAmount } });

describe("unique codes", () => {
  let codes: string[] = [];
  let batchId = "";

  it("are generated unguessable: 12 symbols of the unambiguous alphabet, all different", async () => {
    const r = await batch({ name: "Spring mailing", kind: "unique", discountId: "skidka30", count: 500 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "unique", codes: 500, uses: 0 });
    expect(r.body.discount).toEqual({ rate: "30%", combinable: false, minGross: "10000.00" });
    batchId = r.body.id;
    codes = await exported(batchId);
    expect(new Set(codes).size).toBe(500);
    const symbol = new RegExp(`^[${CODE_ALPHABET}]{12}$`);
    for (const c of codes) expect(c).toMatch(symbol);
  });

  it("take 30% off an order of 10,000 instead of the steps, since the code excludes other offers", async () => {
    const code = codes[0] as string;
    expect((await validate(code.toLowerCase(), "c1", "10000")).body).toMatchObject({
      valid: true,
      reason: null,
    });
    const r = await order("o1", "c1", "10000.00", code.toLowerCase());
    expect(r.status).toBe(201);
    expect(r.body.result.gross).toBe("10000.00");
    expect(r.body.result.discount).toBe("3000.00");
    const effects = r.body.result.effects;
    expect(effects).toContainEqual(expect.objectContaining({ code: "discount.code", rule: "skidka30" }));
    expect(effects).toContainEqual(expect.objectContaining({ code: "discount.excluded", rule: "steps" }));
  });

  it("serve one order each: a second order with the same code gets the steps and says why", async () => {
    const code = codes[0] as string;
    expect((await validate(code, "c2", "10000")).body).toMatchObject({ valid: false, reason: "used_up" });
    const r = await order("o2", "c2", "10000.00", code);
    expect(r.body.result.discount).toBe("500.00"); // the 5% step
    expect(r.body.result.effects).toContainEqual(expect.objectContaining({ code: "code.batch.used_up" }));
    const b = await call<Batch>(app, "GET", `/v1/code-batches/${batchId}`, { key });
    expect(b.body).toMatchObject({ uses: 1, companies: 1 });
  });

  it("give the use back when the order is cancelled, not when it is returned", async () => {
    const cancel = await call(app, "POST", "/v1/events", {
      key,
      body: { type: "cancellation", orderId: "o1", date: "2026-02-10" },
    });
    expect(cancel.status).toBe(201);
    expect((await validate(codes[0] as string, "c2", "10000")).body.valid).toBe(true);
    expect((await order("o3", "c3", "12000.00", codes[1] as string)).body.result.discount).toBe("3600.00");
    const ret = await call(app, "POST", "/v1/events", {
      key,
      body: {
        type: "return",
        externalId: "r3",
        orderId: "o3",
        date: "2026-02-10",
        lines: [{ sku: "A", unitPrice: "12000.00", quantity: 1 }],
      },
    });
    expect(ret.status).toBe(201);
    expect((await validate(codes[1] as string, "c4", "10000")).body.reason).toBe("used_up");
  });

  it("make the program's own code unknown when typed as it is", async () => {
    expect((await validate("SKIDKA30", "c5", "10000")).body).toMatchObject({
      valid: false,
      reason: "unknown",
    });
    const r = await order("o5", "c5", "10000.00", "SKIDKA30");
    expect(r.body.result.discount).toBe("500.00");
    expect(r.body.result.effects).toContainEqual(expect.objectContaining({ code: "code.unknown" }));
  });

  it("a quote applies a code without using it", async () => {
    const q = await call<{ discount: string }>(app, "POST", "/v1/quote", {
      key,
      body: {
        date: "2026-02-10",
        companyId: "c6",
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "20000" }],
        promoCode: codes[2],
      },
    });
    expect(q.body.discount).toBe("6000.00");
    expect((await validate(codes[2] as string, "c6", "20000")).body.valid).toBe(true);
  });

  it("import from CSV all or nothing, and export", async () => {
    const path = `/v1/code-batches/${batchId}/import`;
    const ok = await call<{ imported: number }>(app, "POST", path, {
      key,
      body: { csv: "code\nPARTNER-0001\npartner-0002\n" },
    });
    expect(ok.body).toEqual({ imported: 2 });
    const dup = await call<ErrorAnswer>(app, "POST", path, {
      key,
      body: { csv: "PARTNER-0003\nPARTNER-0001\n" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain("PARTNER-0001");
    const bad = await call<ErrorAnswer>(app, "POST", path, {
      key,
      body: { csv: "code\nGOOD-0004\nno way!\n" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("csv:3");
    const all = await exported(batchId);
    expect(all).toContain("PARTNER-0002");
    expect(all).not.toContain("PARTNER-0003");
    expect(all).not.toContain("GOOD-0004");
    expect(all.length).toBe(502);
  });
});

describe("shared codes", () => {
  it("limit uses per company, the minimum order and first orders", async () => {
    const r = await batch({
      name: "Fair",
      kind: "shared",
      discountId: "skidka30",
      code: "fair-2026",
      maxUsesPerCompany: 1,
      minOrder: "15000",
      validTo: "2026-02-28",
    });
    expect(r.status).toBe(201);
    expect(r.body.minOrder).toBe("15000.00");
    expect((await validate("FAIR-2026", "s1", "14999.99")).body.reason).toBe("below_minimum");
    expect((await order("s1-o1", "s1", "20000.00", "FAIR-2026")).body.result.discount).toBe("6000.00");
    expect((await validate("FAIR-2026", "s1", "20000")).body.reason).toBe("company_limit");
    expect((await order("s1-o2", "s1", "20000.00", "FAIR-2026")).body.result.discount).toBe("1400.00");
    expect((await order("s2-o1", "s2", "20000.00", "FAIR-2026")).body.result.discount).toBe("6000.00");
    const late = await order("s3-o1", "s3", "20000.00", "FAIR-2026", "2026-03-01");
    expect(late.body.result.effects).toContainEqual(expect.objectContaining({ code: "code.batch.expired" }));

    const first = await batch({
      name: "Welcome",
      kind: "shared",
      discountId: "skidka30",
      code: "WELCOME-1",
      firstOrderOnly: true,
    });
    expect(first.status).toBe(201);
    expect((await validate("WELCOME-1", "s1", "20000")).body.reason).toBe("not_first_order");
    expect((await validate("WELCOME-1", "new-co", "20000")).body.valid).toBe(true);
  });

  it("a cancelled order gives its company's use back; a returned one does not, nor a first order", async () => {
    const r = await batch({
      name: "Once each",
      kind: "shared",
      discountId: "skidka30",
      code: "ONCE-EACH",
      maxUsesPerCompany: 1,
    });
    expect(r.status).toBe(201);
    const ret = (externalId: string, orderId: string) =>
      call(app, "POST", "/v1/events", {
        key,
        body: {
          type: "return",
          externalId,
          orderId,
          date: "2026-02-10",
          lines: [{ sku: "A", unitPrice: "10000.00", quantity: 1 }],
        },
      });
    const cancelled = (orderId: string) =>
      call(app, "POST", "/v1/events", { key, body: { type: "cancellation", orderId, date: "2026-02-10" } });
    // k1 uses its one use, cancels the order: the use is free again, and its next order gets 30% once more.
    expect((await order("k1-o1", "k1", "10000.00", "ONCE-EACH")).body.result.discount).toBe("3000.00");
    expect((await validate("ONCE-EACH", "k1", "10000")).body.reason).toBe("company_limit");
    expect((await cancelled("k1-o1")).status).toBe(201);
    expect((await validate("ONCE-EACH", "k1", "10000")).body.valid).toBe(true);
    expect((await order("k1-o2", "k1", "10000.00", "ONCE-EACH")).body.result.discount).toBe("3000.00");
    // k2's order returned in full keeps the use: the order happened and the discount was had.
    expect((await order("k2-o1", "k2", "10000.00", "ONCE-EACH")).body.result.discount).toBe("3000.00");
    expect((await ret("k2-r1", "k2-o1")).status).toBe(201);
    expect((await validate("ONCE-EACH", "k2", "10000")).body.reason).toBe("company_limit");
    const uses = await call<Batch>(app, "GET", `/v1/code-batches/${r.body.id}`, { key });
    expect(uses.body).toMatchObject({ uses: 2, companies: 2 });

    // A first-order-only code: a cancelled first order leaves the company new; a returned one does not.
    const first = await batch({
      name: "Welcome back",
      kind: "shared",
      discountId: "skidka30",
      code: "WELCOME-2",
      firstOrderOnly: true,
    });
    expect(first.status).toBe(201);
    expect((await order("k3-o1", "k3", "10000.00", "WELCOME-2")).body.result.discount).toBe("3000.00");
    expect((await cancelled("k3-o1")).status).toBe(201);
    expect((await validate("WELCOME-2", "k3", "10000")).body.valid).toBe(true);
    expect((await order("k4-o1", "k4", "10000.00", "WELCOME-2")).body.result.discount).toBe("3000.00");
    expect((await ret("k4-r1", "k4-o1")).status).toBe(201);
    expect((await validate("WELCOME-2", "k4", "10000")).body.reason).toBe("not_first_order");
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("a disabled batch's code answers as unknown, as a code that never existed", async () => {
    const r = await batch({ name: "Old", kind: "shared", discountId: "skidka30", code: "OLD-CODE" });
    const off = await call<Batch>(app, "PATCH", `/v1/code-batches/${r.body.id}`, {
      key,
      body: { status: "disabled", comment: "campaign over" },
    });
    expect(off.body.status).toBe("disabled");
    expect((await validate("OLD-CODE", "d1", "20000")).body).toEqual({
      valid: false,
      reason: "unknown",
      code: "OLD-CODE",
      discount: null,
    });
    const audit = await call<{ data: { action: string; comment: string | null }[] }>(
      app,
      "GET",
      "/v1/audit-log",
      {
        key,
      },
    );
    expect(audit.body.data).toContainEqual(
      expect.objectContaining({ action: "codeBatch.update", comment: "campaign over" }),
    );
  });
});

describe("guards", () => {
  it(`refuses checks with 429 after ${MAX_FAILED_CHECKS} unknown codes for the key`, async () => {
    const guesser = await keyWithRole(app, key, "program_manager");
    for (let i = 0; i < MAX_FAILED_CHECKS; i++) {
      const r = await validate(`GUESS${String(i).padStart(6, "0")}`, `g${i}`, "20000", guesser);
      expect(r.body.reason).toBe("unknown");
    }
    const refused = await validate("GUESS999999", "g-last", "20000", guesser);
    expect(refused.status).toBe(429);
    expect((refused.body as unknown as ErrorAnswer).error.code).toBe("rate_limited");
    // Another key is not held back by this one's guesses.
    expect((await validate("GUESS999999", "g-other", "20000")).status).toBe(200);
  });

  it("refuses bad batches naming the field, changes by other roles, and another tenant's batches", async () => {
    const noCode = await batch({ name: "X", kind: "shared", discountId: "skidka30" });
    expect(noCode.status).toBe(422);
    expect((noCode.body as unknown as ErrorAnswer).error.field).toBe("code");
    const short = await batch({ name: "X", kind: "unique", discountId: "skidka30", count: 5, length: 6 });
    expect((short.body as unknown as ErrorAnswer).error.field).toBe("length");
    // A discount no version of the program has: codes that would give nothing are not handed out.
    const before = await call<{ data: Batch[] }>(app, "GET", "/v1/code-batches", { key });
    const noDiscount = await batch({ name: "X", kind: "unique", discountId: "skidka3O", count: 5 });
    expect(noDiscount.status).toBe(422);
    const noDiscountError = (noDiscount.body as unknown as ErrorAnswer).error;
    expect(noDiscountError.field).toBe("discountId");
    expect(noDiscountError.message).toMatch(/no code discount "skidka3O" \(its code discounts: skidka30\)/);
    const after = await call<{ data: Batch[] }>(app, "GET", "/v1/code-batches", { key });
    expect(after.body.data.length).toBe(before.body.data.length);
    const taken = await batch({ name: "X", kind: "shared", discountId: "skidka30", code: "FAIR-2026" });
    expect(taken.status).toBe(409);
    const support = await keyWithRole(app, key, "support");
    expect(
      (await batch({ name: "X", kind: "unique", discountId: "skidka30", count: 1 }, support)).status,
    ).toBe(403);
    const list = await call<{ data: Batch[] }>(app, "GET", "/v1/code-batches", { key });
    const id = list.body.data[0]?.id as string;
    expect((await call(app, "GET", `/v1/code-batches/${id}`, { key: otherKey })).status).toBe(404);
    expect((await call(app, "GET", `/v1/code-batches/${id}/export`, { key: otherKey })).status).toBe(404);
    expect((await validate("FAIR-2026", "s9", "20000", otherKey)).body.reason).toBe("unknown");
  });

  it("creates a batch once per Idempotency-Key", async () => {
    const body = { name: "Once", kind: "unique", discountId: "skidka30", count: 3 };
    const headers = { "idempotency-key": "batch-once" };
    const a = await call<Batch>(app, "POST", "/v1/code-batches", { key, body, headers });
    const b = await call<Batch>(app, "POST", "/v1/code-batches", { key, body, headers });
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
  });

  it("two orders racing for a single-use code: one gets the discount", async () => {
    const r = await batch({ name: "Race", kind: "unique", discountId: "skidka30", count: 1 });
    const [code] = await exported(r.body.id);
    const [a, b] = await Promise.all([
      order("race-1", "r1", "10000.00", code as string),
      order("race-2", "r2", "10000.00", code as string),
    ]);
    const discounts = [a, b].filter((x) => x.status === 201).map((x) => x.body.result.discount);
    expect(discounts.filter((d) => d === "3000.00")).toHaveLength(1);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});
