-- The order lifecycle: the day an order was paid (its pending points then get their day) and the day it was
-- cancelled (its pending points voided, the points it spent given back).

ALTER TABLE orders ADD COLUMN paid_on date;

ALTER TABLE orders ADD COLUMN cancelled_on date;

-- Payments, cancellations and returns find an order's pending lots without reading the tenant's.
CREATE INDEX pending_lots_order ON pending_lots (tenant_id, order_id);
