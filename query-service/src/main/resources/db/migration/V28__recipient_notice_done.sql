-- A decision (an erasure carried out, a restriction) whose recipients were all told, or that had none,
-- some time after it was taken: the access log before a decision does not grow once the reads that
-- started before it have been logged, so such a decision stays told. Listing the open decisions then
-- reads the access log only of those not yet done, instead of every decision ever taken at every
-- measurement. Nothing about the youth; removed with its decision's record (DecisionRecordRetention).
create table recipient_notice_done (
    decision_id uuid        not null primary key,
    done_at     timestamptz not null
);
