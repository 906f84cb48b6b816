-- The check-ins of one action, oldest first: each dated note with the status it was recorded at and who wrote it.
-- Parameters: $action_id.
SELECT checkin_id, action_id, checked_on, note, done, status, user_name, recorded_at
FROM action_checkins WHERE action_id = $action_id ORDER BY checkin_id;
