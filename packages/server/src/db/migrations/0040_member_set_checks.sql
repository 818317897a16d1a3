-- Orders and a member's daily history name their member, checked once per statement instead of once per row:
-- the events path writes a chunk's orders and days in one statement right after it updated the same members'
-- counters, and each row's foreign-key check locked a member row again and walked its new versions (a
-- quarter of the write's time). The statement's new rows are checked as a set (a missing member refuses the
-- statement with the foreign-key error code); what the foreign keys also guarded, that a named member is not
-- deleted or re-keyed, and that a row is not moved to another member, the triggers below refuse outright
-- (members are kept for good, as their orders are; nothing moves an order or a day to another member).
-- (Function bodies keep their inner semicolons off line ends: migrations split statements there.)
ALTER TABLE orders DROP CONSTRAINT orders_tenant_id_member_id_fkey;

ALTER TABLE member_days DROP CONSTRAINT member_days_tenant_id_member_id_fkey;

CREATE FUNCTION member_rows_refer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT tenant_id, member_id FROM new_rows) n
    WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = n.tenant_id AND m.id = n.member_id)
  ) THEN
    RAISE EXCEPTION 'a row of % names a member that does not exist', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation'; END IF; RETURN NULL; END $$;

CREATE TRIGGER orders_member AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rows_refer();

CREATE TRIGGER member_days_member AFTER INSERT ON member_days REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rows_refer();

CREATE FUNCTION members_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'members are kept with their orders: they are never deleted or re-keyed'; END $$;

CREATE TRIGGER members_kept BEFORE DELETE OR UPDATE OF tenant_id, id ON members
  FOR EACH ROW EXECUTE FUNCTION members_kept();

CREATE FUNCTION member_rows_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'a row of % keeps its member: it is never moved to another', TG_TABLE_NAME; END $$;

CREATE TRIGGER orders_member_kept BEFORE UPDATE OF tenant_id, member_id ON orders
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();

CREATE TRIGGER member_days_member_kept BEFORE UPDATE OF tenant_id, member_id ON member_days
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();
