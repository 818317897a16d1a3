// What the data commands (import, export, demo, start) share: the database they open, the tenant they act
// on, a file's identity, and a progress bar on stderr.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { type Db, DbLockedError, migrate, openFromEnv, tenantIds } from "@patron/server";
import cliProgress from "cli-progress";
import { dataDir } from "./db.ts";
import { CliError } from "./load.ts";

/** Opens and migrates the configured database (PATRON_DATA or DATABASE_URL), runs `fn`, and closes it. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  let db: Db;
  try {
    db = await openFromEnv(dataDir());
  } catch (e) {
    if (e instanceof DbLockedError) throw new CliError(e.message);
    throw e;
  }
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The tenant given, or the only one there is. */
export async function resolveTenant(db: Db, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    const found = await db.query("SELECT 1 FROM tenants WHERE id = $1", [given]);
    if (found.rows.length === 0) throw new CliError(`there is no tenant ${given}`);
    return given;
  }
  const ids = await tenantIds(db);
  if (ids.length === 1) return ids[0] as string;
  throw new CliError(
    ids.length === 0
      ? "the database has no tenant yet: run `patron demo`, or create one through POST /v1/tenants"
      : `give --tenant ID (tenants: ${ids.join(", ")})`,
  );
}

/** SHA-256 of a file's bytes, in hex: names an import so that a changed file is a new import. */
export function fileHash(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (b) => h.update(b))
      .on("error", (e: NodeJS.ErrnoException) =>
        reject(new CliError(`${path}: cannot read (${e.code ?? e})`)),
      )
      .on("end", () => resolve(h.digest("hex")));
  });
}

export interface Progress {
  update(done: number, extra?: Record<string, unknown>): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(task: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: ` ${task} [{bar}] {percentage}% {value}/{total} ${unit} · {rate} ${unit}/s · eta {eta_formatted}`,
      stream: process.stderr,
      etaBuffer: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  let first = -1;
  return {
    update(done, extra) {
      if (first < 0) first = done;
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round((done - first) / seconds) : 0, ...extra });
    },
    stop() {
      bar.stop();
    },
  };
}

/** A rate per second, rounded, with thousands separators. */
export function perSecond(count: number, ms: number): string {
  return Math.round(count / Math.max(ms / 1000, 0.001)).toLocaleString("en-US");
}
