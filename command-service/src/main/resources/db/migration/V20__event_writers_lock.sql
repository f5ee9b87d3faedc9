-- Every transaction that writes to the event store holds the writers' lock (class 27490, object 19),
-- shared, from before its first event takes a position until it ends (ADR 0021 item 27). The store's
-- reader reads past a position that holds no event only once every transaction that held this lock
-- when a later position was already committed has ended (SettledPositions): from then on that empty
-- position cannot be filled, so nothing committed there is passed over unpublished.
-- A statement trigger runs before the statement's rows take their positions (the column's default
-- is evaluated as each row is formed), and for every writer: Axon's engine, a tool, a command node of
-- the version before this one during a rolling upgrade. Shared, the writers never wait for each other;
-- taking it again in the same transaction costs a lookup in the backend's own lock table.
create function hold_event_writers_lock()
    returns trigger
    language plpgsql
as $$
begin
    perform pg_advisory_xact_lock_shared(27490, 19);
    return null;
end;
$$;

create trigger event_writers_lock
    before insert on domain_event_entry
    for each statement
execute function hold_event_writers_lock();
