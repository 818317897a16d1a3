-- What returns and cancellations gave back of a membership's or an individual discount's use on an order (the
-- returned share of the order, a cancellation all of it), and the partner that made a redemption hold (null:
-- the program owner's own), so that only that partner reads, captures or cancels it through its own key.

ALTER TABLE term_uses ADD COLUMN returned_discount_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE term_uses ADD COLUMN returned_extra_points bigint NOT NULL DEFAULT 0;

ALTER TABLE holds ADD COLUMN partner_id text;

CREATE INDEX holds_partner ON holds (tenant_id, partner_id, id) WHERE partner_id IS NOT NULL;

-- A return or cancellation finds its order's term uses.
CREATE INDEX term_uses_order ON term_uses (tenant_id, order_id);
