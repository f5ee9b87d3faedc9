-- After every migration: the rights of the role the service runs as, when it runs as a role of its
-- own (spring.flyway.placeholders.approle, docs/operations.md) and Flyway as the tables' owner.
-- Without that role (the local run, the tests) the service owns its tables and this does nothing.
-- The access log is then append-only for the service in the database's own terms: it cannot
-- delete, change or truncate records, checkpoints or anchors, nor disable the triggers that guard
-- them (only an owner can); the retention purge is the function access_log_purge, which runs with
-- its owner's rights and its own limits.
do $$
declare
    app text := '${approle}';
begin
    if app = '' then
        return;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), app);
    execute format('grant usage, select, update on all sequences in schema %I to %I', current_schema(), app);
    execute format('revoke update, delete, truncate on access_log, access_log_checkpoint, access_log_anchor '
        || 'from %I', app);
    execute format('revoke insert on access_log_anchor from %I', app);
    execute format('revoke insert, update, delete, truncate on aggregate_key from %I', app);
    execute format('revoke all on function access_log_purge(bigint) from public');
    execute format('grant execute on function access_log_purge(bigint) to %I', app);
end;
$$;
