-- Mark one loaded batch of targets as rolled back (its rows stay as history and
-- drop out of targets_in_force()); returns the batch id when it changed.
-- Parameters: $batch_id.
UPDATE load_batches SET outcome = 'rolled_back'
WHERE batch_id = $batch_id AND kind = 'targets' AND outcome = 'loaded'
RETURNING batch_id;
