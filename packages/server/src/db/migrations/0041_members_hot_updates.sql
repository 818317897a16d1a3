-- A member's row is updated by each of its orders (counters, last order) and by the tier job (level): those
-- updates are cheapest when they stay on the row's page and touch no index (heap-only updates). The level's
-- index made every level change insert into a low-cardinality index (a third of a tier job's writes), and
-- served only the dashboard's tier mix, which reads the tenant's members whole anyway; pages are now left a
-- fifth free so that an updated row finds room beside the old one.
DROP INDEX members_tier;

ALTER TABLE members SET (fillfactor = 80);

-- A level change names its member, checked once per statement as orders and days are (see 0040): the tier job
-- writes thousands of changes in one statement, and each row's foreign-key check cost as much as its insert.
ALTER TABLE tier_changes DROP CONSTRAINT tier_changes_tenant_id_member_id_fkey;

CREATE TRIGGER tier_changes_member AFTER INSERT ON tier_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rows_refer();

CREATE TRIGGER tier_changes_member_kept BEFORE UPDATE OF tenant_id, member_id ON tier_changes
  FOR EACH ROW EXECUTE FUNCTION member_rows_kept();
