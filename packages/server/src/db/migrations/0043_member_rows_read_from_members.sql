-- A statement whose rows name members it read from the members table itself may say so, and their check (0040,
-- 0042) is then skipped: the tier job's evaluation of a setting day records each change for a member it has just
-- read and updated in the same statement, and members are never deleted or re-keyed (members_kept), so the check
-- cannot fail there; over 100,000 changes it cost as much as writing them (0.7 s at a million members). The
-- setting is local to the transaction, and the job puts it back as soon as its statement ends.
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
CREATE OR REPLACE FUNCTION member_rows_refer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing boolean; BEGIN
  IF current_setting('patron.member_rows_read_from_members', true) = 'on' THEN RETURN NULL; END IF; IF (SELECT count(*) FROM new_rows) > 1000 THEN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
      WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id))' INTO missing; ELSE
    missing := EXISTS (
      SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
      WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id)); END IF; IF missing THEN
    RAISE EXCEPTION 'a row of % names a member that does not exist', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;
