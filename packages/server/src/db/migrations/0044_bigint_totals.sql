-- A sum of bigint values that stays a bigint. The built-in sum(bigint) returns numeric and keeps a 128-bit state
-- allocated for each group; the tier job's setting day sums the window of every member, a million groups at a
-- million members. This one's state is kept by value: that aggregation alone took 40% less memory and about a
-- sixth less time (1.04 s against 1.22 s); in the whole job the gain is within the noise. It stops with an error
-- rather than wrap on overflow (int8pl), past 9.2 × 10^18 minor units.
CREATE AGGREGATE bigint_total(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0', COMBINEFUNC = int8pl, PARALLEL = SAFE);
