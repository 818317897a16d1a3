-- Paid memberships (plans, memberships bought, the money they move), individual discounts granted by sales
-- managers within per-role limits, what either gave on each order, and actions that earn outside purchases.

CREATE TABLE membership_plans (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  -- The fee in the program's currency, minor units; paid in points instead when fee_points is set.
  fee_minor bigint NOT NULL CHECK (fee_minor >= 0),
  fee_points bigint CHECK (fee_points > 0),
  period_days integer NOT NULL CHECK (period_days BETWEEN 1 AND 3660),
  discount_ppm integer NOT NULL CHECK (discount_ppm BETWEEN 0 AND 1000000),
  extra_earn_ppm integer NOT NULL CHECK (extra_earn_ppm BETWEEN 0 AND 1000000),
  free_delivery boolean NOT NULL,
  priority_service boolean NOT NULL,
  -- On cancellation: 'prorata' gives back the unused days' share of the fee, 'none' nothing.
  refund text NOT NULL CHECK (refund IN ('none', 'prorata')),
  active boolean NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE memberships (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  plan_id text NOT NULL,
  company_id text NOT NULL,
  -- The benefit holds from starts_on to ends_on, both included; a cancellation moves ends_on back.
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'cancelled')),
  fee_minor bigint NOT NULL,
  fee_points bigint,
  bought_by text NOT NULL,
  cancelled_on date,
  refund_minor bigint NOT NULL DEFAULT 0,
  refund_points bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES membership_plans (tenant_id, id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX memberships_company ON memberships (tenant_id, company_id, ends_on);

-- Fees received and refunds paid in money (a fee paid in points is a ledger transaction instead).
CREATE TABLE membership_payments (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  membership_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('fee', 'refund')),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  points bigint NOT NULL CHECK (points >= 0),
  day date NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id)
);

CREATE INDEX membership_payments_membership ON membership_payments (tenant_id, membership_id);

-- The largest individual discount and extra earning rate each role may grant without approval.
CREATE TABLE discount_limits (
  tenant_id text NOT NULL REFERENCES tenants (id),
  role text NOT NULL,
  max_discount_ppm integer NOT NULL CHECK (max_discount_ppm BETWEEN 0 AND 1000000),
  max_earn_ppm integer NOT NULL CHECK (max_earn_ppm BETWEEN 0 AND 1000000),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, role)
);

CREATE TABLE discount_grants (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  company_id text NOT NULL,
  discount_ppm integer NOT NULL CHECK (discount_ppm BETWEEN 0 AND 1000000),
  extra_earn_ppm integer NOT NULL CHECK (extra_earn_ppm BETWEEN 0 AND 1000000),
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  valid_from date NOT NULL,
  valid_to date NOT NULL CHECK (valid_to >= valid_from),
  -- The person answerable for the grant (the user, or the key acting for none) and their role then.
  owner_id text NOT NULL,
  owner_role text NOT NULL,
  requested_by text NOT NULL,
  requested_by_user text,
  status text NOT NULL CHECK (status IN ('pending_approval', 'active', 'rejected', 'revoked')),
  decided_by text,
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX discount_grants_company ON discount_grants (tenant_id, company_id, status);

-- What a membership or a grant gave on one order: money off and extra points.
CREATE TABLE term_uses (
  tenant_id text NOT NULL REFERENCES tenants (id),
  term_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('membership', 'individual')),
  order_id text NOT NULL,
  company_id text NOT NULL,
  day date NOT NULL,
  discount_minor bigint NOT NULL,
  extra_points bigint NOT NULL,
  PRIMARY KEY (tenant_id, term_id, order_id)
);

-- Trainings attended, courses completed, surveys answered, profiles completed, greetings: once each by
-- external id, with the points they earned and why.
CREATE TABLE action_events (
  tenant_id text NOT NULL REFERENCES tenants (id),
  external_id text NOT NULL,
  id text NOT NULL,
  company_id text NOT NULL,
  contact_id text,
  action text NOT NULL,
  subject text,
  day date NOT NULL,
  points bigint NOT NULL,
  keys jsonb NOT NULL,
  effects jsonb NOT NULL,
  transaction_id text,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, external_id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX action_events_company ON action_events (tenant_id, company_id, day);
