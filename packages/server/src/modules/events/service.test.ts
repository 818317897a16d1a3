// Events through the server equal the engine's replay of the same history, and a repeated event changes nothing.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventsFromRows, replay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { row } from "../../../../engine/src/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { balanceOf, createTenant, verify } from "../ledger/service.ts";
import { walletAccount } from "../members/service.ts";
import { publishProgram } from "../programs/service.ts";
import { EventError, ingestOrder, ingestReturn } from "./service.ts";
import { history } from "./testing.ts";

const exampleText = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../examples/programs/${name}.yaml`, import.meta.url)),
    "utf8",
  );

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const PROGRAMS = [
  "01-volume-tiers",
  "04-progressive-discount",
  "05-volume-bands",
  "08-stamps",
  "09-bundle",
  "10-paid-membership",
  "11-codes",
  "13-tenure",
  "18-segments",
];

describe("events through the server", () => {
  for (const [n, name] of PROGRAMS.entries()) {
    it(`${name}: orders and returns give what the engine's replay gives, and the ledger balances`, async () => {
      const tenant = `tenant-${n}`;
      await createTenant(t.db, tenant, name);
      const program = await t.db.transaction((tx) => publishProgram(tx, tenant, exampleText(name)));
      const rows = history(1000 + n);
      const events = eventsFromRows(rows, program.timeZone);
      const orders = new Map<string, unknown>();
      const returns: unknown[] = [];
      for (const [i, e] of events.entries()) {
        if (e.kind === "order") {
          const r = await ingestOrder(t.db, tenant, "erp", e.ev);
          const { kind: _, effects: __, version: ___, ...rest } = r.result;
          orders.set(e.ev.orderId, rest);
        } else {
          const r = await ingestReturn(t.db, tenant, "erp", `return-${i}`, e.ev);
          const { kind: _, ...rest } = r.result;
          returns.push(rest);
        }
      }
      const expected = replay([program], rows, []);
      // The history must exercise what is compared: returns, and points spent where the program earns any.
      expect(expected.returns.length).toBeGreaterThan(3);
      if (expected.totals.earned > 0) expect(expected.totals.redeemed).toBeGreaterThan(0);
      for (const o of expected.orders) {
        const { effects: _, version: __, ...rest } = o;
        expect(orders.get(o.orderId), o.orderId).toEqual(rest);
      }
      expect(returns).toEqual(expected.returns);
      for (const m of expected.members) {
        expect(Number(await balanceOf(t.db, tenant, walletAccount(m.companyId))), m.companyId).toBe(
          m.balance,
        );
      }
      expect(await verify(t.db, tenant)).toEqual({ differences: [], total: 0n });
    });
  }

  it("a repeated event changes nothing and gives the first answer again", async () => {
    await createTenant(t.db, "dedupe", "Dedupe");
    const program = await t.db.transaction((tx) =>
      publishProgram(tx, "dedupe", exampleText("01-volume-tiers")),
    );
    const [e] = eventsFromRows(
      [row("order", "O1", "2026-02-01", "C1", "BIG", "goods", 1, "12500")],
      program.timeZone,
    );
    if (e?.kind !== "order") throw new Error("expected an order");
    const first = await ingestOrder(t.db, "dedupe", "erp", e.ev);
    const again = await ingestOrder(t.db, "dedupe", "erp", e.ev);
    expect(first).toMatchObject({ replayed: false, result: { pointsEarned: 125 } });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await balanceOf(t.db, "dedupe", walletAccount("C1"))).toBe(125n);
    await expect(ingestOrder(t.db, "dedupe", "shop", e.ev)).rejects.toMatchObject({
      code: "duplicate_order",
    });
  });

  it("refuses a return for an unknown order or of more than was bought, writing nothing", async () => {
    const [bad] = eventsFromRows(
      [row("return", "NOPE", "2026-02-02", "C1", "BIG", "goods", 1, "12500")],
      "Europe/Moscow",
    );
    if (bad?.kind !== "return") throw new Error("expected a return");
    await expect(ingestReturn(t.db, "dedupe", "erp", "r1", bad.ev)).rejects.toBeInstanceOf(EventError);
    const [tooMany] = eventsFromRows(
      [row("return", "O1", "2026-02-02", "C1", "BIG", "goods", 5, "12500")],
      "Europe/Moscow",
    );
    if (tooMany?.kind !== "return") throw new Error("expected a return");
    await expect(ingestReturn(t.db, "dedupe", "erp", "r2", tooMany.ev)).rejects.toMatchObject({
      code: "bad_return",
      field: "lines[0].quantity",
    });
    const r = await t.db.query(
      "SELECT 1 FROM events WHERE tenant_id = 'dedupe' AND external_id IN ('r1', 'r2')",
    );
    expect(r.rows).toEqual([]);
  });
});
