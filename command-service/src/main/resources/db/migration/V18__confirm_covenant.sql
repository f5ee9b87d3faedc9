-- The covenant an intake transaction decides under (ADR 0017), in one round trip instead of two: the
-- shared covenant lock that a switch takes exclusively, then which version is in force. A VOLATILE
-- plpgsql function takes a new snapshot for each of its statements, so the read after the lock sees a
-- switch that committed while this transaction waited for it; one plain statement would read with the
-- snapshot it started with, from before the wait, and decide under the version just withdrawn.
create function confirm_covenant_in_force()
    returns text
    language plpgsql volatile
as $$
begin
    perform pg_advisory_xact_lock_shared(27490, 18);
    return (select covenant_sha256 from covenant_in_force);
end;
$$;
