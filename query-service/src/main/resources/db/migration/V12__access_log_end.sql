-- The end of the access log protected (issue 18). Before this, the retention purge's session
-- setting let any writer delete the last records and rewrite the head to match.

-- The head is signed at every append (Ed25519 over "head:seq:hash", a content no checkpoint has), so
-- a head rewritten to an earlier record needs a signature only the service's key makes.
alter table access_log_head add column signature text;
alter table access_log_head add column key_id varchar(64);

-- The anchor is written first and names how far the purge may delete; nothing after it can be
-- deleted, whatever the session says. The verifier accepts an anchor only where a signed
-- checkpoint vouches for it.
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
