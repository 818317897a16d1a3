-- A committed outbox write wakes the webhook workers at once (LISTEN patron_outbox) instead of at their next
-- poll: one NOTIFY per statement, and PostgreSQL folds a transaction's identical ones into one at commit.
-- (The body keeps its inner semicolons off line ends: migrations split statements there.)
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  PERFORM pg_notify('patron_outbox', ''); RETURN NULL; END $$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
