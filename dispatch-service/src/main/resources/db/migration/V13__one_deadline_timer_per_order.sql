-- One deadline timer row per order (issue 19): the pending reminder and overdue timers of an order (up to six rows,
-- named KIND/PHASE, data = the deadline) become one row named NEXT, due at the first step, whose data lists the steps
-- one per line as "KIND/PHASE deadline dueAt" (deadline.DeadlineSteps); the old rows are cancelled.
INSERT INTO durable_timer (timer_group, subject, name, due_at, data)
SELECT timer_group, subject, 'NEXT', min(due_at),
       string_agg(name || ' ' || data || ' '
                  || to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  E'\n' ORDER BY due_at, name)
FROM durable_timer
WHERE timer_group = 'dispatch.deadline' AND status = 'PENDING' AND name <> 'NEXT'
GROUP BY timer_group, subject
ON CONFLICT (timer_group, subject, name) DO NOTHING;

UPDATE durable_timer SET status = 'CANCELLED', updated_at = now()
WHERE timer_group = 'dispatch.deadline' AND status = 'PENDING' AND name <> 'NEXT';
