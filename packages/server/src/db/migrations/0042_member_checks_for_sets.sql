-- A statement's member check (0040) over many rows is planned for their number. The check's query was planned
-- once per connection, on its first statement, which is nearly always a few rows: a nested loop that looks each
-- member up by key. The tier job's evaluation of a setting day records 100,000 changes in one statement, and
-- those 100,000 look-ups in random order took longer than the changes' writes (1.1 s at a million members). Over
-- a thousand rows, the query is now planned anew for the statement (EXECUTE), so it can read the members once.
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
CREATE OR REPLACE FUNCTION member_rows_refer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing boolean; BEGIN
  IF (SELECT count(*) FROM new_rows) > 1000 THEN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
      WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id))' INTO missing; ELSE
    missing := EXISTS (
      SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
      WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id)); END IF; IF missing THEN
    RAISE EXCEPTION 'a row of % names a member that does not exist', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;
