-- Log one message sent, or tried. Parameters: $event, $owner, $recipient, $item_kind, $item_code, $action_id,
-- $year, $quarter, $subject, $outcome ('sent' or 'failed'), $error.
INSERT INTO notification_log (event, owner, recipient, item_kind, item_code, action_id, year, quarter, subject,
                              outcome, error)
VALUES ($event, $owner, $recipient, $item_kind, $item_code, $action_id, $year, $quarter, $subject, $outcome, $error);
