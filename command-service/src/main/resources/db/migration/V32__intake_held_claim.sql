-- A held record is decided by one pass at a time (HeldRecordRetry, ADR 0032): a pass claims the row for a while
-- before it decides it, and another node's pass that finds it claimed leaves the youth's records to that pass.
-- Without the claim, a pass that read a youth's first row just before another node's pass decided and released
-- it decided it again after the youth's later records: a record refused on the youth's state (and dead-lettered)
-- could then be accepted out of its order. A claim lapses by itself, so a node that stops mid-decision holds
-- nothing up for longer than its term.
alter table intake_held add column claimed_until timestamptz;
