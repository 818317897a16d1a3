-- Analytics rollups: per company and day, and per tenant and day, kept up to date by adding what was received
-- since a watermark (see modules/analytics/rollups.ts); `patron analytics rebuild` recomputes them from the raw
-- tables. BRIN indexes find what arrived after the watermark for almost no cost on the ingestion path.

CREATE TABLE analytics_member_days (
  tenant_id text NOT NULL,
  day date NOT NULL,
  member_id text NOT NULL,
  orders integer NOT NULL DEFAULT 0,
  lines integer NOT NULL DEFAULT 0,
  gross_minor bigint NOT NULL DEFAULT 0,
  discount_minor bigint NOT NULL DEFAULT 0,
  net_minor bigint NOT NULL DEFAULT 0,
  -- Net of the lines whose unit cost is known, and that cost: gross margin where it is known.
  costed_net_minor bigint NOT NULL DEFAULT 0,
  cost_minor bigint NOT NULL DEFAULT 0,
  returns integer NOT NULL DEFAULT 0,
  returned_minor bigint NOT NULL DEFAULT 0,
  points_earned bigint NOT NULL DEFAULT 0,
  points_redeemed bigint NOT NULL DEFAULT 0,
  points_refunded bigint NOT NULL DEFAULT 0,
  points_reversed bigint NOT NULL DEFAULT 0,
  points_expired bigint NOT NULL DEFAULT 0,
  points_adjusted bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, member_id)
);

CREATE INDEX analytics_member_days_member ON analytics_member_days (tenant_id, member_id, day);

-- The same sums per tenant and day, and how many companies ordered that day.
CREATE TABLE analytics_tenant_days (
  tenant_id text NOT NULL,
  day date NOT NULL,
  active_members integer NOT NULL DEFAULT 0,
  orders integer NOT NULL DEFAULT 0,
  lines integer NOT NULL DEFAULT 0,
  gross_minor bigint NOT NULL DEFAULT 0,
  discount_minor bigint NOT NULL DEFAULT 0,
  net_minor bigint NOT NULL DEFAULT 0,
  costed_net_minor bigint NOT NULL DEFAULT 0,
  cost_minor bigint NOT NULL DEFAULT 0,
  returns integer NOT NULL DEFAULT 0,
  returned_minor bigint NOT NULL DEFAULT 0,
  points_earned bigint NOT NULL DEFAULT 0,
  points_redeemed bigint NOT NULL DEFAULT 0,
  points_refunded bigint NOT NULL DEFAULT 0,
  points_reversed bigint NOT NULL DEFAULT 0,
  points_expired bigint NOT NULL DEFAULT 0,
  points_adjusted bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);

-- Everything received before `upto` is in the rollups.
CREATE TABLE analytics_watermarks (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  upto timestamptz NOT NULL,
  refreshed_at timestamptz NOT NULL
);

CREATE INDEX events_received_brin ON events USING brin (received_at);

CREATE INDEX ledger_transactions_created_brin ON ledger_transactions USING brin (created_at);

-- The hold-out control group: this share of a tenant's companies (basis points of 10,000, chosen by a hash of
-- tenant and company id) is tracked but earns nothing, so that the program's lift can be measured.
CREATE TABLE holdout_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  share_bp integer NOT NULL CHECK (share_bp >= 0 AND share_bp <= 5000),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
