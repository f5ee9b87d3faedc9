-- The placemat as the covenant administrator keeps it: one row per organisation that was changed
-- after the deployment's first sheet (placemat.yaml), with who changed it last and when. Every
-- change is also in the access log (placemat.change, purpose covenant-governance).
create table placemat_entry (
    organisation text primary key,
    name         text        not null,
    team         text        not null,
    contact      text        not null,
    phone        text        not null,
    changed_by   text        not null,
    changed_at   timestamptz not null
);
