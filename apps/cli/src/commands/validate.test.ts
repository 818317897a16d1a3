// `patron validate`: every example validates; a broken definition gets every error with its path and line.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand, tempFile } from "../testing/run.ts";
import { validateCommand } from "./validate.ts";

const examples = join(import.meta.dirname, "../../../../examples/programs");

describe("patron validate", () => {
  it("accepts every example program", async () => {
    const files = readdirSync(examples).map((f) => join(examples, f));
    expect(files.length).toBeGreaterThanOrEqual(16);
    const r = await runCommand(validateCommand, files);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l.endsWith(")")).length).toBe(files.length);
  });

  it("prints every error with its path and line and exits non-zero", async () => {
    const bad = tempFile(
      "bad.yaml",
      [
        "id: broken",
        "name: Broken",
        "currency: rub",
        "timeZone: Mars/Olympus",
        'startsOn: "2026-02-30"',
        "tiers:",
        "  window: { rollingDays: 365 }",
        "  levels:",
        '    - { id: base, from: 0, earnRate: "1%" }',
        '    - { id: silver, from: 0, earnRat: "2%" }',
        "discounts:",
        "  - id: steps",
        "    kind: orderSteps",
        '    steps: [{ from: 10000, rate: "five" }]',
        "",
      ].join("\n"),
    );
    const r = await runCommand(validateCommand, [bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3:11: currency:`);
    expect(r.stderr).toMatch(/bad\.yaml:10:\d+: tiers\.levels\[1\]\.earnRat: unknown field/);
    expect(r.stderr).toContain(`${bad}:14:34: discounts[0].steps[0].rate:`);
    expect(r.stderr).toMatch(/bad\.yaml: 3 error\(s\)/);
  });

  it("reports semantic errors after the schema passes: time zone, dates, order of thresholds", async () => {
    const bad = tempFile(
      "bad.json",
      JSON.stringify(
        {
          id: "x",
          name: "X",
          currency: "RUB",
          timeZone: "Mars/Olympus",
          startsOn: "2026-02-30",
          tiers: {
            window: { rollingDays: 365 },
            levels: [
              { id: "base", from: 100 },
              { id: "silver", from: 50 },
            ],
          },
        },
        null,
        2,
      ),
    );
    const r = await runCommand(validateCommand, [bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("timeZone: unknown time zone");
    expect(r.stderr).toContain("startsOn: 2026-02-30 is not a real calendar date");
    expect(r.stderr).toContain("tiers.levels[1].from: levels must be listed from the lowest threshold up");
  });

  it("reports the checks that need a valid shape in the same run as the shape's errors", async () => {
    const bad = tempFile(
      "mixed.yaml",
      [
        "id: broken",
        "name: Broken",
        "currency: RUB",
        "timeZone: Europe/Moscow",
        'startsOn: "2026-02-30"',
        "colour: red",
        "discounts:",
        "  - id: personal",
        "    kind: individual",
        '    maxRateWithoutApproval: "5%"',
        "    grants:",
        '      - { companyId: C2, rate: "8%", grantedBy: anna }',
        "",
      ].join("\n"),
    );
    const r = await runCommand(validateCommand, [bad]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `${bad}:5:11: startsOn: 2026-02-30 is not a real calendar date`,
      `${bad}:6:9: colour: unknown field`,
      `${bad}:12:9: discounts[0].grants[0].approvedBy: 8% is above 5%: it needs an approval (approvedBy)`,
      `${bad}: 3 error(s)`,
    ]);
  });

  it("names a file it cannot read and a file that is not YAML", async () => {
    const bad = tempFile("bad.yaml", "id: [unclosed\n");
    const r = await runCommand(validateCommand, ["/nonexistent/p.yaml", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/nonexistent/p.yaml: cannot read (ENOENT)");
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: \(file\):/);
  });
});
