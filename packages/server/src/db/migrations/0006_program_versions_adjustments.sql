-- Program drafts and versions in one table, tenant settings, and manual adjustments with approval.

-- A program row is a draft (no version yet; its text is kept even when it does not validate) until it is
-- published: then it holds the next version number, its effective date and its validated definition, and is
-- never changed again except that a version shadowed by a later one effective the same day becomes retired.
ALTER TABLE programs ADD COLUMN id text;

UPDATE programs SET id = 'prg_v' || version;

ALTER TABLE programs ALTER COLUMN id SET NOT NULL;

ALTER TABLE programs DROP CONSTRAINT programs_pkey;

ALTER TABLE programs ADD CONSTRAINT programs_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE programs ALTER COLUMN version DROP NOT NULL;

ALTER TABLE programs ALTER COLUMN effective_from DROP NOT NULL;

ALTER TABLE programs ALTER COLUMN definition DROP NOT NULL;

-- The text as its author wrote it (YAML or JSON); the validation issues it had when last saved.
ALTER TABLE programs ADD COLUMN source text;

ALTER TABLE programs ADD COLUMN issues jsonb NOT NULL DEFAULT '[]';

ALTER TABLE programs ADD COLUMN created_by text;

ALTER TABLE programs ADD COLUMN comment text;

ALTER TABLE programs ADD COLUMN updated_at timestamptz;

ALTER TABLE programs ADD COLUMN updated_by text;

ALTER TABLE programs ADD COLUMN published_at timestamptz;

ALTER TABLE programs ADD COLUMN published_by text;

ALTER TABLE programs ADD COLUMN retired_at timestamptz;

-- A rollback publishes an earlier version's definition again: the version it came from.
ALTER TABLE programs ADD COLUMN based_on integer;

UPDATE programs SET published_at = created_at WHERE status <> 'draft';

ALTER TABLE programs ADD CONSTRAINT programs_version_shape CHECK (
  (status = 'draft') = (version IS NULL)
  AND (status = 'draft' OR (effective_from IS NOT NULL AND definition IS NOT NULL))
);

CREATE UNIQUE INDEX programs_version ON programs (tenant_id, version);

CREATE INDEX programs_status ON programs (tenant_id, status, effective_from);

-- One row per tenant once a setting is changed; without it the defaults apply.
CREATE TABLE tenant_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  adjustment_approval_threshold bigint NOT NULL CHECK (adjustment_approval_threshold >= 0),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- Manual adjustments of a member's points. Above the tenant's threshold one waits in pending_approval, with
-- nothing posted, until a second person approves (posted, with its ledger transaction) or rejects it.
CREATE TABLE adjustments (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  member_id text NOT NULL,
  points bigint NOT NULL CHECK (points <> 0),
  reason text NOT NULL,
  comment text,
  expires_on date,
  status text NOT NULL CHECK (status IN ('pending_approval', 'posted', 'rejected')),
  requested_by text NOT NULL,
  requested_by_user text,
  requested_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  decision_comment text,
  transaction_id text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id),
  FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id),
  CHECK ((status = 'posted') = (transaction_id IS NOT NULL)),
  CHECK (expires_on IS NULL OR points > 0)
);

CREATE INDEX adjustments_status ON adjustments (tenant_id, status, id);

CREATE INDEX adjustments_member ON adjustments (tenant_id, member_id, id);
