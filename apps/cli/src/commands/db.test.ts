// `patron migrate` and `patron ledger verify` on an embedded data folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTenant } from "@patron/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../testing/run.ts";
import { ledgerCommand, migrateCommand, withDb } from "./db.ts";

const saved = { data: process.env.PATRON_DATA, url: process.env.DATABASE_URL };

beforeEach(() => {
  process.env.PATRON_DATA = join(mkdtempSync(join(tmpdir(), "patron-cli-")), "data");
  // These commands are tested on the embedded database; the server's schema is not theirs to change here.
  delete process.env.DATABASE_URL;
});

afterEach(() => {
  if (saved.data === undefined) delete process.env.PATRON_DATA;
  else process.env.PATRON_DATA = saved.data;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
});

describe("patron migrate and ledger verify", () => {
  it("migrates a new data folder once, then reports it up to date", async () => {
    const first = await runCommand(migrateCommand, []);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied 0001_ledger/);
    const again = await runCommand(migrateCommand, []);
    expect(again.stdout).toBe("the schema is up to date\n");
  });

  it("verifies a tenant's ledger, and explains its usage", async () => {
    const r = await runCommand(ledgerCommand, ["verify", "--tenant", "acme"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("every account equals its postings");
    const usage = await runCommand(ledgerCommand, ["check"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: patron ledger verify [--tenant ID]");
    // Without --tenant: the database's only tenant, or which to give.
    const none = await runCommand(ledgerCommand, ["verify"]);
    expect(none).toMatchObject({ code: 2, stderr: "the database has no tenant yet\n" });
    await withDb((db) => createTenant(db, "solo", "Solo"));
    const only = await runCommand(ledgerCommand, ["verify"]);
    expect(only.code).toBe(0);
    expect(only.stdout).toContain("ledger of solo: every account equals its postings");
    await withDb((db) => createTenant(db, "second", "Second"));
    const two = await runCommand(ledgerCommand, ["verify"]);
    expect(two).toMatchObject({ code: 2, stderr: "give --tenant ID (tenants: second, solo)\n" });
  });
});
