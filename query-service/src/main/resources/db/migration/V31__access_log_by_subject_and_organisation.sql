-- Which youths an organisation's people were shown something about (ADR 0034) is asked per youth and
-- organisation for every search, restriction list and covenant-change report of another organisation's
-- privacy officer; a youth's records of all organisations over all years are too many to read each time.
-- A plain build holds every access record's insert, and so every audited read, while it runs: on a large
-- log, build it beforehand by hand with CREATE INDEX CONCURRENTLY under this name (docs/operations.md);
-- this migration then finds it. (Flyway's own run of a concurrent build waits for its own lock's transaction.)
create index if not exists access_log_by_subject_and_organisation on access_log (subject_ref, organisation)
    where status = 'ok';
