-- Console users, API keys, the stored answers of idempotent requests, and the audit log of changes.
-- tenant_id leads every key and index, as in 0001.

CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'program_manager', 'sales_manager', 'finance', 'support')),
  -- scrypt$N$r$p$salt$hash, null until the person sets a password
  password_hash text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX users_email ON users (tenant_id, lower(email));

-- The secret itself is never stored: only its SHA-256 (it has 256 bits of entropy, so no salt is needed)
-- and a few leading characters that let a person recognise the key in a list.
CREATE TABLE api_keys (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text,
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'program_manager', 'sales_manager', 'finance', 'support')),
  -- the user or key that made it
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX api_keys_secret_hash ON api_keys (tenant_id, secret_hash);

-- One row per Idempotency-Key, written in the transaction of the change it answers for. No foreign key to
-- tenants: a tenant's bootstrap stores its key before the tenant exists.
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (tenant_id, created_at);

-- ids are time-ordered, so (tenant_id, id) also orders the log by time.
CREATE TABLE audit_log (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  comment text,
  before jsonb,
  after jsonb,
  request_id text,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor, id);

CREATE INDEX audit_log_action ON audit_log (tenant_id, action, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
