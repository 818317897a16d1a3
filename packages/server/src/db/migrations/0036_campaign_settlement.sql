-- A campaign's settlement grace: days after its last day during which orders dated in the period (imported or
-- sent late) still score before the campaigns job finalizes it and awards the prizes. A close by hand may
-- finalize it sooner.
ALTER TABLE sales_campaigns ADD COLUMN grace_days integer NOT NULL DEFAULT 3 CHECK (grace_days BETWEEN 0 AND 60);
