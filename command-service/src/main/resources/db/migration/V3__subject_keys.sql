-- Per-subject data keys that seal personal data (AES-256-GCM), stored wrapped with the master key.
-- Crypto-shredding sets wrapped_key to null: every value sealed with it is then unreadable forever,
-- while the events that carry those values stay in the store.
create table subject_key (
    subject_ref varchar(80) not null,
    key_version integer     not null,
    wrap_nonce  bytea,
    wrapped_key bytea,
    created_at  timestamptz not null,
    shredded_at timestamptz,
    constraint subject_key_pk primary key (subject_ref, key_version),
    constraint subject_key_shredded_ck check ((wrapped_key is null) = (shredded_at is not null))
);
