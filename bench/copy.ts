// Bench fixtures made by the client go in by COPY ... FROM STDIN (pg-copy-streams): rows stream to the server
// as CSV text with backpressure, one statement per table, no parameters to bind or statements to plan.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A CSV field: quoted when it holds a comma, a quote or a line break; null is an empty unquoted field. */
export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) || s === "" ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Copies `rows` (each a list of cells) into `table (columns)` of the server at `url`, with `schema` on the
 * search path; returns the rows copied.
 */
export async function copyRows(
  url: string,
  schema: string,
  table: string,
  columns: readonly string[],
  rows: Iterable<(string | number | null)[]> | AsyncIterable<(string | number | null)[]>,
): Promise<number> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  let n = 0;
  try {
    const sink = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`));
    async function* text() {
      let chunk = "";
      for await (const r of rows) {
        chunk += `${r.map(csvCell).join(",")}\n`;
        n++;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(text()), sink);
  } finally {
    await client.end();
  }
  return n;
}

/**
 * The analytics fixture's orders loaded both ways into a scratch schema of their own, the same rows each time:
 * made by the client and sent by COPY, against made inside the database by INSERT ... SELECT generate_series.
 * The faster one loads the section's fixtures (both figures are reported).
 */
export async function compareOrderLoads(
  url: string,
  schema: string,
  orders: number,
  outcome: string,
): Promise<{ orders: number; copySeconds: number; insertSelectSeconds: number }> {
  const { createTenant, migrate, openServer } = await import("../packages/server/src/index.ts");
  const db = await openServer(url, { schema, max: 2 });
  try {
    await migrate(db);
    await createTenant(db, "load", "Load");
    const companies = 1000;
    await db.query(
      "INSERT INTO members (tenant_id, id, joined_on) SELECT 'load', 'C' || i, date '2024-06-01' FROM generate_series(1, $1::int) i",
      [companies],
    );
    const columns = [
      "tenant_id",
      "id",
      "member_id",
      "day",
      "gross_minor",
      "discount_minor",
      "net_minor",
      "points_redeemed",
      "points_earned",
      "outcome",
      "progress",
      "consumed",
      "line_count",
      "costed_net_minor",
      "cost_minor",
    ];
    function* made(): Generator<(string | number | null)[]> {
      for (let i = 0; i < orders; i++) {
        const day = new Date(Date.UTC(2025, 0, 1 + (i % 730))).toISOString().slice(0, 10);
        const member = `C${1 + ((i * 7919) % companies)}`;
        yield ["load", `O${i}`, member, day, 25000, 0, 25000, 0, 250, outcome, null, "[]", 0, 0, 0];
      }
    }
    let t = performance.now();
    await copyRows(url, schema, "orders", columns, made());
    const copySeconds = (performance.now() - t) / 1000;
    await db.query("TRUNCATE orders");
    t = performance.now();
    await db.query(
      `INSERT INTO orders (${columns.join(", ")})
       SELECT 'load', 'O' || i, 'C' || (1 + (i * 7919) % $2), date '2025-01-01' + (i % 730)::int, 25000, 0, 25000,
         0, 250, $3::json, NULL, '[]', 0, 0, 0
       FROM generate_series(0, $1::bigint - 1) i`,
      [orders, companies, outcome],
    );
    const insertSelectSeconds = (performance.now() - t) / 1000;
    return { orders, copySeconds, insertSelectSeconds };
  } finally {
    await db.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await db.close();
  }
}
