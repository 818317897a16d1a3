// Tests of `patron economics`: the table, the JSON document and the exit codes for bad arguments.
import { afterEach, describe, expect, it, vi } from "vitest";
import { economicsCommand } from "./economics.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await economicsCommand(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const ARTICLE = ["--price", "9000", "--margin", "30%"];

afterEach(() => {
  vi.restoreAllMocks();
});

describe("patron economics", () => {
  it("prints the article's example as a table with its notes", async () => {
    const r = await run(...ARTICLE, "--discount", "5%", "--bonus", "5%", "--breakage", "0%");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("profit per sale 2700.00");
    expect(r.stdout).toMatch(/discount 5%\s+discount\s+5\.0%\s+450\.00\s+2250\.00\s+16\.7%\s+20\.0%/);
    expect(r.stdout).toMatch(/bonus 5%\s+bonus\s+5\.0%\s+225\.00\s+2475\.00\s+8\.3%/);
    expect(r.stdout).toContain("The article says 17.5%");
    expect(r.stdout).toContain("The article says 8.5%");
  });

  it("prints one JSON document with --json", async () => {
    const r = await run(...ARTICLE, "--discount", "5%", "--discount", "10%", "--bonus", "5%", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.profitPerSale).toBe("2700.00");
    expect(report.designs.map((d: { label: string }) => d.label)).toEqual([
      "discount 5%",
      "discount 10%",
      "bonus 5%",
    ]);
  });

  it("costs the bonus less with breakage", async () => {
    const r = await run(...ARTICLE, "--bonus", "5%", "--breakage", "20%", "--json");
    const [bonus] = JSON.parse(r.stdout).designs;
    expect(bonus.bonusCycle.cost).toBe("360.00");
    expect(bonus.shareOfProfitPercent).toBe("6.7");
  });

  it("takes a markup instead of a margin", async () => {
    const r = await run("--price", "9000", "--markup", "50%", "--discount", "5%", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ marginPercent: "33.3", profitPerSale: "3000.00" });
  });

  it("compares tier designs with the other designs", async () => {
    const r = await run(...ARTICLE, "--discount", "5%", "--tiers", "60%:1%,30%:2%,10%:3%");
    expect(r.stdout).toMatch(/tiers 60%:1%, 30%:2%, 10%:3%\s+bonus\s+1\.5%\s+67\.50/);
  });

  it("prints its usage with --help", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: patron economics");
  });

  it.each([
    [["--price", "9000", "--margin", "3o%", "--discount", "5%"], "--margin"],
    [[...ARTICLE, "--discount", "5%", "--discount", "120%"], "--discount"],
    [[...ARTICLE, "--bonus", "five"], "--bonus"],
    [[...ARTICLE, "--bonus", "5%", "--breakage", "30"], "--breakage"],
    [[...ARTICLE, "--tiers", "60%:1%,30%:2%"], "--tiers"],
    [["--price", "x", "--margin", "30%", "--discount", "5%"], "--price"],
    [["--margin", "30%", "--discount", "5%"], "--price"],
    [["--price", "9000", "--discount", "5%"], "--margin"],
    [[...ARTICLE, "--markup", "50%", "--discount", "5%"], "--markup"],
    [[...ARTICLE, "--margin", "40%", "--discount", "5%"], "--margin"],
    [[...ARTICLE, "--discount", "5%", "--wat"], "--wat"],
    [[...ARTICLE, "--bonus"], "--bonus"],
    [ARTICLE, "--discount"],
  ])("refuses %j with exit code 2, naming %s on stderr", async (argv, option) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(option);
  });
});
