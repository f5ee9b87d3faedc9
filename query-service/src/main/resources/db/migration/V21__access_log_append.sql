-- A commit of the access log's writer in one round trip (issue 21). The writer computes each record's
-- hash from the head it expects (the one its node's last commit left); this function locks the head,
-- and appends the records and moves the signed head only if the head is still that one. Otherwise it
-- writes nothing and answers the head it found, from which the writer computes the chain again. Before,
-- a commit took three round trips: the head locked, the records and the head written, the commit.
-- The head is locked before any record is written, as the writer's transaction does, so the two ways
-- of appending never wait for each other in opposite orders. It runs with the caller's rights.
create function access_log_append(expected_seq bigint, expected_hash char(64), records jsonb,
                                  new_seq bigint, new_hash char(64), head_signature text, head_key_id varchar(64))
    returns table (appended boolean, head_seq bigint, head_hash char(64))
    language plpgsql as $$
declare
    found_seq bigint;
    found_hash char(64);
begin
    select h.seq, h.hash into found_seq, found_hash from access_log_head h where h.id = 1 for update;
    if found_seq is distinct from expected_seq or found_hash is distinct from expected_hash then
        return query select false, found_seq, found_hash;
        return;
    end if;
    if new_seq - expected_seq <> jsonb_array_length(records) or (records -> 0 ->> 'seq')::bigint <> expected_seq + 1
            or (records -> -1 ->> 'seq')::bigint <> new_seq or records -> -1 ->> 'hash' <> new_hash then
        raise exception 'access_log_append: the records do not take the head from % to %', expected_seq, new_seq;
    end if;
    insert into access_log (seq, trace_id, span_id, action, started_at, ended_at, status, processing_activity,
                            subject_ref, subject_ref_type, user_id, organisation, user_role, purpose, case_ids,
                            covenant_id, covenant_version, rule_ids, break_glass, categories_shown, entries_shown,
                            detail, prev_hash, hash, fact_trace_ids)
    select r.seq, r.trace_id, r.span_id, r.action, r.started_at, r.ended_at, r.status, r.processing_activity,
           r.subject_ref, r.subject_ref_type, r.user_id, r.organisation, r.user_role, r.purpose, r.case_ids,
           r.covenant_id, r.covenant_version, r.rule_ids, r.break_glass, r.categories_shown, r.entries_shown,
           r.detail, r.prev_hash, r.hash, r.fact_trace_ids
    from jsonb_to_recordset(records) as r(seq bigint, trace_id char(32), span_id char(16), action varchar(60),
                                         started_at timestamptz, ended_at timestamptz, status varchar(10),
                                         processing_activity varchar(100), subject_ref varchar(80),
                                         subject_ref_type varchar(20), user_id varchar(200),
                                         organisation varchar(40), user_role varchar(40), purpose varchar(100),
                                         case_ids text[], covenant_id varchar(100), covenant_version integer,
                                         rule_ids text[], break_glass boolean, categories_shown text[],
                                         entries_shown integer, detail varchar(300), prev_hash char(64),
                                         hash char(64), fact_trace_ids text[]);
    update access_log_head set seq = new_seq, hash = new_hash, signature = head_signature, key_id = head_key_id
    where id = 1;
    return query select true, new_seq, new_hash;
end;
$$;
