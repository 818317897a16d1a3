// The server and the engine's replay agree on referrals reversed by returns: the same history of referred
// orders, partial and full returns and a referrer that spent its credit gives the same answers and balances,
// with debt allowed and without.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventsFromRows, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../../engine/src/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { ingestOrder, ingestReturn } from "../events/service.ts";
import { balanceOf, createTenant, verify } from "../ledger/service.ts";
import { walletAccount } from "../members/service.ts";
import { publishProgram } from "../programs/service.ts";

const atOnce = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/11-codes.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const two = (id: string, date: string, c: string, code: string | null) =>
  row("order", id, date, c, "A", "goods", 2, 5000, { promoCode: code });
const back = (id: string, date: string, c: string, qty: number) =>
  row("return", id, date, c, "A", "goods", qty, 5000);

/** C1 buys first so that its code names a known company; C2 and C3 come referred, C4 returns all at once. */
const HISTORY = [
  row("order", "O0", "2026-01-05", "C1", "A", "goods", 1, 700),
  two("O1", "2026-01-10", "C2", "REF-C1"),
  two("O2", "2026-01-11", "C3", "REF-C2"),
  row("order", "O3", "2026-01-12", "C2", "A", "goods", 1, 700, { pointsToRedeem: 600 }),
  back("O1", "2026-01-13", "C2", 1),
  back("O1", "2026-01-14", "C2", 1),
  back("O2", "2026-01-15", "C3", 2),
  two("O4", "2026-01-16", "C4", "ref-c1"),
  back("O4", "2026-01-16", "C4", 2),
];

describe("referral reversals: the server and the replay", () => {
  const programs: [string, string][] = [
    ["debt allowed", atOnce],
    ["no debt", atOnce.replace("allowDebt: true", "allowDebt: false")],
  ];
  for (const [n, [name, definition]] of programs.entries()) {
    it(`${name}: the same returns, effects and balances`, async () => {
      const tenant = `referral-replay-${n}`;
      await createTenant(t.db, tenant, name);
      const program = await t.db.transaction((tx) => publishProgram(tx, tenant, definition));
      const returns: unknown[] = [];
      for (const [i, e] of eventsFromRows(HISTORY, program.timeZone).entries()) {
        if (e.kind === "order") await ingestOrder(t.db, tenant, "erp", e.ev);
        else {
          const { kind: _, ...rest } = (await ingestReturn(t.db, tenant, "erp", `return-${i}`, e.ev)).result;
          returns.push(rest);
        }
      }
      const expected = replay([program], HISTORY, []);
      expect(returns).toEqual(expected.returns);
      // Three referrals taken back: C1's twice (O1, O4), C2's once (O2), the last partly without debt.
      const reversed = expected.returns.flatMap((r) =>
        r.effects.filter((e) => e.code === "referral.reversed"),
      );
      expect(reversed.map((e) => e.params)).toEqual([
        { referrer: "C1", points: 1000 },
        { referrer: "C2", points: n === 0 ? 1000 : 400 },
        { referrer: "C1", points: 1000 },
      ]);
      for (const m of expected.members) {
        expect(Number(await balanceOf(t.db, tenant, walletAccount(m.companyId))), m.companyId).toBe(
          m.balance,
        );
      }
      expect(expected.members.find((m) => m.companyId === "C2")?.balance).toBe(n === 0 ? -600 : 0);
      expect(await verify(t.db, tenant)).toEqual({ differences: [], total: 0n });
    });
  }
});
