-- Imports of CSV files: how far each file got, so that a restarted import skips what is already in, and
-- the indexes an import (and an export) needs so that it does not slow down as the tables grow.

-- One row per tenant and file (id: the kind and a hash of the file's bytes); `done` is written in the
-- transaction of the batch it counts, so it never runs ahead of what was committed.
CREATE TABLE imports (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('companies', 'orders')),
  file text NOT NULL,
  total integer NOT NULL,
  done integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);

-- (Exports read events page by page in the order they were received, by events_by_id made in 0004: ids are
-- time-ordered.)

-- (A return finds the pending points of its order by pending_lots_order, made in 0005.)
