-- A statement whose rows name members or accounts it read from their own tables in that statement may say so,
-- and the statement-level check of those names is then skipped:
-- - the tier job's evaluation of a setting day records each change for a member it has just read and updated
--   (members are never deleted or re-keyed: members_kept), and over 100,000 changes the check (0040, 0042) cost
--   as much as writing them (0.7 s at a million members);
-- - the expiry job posts from the wallets of the lots it has just locked (lots name their accounts by a foreign
--   key) to the expired account it opened, in a ledger transaction it writes in the same statement (accounts are
--   never deleted or renamed: accounts_kept), and over a million wallets the check (0022) took 9 s.
-- The settings are local to the transaction, and the jobs put them back as soon as their statement ends.
-- Both checks are now planned for each statement, whatever its size (0042 did it for member rows over a
-- thousand). A plan kept from a connection's first statement, made while the members table was empty, looked
-- each member up through another index on the tenant (members_joined_on) and read all of the tenant's members
-- for each row: 1 to 5 ms for a chunk of a hundred orders on a fresh database, growing with the tenant. The
-- postings' ledger transactions have such an index too (ledger_transactions_cause). Planning anew takes about a
-- tenth of a millisecond and sees the tables as they are.
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
CREATE OR REPLACE FUNCTION member_rows_refer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing boolean; BEGIN
  IF current_setting('patron.member_rows_read_from_members', true) = 'on' THEN RETURN NULL; END IF; EXECUTE 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
      WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id))' INTO missing; IF missing THEN
    RAISE EXCEPTION 'a row of % names a member that does not exist', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;

CREATE OR REPLACE FUNCTION postings_refer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing boolean; BEGIN
  IF current_setting('patron.posting_accounts_read_from_accounts', true) = 'on' THEN RETURN NULL; END IF; EXECUTE 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, transaction_id FROM new_postings) n
      WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.tenant_id = n.tenant_id AND t.id = n.transaction_id))' INTO missing; IF missing THEN
    RAISE EXCEPTION 'a posting names a ledger transaction that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; EXECUTE 'SELECT EXISTS (SELECT 1 FROM (
        SELECT tenant_id, from_account AS id FROM new_postings UNION SELECT tenant_id, to_account FROM new_postings) n
      WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.tenant_id = n.tenant_id AND a.id = n.id))' INTO missing; IF missing THEN
    RAISE EXCEPTION 'a posting names an account that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;
