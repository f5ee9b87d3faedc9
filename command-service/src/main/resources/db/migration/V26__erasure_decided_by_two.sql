-- An erasure is decided under four eyes (ADR 0015 amended): the proof names both privacy officers,
-- the one who asked and the one who confirmed ("<first> + <second>"), each a token subject of up to
-- 200 characters as the access log keeps them.
alter table erasure_proof alter column decided_by type varchar(410);
