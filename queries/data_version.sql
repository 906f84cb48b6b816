-- A fingerprint of the store's contents that changes with every load or
-- rollback; caches are keyed by it. Parameters: none.
SELECT coalesce(max(batch_id), 0) AS last_batch,
       count(*) FILTER (WHERE outcome = 'rolled_back') AS rolled_back
FROM load_batches;
