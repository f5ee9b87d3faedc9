-- Which master key wrapped each data key (an id derived from the key, never the key), so that the
-- master key can be rotated while the service runs: data keys are re-wrapped batch by batch with
-- the new one (MasterKeyRotation). Null for keys wrapped before this column: the node tries its
-- master keys on them, current first, and the rotation gives them an id.
alter table subject_key add column master_key_id char(16);
