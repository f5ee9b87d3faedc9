-- A counted fact's retention now counts from the day its partner made it (the CloudEvents time) when that
-- lies before the day the backbone recorded it (ADR 0016): a partner's history imported later expires a
-- period after it was made, not after it arrived. Deadlines planned before this change counted from the
-- arrival; the backfill plans every youth once more (RetentionBackfill), so that they move earlier.
update retention_backfill set last_youth = '', done_at = null
where exists (select 1 from domain_event_entry);
