-- The views lose their index by youth (V17, carried over by V19; issue 21, ADR 0021 item 22). It
-- served two statements only, erasure and retention, which delete a youth's views in every
-- generation, while every view the projection and the replay write paid for one more index entry: a
-- COPY of 100,000 views into a million took 2,172-2,940 ms with it and 1,574-2,329 ms without, three
-- runs of benchmarks/psql/index-by-youth.sh. Those two statements now find a youth's views through
-- audience_view_key, one descent per generation the table holds (AudienceEntries.IN_EVERY_GENERATION
-- walks the key's first column to find them, so a generation is never missed, whatever wrote it).
drop index audience_view_by_subject;
