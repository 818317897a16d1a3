// `patron serve`: the HTTP API on the embedded database in the data folder, or on DATABASE_URL.
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { createApp, DbLockedError, migrate, openFromEnv } from "@patron/server";
import { dataDir } from "./db.ts";

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: process.env.PORT ?? "3000" },
      host: { type: "string", default: "127.0.0.1" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`patron serve: --port ${values.port} is not a port number\n`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openFromEnv>>;
  try {
    db = await openFromEnv(dataDir());
  } catch (e) {
    if (e instanceof DbLockedError) {
      process.stderr.write(`patron serve: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  await migrate(db);
  const app = createApp({ db, bootstrapToken: process.env.PATRON_BOOTSTRAP_TOKEN ?? null });
  const server = serve({ fetch: app.fetch, port, hostname: values.host });
  const where = db.kind === "embedded" ? `the embedded database in ${dataDir()}` : "the PostgreSQL server";
  process.stdout.write(`Patron API on http://${values.host}:${port} (docs at /docs), on ${where}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      // Finish in-flight requests, then release the database (and its folder lock).
      server.close(() => resolve());
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await db.close();
  return 0;
}
