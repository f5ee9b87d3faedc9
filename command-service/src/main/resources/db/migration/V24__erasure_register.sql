-- Every erasure is also kept outside the database, on the erasure register topic (ADR 0015, amended
-- 2026-12-06): a database restored from a backup taken before an erasure would make the youth readable
-- again, and the service re-applies every erasure the register holds that its database does not. When
-- the proof was written to the register; proofs from before this migration are sent at the next start.
alter table erasure_proof add column registered_at timestamptz;

-- Every command node asks for the proofs not yet registered every few seconds: only those are indexed.
create index erasure_proof_unregistered on erasure_proof (erased_at) where registered_at is null;
