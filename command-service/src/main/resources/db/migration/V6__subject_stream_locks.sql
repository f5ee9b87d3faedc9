-- Locks the streams of the given youths for the calling transaction and answers each stream's last
-- sequence number (ADR 0010). The locks are taken one by one in one global order (by their key), so
-- that two transactions locking overlapping sets wait for each other instead of deadlocking. The
-- versions are read by a statement of their own after the locks are held: in a VOLATILE function
-- every statement takes a new snapshot, so they include what another node committed while this one
-- waited. A youth without events has no row.
create function lock_subject_streams(subjects text[])
    returns table (subject_ref text, last_sequence bigint)
    language plpgsql volatile
as $$
declare
    lock_key bigint;
begin
    for lock_key in
        select distinct hashtextextended(subject, 0) from unnest(subjects) as subject order by 1
    loop
        perform pg_advisory_xact_lock(lock_key);
    end loop;
    return query
        select e.aggregate_identifier::text, max(e.sequence_number)
        from domain_event_entry e
        where e.aggregate_identifier = any (subjects)
        group by e.aggregate_identifier;
end;
$$;
