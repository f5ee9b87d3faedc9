-- Which youths an organisation's people were shown something about (ADR 0034) is asked per youth and
-- organisation for every search, restriction list and covenant-change report of another organisation's
-- privacy officer; a youth's records of all organisations over all years are too many to read each time.
create index access_log_by_subject_and_organisation on access_log (subject_ref, organisation)
    where status = 'ok';
