-- Notifications (e-mail and the portal's inbox) that triggers raise from what the other tables record, their
-- templates, unsubscribes and bounces, and surveys (NPS) with their answers. tenant_id leads every key and index.

-- A contact's language for messages (the tenant's default when null) and birthday (month and day are used).
ALTER TABLE contacts ADD COLUMN language text CHECK (language IN ('en', 'ru', 'uk'));

ALTER TABLE contacts ADD COLUMN birthday date;

-- Which triggers are on and their parameters, quiet hours (local minutes from midnight, in the program's time
-- zone) and the most e-mails a contact gets in 24 hours. One row once someone changes them; defaults until then.
CREATE TABLE notification_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  triggers jsonb NOT NULL,
  default_language text NOT NULL CHECK (default_language IN ('en', 'ru', 'uk')),
  quiet_from smallint CHECK (quiet_from BETWEEN 0 AND 1439),
  quiet_to smallint CHECK (quiet_to BETWEEN 0 AND 1439),
  max_emails_per_day integer NOT NULL CHECK (max_emails_per_day BETWEEN 1 AND 100),
  from_address text,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);

-- The key that signs unsubscribe and survey links of a tenant: made on first use, never shown.
CREATE TABLE notification_secrets (
  tenant_id text PRIMARY KEY REFERENCES tenants (id),
  secret text NOT NULL
);

-- How far each trigger has read its source table (a time, a day, or an id, as text).
CREATE TABLE notification_watermarks (
  tenant_id text NOT NULL REFERENCES tenants (id),
  name text NOT NULL,
  mark text NOT NULL,
  PRIMARY KEY (tenant_id, name)
);

-- One message to one contact on one channel. dedupe_key names what it is about (a lot and threshold, a tier
-- change, a contact's birthday in a year...), so a trigger that sees the same thing twice writes it once.
CREATE TABLE notifications (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  trigger text NOT NULL,
  category text NOT NULL,
  dedupe_key text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'portal')),
  member_id text,
  contact_id text NOT NULL,
  email text,
  language text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text,
  data jsonb NOT NULL DEFAULT '{}',
  -- scheduled: waits for its time (quiet hours and the cap move it later); sent; skipped: unsubscribed or
  -- bounced; failed: refused by the SMTP server for good, or no server configured.
  status text NOT NULL CHECK (status IN ('scheduled', 'sent', 'skipped', 'failed')),
  scheduled_at timestamptz NOT NULL,
  sent_at timestamptz,
  read_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);

CREATE UNIQUE INDEX notifications_dedupe ON notifications (tenant_id, channel, dedupe_key);

CREATE INDEX notifications_due ON notifications (tenant_id, scheduled_at) WHERE status = 'scheduled';

CREATE INDEX notifications_contact ON notifications (tenant_id, contact_id, channel, id);

CREATE INDEX notifications_sent ON notifications (tenant_id, contact_id, sent_at) WHERE channel = 'email' AND status = 'sent';

-- The lots an expiry notice has told about, per threshold: each lot is told once per threshold.
CREATE TABLE notified_lots (
  tenant_id text NOT NULL,
  lot_id text NOT NULL,
  days_before integer NOT NULL,
  notification_key text NOT NULL,
  PRIMARY KEY (tenant_id, lot_id, days_before),
  FOREIGN KEY (tenant_id, lot_id) REFERENCES lots (tenant_id, id)
);

-- A program manager's wording of a trigger's message in a language; the built-in wording applies without one.
CREATE TABLE notification_templates (
  tenant_id text NOT NULL REFERENCES tenants (id),
  trigger text NOT NULL,
  language text NOT NULL CHECK (language IN ('en', 'ru', 'uk')),
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, trigger, language)
);

-- A contact who does not want a category of e-mail (by the signed link or in the portal).
CREATE TABLE email_unsubscribes (
  tenant_id text NOT NULL,
  contact_id text NOT NULL,
  category text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, contact_id, category),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);

-- Addresses that bounced (reported, or refused for good by the SMTP server): not mailed again.
CREATE TABLE email_bounces (
  tenant_id text NOT NULL REFERENCES tenants (id),
  email text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hard', 'complaint', 'rejected')),
  reason text,
  at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  PRIMARY KEY (tenant_id, email)
);

-- A survey: an NPS question (0-10) and a free-text one, sent to contacts of some roles and circles after an
-- order or every N days, worth some points (credited through the ledger) when answered.
CREATE TABLE surveys (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL,
  question text NOT NULL,
  roles text[] NOT NULL,
  circles text[] NOT NULL,
  send text NOT NULL CHECK (send IN ('afterOrder', 'schedule')),
  every_days integer CHECK (every_days BETWEEN 1 AND 3660),
  points bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
  active boolean NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CHECK ((send = 'schedule') = (every_days IS NOT NULL))
);

-- One survey asked of one contact for one reason (an order, or a schedule's period); answered once.
CREATE TABLE survey_requests (
  tenant_id text NOT NULL,
  id text NOT NULL,
  survey_id text NOT NULL,
  contact_id text NOT NULL,
  member_id text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  answered_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES surveys (tenant_id, id),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);

CREATE UNIQUE INDEX survey_requests_once ON survey_requests (tenant_id, survey_id, contact_id, reason);

CREATE INDEX survey_requests_open ON survey_requests (tenant_id, contact_id, id) WHERE answered_at IS NULL;

-- An answer, with the member's segment and tier when it was given, for results per segment and tier.
CREATE TABLE survey_responses (
  tenant_id text NOT NULL,
  id text NOT NULL,
  survey_id text NOT NULL,
  request_id text NOT NULL,
  contact_id text NOT NULL,
  member_id text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment text,
  day date NOT NULL,
  segment text,
  tier text,
  transaction_id text,
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, request_id) REFERENCES survey_requests (tenant_id, id),
  FOREIGN KEY (tenant_id, transaction_id) REFERENCES ledger_transactions (tenant_id, id)
);

CREATE UNIQUE INDEX survey_responses_once ON survey_responses (tenant_id, request_id);

CREATE INDEX survey_responses_by_day ON survey_responses (tenant_id, survey_id, day);
