// `patron export companies|contacts|orders|ledger|rewards|wallets`: a tenant's data as CSV, streamed page by page
// to a file or stdout. Companies, contacts, orders and rewards come out in the formats `patron import` reads, so
// an export imports again.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import {
  COMPANY_EXPORT_COLUMNS,
  CONTACT_EXPORT_COLUMNS,
  companyRows,
  contactRows,
  LEDGER_EXPORT_COLUMNS,
  ledgerRows,
  ORDER_EXPORT_COLUMNS,
  orderRows,
  REWARD_EXPORT_COLUMNS,
  rewardRows,
  WALLET_EXPORT_COLUMNS,
  walletRows,
} from "@patron/server";
import { resolveTenant, withDatabase } from "./data.ts";
import { CliError } from "./load.ts";

const USAGE =
  "usage: patron export companies|contacts|orders|ledger|rewards|wallets [--tenant ID] [--out FILE[.gz]]\n";

const KINDS = {
  companies: { columns: COMPANY_EXPORT_COLUMNS, rows: companyRows },
  contacts: { columns: CONTACT_EXPORT_COLUMNS, rows: contactRows },
  orders: { columns: ORDER_EXPORT_COLUMNS, rows: orderRows },
  ledger: { columns: LEDGER_EXPORT_COLUMNS, rows: ledgerRows },
  rewards: { columns: REWARD_EXPORT_COLUMNS, rows: rewardRows },
  wallets: { columns: WALLET_EXPORT_COLUMNS, rows: walletRows },
} as const;

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

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
  if (!kind || !Object.hasOwn(KINDS, kind)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const { columns, rows } = KINDS[kind as keyof typeof KINDS];
  try {
    const count = await withDatabase(async (db) => {
      const tenantId = await resolveTenant(db, values.tenant);
      const out = openOut(values.out);
      let n = 0;
      let chunk: string[] = [`${columns.join(",")}\n`];
      for await (const row of rows(db, tenantId)) {
        chunk.push(`${row.map(csvField).join(",")}\n`);
        n++;
        if (out.closed()) break; // a reader such as `head` stopped reading: that is not an error
        if (chunk.length >= CHUNK_LINES) {
          await write(out.stream, chunk.join(""));
          chunk = [];
        }
      }
      await write(out.stream, chunk.join(""));
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

/** Waits for the stream to drain when its buffer is full, so memory stays bounded. */
async function write(stream: Writable, text: string): Promise<void> {
  if (!text || stream.destroyed) return;
  if (!stream.write(text))
    await new Promise<void>((resolve) => {
      stream.once("drain", resolve);
      stream.once("close", resolve);
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
