-- A transaction that writes events holds up the publication of every later event until it ends (V20,
-- ADR 0021 item 27). One that stops without ending (a node paused between writing and committing, a
-- tool's session left open in a transaction) would hold it up for ever. The writers' lock now also
-- bounds how long such a transaction may sit idle: from its first event on, PostgreSQL ends the
-- session of a writing transaction idle longer than ketenbus.event_writer_idle_timeout (30 s when not
-- set; a role or database can set its own), which rolls it back, and publication continues. A session
-- that has a timeout of its own keeps it. Set for the transaction only (is_local): the session's
-- other transactions are not touched. Checked first so that a transaction's later inserts cost a
-- string comparison, not a setting.
create or replace function hold_event_writers_lock()
    returns trigger
    language plpgsql
as $$
begin
    perform pg_advisory_xact_lock_shared(27490, 19);
    if current_setting('idle_in_transaction_session_timeout') = '0' then
        perform set_config('idle_in_transaction_session_timeout',
                coalesce(nullif(current_setting('ketenbus.event_writer_idle_timeout', true), ''), '30s'), true);
    end if;
    return null;
end;
$$;
