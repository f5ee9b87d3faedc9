-- A keyed fingerprint (HMAC-SHA-256 with the pseudonym key) of each partner event as it was sent,
-- so that a refused event resent with the same (source, id) is told apart: identical, it gets its
-- first refusal back; corrected, it is decided afresh. A refusal decided by the youth's state (422)
-- keeps no fingerprint and is decided afresh at every resend. Receipts written before this column
-- have none either.
alter table intake_receipt add column fingerprint varchar(64);
