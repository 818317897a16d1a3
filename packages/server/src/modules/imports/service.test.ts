// Company imports against the hierarchy already in the database: a row that would close a cycle with companies
// there, or make a hierarchy deeper than allowed, is refused on its line as POST /v1/companies refuses it (the
// batches before it staying in); a valid re-parenting goes in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../testing/db.ts";
import { createTenant } from "../ledger/service.ts";
import { parseCompaniesText } from "./csv.ts";
import { COMPANY_BATCH_ROWS, ImportError, importCompanies } from "./service.ts";

const HEADER = "company_id,name,tax_id,parent_id,segment,region,joined_on";

let t: TestDb;
let files = 0;

beforeAll(async () => {
  t = await testDb();
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

/** Imports `rows` (CSV lines after the header) as a new file. */
function load(tenantId: string, ...rows: string[]) {
  const text = `${[HEADER, ...rows].join("\n")}\n`;
  files++;
  return importCompanies(
    t.db,
    tenantId,
    { id: `f${files}`, name: `f${files}.csv` },
    parseCompaniesText(text, "f.csv"),
  );
}

async function refusal(run: Promise<unknown>): Promise<ImportError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(err)}`);
  return err;
}

async function parents(tenantId: string): Promise<Record<string, string | null>> {
  const r = await t.db.query<{ id: string; parent_id: string | null }>(
    "SELECT id, parent_id FROM members WHERE tenant_id = $1 ORDER BY id",
    [tenantId],
  );
  return Object.fromEntries(r.rows.map((m) => [m.id, m.parent_id]));
}

describe("importCompanies and the hierarchy", () => {
  it("refuses a row that closes a cycle with companies already there, naming its line", async () => {
    await createTenant(t.db, "cyc", "cyc");
    await load("cyc", "N4,Four,,,,,", "N5,Five,,N4,,,", "N6,Six,,N5,,,");
    const err = await refusal(load("cyc", "X,Other,,,,,", "N4,Four,,N6,,,"));
    expect([err.line, err.field, err.message]).toEqual([
      3,
      "parent_id",
      "N6 is a subsidiary of N4: making it the parent would close a cycle",
    ]);
    expect(await parents("cyc")).toEqual({ N4: null, N5: "N4", N6: "N5" });
  });

  it("refuses the cycle in a later batch of a large file, the batches before it staying in", async () => {
    await createTenant(t.db, "late", "late");
    await load("late", "H,Holding,,,,,", "B,Branch,,H,,,");
    const rows = Array.from({ length: COMPANY_BATCH_ROWS + 10 }, (_, i) => `K${i},Company ${i},,H,,,`);
    rows[COMPANY_BATCH_ROWS + 5] = "H,Holding,,B,,,";
    const err = await refusal(load("late", ...rows));
    expect([err.line, err.field]).toEqual([COMPANY_BATCH_ROWS + 7, "parent_id"]);
    expect(err.message).toBe("B is a subsidiary of H: making it the parent would close a cycle");
    const after = await parents("late");
    expect(after.H).toBeNull();
    expect(Object.keys(after)).toHaveLength(2 + COMPANY_BATCH_ROWS);
  });

  it("takes a valid re-parenting, also of two companies swapping places in one file", async () => {
    await createTenant(t.db, "move", "move");
    await load("move", "A,A,,,,,", "B,B,,A,,,", "C,C,,,,,", "D,D,,B,,,");
    await load("move", "D,D,,C,,,");
    // B was A's subsidiary; the file makes A B's, in either order of its rows.
    await load("move", "B,B,,,,,", "A,A,,B,,,");
    expect(await parents("move")).toEqual({ A: "B", B: null, C: null, D: "C" });
    await load("move", "A,A,,,,,", "B,B,,A,,,");
    expect(await parents("move")).toEqual({ A: null, B: "A", C: null, D: "C" });
  });

  it("refuses a hierarchy of more levels than allowed, from above and from below", async () => {
    await createTenant(t.db, "deep", "deep");
    // L1 holds L2, down to L10: ten levels, the most allowed.
    await load(
      "deep",
      ...Array.from({ length: 10 }, (_, i) => `L${i + 1},L${i + 1},,${i > 0 ? `L${i}` : ""},,,`),
    );
    await load("deep", "R,Root,,,,,");
    const under = await refusal(load("deep", "X,X,,L10,,,"));
    expect([under.line, under.field, under.message]).toEqual([
      2,
      "parent_id",
      "under L10 the hierarchy would have 11 levels; at most 10 are allowed",
    ]);
    const moved = await refusal(load("deep", "L1,L1,,R,,,"));
    expect(moved.message).toBe("under R the hierarchy would have 11 levels; at most 10 are allowed");
    expect((await parents("deep")).L1).toBeNull();
    await load("deep", "L2,L2,,R,,,");
    expect((await parents("deep")).L2).toBe("R");
  });
});
