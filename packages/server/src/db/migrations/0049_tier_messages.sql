-- A level change is its own `tier.changed` message: the tier_changes row is what the webhooks send, instead of a
-- second row per change in the outbox saying the same thing. On a setting day the tier job changes a tenth of a
-- million members' levels, and the outbox's row, key and three indexes per change cost more than the change itself.
--
-- A change takes its place among the outbox's messages from the outbox's own sequence, is sent once (dispatched_at,
-- as in the outbox) and wakes the webhook workers as an outbox write does. The changes recorded before this
-- migration already have their outbox messages: they keep no sequence number and are no messages of their own.
ALTER TABLE tier_changes ADD COLUMN seq bigint, ADD COLUMN occurred_at timestamptz, ADD COLUMN dispatched_at timestamptz;

ALTER TABLE tier_changes ALTER COLUMN seq SET DEFAULT nextval('outbox_seq_seq'),
  ALTER COLUMN occurred_at SET DEFAULT clock_timestamp();

-- The messages list, newest first, and the dispatcher's read of what is still to send (as the outbox's).
CREATE INDEX tier_changes_seq ON tier_changes (tenant_id, seq) WHERE seq IS NOT NULL;

CREATE INDEX tier_changes_undispatched ON tier_changes (tenant_id, seq) WHERE seq IS NOT NULL AND dispatched_at IS NULL;

CREATE TRIGGER tier_changes_notify AFTER INSERT ON tier_changes FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- A delivery's message is an outbox row or a level change.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_tenant_id_message_id_fkey;

-- Every message, from wherever it is kept: what the message list, deliveries and replays read. The payload of a
-- level change is the one `tierChangedPayload` gives.
CREATE VIEW messages AS
  SELECT tenant_id, id, seq, type, payload, occurred_at, dispatched_at FROM outbox
  UNION ALL
  SELECT tenant_id, id, seq, 'tier.changed' AS type,
    jsonb_build_object('memberId', member_id, 'from', from_tier, 'to', to_tier, 'reason', reason, 'date', day::text)
      AS payload,
    occurred_at, dispatched_at
  FROM tier_changes WHERE seq IS NOT NULL;
