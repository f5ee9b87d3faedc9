-- The end of the access log protected (issue 18). Before this, the retention purge's session
-- setting let any writer delete the last records and rewrite the head to match.

-- The head is signed at every append (Ed25519 over "head:seq:hash", a content no checkpoint has), so
-- a head rewritten to an earlier record needs a signature only the service's key makes.
alter table access_log_head add column signature text;
alter table access_log_head add column key_id varchar(64);

-- The anchor is written first and names how far the purge may delete; nothing after it can be
-- deleted, whatever the session says. The verifier accepts an anchor only where a signed
-- checkpoint vouches for it. Only access_log_purge writes anchors.
create or replace function access_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.seq <= (select coalesce(max(seq), 0) from access_log_anchor) then
        return old;
    end if;
    raise exception 'access_log is append-only (% refused)', tg_op;
end;
$$;

create function access_log_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (TRUNCATE refused)', tg_table_name;
end;
$$;

create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_no_truncate();

-- Checkpoints and anchors are never changed or removed either.
create function access_log_evidence_kept() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (% refused)', tg_table_name, tg_op;
end;
$$;

create trigger access_log_checkpoint_kept before update or delete on access_log_checkpoint
    for each row execute function access_log_evidence_kept();
create trigger access_log_checkpoint_no_truncate before truncate on access_log_checkpoint
    for each statement execute function access_log_no_truncate();
create trigger access_log_anchor_kept before update or delete on access_log_anchor
    for each row execute function access_log_evidence_kept();
create trigger access_log_anchor_no_truncate before truncate on access_log_anchor
    for each statement execute function access_log_no_truncate();

-- The retention purge, the one way to remove access records: up to a checkpointed record that is
-- more than two years old (the minimum retention), which becomes the anchor. It runs with its
-- owner's rights, so the role the service runs as needs no right to delete records or to write
-- anchors (afterMigrate.sql revokes them when the service runs as a role of its own).
create function access_log_purge(up_to bigint) returns bigint language plpgsql security definer as $$
declare
    record_hash char(64);
    record_started timestamptz;
    anchored bigint;
    purged bigint;
begin
    select hash, started_at into record_hash, record_started from access_log where seq = up_to;
    if record_hash is null then
        raise exception 'access_log_purge: there is no record %', up_to;
    end if;
    if not exists (select 1 from access_log_checkpoint where seq = up_to and hash = record_hash) then
        raise exception 'access_log_purge: record % is not a checkpoint', up_to;
    end if;
    if record_started >= now() - interval '2 years' then
        raise exception 'access_log_purge: record % is younger than two years', up_to;
    end if;
    select coalesce(max(seq), 0) into anchored from access_log_anchor;
    insert into access_log_anchor (seq, hash, purged_at) values (up_to, record_hash, now());
    delete from access_log where seq > anchored and seq <= up_to;
    get diagnostics purged = row_count;
    return purged;
end;
$$;

-- A function running with its owner's rights resolves names only in its own schema.
do $$
begin
    execute format('alter function access_log_purge(bigint) set search_path = %I, pg_temp', current_schema());
end;
$$;
