// `patron start` (what `npm start` runs): brings the database up to date, creates the demo tenant the first
// time (when the database has no tenant), prints where to sign in, and serves the API and its docs.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type DemoLogin, hasTenants } from "@patron/server";
import { withDatabase } from "./data.ts";
import { dataDir } from "./db.ts";
import { makeDemo, printLogin } from "./demo.ts";
import { CliError } from "./load.ts";
import { serveCommand } from "./serve.ts";

/**
 * Where the embedded database keeps the demo's sign-in, so that every start can print it again: a local
 * demo's password and key are there to be used. Nothing is kept for a PostgreSQL server.
 */
const loginFile = () => join(dataDir(), "demo-login.json");

export async function startCommand(argv: string[]): Promise<number> {
  let port: string;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: process.env.PORT || "3000" },
        host: { type: "string", default: "127.0.0.1" },
      },
      strict: true,
    });
    port = values.port;
  } catch (e) {
    process.stderr.write(`patron start: ${(e as Error).message}\nusage: patron start [--port 3000]\n`);
    return 2;
  }
  const embedded = !process.env.DATABASE_URL;
  try {
    const made = await withDatabase(async (db) => {
      if (await hasTenants(db)) return null;
      return makeDemo(db, "demo");
    });
    const url = `http://127.0.0.1:${port}`;
    if (made) {
      if (embedded) {
        const { tenantId, email, password, apiKey } = made;
        writeFileSync(loginFile(), `${JSON.stringify({ tenantId, email, password, apiKey }, null, 2)}\n`, {
          mode: 0o600,
        });
      }
      printLogin(made, url);
    } else if (embedded && existsSync(loginFile())) {
      printLogin(JSON.parse(readFileSync(loginFile(), "utf8")) as DemoLogin, url);
    }
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`patron start: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return serveCommand(argv);
}
