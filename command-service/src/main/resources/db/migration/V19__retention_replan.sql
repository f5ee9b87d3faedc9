-- The retention backfill (V11) planned only youths with counted facts (signals, risk factors, Opium Act
-- registrations); a youth registered without any, before the identity had a deadline of its own, had
-- none, and its identity never expired. It now plans every registered youth: run once more here
-- (RetentionBackfill; an erased youth plans nothing). A covenant switch resets the cursor the same way.
update retention_backfill set last_youth = '', done_at = null
where exists (select 1 from domain_event_entry);
