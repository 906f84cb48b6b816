-- The data version a paper copy names on its cover: the last load batch (its id, file and time) and how many
-- batches were rolled back; no row for a store without a load. Parameters: none.
SELECT b.batch_id, b.file_name, b.loaded_at,
       (SELECT count(*) FROM load_batches WHERE outcome = 'rolled_back') AS rolled_back
FROM load_batches AS b
ORDER BY b.batch_id DESC
LIMIT 1;
