-- The finance report's opening balances: per company (or contact without one), the points it was owed at the end
-- of each month in which its points moved, kept with the finance day rollup (modules/analytics/rollups.ts) and
-- recomputed by `patron analytics rebuild`. A period's opening reads the latest month before it per holder and
-- the few days of its own month, instead of summing every day of the history.
CREATE TABLE analytics_finance_months (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  month date NOT NULL,
  closing bigint NOT NULL,
  PRIMARY KEY (tenant_id, member_id, month)
);

-- The rollups start again from nothing, so that the first refresh writes the months for the whole history.
DELETE FROM analytics_watermarks;
DELETE FROM analytics_member_days;
DELETE FROM analytics_tenant_days;
DELETE FROM analytics_active_sets;
DELETE FROM analytics_member_ordinals;
DELETE FROM analytics_finance_days;
