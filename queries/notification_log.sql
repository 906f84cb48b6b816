-- Every message sent or tried, newest first. Parameters: none.
SELECT message_id, event, owner, recipient, item_kind, item_code, action_id, year, quarter, subject, outcome,
       error, sent_at
FROM notification_log ORDER BY message_id DESC;
