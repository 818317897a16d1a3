// `patron jobs run` and `patron jobs list` on an embedded data folder.
import { JOBS } from "@patron/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { restoreEnvironment, seedAcme, useNewDataFolder } from "../testing/folder.ts";
import { runCommand } from "../testing/run.ts";
import { jobsCommand } from "./jobs.ts";

beforeEach(() => useNewDataFolder("jobs"));
afterEach(restoreEnvironment);

const PROGRAM = `
id: jobs
name: Jobs
currency: RUB
timeZone: UTC
startsOn: "2026-01-01"
earning: { baseRate: "10%" }
expiry: { policy: afterDays, days: 3 }
`;

describe("patron jobs", () => {
  it("runs the day jobs up to --as-of once, then finds nothing due, and lists the runs", async () => {
    await seedAcme(PROGRAM, "2026-01-02", 50_000);

    const first = await runCommand(jobsCommand, ["run", "all", "--as-of", "2026-01-10", "--tenant", "acme"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split("\n");
    // Ten days of the day jobs, the ticks of the holds, analytics and notifications sweeps, and the count.
    const dayJobs = JOBS.filter((j) => j.every === "day").length;
    const ticks = JOBS.length - dayJobs;
    expect(lines).toHaveLength(10 * dayJobs + ticks + 1);
    expect(lines[0]).toMatch(/^2026-01-01 {2}acme {2}maturation {2}done {2}\d+ ms {2}matured=0$/);
    // 10% of 500.00 = 50 points, granted on 2 January, expired once their three days have passed.
    expect(lines.filter((l) => /expired=50$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => / holds /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => / analytics /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => / notifications /.test(l))).toHaveLength(1);
    expect(lines[10 * dayJobs + ticks]).toBe(`${10 * dayJobs + ticks} run(s)`);

    const again = await runCommand(jobsCommand, ["run", "expiry", "--as-of", "2026-01-10"]);
    expect(again.stdout).toBe("nothing was due: every day up to then is done\n");

    const list = await runCommand(jobsCommand, ["list", "--tenant", "acme", "--limit", "2"]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(
      /^2026-01-10 {2}acme {2}(campaigns|tiers|holds|analytics|notifications) {2}done {2}tries=1 {2}\d+ ms {2}/,
    );
    expect(list.stdout.trim().split("\n")).toHaveLength(2);
  }, 300_000);

  it("refuses an unknown job or a malformed date before touching the database", async () => {
    const unknown = await runCommand(jobsCommand, ["run", "payroll", "--as-of", "2026-01-10"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "name one job: maturation, credits, expiry, tiers, campaigns, holds, analytics, notifications, all",
    );
    const date = await runCommand(jobsCommand, ["run", "all", "--as-of", "2026-13-01"]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain("--as-of 2026-13-01 is not a date");
    const usage = await runCommand(jobsCommand, []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: patron jobs run");
  });
});
