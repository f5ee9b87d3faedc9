-- A parked (unprojectable) record keeps its Kafka headers too: in the CloudEvents binary binding the
-- attributes travel in the headers, so a re-drive after a fix needs them to read the record again.
-- Records parked before this migration have none; a re-drive reads them as they were kept.
alter table unprojectable_event add column record_headers jsonb not null default '[]'::jsonb;
