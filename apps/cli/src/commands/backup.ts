// `patron backup FILE` and `patron restore FILE [--force]`: a consistent copy of the whole database.
// The embedded database is copied as its data folder (a PGlite tarball, taken with the folder locked, so no
// other process writes meanwhile); a PostgreSQL server is dumped with pg_dump in its custom format, which is
// one consistent snapshot, and restored with pg_restore in a single transaction.
import { spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { openServer } from "@patron/server";
import { dataDir } from "./db.ts";
import { CliError } from "./load.ts";

export async function backupCommand(argv: string[]): Promise<number> {
  return run("backup", argv, async (file) => {
    const url = process.env.DATABASE_URL;
    if (url) {
      await tool("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${url}`]);
      process.stdout.write(
        `the PostgreSQL database was dumped to ${file} (restore it with patron restore)\n`,
      );
      return;
    }
    const dir = dataDir();
    if (!existsSync(join(dir, "pgdata"))) throw new CliError(`there is no embedded database in ${dir}`);
    await withEmbedded(dir, async (pg) => {
      const tarball = await pg.dumpDataDir("gzip");
      writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
    });
    process.stdout.write(`the embedded database in ${dir} was copied to ${file}\n`);
  });
}

export async function restoreCommand(argv: string[]): Promise<number> {
  return run("restore", argv, async (file, force) => {
    const kind = fileKind(file);
    const url = process.env.DATABASE_URL;
    if (url) {
      if (kind !== "pg_dump")
        throw new CliError(
          `${file} is not a dump of a PostgreSQL server (${kind === "pglite" ? "it is a copy of an embedded database: restore it without DATABASE_URL" : "not a pg_dump custom-format file"})`,
        );
      const db = await openServer(url, { max: 1 });
      let tables: number;
      try {
        const r = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_tables
           WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%'`,
        );
        tables = r.rows[0]?.n ?? 0;
      } finally {
        await db.close();
      }
      if (tables > 0 && !force)
        throw new CliError(
          `the database holds ${tables} tables already: restore into an empty database, or give --force to replace what the dump holds`,
        );
      const clean = tables > 0 ? ["--clean", "--if-exists"] : [];
      await tool("pg_restore", [
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        ...clean,
        `--dbname=${url}`,
        file,
      ]);
      process.stdout.write(`${file} was restored into the PostgreSQL database\n`);
      return;
    }
    if (kind !== "pglite")
      throw new CliError(
        `${file} is not a copy of an embedded database (${kind === "pg_dump" ? "it is a pg_dump file: restore it with DATABASE_URL set" : "not a gzip tarball"})`,
      );
    const dir = dataDir();
    const pgdata = join(dir, "pgdata");
    await withLock(dir, async () => {
      if (existsSync(pgdata)) {
        const pg = new PGlite(pgdata);
        let tables: number;
        try {
          const r = await pg.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
          );
          tables = r.rows[0]?.n ?? 0;
        } finally {
          await pg.close();
        }
        if (tables > 0 && !force)
          throw new CliError(
            `${dir} holds a database already: give another PATRON_DATA, or --force to replace it`,
          );
        rmSync(pgdata, { recursive: true, force: true });
      }
      const pg = new PGlite(pgdata, { loadDataDir: new Blob([readFileSync(file)]) });
      await pg.waitReady;
      await pg.close();
    });
    process.stdout.write(`${file} was restored into ${dir}\n`);
  });
}

async function run(
  name: string,
  argv: string[],
  fn: (file: string, force: boolean) => Promise<void>,
): Promise<number> {
  const usage = `usage: patron ${name} FILE${name === "restore" ? " [--force]" : ""}\n`;
  let file: string | undefined;
  let force = false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: name === "restore" ? { force: { type: "boolean", default: false } } : {},
      strict: true,
    });
    file = positionals[0];
    force = values.force === true;
  } catch (e) {
    process.stderr.write(`patron ${name}: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (!file) {
    process.stderr.write(usage);
    return 2;
  }
  try {
    await fn(file, force);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`patron ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** What a backup file holds, from its first bytes. */
function fileKind(file: string): "pg_dump" | "pglite" | "other" {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  return "other";
}

/** Runs a PostgreSQL client tool, passing its messages through; a missing tool is a clear error. */
function tool(name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(name, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b) => {
      stderr += String(b);
    });
    child.on("error", (e: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          e.code === "ENOENT"
            ? `${name} is not on PATH: install the PostgreSQL client tools (the same major version as the server or newer)`
            : `${name}: ${e.message}`,
        ),
      ),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new CliError(`${name} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

/**
 * Holds the data folder's lock (the one `patron serve` takes) while `fn` runs, so that no server writes to
 * the folder during a backup or restore.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, "patron.lock");
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8"));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
      throw new CliError(`the data folder ${dir} is in use by process ${pid}: stop it first`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(lock, String(process.pid));
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

async function withEmbedded<T>(dir: string, fn: (pg: PGlite) => Promise<T>): Promise<T> {
  return withLock(dir, async () => {
    const pg = new PGlite(join(dir, "pgdata"));
    try {
      await pg.waitReady;
      return await fn(pg);
    } finally {
      await pg.close();
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
