-- What a client company bought of a product category from everyone (us and other suppliers) over a period, as
-- a sales manager entered it or a file imported it: the denominator of share of wallet. One figure per company,
-- category and period start; entering it again replaces it.
CREATE TABLE category_purchases (
  tenant_id text NOT NULL,
  company_id text NOT NULL,
  category text NOT NULL CHECK (char_length(category) BETWEEN 1 AND 200),
  period_from date NOT NULL,
  period_to date NOT NULL,
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  source text NOT NULL CHECK (source IN ('entered', 'imported')),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, company_id, category, period_from),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id),
  CHECK (period_to >= period_from)
);

CREATE INDEX category_purchases_period ON category_purchases (tenant_id, period_from, period_to);
