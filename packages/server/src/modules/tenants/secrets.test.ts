// Key tokens and password hashes.
import { describe, expect, it } from "vitest";
import { hashPassword, newKeySecret, parseKeyToken, sameSecret, verifyPassword } from "./secrets.ts";

describe("API key secrets", () => {
  it("a token names its tenant and hashes to the stored hash; listings see only its prefix", () => {
    const s = newKeySecret("acme-eu");
    expect(s.token).toMatch(/^ptn_acme-eu_[A-Za-z0-9_-]{43}$/);
    expect(s.token.startsWith(s.prefix)).toBe(true);
    expect(s.prefix).toHaveLength("ptn_acme-eu_".length + 8);
    expect(parseKeyToken(s.token)).toEqual({ tenantId: "acme-eu", secretHash: s.secretHash });
    expect(s.secretHash).not.toContain(s.token.slice(-43));
  });

  it("two secrets never repeat", () => {
    const seen = new Set(Array.from({ length: 100 }, () => newKeySecret("t1").token));
    expect(seen.size).toBe(100);
  });

  it("anything not shaped like a token is refused before any lookup", () => {
    const good = newKeySecret("acme").token;
    for (const bad of [
      "",
      "ptn_",
      good.slice(0, -1),
      `xyz${good.slice(3)}`,
      good.replace("_acme_", "_ACME_"),
      `${good}!`,
    ]) {
      expect(parseKeyToken(bad), bad).toBeNull();
    }
  });

  it("sameSecret compares whole strings", () => {
    expect(sameSecret("token", "token")).toBe(true);
    expect(sameSecret("token", "token2")).toBe(false);
    expect(sameSecret("", "token")).toBe(false);
  });
});

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify only the same password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});
