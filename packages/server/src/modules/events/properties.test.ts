// Property tests over random histories of a few members over a few months, sent through the HTTP app with the
// day's jobs run day by day (in half the histories only on days with events, as a scheduler that missed days
// catches up): the ledger balances, no balance goes below zero unless the program allows debt,
// lots hold what wallets may spend, sending everything again changes nothing, and where the engine's replay
// understands the history (orders, returns, payments, the days' jobs) the server gives what it gives.
// fast-check prints the seed and path of a failing history; FC_SEED (and FC_PATH) replay one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatDay, parseProgram, replay } from "@patron/engine";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import {
  allOps,
  coveringAllOps,
  coveringEngineOps,
  engineOps,
  expectInvariants,
  expectReplaysChangeNothing,
  type History,
  type Runner,
  runHistory,
  type Taken,
} from "./histories.ts";

const TOKEN = "bootstrap-token-for-tests";

const exampleText = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../examples/programs/${name}.yaml`, import.meta.url)),
    "utf8",
  );

/**
 * The programs histories run under. No example waits for payment or lets points expire, so the second one is
 * example 04 with points that wait for payment and 7 days, expire after 30 days, and no debt.
 */
const PROGRAMS = {
  "01-volume-tiers (tiers, debt allowed)": exampleText("01-volume-tiers"),
  "04-progressive-discount with pending points, expiry, no debt": `${exampleText(
    "04-progressive-discount",
  ).replace("allowDebt: true", "allowDebt: false")}
earning: { baseRate: "3%" }
pending: { untilPaid: true, returnWindowDays: 7 }
expiry: { policy: afterDays, days: 30 }
redemption: { capShare: "80%" }
`,
};

/** Runs per property: bounded so that the file stays well under a minute on the embedded database. */
const RUNS = Number(process.env.FC_RUNS ?? 10);

/** Each property stops (passing) after this long, so a shrinking failure still prints its seed before the test's timeout. */
const TIME_LIMIT_MS = 200_000;

const replaying = process.env.FC_SEED !== undefined;

/** A replay (FC_SEED, FC_PATH) runs the random histories alone; otherwise a covering history runs first, as one more run. */
const params = (covering: History): fc.Parameters<[History]> => ({
  numRuns: replaying ? RUNS : RUNS + 1,
  ...(replaying ? {} : { examples: [[covering]] }),
  interruptAfterTimeLimit: TIME_LIMIT_MS,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
});

let t: TestDb;
let app: ReturnType<typeof createApp>;
const clock = { now: new Date("2026-01-05T06:00:00Z") };
let tenants = 0;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock.now, webDir: null });
});
afterAll(async () => {
  await t.drop();
});

/** A fresh tenant with the program published. */
async function freshTenant(definition: string): Promise<Runner> {
  tenants++;
  const tenantId = `prop-${tenants}`;
  const { ownerKey } = await bootstrap(app, tenantId, TOKEN);
  const r = await call(app, "POST", "/v1/programs", { key: ownerKey, body: { definition } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  const parsed = parseProgram(definition);
  if (!parsed.ok) throw new Error("the program does not parse");
  return { app, db: t.db, tenantId, key: ownerKey, clock, allowDebt: parsed.compiled.wallet.allowDebt };
}

/** Adds a history's counts to a property's. */
function tally(into: Record<string, number>, taken: Taken): void {
  for (const [k, v] of Object.entries(taken.counts)) into[k] = (into[k] ?? 0) + v;
}

/** Each member's points as the ledger has them, in the engine's terms. */
async function totalsOf(r: Runner, memberId: string) {
  const q = await r.db.query<{ code: string; into: boolean; amount: string }>(
    `SELECT t.code, p.to_account IN ($2, $3) AS into, sum(p.amount)::text AS amount
     FROM postings p JOIN ledger_transactions t ON t.tenant_id = p.tenant_id AND t.id = p.transaction_id
     WHERE p.tenant_id = $1 AND (p.to_account IN ($2, $3) OR p.from_account IN ($2, $3))
     GROUP BY 1, 2`,
    [r.tenantId, `wallet:${memberId}`, `pending:${memberId}`],
  );
  const sum = (code: string[], into: boolean) =>
    q.rows.filter((x) => code.includes(x.code) && x.into === into).reduce((s, x) => s + Number(x.amount), 0);
  const balance = await r.db.query<{ id: string; balance: string }>(
    "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id IN ($2, $3)",
    [r.tenantId, `wallet:${memberId}`, `pending:${memberId}`],
  );
  const of = (id: string) => Number(balance.rows.find((x) => x.id === id)?.balance ?? 0);
  return {
    balance: of(`wallet:${memberId}`),
    pending: of(`pending:${memberId}`),
    earned: sum(["earn", "earn.pending"], true),
    redeemed: sum(["redeem"], false),
    refunded: sum(["refund"], true),
    expired: sum(["expire"], false),
    reversed: sum(["reverse", "void"], false),
  };
}

/** Returns summed by order and day: points reversed and refunded, and the refund in minor units. */
function sameDayReturns(returns: Record<string, unknown>[]): Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of returns) {
    const key = `${r.orderId} ${r.date}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...r });
      continue;
    }
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "number") seen[k] = Number(seen[k] ?? 0) + v;
      else if (typeof v === "string" && /^-?\d+\.\d+$/.test(v)) {
        const digits = v.length - v.indexOf(".") - 1;
        const sum = Math.round((Number(seen[k]) + Number(v)) * 10 ** digits);
        seen[k] = (sum / 10 ** digits).toFixed(digits);
      }
    }
  }
  return [...byKey.values()];
}

/** The server's answers and balances equal the engine's replay of the same rows. */
async function expectEngineAgrees(r: Runner, definition: string, taken: Taken): Promise<void> {
  const parsed = parseProgram(definition);
  if (!parsed.ok) throw new Error("the program does not parse");
  const expected = replay([parsed.compiled], taken.rows, [], { asOf: formatDay(taken.lastDay) });
  const strip = ({ kind: _, effects: __, version: ___, ...rest }: Record<string, unknown>) => rest;
  expect(taken.orderResults.map(strip)).toEqual(
    expected.orders.map(({ effects: _, version: __, ...rest }) => rest),
  );
  // The replay reads returns from rows, where lines of one order returned on one day are one return; the
  // server took each as an event of its own: compare them summed by order and day.
  expect(sameDayReturns(taken.returnResults.map(strip))).toEqual(
    sameDayReturns(expected.returns.map(({ effects: _, ...rest }) => rest)),
  );
  for (const m of expected.members) {
    const { companyId, tier: _, benefits: __, ...totals } = m;
    expect(await totalsOf(r, companyId), companyId).toEqual(totals);
  }
}

describe("random histories through the server", () => {
  for (const [name, definition] of Object.entries(PROGRAMS)) {
    it(`${name}: orders, returns and payments give what the engine's replay gives, and replays change nothing`, async () => {
      const seen: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(engineOps, async (ops) => {
          const r = await freshTenant(definition);
          const taken = await runHistory(r, ops);
          tally(seen, taken);
          await expectInvariants(r, taken.lastDay);
          await expectEngineAgrees(r, definition, taken);
          await expectReplaysChangeNothing(r, taken);
        }),
        params(coveringEngineOps),
      );
      // The histories must exercise what is compared: returns, points spent, and pending points that mature
      // and lots that expire where the program has them.
      if (!replaying) {
        const expected = ["order", "order.redeemed", "return", "payment", "ledger.reverse"];
        if (definition.includes("pending:")) expected.push("ledger.mature", "ledger.expire");
        for (const k of expected) expect(seen[k] ?? 0, k).toBeGreaterThan(0);
      }
    }, 300_000);

    it(`${name}: with holds, captures, cancellations and adjustments too, the ledger and lots stay whole`, async () => {
      const seen: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(allOps, async (ops) => {
          const r = await freshTenant(definition);
          const taken = await runHistory(r, ops);
          tally(seen, taken);
          await expectInvariants(r, taken.lastDay);
          await expectReplaysChangeNothing(r, taken);
        }),
        params(coveringAllOps),
      );
      if (!replaying) {
        // Holds are tried in every few histories; whether one is granted depends on the balance then.
        for (const k of [["hold", "hold.refused"], ["ledger.adjust"], ["return"]])
          expect(
            k.reduce((sum, x) => sum + (seen[x] ?? 0), 0),
            k.join(" or "),
          ).toBeGreaterThan(0);
      }
    }, 300_000);
  }

  it("regression: points refunded to a wallet in debt repay the debt first, and only the rest becomes a lot", async () => {
    // Found by the history property: a refund made a lot of all its points while the wallet stayed in debt.
    const definition = PROGRAMS["01-volume-tiers (tiers, debt allowed)"];
    const r = await freshTenant(definition);
    const big = (qty: number) => [{ item: 0, qty }];
    const taken = await runHistory(r, {
      everyDay: true,
      ops: [
        // 4 × 12,500.00 at 1% → 500 points.
        { wait: 0, kind: "order", member: 0, lines: big(4), redeem: null, paid: false },
        // 2 × 12,500.00 paying 400 points → 246 earned: 346 left.
        { wait: 1, kind: "order", member: 0, lines: big(2), redeem: 400, paid: false },
        // The first order returned: its 500 points taken back, 154 of them as debt.
        { wait: 1, kind: "return", order: 0, line: 0, qty: 4 },
        // One unit of the second: 200 points refunded repay the debt of 154 first.
        { wait: 1, kind: "return", order: 1, line: 0, qty: 1 },
      ],
    });
    expect(taken.returnResults.map((x) => x.pointsRefunded)).toEqual([0, 200]);
    await expectInvariants(r, taken.lastDay);
    await expectEngineAgrees(r, definition, taken);
  });
});
