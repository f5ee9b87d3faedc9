-- The timeline's index by youth becomes (youth, type) instead of (youth, occurrence, recording, id)
-- (issue 21, ADR 0021 item 23). Since the reads of a page go to audience_view (V19, V20), no statement
-- walks this index in the order it kept: each reads one youth's facts, or one type of them (the
-- agenda's standing, the report's latest assessment), and sorts those few rows itself. But every fact the
-- projection writes paid an entry as wide as the youth, two times and the id, one per fact, at a random
-- place in the index: 126 MB for a million facts against 12 MB for (youth, type), whose entries
-- PostgreSQL keeps once per key with the facts' places. A COPY of 100,000 facts into a million took
-- 2,195-3,745 ms with the wide index and 1,751-2,663 ms with this one, three runs of
-- benchmarks/psql/index-by-youth.sh; the report's latest assessment per offence, the query that leaned
-- on the old order most, took no longer there (440 against 510 ms, warm).
drop index timeline_entry_by_subject;
create index timeline_entry_by_subject on timeline_entry (subject_ref, event_type);
