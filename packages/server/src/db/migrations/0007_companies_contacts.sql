-- Companies (the members of 0003 with what a CRM knows of a client), their contacts, API keys that act for a
-- console user, and the one exception to the append-only audit log: erasing a person's data from it.

-- The staff user who owns the client; a sales manager sees only own clients and their subsidiaries.
ALTER TABLE members ADD COLUMN sales_rep_id text;

ALTER TABLE members ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';

ALTER TABLE members ADD COLUMN updated_at timestamptz;

ALTER TABLE members ADD CONSTRAINT members_sales_rep FOREIGN KEY (tenant_id, sales_rep_id) REFERENCES users (tenant_id, id);

-- Deferred, so that a batch may load a subsidiary before its holding in one transaction.
ALTER TABLE members ADD CONSTRAINT members_parent FOREIGN KEY (tenant_id, parent_id) REFERENCES members (tenant_id, id) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX members_parent_id ON members (tenant_id, parent_id, id) WHERE parent_id IS NOT NULL;

CREATE INDEX members_sales_rep_id ON members (tenant_id, sales_rep_id, id) WHERE sales_rep_id IS NOT NULL;

-- With id last, a filtered page is read in id order from the index.
CREATE INDEX members_segment ON members (tenant_id, segment, id) WHERE segment IS NOT NULL;

-- Case-insensitive prefix search on name, id and tax id (LIKE 'abc%' uses text_pattern_ops in any collation).
CREATE INDEX members_name_prefix ON members (tenant_id, lower(name) text_pattern_ops);

CREATE INDEX members_id_prefix ON members (tenant_id, lower(id) text_pattern_ops);

CREATE INDEX members_tax_id_prefix ON members (tenant_id, lower(tax_id) text_pattern_ops);

-- A key that acts for a console user carries that user's identity (a sales manager's clients, for one).
ALTER TABLE api_keys ADD COLUMN user_id text;

ALTER TABLE api_keys ADD CONSTRAINT api_keys_user FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);

-- The people of a client company, with their portal role. Ids are never personal data, so an erased contact
-- keeps its id, and the ledger and orders that name it stay as they are.
CREATE TABLE contacts (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  company_id text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  phone text,
  role text NOT NULL CHECK (role IN ('company_admin', 'buyer')),
  -- The contact's part in the company's decisions ("three circles").
  circle text CHECK (circle IN ('decision_maker', 'procurement', 'accounting', 'engineering', 'influencer')),
  position text,
  marketing_consent boolean NOT NULL DEFAULT false,
  -- When the current answer (given or withdrawn) was given.
  marketing_consent_at timestamptz,
  deactivated_at timestamptz,
  erased_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

CREATE UNIQUE INDEX contacts_email ON contacts (tenant_id, lower(email));

CREATE INDEX contacts_company ON contacts (tenant_id, company_id, id);

-- Erasure rewrites earlier snapshots of a person's data in the log: only an UPDATE that keeps who, what,
-- when and which target, inside a transaction that set patron.erasure = 'on'. Deleting stays refused.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'UPDATE' AND current_setting('patron.erasure', true) = 'on' AND NEW.tenant_id = OLD.tenant_id AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action AND NEW.target IS NOT DISTINCT FROM OLD.target AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id THEN RETURN NEW; END IF; RAISE EXCEPTION 'the audit log is append-only'; END $$;
