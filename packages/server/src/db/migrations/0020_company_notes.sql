-- Notes staff write on a company's page: who wrote what, when. Never changed; erasing the company deletes them,
-- since they may hold personal data.
CREATE TABLE company_notes (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  company_id text NOT NULL,
  -- The console user who wrote it, or the key when it acts for no user.
  author_id text NOT NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, company_id) REFERENCES members (tenant_id, id)
);

-- Ids begin with their time, so id order is the order they were written in.
CREATE INDEX company_notes_company ON company_notes (tenant_id, company_id, id);
