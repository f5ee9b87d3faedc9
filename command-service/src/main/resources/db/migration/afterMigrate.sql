-- After every migration: the rights of the role the service runs as, when it runs as a role of its
-- own (spring.flyway.placeholders.approle, docs/operations.md) and Flyway as the tables' owner, so
-- that the service cannot change its tables' definitions or disable their triggers. Without that
-- role (the local run, the tests) the service owns its tables and this does nothing.
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
end;
$$;
