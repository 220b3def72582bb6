-- 风险预警 / urgent appeals (issue 17.6): intake makes a risk-word appeal URGENT so that it gets the shortest limits.
-- Contact (60 min) and completion (24 h) already were; sign-for was 2 h like an ordinary order, i.e. after the contact
-- deadline. An urgent order is now signed for within 30 minutes (reminder 10 minutes before), so URGENT is the
-- shortest on every limit. Only when nobody changed the row through the admin API (version 1, sign-for 120): an
-- administrator's choice stands. The change is audited like an admin change.
UPDATE time_limit_policy
   SET sign_for_minutes = 30, sign_for_remind_minutes = 10, version = version + 1,
       description = 'urgent: sign for within 30 min, contact within 1 h, resolve within 24 h'
 WHERE id = 'urgent' AND version = 1 AND sign_for_minutes = 120;

INSERT INTO time_limit_audit (policy_id, version, action, actor, at, policy)
SELECT id, version, 'CHANGED', 'migration V8 (urgent signs for first)', now(),
       json_build_object('id', id, 'urgency', urgency, 'appealType', appeal_type, 'priority', priority,
                         'signForMinutes', sign_for_minutes, 'contactMinutes', contact_minutes,
                         'completionMinutes', completion_minutes, 'signForRemindMinutes', sign_for_remind_minutes,
                         'contactRemindMinutes', contact_remind_minutes,
                         'completionRemindMinutes', completion_remind_minutes, 'description', description,
                         'reopenCompletionMinutes', reopen_completion_minutes, 'version', version)::text
  FROM time_limit_policy WHERE id = 'urgent' AND version = 2 AND sign_for_minutes = 30;
