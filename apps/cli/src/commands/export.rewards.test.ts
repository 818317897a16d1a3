// `patron import rewards` and `patron export rewards|wallets` on an embedded data folder: a catalog imported,
// exported and imported again changes nothing; a bad file is refused naming its line and column, writing
// nothing; the wallets file has a line per company.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AUDIT_EXPORT_COLUMNS,
  REWARD_ORDER_EXPORT_COLUMNS,
  SURVEY_ANSWER_EXPORT_COLUMNS,
  WALLET_EXPORT_COLUMNS,
  WEBHOOK_DELIVERY_EXPORT_COLUMNS,
} from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreEnvironment, seedAcme, useNewDataFolder } from "../testing/folder.ts";
import { runCommand, tempFile } from "../testing/run.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";

beforeAll(async () => {
  useNewDataFolder("rewards");
  await seedAcme(
    'id: p\nname: P\ncurrency: RUB\ntimeZone: UTC\nstartsOn: "2026-01-01"\nearning: { baseRate: "10%" }\n' +
      "tiers:\n  metric: netPurchases\n  window: { rollingDays: 365 }\n  evaluation: daily\n" +
      "  levels:\n    - { id: a, name: A, from: 0 }\n    - { id: b, name: B, from: 100000 }\n",
    "2026-02-01",
    100_000,
  );
}, 120_000);

afterAll(restoreEnvironment);

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

  it("exports every company's wallet, with its level", async () => {
    const r = await runCommand(exportCommand, ["wallets", "--tenant", "acme"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${WALLET_EXPORT_COLUMNS.join(",")}\nC1,a,100,0,0,0,,,\n`);
  });

  it("exports the program's records, each with its header (a CLI catalog import is not an audited change)", async () => {
    const audit = await runCommand(exportCommand, ["audit", "--tenant", "acme"]);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toBe(`${AUDIT_EXPORT_COLUMNS.join(",")}\n`);
    for (const [kind, columns] of [
      ["reward-orders", REWARD_ORDER_EXPORT_COLUMNS],
      ["webhook-deliveries", WEBHOOK_DELIVERY_EXPORT_COLUMNS],
      ["survey-answers", SURVEY_ANSWER_EXPORT_COLUMNS],
    ] as const) {
      const r = await runCommand(exportCommand, [kind, "--tenant", "acme"]);
      expect(r.stdout, kind).toBe(`${columns.join(",")}\n`);
    }
    const unknown = await runCommand(exportCommand, ["payroll", "--tenant", "acme"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("reward-orders|webhook-deliveries|survey-answers|audit");
  });
});
