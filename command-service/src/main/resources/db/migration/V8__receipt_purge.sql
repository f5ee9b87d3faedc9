-- Receipts are purged after their retention period (ReceiptPurge). They are written in the order
-- they are received, so a BRIN index finds the old ones at almost no cost to the intake's inserts.
create index intake_receipt_received on intake_receipt using brin (received_at);
