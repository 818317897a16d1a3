-- Keys are compared byte by byte: every text column that names or codes something (ids, tenant ids, codes,
-- levels, sources, keys) takes the collation "C". Only text written for people keeps the database's collation,
-- by which lists of names sort for their readers.
-- A database made with a language's collation (C.UTF-8, en_US.UTF-8, ...) compares text through the C
-- library's strcoll and sorts it without abbreviated keys; "C" compares bytes. Keys are compared for every
-- index lookup and insert, every sort and merge by id: at a million members, looking up 100,000 of them by id
-- for an update took 1.1-1.4 s with "C" against 2.0-2.2 s with C.UTF-8, and sorting a million ids 0.6-0.8 s
-- against 0.9-1.3 s. Equality is the same in both (both are deterministic); order is the same for ASCII and, on
-- C.UTF-8, for all of Unicode (code points, as UTF-8's bytes order them).
-- All keys change together: an index serves a comparison only in its own collation, and comparing a "C" column
-- with one of the database's collation is made in "C" (the column's collation wins over the default), so a key
-- left behind would lose its index in joins. A parameter or literal takes the column's collation.
-- Only the indexes are rebuilt; rows are not rewritten (the type stays text).
-- New text columns follow the same rule (COLLATE "C" unless written for people); a test holds the schema to it
-- (db/key-collation.test.ts).
-- The view and the triggers that name key columns are made again around the change.
DROP VIEW messages;
DROP TRIGGER accounts_kept ON accounts;
DROP TRIGGER members_kept ON members;
DROP TRIGGER member_days_member_kept ON member_days;
DROP TRIGGER tier_changes_member_kept ON tier_changes;
DROP TRIGGER orders_member_kept ON orders;

DO $$
DECLARE t record; BEGIN FOR t IN
  SELECT c.table_name, string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', c.column_name), ', ') AS alters
  FROM information_schema.columns c
  JOIN information_schema.tables b ON b.table_schema = c.table_schema AND b.table_name = c.table_name
  WHERE c.table_schema = current_schema() AND b.table_type = 'BASE TABLE' AND c.data_type = 'text'
    AND c.table_name <> 'schema_migrations'
    AND c.column_name NOT IN ('name', 'email', 'phone', 'description', 'comment', 'decision_comment', 'note',
      'text', 'question', 'prize', 'reason', 'disabled_reason', 'error', 'last_error', 'response_body', 'body_html',
      'body_text', 'url', 'image_url', 'from_address', 'position', 'file')
    AND NOT (c.column_name = 'subject' AND c.table_name IN ('notifications', 'notification_templates'))
  GROUP BY c.table_name ORDER BY c.table_name
LOOP EXECUTE format('ALTER TABLE %I %s', t.table_name, t.alters); END LOOP; END $$;

CREATE TRIGGER accounts_kept BEFORE DELETE OR UPDATE OF tenant_id, id ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_kept();
CREATE TRIGGER members_kept BEFORE DELETE OR UPDATE OF tenant_id, id ON members
  FOR EACH ROW EXECUTE FUNCTION members_kept();
CREATE TRIGGER member_days_member_kept BEFORE UPDATE OF tenant_id, member_id ON member_days
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();
CREATE TRIGGER tier_changes_member_kept BEFORE UPDATE OF tenant_id, member_id ON tier_changes
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();
CREATE TRIGGER orders_member_kept BEFORE UPDATE OF tenant_id, member_id ON orders
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();

CREATE VIEW messages AS
  SELECT tenant_id, id, seq, type, payload, occurred_at, dispatched_at FROM outbox
  UNION ALL
  SELECT tenant_id, id, seq, 'tier.changed' AS type,
    jsonb_build_object('memberId', member_id, 'from', from_tier, 'to', to_tier, 'reason', reason, 'date', day::text)
      AS payload,
    occurred_at, dispatched_at
  FROM tier_changes WHERE seq IS NOT NULL;
