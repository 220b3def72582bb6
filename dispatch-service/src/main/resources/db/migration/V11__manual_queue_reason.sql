-- Why an order waits in the manual-dispatch queue (workorder/QueueReason), shown in the queue rows (issue 20.3).
-- A case whose street/town intake could not resolve (地点待确认) has no street code, and maybe no district code.
ALTER TABLE work_order ADD COLUMN queue_reason varchar(40);
ALTER TABLE work_order ALTER COLUMN district_code DROP NOT NULL;
ALTER TABLE work_order ALTER COLUMN street_code DROP NOT NULL;

-- orders already queued: the reason their history shows
UPDATE work_order SET queue_reason = CASE
        WHEN channel = 'PROACTIVE' THEN 'UNKNOWN_UNIT'
        WHEN return_count > 0 THEN 'RETURNED'
        ELSE 'NO_ROUTE' END
 WHERE status = 'AWAITING_MANUAL_DISPATCH';
