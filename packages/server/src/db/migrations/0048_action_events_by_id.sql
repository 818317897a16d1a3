-- Actions are listed newest first by id and paged by an id cursor, which the list checks exists: both read the
-- tenant's actions by id, which only the (tenant, external id) key and the company index held, so each page
-- sorted all of the tenant's actions and each cursor check read them all.
CREATE UNIQUE INDEX action_events_id ON action_events (tenant_id, id);
