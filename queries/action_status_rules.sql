-- The action status rules (the task-tracking vocabulary), worst first: status, done, min_days_past, rank.
-- Parameters: none.
SELECT status, done, min_days_past, rank FROM action_status_rules ORDER BY rank;
