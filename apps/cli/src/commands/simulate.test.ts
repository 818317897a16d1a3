// `patron simulate`: the public contract of its JSON output, and clear errors with nothing half-done.

import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ORDERS_HEADER, runCommand, tempFile } from "../testing/run.ts";
import { simulateCommand } from "./simulate.ts";

const examples = join(import.meta.dirname, "../../../../examples/programs");
const program = (name: string) => join(examples, `${name}.yaml`);
const orders = (...lines: string[]) => tempFile("orders.csv", `${ORDERS_HEADER}\n${lines.join("\n")}\n`);

async function simulate(...argv: string[]) {
  const r = await runCommand(simulateCommand, argv);
  return { ...r, json: r.code === 0 && argv.includes("--json") ? JSON.parse(r.stdout) : null };
}

describe("patron simulate", () => {
  it("prints the contract's document: orders, returns, journal, members, totals", async () => {
    const file = orders(
      "order,O1,2026-03-01,C1,,S1,goods,2,11000,6000,,",
      "order,O2,2026-03-02T10:00:00,C2,,S1,goods,1,5000,,,",
      "return,O1,2026-03-05,C1,,S1,goods,1,11000,,,",
    );
    const r = await simulate("--program", program("04-progressive-discount"), "--orders", file, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = r.json;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(["orders", "returns", "journal", "members", "totals"]),
    );
    expect(out.orders[0]).toMatchObject({
      orderId: "O1",
      companyId: "C1",
      date: "2026-03-01",
      gross: "22000.00",
      discount: "1540.00",
      pointsRedeemed: 0,
      net: "20460.00",
      pointsEarned: 0,
      tier: null,
    });
    expect(out.orders[0].effects[0]).toMatchObject({
      code: "discount.orderSteps",
      rule: "steps",
      version: 1,
    });
    // Half the order back: 11,000 − its 770.00 share of the discount.
    expect(out.returns).toEqual([
      expect.objectContaining({
        orderId: "O1",
        date: "2026-03-05",
        refund: "10230.00",
        pointsReversed: 0,
        pointsRefunded: 0,
      }),
    ]);
    expect(out.members.map((m: { companyId: string }) => m.companyId)).toEqual(["C1", "C2"]);
    expect(out.totals).toMatchObject({ balance: 0, liability: "0.00", orders: 2, returns: 1 });
  });

  it("reads a gzipped file, unsorted, with the companies file and --as-of", async () => {
    const text = [
      ORDERS_HEADER,
      "order,O2,2026-06-10,C1,,S1,goods,1,5000,2500,750,",
      "order,O1,2026-05-10,C1,,S1,goods,1,5000,2500,,",
      "",
    ].join("\n");
    const file = tempFile("orders.csv.gz", gzipSync(text));
    const companies = tempFile(
      "companies.csv",
      "company_id,name,tax_id,parent_id,segment,region,joined_on\nC1,One,,,,,\nC9,Nine,,,,,\n",
    );
    const r = await simulate(
      "--program",
      program("03-monthly-bonus"),
      "--orders",
      file,
      "--companies",
      companies,
      "--as-of",
      "2026-06-15",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(r.json.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["O1", "O2"]);
    expect(r.json.orders[1]).toMatchObject({ pointsRedeemed: 750, net: "4250.00" });
    expect(r.json.members).toEqual([
      expect.objectContaining({ companyId: "C1", earned: 750, redeemed: 750, balance: 0 }),
      expect.objectContaining({ companyId: "C9", earned: 0, balance: 0 }),
    ]);
  });

  it("applies each program version from its effective date and keeps the tier reached", async () => {
    const v2 = tempFile(
      "v2.yaml",
      (await import("node:fs"))
        .readFileSync(program("18-segments"), "utf8")
        .replace("version: 1", 'version: 2\neffectiveFrom: "2026-03-01"')
        .replace('baseRate: "1%"', 'baseRate: "3%"'),
    );
    const file = orders(
      "order,O1,2026-02-28,C1,,S1,goods,1,1000,,,",
      "order,O2,2026-03-01,C1,,S1,goods,1,1000,,,",
    );
    const r = await simulate(
      "--program",
      program("18-segments"),
      "--program",
      v2,
      "--orders",
      file,
      "--json",
    );
    expect(
      r.json.orders.map((o: { version: number; pointsEarned: number }) => [o.version, o.pointsEarned]),
    ).toEqual([
      [1, 10],
      [2, 30],
    ]);
  });

  it("prints a readable summary without --json", async () => {
    const file = orders("order,O1,2026-01-10,C1,,S1,goods,1,300000,,,");
    const r = await simulate("--program", program("01-volume-tiers"), "--orders", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Tiered bonus by purchase volume");
    expect(r.stdout).toMatch(/points earned\s+3000/);
    expect(r.stdout).toMatch(/liability, RUB\s+3000\.00/);
  });

  const bad: [string, string[], RegExp][] = [
    ["a negative quantity", ["order,O1,2026-03-01,C1,,S1,goods,-2,100,,,"], /line 2, field quantity/],
    ["a bad date", ["order,O1,2026-02-30,C1,,S1,goods,1,100,,,"], /line 2, field date/],
    [
      "a return for an unknown order",
      ["order,O1,2026-03-01,C1,,S1,goods,1,100,,,", "return,O9,2026-03-02,C1,,S1,goods,1,100,,,"],
      /line 3, field order_id: return for unknown order O9/,
    ],
    [
      "a return of more than was bought",
      ["order,O1,2026-03-01,C1,,S1,goods,1,100,,,", "return,O1,2026-03-02,C1,,S1,goods,2,100,,,"],
      /line 3, field quantity/,
    ],
    [
      "a return of a SKU the order does not have",
      ["order,O1,2026-03-01,C1,,S1,goods,1,100,,,", "return,O1,2026-03-02,C1,,S2,goods,1,100,,,"],
      /line 3, field sku/,
    ],
    [
      "a return dated before its order",
      ["return,O1,2026-03-01,C1,,S1,goods,1,100,,,", "order,O1,2026-03-02,C1,,S1,goods,1,100,,,"],
      /line 2, field order_id/,
    ],
    [
      "an order id used by two companies",
      ["order,O1,2026-03-01,C1,,S1,goods,1,100,,,", "order,O1,2026-03-01,C2,,S1,goods,1,100,,,"],
      /line 3, field company_id/,
    ],
  ];
  for (const [what, lines, message] of bad) {
    it(`refuses ${what}, naming the file, line and field, and prints nothing on stdout`, async () => {
      const file = orders(...lines);
      const r = await simulate("--program", program("04-progressive-discount"), "--orders", file, "--json");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("orders.csv");
      expect(r.stderr).toMatch(message);
    });
  }

  it("refuses a file without a required column, naming it", async () => {
    const file = tempFile(
      "orders.csv",
      "event,order_id,date,company_id,sku,quantity,unit_price\norder,O1,2026-03-01,C1,S1,1,100\n",
    );
    const r = await simulate("--program", program("04-progressive-discount"), "--orders", file, "--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/line 1.*category/);
  });

  it("refuses an event after --as-of and an invalid program", async () => {
    const file = orders("order,O1,2026-03-01,C1,,S1,goods,1,100,,,");
    const late = await simulate(
      "--program",
      program("04-progressive-discount"),
      "--orders",
      file,
      "--as-of",
      "2026-02-28",
      "--json",
    );
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/line 2, field date: the event is dated after --as-of 2026-02-28/);
    const broken = tempFile("p.yaml", "id: x\nname: X\ncurrency: RUB\n");
    const r = await simulate("--program", broken, "--orders", file, "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/p\.yaml.*timeZone/);
  });

  it("explains usage when a required option is missing", async () => {
    const r = await simulate("--orders", "x.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--program and --orders are required");
  });
});

describe("patron simulate on unreadable input", () => {
  it("names a missing file or a folder instead of crashing", async () => {
    const r = await simulate(
      "--program",
      program("04-progressive-discount"),
      "--orders",
      "/nonexistent/o.csv",
      "--json",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/nonexistent/o.csv: cannot read the file (no such file)");
    const file = orders("order,O1,2026-03-01,C1,,S1,goods,1,100,,,");
    const dir = await simulate(
      "--program",
      program("04-progressive-discount"),
      "--orders",
      file,
      "--companies",
      "/tmp",
      "--json",
    );
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain("cannot read the file (it is a folder)");
  });

  it("names a stray double quote in an unquoted field", async () => {
    const file = orders('order,O3,2026-01-05,C1,,A"b,x,1,100,,,');
    const r = await simulate("--program", program("04-progressive-discount"), "--orders", file, "--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/line 2: a double quote inside an unquoted field/);
  });

  it("refuses an empty --as-of", async () => {
    const file = orders("order,O1,2026-03-01,C1,,S1,goods,1,100,,,");
    const r = await simulate(
      "--program",
      program("04-progressive-discount"),
      "--orders",
      file,
      "--as-of",
      "",
      "--json",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not a date");
  });
});
