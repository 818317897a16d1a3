-- The statement-level checks of postings' ledger transactions and accounts and of rows' members (0022, 0040,
-- 0043) look each name up in its table's primary key, with a plan kept for the connection rather than one made
-- for every statement.
-- Planning anew (0043's EXECUTE) cost more than the check itself on the single event's path: with a million
-- accounts, 0.40-0.45 ms per single posting, two plans each time; kept and looked up by key, 0.05-0.08 ms.
-- A kept plan must not depend on how large the tables were when it was made: 0043 found one made while the
-- members table was empty that looked members up through members_joined_on and read all of a tenant's members
-- for every row. So each name is looked up as the first key at or after it, in key order: only the primary key
-- gives that order, and with sorts and sequential scans off for these functions no other plan is left, whatever
-- the statistics say. Large statements (the jobs' hundreds of thousands of rows) skip the checks where they read
-- the rows they name (0043).
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
CREATE OR REPLACE FUNCTION member_rows_refer() RETURNS trigger LANGUAGE plpgsql
SET enable_sort = off SET enable_seqscan = off AS $$
BEGIN
  IF current_setting('patron.member_rows_read_from_members', true) = 'on' THEN RETURN NULL; END IF; IF EXISTS (
    SELECT 1 FROM new_rows n
    WHERE (SELECT m.id FROM members m WHERE m.tenant_id = n.tenant_id AND m.id >= n.member_id
           ORDER BY m.tenant_id, m.id LIMIT 1) IS DISTINCT FROM n.member_id) THEN
    RAISE EXCEPTION 'a row of % names a member that does not exist', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;

CREATE OR REPLACE FUNCTION postings_refer() RETURNS trigger LANGUAGE plpgsql
SET enable_sort = off SET enable_seqscan = off AS $$
BEGIN
  IF current_setting('patron.posting_accounts_read_from_accounts', true) = 'on' THEN RETURN NULL; END IF; IF EXISTS (
    SELECT 1 FROM new_postings n
    WHERE (SELECT t.id FROM ledger_transactions t WHERE t.tenant_id = n.tenant_id AND t.id >= n.transaction_id
           ORDER BY t.tenant_id, t.id LIMIT 1) IS DISTINCT FROM n.transaction_id) THEN
    RAISE EXCEPTION 'a posting names a ledger transaction that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; IF EXISTS (
    SELECT 1 FROM new_postings n
    WHERE (SELECT a.id FROM accounts a WHERE a.tenant_id = n.tenant_id AND a.id >= n.from_account
           ORDER BY a.tenant_id, a.id LIMIT 1) IS DISTINCT FROM n.from_account
       OR (SELECT a.id FROM accounts a WHERE a.tenant_id = n.tenant_id AND a.id >= n.to_account
           ORDER BY a.tenant_id, a.id LIMIT 1) IS DISTINCT FROM n.to_account) THEN
    RAISE EXCEPTION 'a posting names an account that does not exist' USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;
