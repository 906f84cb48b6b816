-- Record who rolled back batch $batch_id and why.
-- Parameters: $batch_id, $user_name, $reason.
INSERT INTO batch_rollbacks (batch_id, user_name, reason) VALUES ($batch_id, $user_name, $reason);
