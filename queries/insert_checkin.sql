-- Record a check-in on an action (never updated: the register's history). $status is the action's status computed
-- for $checked_on with this check-in counted. Parameters: $action_id, $checked_on, $note, $done, $status,
-- $user_name.
INSERT INTO action_checkins (action_id, checked_on, note, done, status, user_name)
VALUES ($action_id, $checked_on, $note, $done, $status, $user_name)
RETURNING checkin_id;
