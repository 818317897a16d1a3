// The events list and an event's page through the API: filters, paging newest first, an order's effects
// (explanations in the asked language, pending points, postings), bad input, another tenant, a sales manager.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { type Staff, staffWithKey } from "../companies/testing.ts";
import type { EventDetail, EventSummary } from "./reads.ts";

const TOKEN = "bootstrap-token-for-tests";
const HOOK_TIMEOUT_MS = 120_000;
// The volume-tiers example, its points pending for a 14-day return window.
const program = `${readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
)}\npending: { returnWindowDays: 14 }\n`;

interface Page {
  data: EventSummary[];
  nextCursor: string | null;
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;
let rep: Staff;
const ids: Record<string, string> = {};

const order = (orderId: string, companyId: string, date: string, price: string) => ({
  type: "order",
  source: "erp",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: price }],
});

async function send(body: object): Promise<string> {
  const r = await call<{ eventId: string }>(app, "POST", "/v1/events", { key, body });
  expect(r.status).toBe(201);
  return r.body.eventId;
}

const list = (query: string, k = key) => call<Page>(app, "GET", `/v1/events?${query}`, { key: k });

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => new Date("2026-03-10T09:00:00Z") });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "other", TOKEN)).ownerKey;
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  rep = await staffWithKey(app, key, "rep@acme.example");
  await call(app, "POST", "/v1/companies", { key, body: { id: "C1", name: "One", salesRepId: rep.userId } });
  await call(app, "POST", "/v1/companies", { key, body: { id: "C2", name: "Two" } });
  ids.o1 = await send(order("1001", "C1", "2026-03-01", "10000.00"));
  ids.o2 = await send(order("1002", "C1", "2026-03-03", "5000.00"));
  ids.o3 = await send(order("2001", "C2", "2026-03-04", "2000.00"));
  ids.r1 = await send({
    type: "return",
    source: "erp",
    externalId: "R1",
    orderId: "1002",
    date: "2026-03-05",
    lines: [{ sku: "A", unitPrice: "5000.00", quantity: 1 }],
  });
  ids.c3 = await send({ type: "cancellation", source: "erp", orderId: "2001", date: "2026-03-05" });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await t.drop();
});

describe("the events list", () => {
  it("lists newest first with each order's totals and status", async () => {
    const all = await list("");
    expect(all.status).toBe(200);
    expect(all.body.data.map((e) => e.id)).toEqual([ids.c3, ids.r1, ids.o3, ids.o2, ids.o1]);
    expect(all.body.data.find((e) => e.id === ids.o1)).toMatchObject({
      type: "order",
      source: "erp",
      externalId: "1001",
      date: "2026-03-01",
      companyId: "C1",
      orderId: "1001",
      gross: "10000.00",
      net: "10000.00",
      pointsEarned: 100,
      status: "pending",
    });
    expect(all.body.data.find((e) => e.id === ids.o3)?.status).toBe("cancelled");
    expect(all.body.data.find((e) => e.id === ids.o1)).toMatchObject({
      refund: null,
      pointsTakenBack: null,
      pointsGivenBack: null,
    });
    // A return and a cancellation carry what they gave back: the whole 5,000.00 order returned takes back its
    // 50 points; the cancelled 2,000.00 order voids its 20 pending points.
    expect(all.body.data.find((e) => e.id === ids.r1)).toMatchObject({
      type: "return",
      orderId: "1002",
      status: null,
      refund: "5000.00",
      pointsTakenBack: 50,
      pointsGivenBack: 0,
    });
    expect(all.body.data.find((e) => e.id === ids.c3)).toMatchObject({
      type: "cancellation",
      refund: null,
      pointsTakenBack: 20,
      pointsGivenBack: 0,
    });
  });

  it("filters by company, type, status and day, and pages by cursor", async () => {
    expect((await list("companyId=C1")).body.data.map((e) => e.id)).toEqual([ids.r1, ids.o2, ids.o1]);
    expect((await list("type=order")).body.data.map((e) => e.id)).toEqual([ids.o3, ids.o2, ids.o1]);
    expect((await list("status=cancelled")).body.data.map((e) => e.id)).toEqual([ids.o3]);
    // Order 1002 was returned whole: nothing of it waits any more.
    expect((await list("status=pending&companyId=C1")).body.data.map((e) => e.id)).toEqual([ids.o1]);
    expect((await list("from=2026-03-03&to=2026-03-04")).body.data.map((e) => e.id)).toEqual([
      ids.o3,
      ids.o2,
    ]);
    const first = await list("limit=2");
    expect(first.body.data.map((e) => e.id)).toEqual([ids.c3, ids.r1]);
    const second = await list(`limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((e) => e.id)).toEqual([ids.o3, ids.o2]);
    const third = await list(`limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.data.map((e) => e.id)).toEqual([ids.o1]);
    expect(third.body.nextCursor).toBeNull();
  });

  it("names the field of bad input", async () => {
    for (const [query, field] of [
      ["cursor=nonsense", "cursor"],
      ["from=2026-03-05&to=2026-03-01", "from"],
      ["from=yesterday", "from"],
      ["to=0000-01-01", "to"],
      ["from=2026-02-30", "from"],
      ["type=refund", "type"],
      ["status=lost", "status"],
      ["limit=0", "limit"],
    ] as const) {
      const r = await call<ErrorAnswer>(app, "GET", `/v1/events?${query}`, { key });
      expect(r.status, query).toBe(422);
      expect(r.body.error.field, query).toBe(field);
    }
  });
});

describe("an event's page", () => {
  it("shows an order's lines, explanations in the asked language, pending points and postings", async () => {
    const r = await call<EventDetail>(app, "GET", `/v1/events/${ids.o1}?locale=ru`, { key });
    expect(r.status).toBe(200);
    expect(r.body.payload).toMatchObject({ orderId: "1001", lines: [{ sku: "A", quantityMilli: 1000 }] });
    expect(r.body.result).toMatchObject({ tier: "base", pointsEarned: 100 });
    const earn = r.body.explanations.find((e) => e.code === "earn.rate");
    expect(earn?.params).toMatchObject({ rate: "1%", points: 100, source: "tier:base" });
    expect(earn?.text).toContain("+100 баллов: 1%");
    expect(r.body.pendingLots).toEqual([{ points: 100, availableOn: "2026-03-15" }]);
    expect(r.body.postings).toEqual([
      expect.objectContaining({
        code: "earn.pending",
        from: "program:issued",
        to: "pending:C1",
        amount: 100,
      }),
    ]);
  });

  it("shows what a return and a cancellation did", async () => {
    const ret = await call<EventDetail>(app, "GET", `/v1/events/${ids.r1}`, { key });
    expect(ret.status).toBe(200);
    expect(ret.body.postings.reduce((n, p) => n + p.amount, 0)).toBe(50);
    const cancel = await call<EventDetail>(app, "GET", `/v1/events/${ids.c3}`, { key });
    expect(cancel.body.postings.map((p) => p.code)).toEqual(["void"]);
    const cancelled = await call<EventDetail>(app, "GET", `/v1/events/${ids.o3}`, { key });
    expect(cancelled.body).toMatchObject({ status: "cancelled", pendingLots: [] });
  });

  it("is not found for an unknown id or another tenant, and for a sales manager outside their clients", async () => {
    expect((await call(app, "GET", "/v1/events/evt_nothing", { key })).status).toBe(404);
    expect((await call(app, "GET", `/v1/events/${ids.o1}`, { key: otherKey })).status).toBe(404);
    expect((await list("", otherKey)).body.data).toEqual([]);
    expect((await call(app, "GET", `/v1/events/${ids.o1}`, { key: rep.key })).status).toBe(200);
    expect((await call(app, "GET", `/v1/events/${ids.o3}`, { key: rep.key })).status).toBe(404);
    expect((await list("", rep.key)).body.data.map((e) => e.id)).toEqual([ids.r1, ids.o2, ids.o1]);
    const bad = await call<ErrorAnswer>(app, "GET", `/v1/events/${ids.o1}?locale=de`, { key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("locale");
  });
});
