-- Who disabled an endpoint: the delivery worker, for failing (`worker`), or a person, by hand or by deleting
-- it (`user`); null while it is enabled. Until now the console told them apart by the reason's wording.
ALTER TABLE webhook_endpoints ADD COLUMN disabled_by text CHECK (disabled_by IN ('worker', 'user'));

UPDATE webhook_endpoints
SET disabled_by = CASE WHEN disabled_reason LIKE 'disabled by %' OR disabled_reason = 'deleted' THEN 'user' ELSE 'worker' END
WHERE status = 'disabled';

ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_disabled_by
  CHECK ((status = 'disabled') = (disabled_by IS NOT NULL));
