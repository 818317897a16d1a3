-- Webhooks: an outbox of what happened, written in the transaction of the change; endpoints that subscribe to
-- event types; one delivery per (message, endpoint) with its retry schedule; one row per attempt. tenant_id
-- leads every key and index, as in 0001.

-- The outbox: one row per thing that happened, its id the message id receivers see (webhook-id). `seq` orders
-- the dispatcher's reads; `dispatched_at` is set once deliveries were made for every subscribed endpoint.
CREATE TABLE outbox (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  seq bigserial NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- Only rows still to dispatch: small while the dispatcher keeps up, read whole by its poll.
CREATE INDEX outbox_undispatched ON outbox (tenant_id, seq) WHERE dispatched_at IS NULL;

CREATE INDEX outbox_seq ON outbox (tenant_id, seq);

CREATE INDEX outbox_by_type ON outbox (tenant_id, type, seq);

-- A member appears on its first event, by hand, or by import: every path inserts the row, so the notice is
-- written here, in the same statement's transaction, once per statement for all its rows.
-- (The body keeps its inner semicolons off line ends: migrations split statements there.)
CREATE FUNCTION outbox_member_created() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  INSERT INTO outbox (tenant_id, id, type, payload, occurred_at)
  SELECT n.tenant_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'member.created',
         jsonb_build_object('memberId', n.id, 'joinedOn', n.joined_on), clock_timestamp()
  FROM new_members n; RETURN NULL; END $$;

CREATE TRIGGER members_outbox AFTER INSERT ON members REFERENCING NEW TABLE AS new_members
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_member_created();

-- An endpoint: a URL, the event types it wants (empty: all), its signing secret and, during a rotation, the
-- previous one until it expires. Failures in a row are counted, from the first, to disable a dead endpoint.
CREATE TABLE webhook_endpoints (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  url text NOT NULL,
  description text,
  event_types text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason text,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  failing_since timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX webhook_endpoints_live ON webhook_endpoints (tenant_id) WHERE status = 'enabled' AND deleted_at IS NULL;

-- A message to an endpoint, delivered at least once: `next_attempt_at` is the schedule (a claimed delivery
-- is leased by moving it forward, so a worker that dies mid-send lets another one retry it).
CREATE TABLE webhook_deliveries (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  endpoint_id text NOT NULL,
  message_id text NOT NULL,
  type text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbox (tenant_id, id)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, next_attempt_at) WHERE status = 'pending';

CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, id);

CREATE INDEX webhook_deliveries_message ON webhook_deliveries (tenant_id, message_id);

-- Every attempt: when, the answer's status (null when none came), how long it took, the error, and the start
-- of the answer's body.
CREATE TABLE webhook_attempts (
  tenant_id text NOT NULL REFERENCES tenants (id),
  delivery_id text NOT NULL,
  attempt integer NOT NULL,
  at timestamptz NOT NULL,
  status_code integer,
  latency_ms integer NOT NULL,
  error text,
  response_body text,
  PRIMARY KEY (tenant_id, delivery_id, attempt),
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id)
);

-- Widget tokens: minted by the seller's backend with its API key for one member (and optionally one contact),
-- short-lived, read-only; only the SHA-256 of the secret is kept.
CREATE TABLE widget_tokens (
  tenant_id text NOT NULL REFERENCES tenants (id),
  token_hash text NOT NULL,
  member_id text NOT NULL,
  contact_id text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token_hash)
);

CREATE INDEX widget_tokens_expiry ON widget_tokens (tenant_id, expires_at);
