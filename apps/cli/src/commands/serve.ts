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
  const where = db.kind === "embedded" ? `the embedded database in ${dataDir()}` : "the PostgreSQL server";
  const server = serve({ fetch: app.fetch, port, hostname: values.host }, () => {
    process.stdout.write(`Patron API on http://${values.host}:${port} (docs at /docs), on ${where}\n`);
  });
  const failed = await new Promise<string | null>((resolve) => {
    server.once("listening", () => resolve(null));
    server.once("error", (e: NodeJS.ErrnoException) =>
      resolve(
        e.code === "EADDRINUSE"
          ? `port ${port} is in use: stop what listens there, or give --port`
          : e.message,
      ),
    );
  });
  if (failed) {
    process.stderr.write(`patron serve: ${failed}\n`);
    await db.close();
    return 1;
  }
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
