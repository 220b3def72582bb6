-- Retention of the kit's bookkeeping (BookkeepingRetention): finding the rows that are due must cost the same after a
-- million appeals as after ten thousand, so each delete batch reads an index range, not the table.
-- processed_event: rows older than jiesu.retention.processed-event (default 14 days).
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
-- durable_timer: finished rows (FIRED, CANCELLED, FAILED) older than jiesu.retention.finished-timers (30 days); the
-- index holds only finished rows, so the poller's PENDING rows cost it nothing.
CREATE INDEX durable_timer_finished ON durable_timer (updated_at) WHERE status <> 'PENDING';
