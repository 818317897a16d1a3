// Graceful shutdown of a serving process: stop taking connections, let the requests under way finish (up to a
// grace period), stop the job scheduler, and only then close the database.
import type { Server } from "node:http";

export interface ShutdownParts {
  /** Stops the scheduler, waiting for the job step under way. */
  stopScheduler?: () => Promise<void>;
  /** Closes the database; called last. */
  closeDb: () => Promise<void>;
  /** How long requests under way may take before their connections are cut. */
  graceMs?: number;
}

export const DEFAULT_GRACE_MS = 25_000;
const IDLE_SWEEP_MS = 50;

export async function shutdown(server: Server, parts: ShutdownParts): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections with no request under way would hold close() open: end them now, and each one as
  // soon as its last request is answered.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), parts.graceMs ?? DEFAULT_GRACE_MS);
  try {
    await Promise.all([closed, parts.stopScheduler?.()]);
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
  await parts.closeDb();
}
