-- Coalition partners: other merchants who send orders and accept the program's points, their own API keys
-- (each scoped to one partner), and the monthly settlements closed through each partner's ledger account.
-- Also: the referral code a company arrived with through a referral link, applied to its first order.

CREATE TABLE partners (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE partner_keys (
  tenant_id text NOT NULL,
  id text NOT NULL,
  partner_id text NOT NULL,
  name text,
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id)
);

CREATE UNIQUE INDEX partner_keys_secret ON partner_keys (tenant_id, secret_hash);

-- One row per partner and closed month: what the ledger transaction moved, and the money it stands for.
CREATE TABLE partner_settlements (
  tenant_id text NOT NULL,
  month text NOT NULL,
  partner_id text NOT NULL,
  points_issued bigint NOT NULL,
  points_redeemed bigint NOT NULL,
  -- Positive: the partner owes the program; negative: the program owes the partner.
  amount_minor bigint NOT NULL,
  transaction_id text,
  closed_by text NOT NULL,
  closed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, month, partner_id)
);

-- The settlement report and a partner's own order list read orders by partner and day.
CREATE INDEX orders_partner ON orders (tenant_id, (outcome ->> 'partnerId'), day)
  WHERE outcome ->> 'partnerId' IS NOT NULL;

-- The referral code a company arrived with through a referral link: its first order without a code of its own
-- is priced with it.
CREATE TABLE referral_arrivals (
  tenant_id text NOT NULL,
  company_id text NOT NULL,
  code text NOT NULL,
  contact_id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, company_id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);
