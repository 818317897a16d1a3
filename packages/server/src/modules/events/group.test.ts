// Single events written in groups: many concurrent requests share a few transactions, each gets its own
// answer (or its own error, named as a single request names it), replays answer as the first time, and the
// ledger stays whole. The committer itself: a group that fails for a reason not of its events' making runs
// each event alone, so one bad event never fails another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/db.ts";
import { createApp } from "../../http/app.ts";
import { ApiError } from "../../http/errors.ts";
import { bootstrap, call, type ErrorAnswer } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { verify } from "../ledger/service.ts";
import { GroupCommitter } from "./group.ts";

const TOKEN = "bootstrap-token-for-tests";

const PROGRAM = `
id: grouped
name: Grouped
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: false }
earning: { baseRate: "2%" }
`;

let t: TestDb;
let app: ReturnType<typeof createApp>;
/** Transactions the app opened: fewer than the events when they were grouped. */
let transactions = 0;

beforeAll(async () => {
  t = await testDb();
  const db: Db = {
    ...t.db,
    transaction(fn) {
      transactions++;
      return t.db.transaction(fn);
    },
  };
  app = createApp({ db, bootstrapToken: TOKEN });
}, 60_000);
afterAll(async () => {
  await t.drop();
});

const order = (orderId: string, companyId: string, quantity: string, date = "2026-03-02") => ({
  type: "order",
  source: "shop",
  orderId,
  date,
  companyId,
  lines: [{ sku: "A", category: "goods", quantity, unitPrice: "1000.00" }],
});

interface Taken {
  eventId: string;
  replayed: boolean;
  result: { orderId: string; companyId: string; pointsEarned: number; pointsRedeemed: number };
}

describe("single events in groups", () => {
  it("answers each of many concurrent events with its own result, refuses only the bad ones, and replays", async () => {
    const key = (await bootstrap(app, "grp", TOKEN)).ownerKey;
    expect((await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } })).status).toBe(
      201,
    );
    const good = Array.from({ length: 40 }, (_, i) => order(`G${i}`, `C${i % 6}`, String(1 + (i % 4))));
    // Refused inside the transaction, after validation: too many decimals, an unknown order, a date before
    // the earliest one.
    const bad = [
      { index: 7, body: order("BAD-QTY", "C1", "1.23456"), status: 422, field: "lines[0].quantity" },
      {
        index: 19,
        body: { type: "payment", source: "shop", orderId: "NO-SUCH-ORDER", date: "2026-03-02" },
        status: 404,
        field: "orderId",
      },
      { index: 30, body: order("BAD-DATE", "C2", "1", "0999-12-31"), status: 422, field: "date" },
    ];
    const bodies: unknown[] = [...good];
    for (const b of bad) bodies.splice(b.index, 0, b.body);
    const before = transactions;
    const answers = await Promise.all(
      bodies.map((body) => call<Taken>(app, "POST", "/v1/events", { key, body })),
    );
    // Grouped: far fewer transactions than events.
    expect(transactions - before).toBeLessThan(bodies.length / 2);
    for (const b of bad) {
      const a = answers[b.index] as unknown as { status: number; body: ErrorAnswer };
      expect(a.status, JSON.stringify(a.body)).toBe(b.status);
      expect(a.body.error.field).toBe(b.field);
    }
    const goodAnswers = answers.filter((_, i) => !bad.some((b) => b.index === i));
    expect(goodAnswers).toHaveLength(good.length);
    goodAnswers.forEach((a, i) => {
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      expect(a.body.replayed).toBe(false);
      expect(a.body.result.orderId).toBe(good[i]?.orderId);
      expect(a.body.result.companyId).toBe(good[i]?.companyId);
      // 2% of 1,000.00 per unit, in points of one unit.
      expect(a.body.result.pointsEarned).toBe(20 * Number(good[i]?.lines[0]?.quantity));
    });
    const orders = await t.db.query<{ id: string }>("SELECT id FROM orders WHERE tenant_id = 'grp'");
    expect(orders.rows.map((r) => r.id).sort()).toEqual(good.map((g) => g.orderId).sort());
    // Nothing of a refused event was kept: no event row, no outbox message.
    const events = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE tenant_id = 'grp' AND external_id IN ('BAD-QTY', 'BAD-DATE', 'payment:NO-SUCH-ORDER')",
    );
    expect(events.rows[0]?.n).toBe(0);
    const messages = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE tenant_id = 'grp' AND type = 'points.earned'",
    );
    expect(messages.rows[0]?.n).toBe(good.length);

    // Sent again, all at once (twice each): every good event answers as the first time, nothing changes.
    const again = await Promise.all(
      [...good, ...good].map((body) => call<Taken>(app, "POST", "/v1/events", { key, body })),
    );
    again.forEach((a, i) => {
      const first = goodAnswers[i % good.length];
      expect(a.status).toBe(200);
      expect(a.body.replayed).toBe(true);
      expect(a.body.eventId).toBe(first?.body.eventId);
      expect(a.body.result).toEqual(first?.body.result);
    });
    const after = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM orders WHERE tenant_id = 'grp'",
    );
    expect(after.rows[0]?.n).toBe(good.length);
    const v = await verify(t.db, "grp");
    expect(v.differences).toEqual([]);
  }, 120_000);

  it("takes two events of one order id sent at once only once: one is taken, the other replays its answer", async () => {
    const key = (await bootstrap(app, "grp2", TOKEN)).ownerKey;
    await call(app, "POST", "/v1/programs", { key, body: { definition: PROGRAM } });
    const body = order("TWICE", "C1", "3");
    const [a, b] = await Promise.all([1, 2].map(() => call<Taken>(app, "POST", "/v1/events", { key, body })));
    expect([a?.status, b?.status].sort()).toEqual([200, 201]);
    expect(a?.body.eventId).toBe(b?.body.eventId);
    expect(a?.body.result).toEqual(b?.body.result);
    expect((await verify(t.db, "grp2")).differences).toEqual([]);
  }, 60_000);
});

describe("the group committer", () => {
  it("runs each event of a failed group alone, so that only the cause fails", async () => {
    const groups: number[][] = [];
    const alone: number[] = [];
    const committer = new GroupCommitter<number, number>(
      async (_tenant, events) => {
        groups.push([...events]);
        throw new Error("the connection was lost");
      },
      async (_tenant, event) => {
        alone.push(event);
        if (event === 3) throw new Error("event 3 crashes");
        return { eventId: `e${event}`, replayed: false, result: event * 10 };
      },
      { maxGroup: 100, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => committer.submit("t", n)));
    expect(groups).toEqual([[1, 2, 3, 4]]);
    expect(alone).toEqual([1, 2, 3, 4]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const first = settled[0];
    expect(first?.status === "fulfilled" && first.value).toEqual({
      kind: "alone",
      taken: { eventId: "e1", replayed: false, result: 10 },
    });
  });

  it("keeps at most maxInFlight groups running and gathers what waits into the next one", async () => {
    const groups: string[][] = [];
    let running = 0;
    let most = 0;
    const committer = new GroupCommitter<string, string>(
      async (_tenant, events) => {
        running++;
        most = Math.max(most, running);
        groups.push([...events]);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return events.map((e, index) => ({
          entry: { index, ok: true, status: 201, eventId: e, replayed: false, result: e },
          error: null,
        }));
      },
      async () => {
        throw new ApiError("internal", "not used");
      },
      { maxGroup: 3, maxInFlight: 1 },
    );
    const first = committer.submit("t", "a");
    await new Promise((r) => setImmediate(r));
    // "a" is being written; these wait and go in groups of at most three, in order.
    const rest = ["b", "c", "d", "e"].map((e) => committer.submit("t", e));
    const all = await Promise.all([first, ...rest]);
    expect(most).toBe(1);
    expect(groups).toEqual([["a"], ["b", "c", "d"], ["e"]]);
    expect(
      all.map((x) => (x.kind === "group" && x.outcome.entry.ok ? x.outcome.entry.result : null)),
    ).toEqual(["a", "b", "c", "d", "e"]);
  });
});
