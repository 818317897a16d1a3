-- Sales motivation campaigns: the owner's sales managers or a dealer's staff compete over a period. Scores are
-- kept per participant as orders arrive (campaign_sales holds what each order added, so a cancellation can
-- take it back and the close can check the totals in one set-based pass); awards hold badges and prizes.
CREATE TABLE sales_campaigns (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  -- staff: console users (sales managers) credited with their clients' orders; dealer: contacts or companies.
  audience text NOT NULL CHECK (audience IN ('staff', 'dealer')),
  metric text NOT NULL CHECK (metric IN ('amount', 'margin', 'quantity', 'newClients')),
  -- Only lines of these SKUs or categories score; all lines when both are empty (JSON arrays of text).
  skus jsonb NOT NULL DEFAULT '[]',
  categories jsonb NOT NULL DEFAULT '[]',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  default_target bigint NOT NULL CHECK (default_target > 0),
  -- Percentages of target that earn a badge, e.g. [50, 100, 150].
  milestones jsonb NOT NULL DEFAULT '[]',
  prizes jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('draft', 'running', 'ended')),
  -- The campaign whose setup this one copied.
  copied_from text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  ended_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK (ends_on >= starts_on)
);

CREATE TABLE campaign_participants (
  tenant_id text NOT NULL,
  campaign_id text NOT NULL,
  -- user:<id>, contact:<id> or company:<id>.
  subject text NOT NULL,
  name text NOT NULL,
  team text,
  target bigint NOT NULL CHECK (target > 0),
  score bigint NOT NULL DEFAULT 0,
  amount_minor bigint NOT NULL DEFAULT 0,
  margin_minor bigint NOT NULL DEFAULT 0,
  quantity_milli bigint NOT NULL DEFAULT 0,
  new_clients bigint NOT NULL DEFAULT 0,
  sales bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, campaign_id, subject),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES sales_campaigns (tenant_id, id) ON DELETE CASCADE
);

-- An order finds the campaigns its participants take part in.
CREATE INDEX campaign_participants_subject ON campaign_participants (tenant_id, subject);

CREATE TABLE campaign_sales (
  tenant_id text NOT NULL,
  campaign_id text NOT NULL,
  order_id text NOT NULL,
  subject text NOT NULL,
  day date NOT NULL,
  score bigint NOT NULL,
  amount_minor bigint NOT NULL,
  margin_minor bigint NOT NULL,
  quantity_milli bigint NOT NULL,
  new_clients bigint NOT NULL,
  cancelled boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, campaign_id, subject, order_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES sales_campaigns (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX campaign_sales_order ON campaign_sales (tenant_id, order_id);

CREATE TABLE campaign_awards (
  tenant_id text NOT NULL,
  campaign_id text NOT NULL,
  subject text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('badge', 'prize')),
  -- A badge's code (first-sale, target-100) or a prize's (top-3, target).
  code text NOT NULL,
  rank integer,
  points bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
  prize text,
  -- The ledger transaction that paid a contact's prize points.
  transaction_id text,
  awarded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, subject, kind, code),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES sales_campaigns (tenant_id, id) ON DELETE CASCADE
);
