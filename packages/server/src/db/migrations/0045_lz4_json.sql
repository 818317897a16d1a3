-- The large JSON values of orders and events are compressed with lz4 where the server has it (PostgreSQL built
-- with lz4, as the common packages are; the embedded database is not, and keeps pglz). An order's outcome, the
-- explanation of every rule, is about 5 KB: pglz took about 60 µs to compress one, half of the order row's write
-- in a chunk of events; lz4 takes a few. Values written before keep their compression.
-- (The block keeps its inner semicolons off line ends: migrations split statements there.)
DO $$ BEGIN
  ALTER TABLE orders ALTER COLUMN outcome SET COMPRESSION lz4, ALTER COLUMN progress SET COMPRESSION lz4,
    ALTER COLUMN consumed SET COMPRESSION lz4; ALTER TABLE events ALTER COLUMN payload SET COMPRESSION lz4,
    ALTER COLUMN result SET COMPRESSION lz4; EXCEPTION WHEN feature_not_supported THEN NULL; END $$;
