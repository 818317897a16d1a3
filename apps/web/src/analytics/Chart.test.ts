// The axis labels a chart keeps: never two closer than the gap, none outside the axis, as many as fit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thinLabels } from "./Chart.tsx";

const GAP = 12;

describe("an axis's labels", () => {
  it("all stay when they fit", () => {
    const xs = [0, 100, 200, 300];
    expect(thinLabels(xs, [40, 40, 40, 40], 0, 300, GAP)).toEqual([
      { index: 0, x: 20 },
      { index: 1, x: 100 },
      { index: 2, x: 200 },
      { index: 3, x: 280 },
    ]);
  });

  it("every other one stays when neighbours would touch", () => {
    const xs = [0, 50, 100, 150, 200];
    expect(thinLabels(xs, [60, 60, 60, 60, 60], -30, 230, GAP).map((a) => a.index)).toEqual([0, 2, 4]);
  });

  it("never overlap nor leave the axis, whatever their number and widths (each narrower than the axis)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 120, max: 2000 }),
        fc.array(fc.integer({ min: 5, max: 120 }), { minLength: 150, maxLength: 150 }),
        (n, width, widths) => {
          const xs = Array.from({ length: n }, (_, k) => (n === 1 ? 0 : (width * k) / (n - 1)));
          const shown = thinLabels(xs, widths.slice(0, n), 0, width, GAP);
          expect(shown.length).toBeGreaterThan(0);
          shown.forEach((a, i) => {
            const half = (widths[a.index] ?? 0) / 2;
            expect(a.x - half).toBeGreaterThanOrEqual(0);
            expect(a.x + half).toBeLessThanOrEqual(width);
            const b = shown[i + 1];
            if (b) expect(b.x - (widths[b.index] ?? 0) / 2).toBeGreaterThanOrEqual(a.x + half + GAP);
          });
        },
      ),
    );
  });
});
