-- The client portal: a password for contacts, and one-time invitations that let a contact set it. tenant_id
-- leads every key and index, as in 0001.

-- A salted scrypt hash, as users.password_hash; null until the contact accepts an invitation.
ALTER TABLE contacts ADD COLUMN password_hash text;

-- The link of an invitation carries a random secret; only its SHA-256 is stored, so a copy of this table
-- lets nobody in. A new invitation of a contact ends the earlier ones; accepting one marks it used.
CREATE TABLE contact_invitations (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  contact_id text NOT NULL,
  token_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);

CREATE UNIQUE INDEX contact_invitations_token ON contact_invitations (tenant_id, token_hash);

CREATE INDEX contact_invitations_contact ON contact_invitations (tenant_id, contact_id, id);
