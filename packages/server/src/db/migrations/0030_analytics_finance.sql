-- The finance report's rollup: per company (or contact without one) and day, the points that crossed between
-- the accounts owed to members and the program's own accounts, kept by the rollups' watermark
-- (modules/analytics/rollups.ts) and recomputed by `patron analytics rebuild`.
CREATE TABLE analytics_finance_days (
  tenant_id text NOT NULL,
  day date NOT NULL,
  member_id text NOT NULL,
  issued bigint NOT NULL DEFAULT 0,
  spent bigint NOT NULL DEFAULT 0,
  expired bigint NOT NULL DEFAULT 0,
  reversed bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, member_id)
);

-- Rows are stamped when they are written rather than when their transaction began: a writer that has not yet
-- locked the table for writing can then only stamp later than that moment, which is what lets the watermark
-- wait for the writers of these two tables alone (see safeUpto), not for every transaction of the database.
ALTER TABLE events ALTER COLUMN received_at SET DEFAULT clock_timestamp();
ALTER TABLE ledger_transactions ALTER COLUMN created_at SET DEFAULT clock_timestamp();

-- The rollups start again from nothing, so that the first refresh adds the finance rollup for the whole history.
DELETE FROM analytics_watermarks;
DELETE FROM analytics_member_days;
DELETE FROM analytics_tenant_days;
DELETE FROM analytics_active_sets;
DELETE FROM analytics_member_ordinals;
