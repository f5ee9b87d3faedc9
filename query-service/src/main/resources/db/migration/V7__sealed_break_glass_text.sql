-- Break-glass reasons and review notes are free text about a youth (they may name people): from now
-- on they are kept sealed (AES-256-GCM, FreeTextSeal), never in clear. Grants from before keep their
-- text in the old columns; reason becomes optional for the new rows.
alter table break_glass alter column reason drop not null;
alter table break_glass add column reason_sealed jsonb;
alter table break_glass add column review_note_sealed jsonb;
