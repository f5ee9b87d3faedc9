-- A youth's entries by youth first, in every generation: erasure and retention delete a youth's
-- entries without naming a generation, which no other index of audience_entry starts with, so each
-- walked the whole table (issue 21).
create index audience_entry_by_subject on audience_entry (subject_ref, generation);
