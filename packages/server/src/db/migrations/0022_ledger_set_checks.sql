-- Postings name their transaction and accounts, checked once per statement instead of once per row: a job that
-- writes an entry for each of a million wallets in one INSERT ... SELECT looked up the same transaction and the
-- same program account a million times through the row-by-row foreign keys. The statement's new rows are
-- checked as a set (a missing transaction or account refuses the statement with the foreign-key error code);
-- what the foreign keys also guarded, that a named row is not deleted or re-keyed, the triggers below refuse
-- outright (transactions were append-only already; accounts are kept for good, as their entries are).
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
ALTER TABLE postings
  DROP CONSTRAINT postings_tenant_id_transaction_id_fkey,
  DROP CONSTRAINT postings_tenant_id_from_account_fkey,
  DROP CONSTRAINT postings_tenant_id_to_account_fkey;

-- Covered by postings_from_history and postings_to_history (the same leading columns); one index less to
-- maintain on each side for every posting.
DROP INDEX postings_from_account;

DROP INDEX postings_to_account;

CREATE FUNCTION postings_refer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT tenant_id, transaction_id FROM new_postings) n
    WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.tenant_id = n.tenant_id AND t.id = n.transaction_id)
  ) THEN
    RAISE EXCEPTION 'a posting names a ledger transaction that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; IF EXISTS (
    SELECT 1 FROM (
      SELECT tenant_id, from_account AS id FROM new_postings UNION SELECT tenant_id, to_account FROM new_postings
    ) n
    WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.tenant_id = n.tenant_id AND a.id = n.id)
  ) THEN
    RAISE EXCEPTION 'a posting names an account that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;

CREATE TRIGGER postings_refer AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION postings_refer();

CREATE FUNCTION accounts_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'accounts are kept with the ledger: they are never deleted or renamed'; END $$;

CREATE TRIGGER accounts_kept BEFORE DELETE OR UPDATE OF tenant_id, id ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_kept();

-- The outbox's tenant, checked once per statement too: the expiry job writes a message per wallet in the
-- statement that expires their lots, and each row's foreign-key check locked the same tenant row again.
ALTER TABLE outbox DROP CONSTRAINT outbox_tenant_id_fkey;

CREATE FUNCTION outbox_refer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT tenant_id FROM new_messages) n
    WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = n.tenant_id)
  ) THEN
    RAISE EXCEPTION 'a message names a tenant that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;

CREATE TRIGGER outbox_refer AFTER INSERT ON outbox REFERENCING NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_refer();
