-- Browser sessions of console users (and, later, of portal contacts), and the failed sign-ins that rate
-- limit guessing. tenant_id leads every key and index, as in 0001.

-- The cookie carries a random secret; only its SHA-256 is stored (256 random bits need no salt), so a copy of
-- this table signs nobody in. kind says which table subject_id points into: 'staff' is users; 'contact' is
-- kept for the client portal's people.
CREATE TABLE sessions (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  secret_hash text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'contact')),
  subject_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX sessions_secret_hash ON sessions (tenant_id, secret_hash);

CREATE INDEX sessions_subject ON sessions (tenant_id, kind, subject_id);

-- One row per refused sign-in, kept for the rate limit's window. No foreign key to tenants: a guess at an
-- unknown tenant counts against its address too.
CREATE TABLE login_failures (
  tenant_id text NOT NULL,
  id text NOT NULL,
  email text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX login_failures_email ON login_failures (tenant_id, email, at);

CREATE INDEX login_failures_ip ON login_failures (tenant_id, ip, at);
