-- Redemption holds: points reserved for a cart, moved from the member's wallet to its hold account until the
-- order captures them, someone cancels the hold, or it expires. Also the indexes the ledger history reads.

CREATE TABLE holds (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  member_id text NOT NULL,
  points bigint NOT NULL CHECK (points > 0),
  status text NOT NULL CHECK (status IN ('held', 'captured', 'cancelled', 'expired')),
  -- The lots the points were taken from, oldest first ({points, grantedOn, expiresOn}): given back with
  -- their own dates when the hold is released.
  consumed jsonb NOT NULL,
  -- The cart the hold was priced against, as sent, when one was.
  cart jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  order_id text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id),
  CHECK ((status = 'held') = (settled_at IS NULL))
);

CREATE INDEX holds_due ON holds (tenant_id, expires_at) WHERE status = 'held';

CREATE INDEX holds_member ON holds (tenant_id, member_id, id);

-- A member's ledger history, newest first, by account and transaction id.
CREATE INDEX postings_from_history ON postings (tenant_id, from_account, transaction_id, seq);

CREATE INDEX postings_to_history ON postings (tenant_id, to_account, transaction_id, seq);

-- Transactions name the event that caused them by its id.
CREATE INDEX events_by_id ON events (tenant_id, id);
