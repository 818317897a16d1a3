-- Promo code batches (one shared code or many unique ones) with their limits and uses, failed code checks for
-- the brute-force guard, and the reward catalog with its reward orders. tenant_id leads every key and index.

-- A batch hands out the benefit of one `code` discount of the program (`discount_id`): the program says what
-- the code gives (rate, lines, whether it combines); the batch says who may use it, when and how often.
CREATE TABLE code_batches (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('shared', 'unique')),
  discount_id text NOT NULL,
  valid_from date,
  valid_to date,
  max_uses_per_code integer CHECK (max_uses_per_code > 0),
  max_uses_per_company integer CHECK (max_uses_per_company > 0),
  min_order_minor bigint CHECK (min_order_minor >= 0),
  first_order_only boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('active', 'disabled')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);

-- Codes upper-cased; a code belongs to one batch of its tenant. `uses` counts the orders that used it and
-- were not cancelled, guarded against `max_uses_per_code` in one UPDATE.
CREATE TABLE codes (
  tenant_id text NOT NULL,
  code text NOT NULL,
  batch_id text NOT NULL,
  uses integer NOT NULL DEFAULT 0 CHECK (uses >= 0),
  PRIMARY KEY (tenant_id, code),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES code_batches (tenant_id, id)
);

CREATE INDEX codes_batch ON codes (tenant_id, batch_id, code);

-- One row per order that used a code; a cancelled order's row is released and its use given back.
CREATE TABLE code_uses (
  tenant_id text NOT NULL,
  order_id text NOT NULL,
  code text NOT NULL,
  batch_id text NOT NULL,
  company_id text NOT NULL,
  used_on date NOT NULL,
  released_at timestamptz,
  PRIMARY KEY (tenant_id, order_id),
  FOREIGN KEY (tenant_id, code) REFERENCES codes (tenant_id, code)
);

CREATE INDEX code_uses_company ON code_uses (tenant_id, batch_id, company_id) WHERE released_at IS NULL;

CREATE INDEX code_uses_batch ON code_uses (tenant_id, batch_id, used_on);

-- Failed code checks by subject (`key:<id>` or `company:<id>`), for the rate limit; old rows are pruned.
CREATE TABLE code_failures (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  subject text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX code_failures_subject ON code_failures (tenant_id, subject, at);

-- The reward catalog. `stock` null: unlimited. `tiers`/`roles` empty: everyone.
CREATE TABLE rewards (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('goods', 'service', 'training', 'priority_access', 'extended_warranty')),
  price_points bigint NOT NULL CHECK (price_points > 0),
  stock integer CHECK (stock >= 0),
  image_url text,
  tiers jsonb NOT NULL DEFAULT '[]',
  roles jsonb NOT NULL DEFAULT '[]',
  company_approval boolean NOT NULL DEFAULT true,
  owner_approval boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- A reward ordered by a company's contact: its points sit in a hold (`hold_id`) from the request until it is
-- shipped (captured) or rejected/cancelled (released).
CREATE TABLE reward_orders (
  tenant_id text NOT NULL,
  id text NOT NULL,
  reward_id text NOT NULL,
  company_id text NOT NULL,
  contact_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  points bigint NOT NULL CHECK (points > 0),
  hold_id text NOT NULL,
  status text NOT NULL CHECK (status IN
    ('requested', 'awaiting_owner', 'approved', 'shipped', 'delivered', 'rejected', 'cancelled')),
  note text,
  history jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, reward_id) REFERENCES rewards (tenant_id, id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX reward_orders_company ON reward_orders (tenant_id, company_id, id);

CREATE INDEX reward_orders_status ON reward_orders (tenant_id, status, id);
