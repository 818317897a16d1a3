// On PostgreSQL, a listener whose connection is cut (the server restarted, a proxy timed out) opens it again and
// hears notices after that, instead of leaving its reader to poll for the rest of the process's life.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../testing/db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.drop();
});

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("listen on PostgreSQL", () => {
  it("reconnects after its connection is terminated, tells its reader once it is back, and hears later notices", async () => {
    const channel = `patron_listen_${Date.now()}`;
    let heard = 0;
    const listen = t.db.listen;
    if (!listen) throw new Error("a server database listens");
    const stop = await listen.call(t.db, channel, () => {
      heard++;
    });
    try {
      await t.db.query(`NOTIFY ${channel}`);
      await until(() => heard === 1);

      const killed = await t.db.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
         WHERE query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN "${channel}"`],
      );
      expect(killed.rows[0]?.n).toBe("1");
      // Back: the reconnection itself is a notice (anything sent meanwhile was missed) ...
      await until(() => heard === 2);
      const back = await t.db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM pg_stat_activity WHERE query = $1",
        [`LISTEN "${channel}"`],
      );
      expect(back.rows[0]?.n).toBe("1");
      // ... and later notices arrive again.
      await t.db.query(`NOTIFY ${channel}`);
      await until(() => heard === 3);
    } finally {
      await stop();
    }
    // Stopped: its connection is closed, and not opened again.
    const listeners = async () =>
      (
        await t.db.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_stat_activity WHERE query = $1", [
          `LISTEN "${channel}"`,
        ])
      ).rows[0]?.n;
    let left = await listeners();
    for (let i = 0; i < 50 && left !== "0"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      left = await listeners();
    }
    expect(left).toBe("0");
  });
});
