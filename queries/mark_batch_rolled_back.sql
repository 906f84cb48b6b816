-- Mark batch $batch_id rolled back (its rows stay, invisible to the figures in
-- force) and return its id; no row when it was not loaded.
-- Parameters: $batch_id.
UPDATE load_batches SET outcome = 'rolled_back'
WHERE batch_id = $batch_id AND outcome = 'loaded'
RETURNING batch_id;
