-- The writers' trigger of Flyway V20 (the lock) against V22's (the lock and the idle bound), alternated on
-- one table: 20,000 single-row inserts in one transaction each (docs/benchmarks.md, thirty-first session).
-- psql -h 127.0.0.1 -U postgres -d test -f benchmarks/psql/writers-trigger.sql
\timing on
drop schema if exists trig_bench cascade;
create schema trig_bench; set search_path = trig_bench;
create table t (id bigserial primary key, v int);
create function lock_only() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(27490, 99);
    return null;
end; $$;
create function lock_and_idle() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(27490, 99);
    if current_setting('idle_in_transaction_session_timeout') = '0' then
        perform set_config('idle_in_transaction_session_timeout',
                coalesce(nullif(current_setting('ketenbus.event_writer_idle_timeout', true), ''), '30s'), true);
    end if;
    return null;
end; $$;
create trigger tr before insert on t for each statement execute function lock_only();
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
drop trigger tr on t;
create trigger tr before insert on t for each statement execute function lock_and_idle();
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
drop trigger tr on t;
create trigger tr before insert on t for each statement execute function lock_only();
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
drop trigger tr on t;
create trigger tr before insert on t for each statement execute function lock_and_idle();
do $$ begin for i in 1..20000 loop insert into t (v) values (i); end loop; end $$;
drop schema trig_bench cascade;
