-- lock_subject_streams (V6) read each youth's last sequence number as max(sequence_number) grouped by
-- youth: PostgreSQL answers that by reading every event of every youth in the group (or the whole
-- store, when it estimates that cheaper), so an intake group cost more the longer its youths'
-- histories were: 4.1-4.5 ms for 86 youths of 100 events each, against 1.2-1.3 ms this way, which
-- reads one index entry per youth (docs/benchmarks.md, issue 21). Same locks, same answer: one row
-- per youth that has events, none for a youth without.
create or replace function lock_subject_streams(subjects text[])
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
        select youth.subject, last.sequence_number
        from (select distinct subject from unnest(subjects) as subject) as youth
        cross join lateral (
            select e.sequence_number
            from domain_event_entry e
            where e.aggregate_identifier = youth.subject
            order by e.sequence_number desc
            limit 1) as last;
end;
$$;
