import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXPLANATIONS, LOCALES, renderExplanation } from "./explain.ts";

/** Every explanation code the engine's sources can emit: literal codes and the reasons of templated ones. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  const dir = import.meta.dirname;
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "explain.ts");
  for (const f of files) {
    const text = readFileSync(join(dir, f), "utf8");
    for (const m of text.matchAll(/code: "([a-z]+\.[A-Za-z]+)"/g)) codes.add(m[1] as string);
    for (const m of text.matchAll(/reason\("([a-z]+\.[A-Za-z]+)"/g)) codes.add(m[1] as string);
  }
  return codes;
}

describe("explanations", () => {
  it("every code the engine emits has a sentence in English, Russian and Ukrainian", () => {
    const codes = emittedCodes();
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((c) => !EXPLANATIONS[c] || LOCALES.some((l) => !EXPLANATIONS[c]?.[l]));
    expect(missing).toEqual([]);
  });

  it("renders parameters with the locale's number format", () => {
    const e = {
      code: "earn.rate",
      rule: "tier:silver",
      version: 3,
      params: { source: "tier:silver", rate: "2%", basis: "18500.00", points: 370 },
    };
    expect(renderExplanation(e, "en")).toBe("+370 points: 2% of 18,500.00 (tier:silver)");
    expect(renderExplanation(e, "ru").replace(/\s/g, " ")).toBe("+370 баллов: 2% от 18 500,00 (tier:silver)");
    expect(renderExplanation(e, "uk").replace(/\s/g, " ")).toBe("+370 балів: 2% від 18 500,00 (tier:silver)");
  });

  it("renders dates in the locale's words: 12,000.00 more to Gold by 31 March", () => {
    const e = {
      code: "tier.progress",
      version: 1,
      params: { tier: "silver", next: "Gold", remaining: "12000.00", by: "2027-03-31" },
    };
    expect(renderExplanation(e, "en")).toBe("12,000.00 more to Gold by March 31, 2027");
    expect(renderExplanation(e, "ru").replace(/\s/g, " ")).toBe(
      "Ещё 12 000,00 до уровня Gold до 31 марта 2027 г.",
    );
    expect(renderExplanation(e, "uk").replace(/\s/g, " ")).toBe(
      "Ще 12 000,00 до рівня Gold до 31 березня 2027 р.",
    );
  });

  it("an unknown code still renders, as its code and parameters", () => {
    expect(renderExplanation({ code: "x.y", version: 1, params: { a: 1 } })).toBe('x.y {"a":1}');
  });
});
