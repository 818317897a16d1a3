// `patron analytics rebuild|refresh [--tenant ID]`: the analytics rollups recomputed from the raw tables, or
// brought up to date with what arrived since their watermark, on the data folder or on DATABASE_URL.
import { parseArgs } from "node:util";
import { DbLockedError, migrate, openFromEnv, rebuildRollups, refreshRollups } from "@patron/server";
import { dataDir } from "./db.ts";

const USAGE = "usage: patron analytics rebuild|refresh [--tenant ID]\n";

export async function analyticsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "rebuild" && sub !== "refresh") {
    process.stderr.write(USAGE);
    return 2;
  }
  let tenant: string | undefined;
  try {
    tenant = parseArgs({ args: rest, options: { tenant: { type: "string" } }, strict: true }).values.tenant;
  } catch (e) {
    process.stderr.write(`patron analytics: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openFromEnv>>;
  try {
    db = await openFromEnv(dataDir());
  } catch (e) {
    if (e instanceof DbLockedError) {
      process.stderr.write(`patron analytics: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    await migrate(db);
    const all = (await db.query<{ id: string }>("SELECT id FROM tenants ORDER BY id")).rows.map((r) => r.id);
    if (tenant !== undefined && !all.includes(tenant)) {
      process.stderr.write(`patron analytics: there is no tenant ${tenant}\n`);
      return 1;
    }
    for (const id of tenant === undefined ? all : [tenant]) {
      const started = performance.now();
      const r = sub === "rebuild" ? await rebuildRollups(db, id) : await refreshRollups(db, id);
      const ms = Math.round(performance.now() - started);
      process.stdout.write(`${id}  ${sub}  ${r.days} days  up to ${r.upto}  ${ms} ms\n`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
