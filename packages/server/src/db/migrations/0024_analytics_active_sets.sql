-- Which companies ordered in a day, an ISO week or a month, as one bit per company, so that the dashboard
-- counts the distinct companies active in any period by OR-ing a few dozen bit strings instead of reading every
-- company-day of the period. Kept with the other rollups (modules/analytics/rollups.ts) and rebuilt with them.

-- A company's bit: numbered from 0 in the order companies first appear in the rollups.
CREATE TABLE analytics_member_ordinals (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  ordinal integer NOT NULL,
  PRIMARY KEY (tenant_id, member_id),
  UNIQUE (tenant_id, ordinal)
);

-- Bit `ordinal` (from the left) is set when that company has orders (net of cancellations) in the period.
-- Sets of one kind may differ in length as companies are added; readers pad them with zeros before OR-ing.
CREATE TABLE analytics_active_sets (
  tenant_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('day', 'week', 'month')),
  start date NOT NULL,
  members integer NOT NULL,
  bits bit varying NOT NULL,
  PRIMARY KEY (tenant_id, kind, start)
);

-- The dashboard's other reads of the members table: companies by join day, and the tier mix.
CREATE INDEX members_joined_on ON members (tenant_id, joined_on);

CREATE INDEX members_tier ON members (tenant_id, tier);

-- A dashboard read first asks whether anything arrived since the watermark; the BRIN index answers that only
-- for summarized ranges, so let autovacuum summarize each range as it fills rather than at the next vacuum.
ALTER INDEX events_received_brin SET (autosummarize = on);

ALTER INDEX ledger_transactions_created_brin SET (autosummarize = on);
