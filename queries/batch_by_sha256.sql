-- Batches in force that loaded a file with this content (to skip reloading it).
-- Parameters: $sha256.
SELECT batch_id, file_name, loaded_at FROM load_batches
WHERE sha256 = $sha256 AND outcome = 'loaded' ORDER BY batch_id;
