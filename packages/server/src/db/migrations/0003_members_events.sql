-- Programs, members and their history, events, orders as the engine priced them, and points lots.

CREATE TABLE programs (
  tenant_id text NOT NULL REFERENCES tenants (id),
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  effective_from date NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE members (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text,
  tax_id text,
  parent_id text,
  segment text,
  region text,
  joined_on date,
  enrolled_on date,
  tier text,
  tier_since date,
  order_count integer NOT NULL DEFAULT 0,
  last_order_on date,
  -- Counters of unit-counting mechanics: stamps, volume-band units, membership ends.
  counters jsonb NOT NULL DEFAULT '{"stamps": {}, "bands": {}, "memberships": {}}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Net purchases, orders and points earned per member and local day: the windows tiers and rules read.
CREATE TABLE member_days (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  day date NOT NULL,
  net_minor bigint NOT NULL DEFAULT 0,
  orders integer NOT NULL DEFAULT 0,
  points bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, member_id, day),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);

-- Every event once: (tenant, source, external id) is unique, so a repeated event changes nothing.
CREATE TABLE events (
  tenant_id text NOT NULL REFERENCES tenants (id),
  source text NOT NULL,
  external_id text NOT NULL,
  id text NOT NULL,
  type text NOT NULL,
  day date NOT NULL,
  payload jsonb NOT NULL,
  result jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source, external_id)
);

CREATE TABLE orders (
  tenant_id text NOT NULL,
  id text NOT NULL,
  member_id text NOT NULL,
  day date NOT NULL,
  gross_minor bigint NOT NULL,
  discount_minor bigint NOT NULL,
  net_minor bigint NOT NULL,
  points_redeemed bigint NOT NULL,
  points_earned bigint NOT NULL,
  outcome jsonb NOT NULL,
  progress jsonb,
  consumed jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX orders_member ON orders (tenant_id, member_id, day);

-- What is left of each grant of available points, spent oldest first; expires after expires_on.
CREATE TABLE lots (
  tenant_id text NOT NULL,
  id text NOT NULL,
  account_id text NOT NULL,
  granted_on date NOT NULL,
  expires_on date,
  remaining bigint NOT NULL CHECK (remaining >= 0),
  source text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);

CREATE INDEX lots_spend_order ON lots (tenant_id, account_id, granted_on, id) WHERE remaining > 0;

CREATE INDEX lots_expiry ON lots (tenant_id, expires_on) WHERE remaining > 0;

-- Points earned but not yet available: until the order is paid and its return window has passed.
CREATE TABLE pending_lots (
  tenant_id text NOT NULL,
  id text NOT NULL,
  account_id text NOT NULL,
  order_id text NOT NULL,
  points bigint NOT NULL CHECK (points >= 0),
  available_on date,
  expiry jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);

CREATE INDEX pending_lots_due ON pending_lots (tenant_id, available_on) WHERE points > 0;
