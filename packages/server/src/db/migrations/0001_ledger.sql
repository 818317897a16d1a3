-- Tenants and the points ledger: accounts with balances kept in step with append-only postings.
-- Every tenant table carries tenant_id first in its keys (the distribution column if it moves to Citus).

CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- kind: wallet (a member's available points), pending (points waiting to mature), hold (points reserved
-- against a cart), expense (the program: points issued), expired, settlement (a coalition partner).
CREATE TABLE accounts (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('wallet', 'pending', 'hold', 'expense', 'expired', 'settlement')),
  allow_negative boolean NOT NULL DEFAULT false,
  balance bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT balance_not_negative CHECK (allow_negative OR balance >= 0)
);

CREATE TABLE ledger_transactions (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  code text NOT NULL,
  cause text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE postings (
  tenant_id text NOT NULL,
  transaction_id text NOT NULL,
  seq integer NOT NULL,
  from_account text NOT NULL,
  to_account text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (tenant_id, transaction_id, seq),
  FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
  FOREIGN KEY (tenant_id, from_account) REFERENCES accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, to_account) REFERENCES accounts (tenant_id, id),
  CHECK (from_account <> to_account)
);

CREATE INDEX postings_from_account ON postings (tenant_id, from_account);

CREATE INDEX postings_to_account ON postings (tenant_id, to_account);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger entries are append-only: post a correcting transaction instead'; END $$;

CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

CREATE TRIGGER transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
