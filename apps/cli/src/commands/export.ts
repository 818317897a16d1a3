// `patron export KIND` (companies, contacts, orders, ledger, rewards, wallets, reward-orders, webhook-deliveries,
// survey-answers, audit): a tenant's data as CSV, the files `GET /v1/exports/{kind}` gives, streamed page by page
// to a file or stdout. Companies, contacts, orders and rewards come out in the formats `patron import` reads, so
// an export imports again.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { csvCell, EXPORT_KINDS } from "@patron/server";
import { resolveTenant, withDatabase } from "./data.ts";
import { CliError } from "./load.ts";

const USAGE = `usage: patron export ${Object.keys(EXPORT_KINDS).join("|")} [--tenant ID] [--out FILE[.gz]]\n`;

/** Lines written per write call. */
const CHUNK_LINES = 500;

export async function exportCommand(argv: string[]): Promise<number> {
  let values: { tenant?: string; out?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { tenant: { type: "string" }, out: { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`patron export: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const kind = positionals[0];
  if (!kind || !Object.hasOwn(EXPORT_KINDS, kind)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const { columns, rows } = EXPORT_KINDS[kind as keyof typeof EXPORT_KINDS];
  try {
    const count = await withDatabase(async (db) => {
      const tenantId = await resolveTenant(db, values.tenant);
      const out = openOut(values.out);
      let n = 0;
      let chunk: string[] = [`${columns.join(",")}\n`];
      for await (const row of rows(db, tenantId)) {
        chunk.push(`${row.map(csvCell).join(",")}\n`);
        n++;
        if (out.closed()) break; // a reader such as `head` stopped reading: that is not an error
        if (chunk.length >= CHUNK_LINES) {
          await writeChunk(out.stream, chunk.join(""));
          chunk = [];
        }
      }
      await writeChunk(out.stream, chunk.join(""));
      await out.done();
      return n;
    });
    if (values.out) process.stderr.write(`${count.toLocaleString("en-US")} rows written to ${values.out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`patron export: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * Waits for the stream to drain when its buffer is full, so memory stays bounded. A stream that closes
 * meanwhile (its reader went away, or it failed: an error destroys it) never drains, so closing ends the wait
 * too. Whichever comes first, both listeners go: a large export waits thousands of times on one stream.
 */
export async function writeChunk(stream: Writable, text: string): Promise<void> {
  if (!text || stream.destroyed) return;
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

interface Out {
  stream: Writable;
  closed: () => boolean;
  done: () => Promise<void>;
}

function openOut(path: string | undefined): Out {
  if (!path) {
    let closed = false;
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      closed = true;
      process.stdout.destroy();
    });
    return { stream: process.stdout, closed: () => closed, done: async () => {} };
  }
  const file = createWriteStream(path);
  const failed = new Promise<never>((_, reject) =>
    file.once("error", (e: NodeJS.ErrnoException) =>
      reject(new CliError(`${path}: cannot write (${e.code ?? e.message})`)),
    ),
  );
  failed.catch(() => {});
  const finished = once(file, "close").then(() => undefined);
  const stream: Writable = path.endsWith(".gz") ? createGzip() : file;
  if (stream !== file) stream.pipe(file);
  return {
    stream,
    closed: () => false,
    done: () => {
      stream.end();
      return Promise.race([finished, failed]);
    },
  };
}
