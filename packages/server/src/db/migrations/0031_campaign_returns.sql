-- A sale whose counting lines have all been returned: its figures are down to zero and it no longer counts as a
-- sale of its participant (a partial return only lowers the figures).
ALTER TABLE campaign_sales ADD COLUMN returned boolean NOT NULL DEFAULT false;
