-- A backbone record the projection cannot apply, batch after batch, while the database answers (a defect its
-- content sets off) is parked instead of holding up every read model (ADR 0033), and holds its youth: the
-- youth's later records are parked behind it, in their order, until a pass applies them (after a fix).
-- Rows that hold their youth are marked; the others are the records no release can read (ADR 0004).
alter table unprojectable_event add column holds_youth boolean not null default false;
alter table unprojectable_event add column attempts int not null default 0;
alter table unprojectable_event add column last_tried_at timestamptz;
create index unprojectable_event_held on unprojectable_event (record_key, kafka_partition, kafka_offset)
    where holds_youth;
