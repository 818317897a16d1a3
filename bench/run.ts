// `npm run bench [-- --scale N]`: runs the benchmark sections, prints a readable report and writes JSON results
// to bench/out/<section>.json. --scale multiplies the work (1 = about 1.2 M order lines; CI smoke-tests 0.05).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatEngineReport, runEngineBench } from "./engine.ts";

const USAGE = "usage: npm run bench [-- --scale N]   (N > 0, default 1)";

async function main(): Promise<number> {
  let scale = 1;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { scale: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.scale !== undefined) {
      scale = Number(values.scale);
      if (!Number.isFinite(scale) || scale <= 0 || scale > 100)
        throw new Error(`bad --scale ${values.scale}`);
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = join(root, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

  const engine = await runEngineBench({ scale, log });
  writeFileSync(join(outDir, "engine.json"), `${JSON.stringify(engine, null, 2)}\n`);
  process.stdout.write(formatEngineReport(engine));
  process.stdout.write(
    `\nwrote bench/out/engine.json; ${((performance.now() - started) / 1000).toFixed(1)} s in all\n`,
  );
  // A failed check is an error; rates below the goals are reported, not failed (the machine may be noisy).
  return engine.comparison.check.match ? 0 : 1;
}

process.exitCode = await main();
