-- The notification thresholds: event, min_change_pp (a widened gap is mailed past it). Parameters: none.
SELECT event, min_change_pp FROM notification_rules ORDER BY event;
