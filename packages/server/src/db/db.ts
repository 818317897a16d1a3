// One small interface over both databases: the embedded PostgreSQL (PGlite, in a data folder or in memory)
// by default, and a PostgreSQL server when a URL is given. Both run the same SQL.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type Param = string | number | bigint | boolean | null | Date;

export interface Queryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly Param[],
  ): Promise<{ rows: T[]; rowCount: number }>;
}

export interface Db extends Queryable {
  readonly kind: "embedded" | "server";
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Calls `onNotify` on each NOTIFY on `channel` (committed transactions only); resolves to a function that
   * stops listening. Absent on wrappers that cannot listen: their readers poll.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The embedded database, which can also write its whole data folder out as one archive. */
export interface EmbeddedDb extends Db {
  /** The data folder as an uncompressed tar archive, for `openEmbedded(null, { from })`. */
  snapshot(): Promise<Blob>;
}

export class DbLockedError extends Error {}

/**
 * Opens the embedded database in `dir` (created if missing), or in memory when `dir` is null: empty, or a copy
 * of a `snapshot()` given as `from` (which skips creating a cluster). A lock file keeps a second process from
 * opening the same folder.
 */
export async function openEmbedded(dir: string | null, options: { from?: Blob } = {}): Promise<EmbeddedDb> {
  let lockPath: string | null = null;
  if (dir !== null) {
    mkdirSync(dir, { recursive: true });
    lockPath = join(dir, "patron.lock");
    try {
      const fd = openSync(lockPath, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
    } catch {
      const pid = Number(readFileSync(lockPath, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DbLockedError(
          `the data folder ${dir} is in use by process ${pid}; stop it, or give another folder or a DATABASE_URL`,
        );
      }
      writeFileSync(lockPath, String(process.pid)); // a stale lock left by a process that is gone
    }
  }
  if (options.from && dir !== null) throw new Error("a snapshot opens only in memory");
  const pglite =
    dir !== null
      ? new PGlite(join(dir, "pgdata"))
      : options.from
        ? new PGlite({ loadDataDir: options.from })
        : new PGlite();
  await pglite.waitReady;
  const asResult = <T>(r: { rows: T[]; affectedRows?: number }) => ({
    rows: r.rows,
    rowCount: r.affectedRows ?? r.rows.length,
  });
  return {
    kind: "embedded",
    async query<T>(sql: string, params: readonly Param[] = []) {
      return asResult(await pglite.query<T>(sql, [...params]));
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return pglite.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params: readonly Param[] = []) {
            return asResult(await tx.query<R>(sql, [...params]));
          },
        }),
      ) as Promise<T>;
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
    snapshot() {
      return pglite.dumpDataDir("none");
    },
    async listen(channel: string, onNotify: () => void) {
      const stop = await pglite.listen(channel, onNotify);
      return () => stop();
    },
    async close() {
      await pglite.close();
      if (lockPath) rmSync(lockPath, { force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return pid !== process.pid;
  } catch {
    return false;
  }
}

/** Opens a PostgreSQL server by URL; `schema`, when given, is created and used as the search path. */
export async function openServer(url: string, opts: { schema?: string; max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}`);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly Param[] = []) {
      const name = params.length > 0 && !sql.includes(CUSTOM_PLAN) ? preparedName(sql) : undefined;
      const r = await c.query({ text: sql, values: params.map(toPg), ...(name ? { name } : {}) });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
  });
  return {
    kind: "server",
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async listen(channel: string, onNotify: () => void) {
      // A connection of its own, outside the pool: a pooled one would be handed to other work. A lost
      // connection is opened again (after 0.1 s, then up to 5 s between tries while the server is away); until
      // then the listener's own polling keeps it going, and a notice after each reconnection covers what was
      // missed meanwhile.
      let stopped = false;
      let client: pg.Client | null = null;
      let retryMs = 100;
      let timer: NodeJS.Timeout | null = null;
      const retry = () => {
        if (stopped) return;
        timer = setTimeout(reopen, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      };
      const open = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on("notification", (n) => {
          if (n.channel === channel) onNotify();
        });
        const lost = () => {
          if (client !== c) return;
          client = null;
          c.end().catch(() => undefined);
          retry();
        };
        c.on("error", lost);
        c.on("end", lost);
        try {
          await c.connect();
          await c.query(`LISTEN ${quoteIdent(channel)}`);
        } catch (e) {
          c.end().catch(() => undefined);
          throw e;
        }
        if (stopped) {
          await c.end();
          return;
        }
        client = c;
        retryMs = 100;
      };
      const reopen = () => {
        timer = null;
        open().then(onNotify, retry);
      };
      await open();
      return async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        const c = client;
        client = null;
        await c?.end();
      };
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Marks a statement to be planned for each call's own values rather than prepared once per connection. After a
 * few calls the server may keep one plan made without the values; for a range over a block-range index, or a
 * bound that may be null, that plan scans the whole table (every event, each time) where the values' plan reads
 * a few blocks. Put it in the text of such statements.
 */
export const CUSTOM_PLAN = "/* planned for each call's values */";

/** How many distinct statements a process prepares at most: a bound on each connection's statement cache. */
const MAX_PREPARED = 1000;
const preparedNames = new Map<string, string>();

/**
 * The name a parameterised statement is prepared under on each connection, so that the server parses and
 * plans it once per connection instead of on every call; null once the process has named as many as it may
 * (statements whose text carries values would otherwise fill every connection's cache).
 */
function preparedName(sql: string): string | undefined {
  const known = preparedNames.get(sql);
  if (known) return known;
  if (preparedNames.size >= MAX_PREPARED) return undefined;
  const name = `s${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
  preparedNames.set(sql, name);
  return name;
}

function toPg(p: Param): unknown {
  return typeof p === "bigint" ? p.toString() : p;
}

/**
 * Runs `run` with the transaction's settings changed (a large set-based statement's `work_mem`, its sums, sorts
 * and hashes held in memory rather than spilled to temporary files; a `patron.*` flag a trigger reads), then puts
 * each back as it was. Settings are local to the transaction, so a failed statement leaves none behind either.
 */
export async function withSettings<T>(
  tx: Queryable,
  settings: Readonly<Record<string, string>>,
  run: () => Promise<T>,
): Promise<T> {
  const entries = Object.entries(settings);
  const params = entries.flat();
  const select = (value: (i: number) => string) => entries.map((_, i) => `${value(i)} AS s${i}`).join(", ");
  const before = await tx.query<Record<string, string | null>>(
    `SELECT ${select((i) => `current_setting($${2 * i + 1}, true)`)}, ${entries
      .map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`)
      .join(", ")}`,
    params,
  );
  const value = await run();
  const row = before.rows[0] ?? {};
  await tx.query(
    `SELECT ${select((i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`)}`,
    entries.flatMap(([name], i) => [name, row[`s${i}`] ?? ""]),
  );
  return value;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

/** The database the configuration names: DATABASE_URL when set, else the embedded one in `dataDir`. */
export function openFromEnv(dataDir: string | null, env = process.env): Promise<Db> {
  return env.DATABASE_URL ? openServer(env.DATABASE_URL) : openEmbedded(dataDir);
}
