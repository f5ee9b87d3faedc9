-- The access records of a change (a privacy officer's decision, a covenant change, the placemat), written
-- in the change's own transaction and chained into access_log once it has committed: the log then says a
-- change was made exactly when it was. Before, the log's writer committed such a record in a transaction of
-- its own, before the change's commit (so a change that then failed was logged as made) or after it (so a
-- change whose record then failed stood unlogged). A row holds one record as access_log_append takes it
-- (the columns of access_log by name, without its place in the chain), checked against access_log's types
-- when it is written. Its mac is the chain key's HMAC over the nonce and the record, so whoever can write
-- this table but not read the key cannot have a record of their own chained, nor one chained twice; a row
-- whose mac does not hold is never chained and is marked refused. Chaining deletes a row in the transaction
-- that appends it, so it is chained once however many nodes try. Never content: what an access record
-- holds, no more.
create table access_log_pending (
    id         bigint generated always as identity primary key,
    nonce      uuid        not null unique,
    mac        char(64)    not null,
    created_at timestamptz not null default now(),
    refused_at timestamptz,
    record     jsonb       not null
);
