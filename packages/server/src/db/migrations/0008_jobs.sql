-- Day jobs and tier re-evaluation. A job's run record is written in the transaction of the job's own changes,
-- so each (tenant, job, day) is done once however many server processes schedule it.

CREATE TABLE job_runs (
  tenant_id text NOT NULL REFERENCES tenants (id),
  job text NOT NULL,
  day date NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'failed')),
  -- failed tries before it was done, plus one; for a job run on every tick, the ticks of the day
  attempts integer NOT NULL DEFAULT 1,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  result jsonb,
  error text,
  -- the process that ran it (host:pid), for the operator
  worker text NOT NULL,
  PRIMARY KEY (tenant_id, job, day)
);

CREATE INDEX job_runs_recent ON job_runs (tenant_id, finished_at);

-- One row per tenant, locked FOR UPDATE SKIP LOCKED while a process runs one of the tenant's jobs: a second
-- process moves on to another tenant instead of waiting.
CREATE TABLE job_locks (
  tenant_id text NOT NULL REFERENCES tenants (id),
  PRIMARY KEY (tenant_id)
);

-- Every level change of a member: when, from what, to what, why (evaluation, graceEnded, inactivity), and the
-- benefits the new level grants.
CREATE TABLE tier_changes (
  tenant_id text NOT NULL,
  id text NOT NULL,
  member_id text NOT NULL,
  day date NOT NULL,
  from_tier text,
  to_tier text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('evaluation', 'graceEnded', 'inactivity')),
  benefits jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX tier_changes_member ON tier_changes (tenant_id, member_id, day);

-- A drop that a grace period holds back: the member keeps its level until due_on, then is evaluated again.
CREATE TABLE tier_drops (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  -- the day of the evaluation that found the drop, and the day it falls due
  held_on date NOT NULL,
  due_on date NOT NULL,
  to_tier text NOT NULL,
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);

CREATE INDEX tier_drops_due ON tier_drops (tenant_id, due_on);

-- The tier job reads the members whose window changed on a day, and those whose last order was N days ago.
CREATE INDEX member_days_by_day ON member_days (tenant_id, day);

CREATE INDEX members_last_order ON members (tenant_id, last_order_on);
