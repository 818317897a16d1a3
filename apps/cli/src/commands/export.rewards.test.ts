// `patron import rewards` and `patron export rewards|wallets` on an embedded data folder: a catalog imported,
// exported and imported again changes nothing; a bad file is refused naming its line and column, writing
// nothing; the wallets file has a line per company.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDay } from "@patron/engine";
import { createTenant, migrate, openEmbedded, WALLET_EXPORT_COLUMNS } from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestOrder } from "../../../../packages/server/src/modules/events/service.ts";
import { publishProgram } from "../../../../packages/server/src/modules/programs/service.ts";
import { runCommand, tempFile } from "../testing/run.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";

const saved = { data: process.env.PATRON_DATA, url: process.env.DATABASE_URL };

beforeAll(async () => {
  process.env.PATRON_DATA = join(mkdtempSync(join(tmpdir(), "patron-rewards-")), "data");
  delete process.env.DATABASE_URL;
  const db = await openEmbedded(process.env.PATRON_DATA);
  await migrate(db);
  await createTenant(db, "acme", "Acme");
  await db.transaction((tx) =>
    publishProgram(
      tx,
      "acme",
      'id: p\nname: P\ncurrency: RUB\ntimeZone: UTC\nstartsOn: "2026-01-01"\nearning: { baseRate: "10%" }\n',
    ),
  );
  await ingestOrder(db, "acme", "erp", {
    type: "order",
    orderId: "O1",
    day: parseDay("2026-02-01") as number,
    companyId: "C1",
    contactId: null,
    lines: [
      { sku: "A", category: "goods", quantityMilli: 1000, unitPriceMinor: 100_000, unitCostMinor: null },
    ],
    pointsToRedeem: 0,
    code: null,
    paidOn: null,
    termMonths: null,
    partnerId: null,
    salesRepId: null,
  });
  await db.close();
}, 120_000);

afterAll(() => {
  if (saved.data === undefined) delete process.env.PATRON_DATA;
  else process.env.PATRON_DATA = saved.data;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
});

describe("patron import rewards / export rewards|wallets", () => {
  it("imports a catalog; its export imports again as changes to the same rewards", async () => {
    const file = tempFile(
      "rewards.csv",
      'name,kind,price_points,tiers\nMug,goods,500,\n"Cap, red",goods,300,a|b\n',
    );
    const first = await runCommand(importCommand, ["rewards", file, "--tenant", "acme"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("2 rewards added, 0 changed");
    const out = join(mkdtempSync(join(tmpdir(), "patron-rewards-out-")), "rewards.csv");
    const exported = await runCommand(exportCommand, ["rewards", "--tenant", "acme", "--out", out]);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    const [header, ...lines] = text.trimEnd().split("\n");
    expect(header).toBe(
      "reward_id,name,description,kind,price_points,stock,image_url,tiers,roles,company_approval,owner_approval,active",
    );
    expect(lines.map((l) => l.split(",").slice(1, 2)[0]).sort()).toEqual(['"Cap', "Mug"]);
    expect(text).toContain('"Cap, red",,goods,300,,,a|b,,true,false,true');
    const again = await runCommand(importCommand, ["rewards", out, "--tenant", "acme"]);
    expect(again.stderr).toContain("0 rewards added, 2 changed");
    const after = await runCommand(exportCommand, ["rewards", "--tenant", "acme"]);
    expect(after.stdout).toBe(text);
  });

  it("refuses a bad file whole, naming its line and column", async () => {
    const file = tempFile("bad.csv", "name,kind,price_points\nHat,goods,100\nScarf,goods,-5\n");
    const r = await runCommand(importCommand, ["rewards", file, "--tenant", "acme"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: line 3, price_points: "-5" is not a whole number`);
    const listed = await runCommand(exportCommand, ["rewards", "--tenant", "acme"]);
    expect(listed.stdout).not.toContain("Hat");
  });

  it("exports every company's wallet", async () => {
    const r = await runCommand(exportCommand, ["wallets", "--tenant", "acme"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${WALLET_EXPORT_COLUMNS.join(",")}\nC1,,100,0,0,0,,,\n`);
  });
});
