// Migration 0049: a level change is its own `tier.changed` message. Changes recorded before it already have their
// outbox rows, which stay the messages saying them: after the migration each change is said, and sent, once.
import { describe, expect, it } from "vitest";
import { createTenant } from "../modules/ledger/service.ts";
import { dispatch } from "../modules/webhooks/worker.ts";
import { migrateBefore, unmigratedDb } from "../testing/db.ts";
import { migrate } from "./migrate.ts";

const VERSION = "0049_tier_messages";

const change = (id: string, member: string) =>
  `INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason)
   VALUES ('old', '${id}', '${member}', '2026-03-02', 'base', 'silver', 'evaluation')`;

describe("migration 0049", () => {
  it("leaves a change made before it to its outbox message, and makes a later one its own", {
    timeout: 60_000,
  }, async () => {
    const { db, drop } = await unmigratedDb();
    try {
      // The database as it was before 0049: every migration before it applied, and a change with its outbox row.
      const upgrade = await migrateBefore(db, VERSION);
      await createTenant(db, "old", "Old");
      await db.exec("INSERT INTO members (tenant_id, id, joined_on) VALUES ('old', 'c1', '2026-01-01')");
      await db.exec("INSERT INTO members (tenant_id, id, joined_on) VALUES ('old', 'c2', '2026-01-01')");
      await db.exec(change("tch_before", "c1"));
      await db.exec(
        `INSERT INTO outbox (tenant_id, id, type, payload) VALUES ('old', 'msg_before', 'tier.changed',
           '{"memberId": "c1", "from": "base", "to": "silver", "reason": "evaluation", "date": "2026-03-02"}')`,
      );
      expect(await migrate(db)).toEqual(upgrade);

      await db.exec(change("tch_after", "c2"));
      const listed = await db.query<{ id: string; payload: Record<string, unknown> }>(
        "SELECT id, payload FROM messages WHERE tenant_id = 'old' AND type = 'tier.changed' ORDER BY seq",
      );
      expect(listed.rows).toEqual([
        { id: "msg_before", payload: expect.objectContaining({ memberId: "c1" }) },
        {
          id: "tch_after",
          payload: { memberId: "c2", from: "base", to: "silver", reason: "evaluation", date: "2026-03-02" },
        },
      ]);
      // An endpoint for level changes gets one delivery of each, none of the earlier change's own row.
      await db.exec(
        `INSERT INTO webhook_endpoints (tenant_id, id, url, event_types, secret, created_by, created_at, updated_at)
         VALUES ('old', 'whe_1', 'https://erp.example.com/in', '{tier.changed}', 'whsec_x', 'u', now(), now())`,
      );
      expect(await dispatch(db)).toMatchObject({ made: 2 });
      const made = await db.query<{ message_id: string }>(
        "SELECT message_id FROM webhook_deliveries WHERE tenant_id = 'old' ORDER BY message_id",
      );
      expect(made.rows.map((r) => r.message_id)).toEqual(["msg_before", "tch_after"]);
      expect(await dispatch(db)).toMatchObject({ messages: 0, made: 0 });
    } finally {
      await drop();
    }
  });
});
