-- Receipts keyed by the partner event's keyed reference (pev- and 32 hex of HMAC-SHA-256 over its
-- source and id, as the event store's metadata and the backbone topic carry it), no longer by the id
-- the partner chose: nothing keeps a partner from writing a name or a BSN into an id, and a receipt is
-- kept for a year. A resend is still recognised: the reference is computed from it the same way.
--
-- The pseudonym key is the service's, not the database's, so this migration cannot compute the
-- references: the rows written before it keep their event_id until the command service, at its start
-- and before it takes in any event, converts them (LegacyReceiptIds): event_ref set, event_id cleared,
-- in one update per row. A row is one or the other, never both or neither.
--
-- The old primary key goes, and nothing unique is left on (source, event_id): a node still running the
-- previous version fails its receipts' insert (no constraint matches its ON CONFLICT) and takes in
-- nothing, instead of writing a receipt this version would not find and so storing a resend twice.
alter table intake_receipt add column event_ref varchar(40);
alter table intake_receipt drop constraint intake_receipt_pk;
alter table intake_receipt alter column event_id drop not null;
alter table intake_receipt add constraint intake_receipt_one_key
    check ((event_id is null) <> (event_ref is null));
create unique index intake_receipt_by_ref on intake_receipt (source, event_ref);
-- Only the rows still to convert: empty, and so free, once they are.
create index intake_receipt_legacy on intake_receipt (source, event_id) where event_id is not null;
