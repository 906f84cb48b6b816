-- One row per batch of targets (files, page saves and reverts), newest first:
-- who wrote it and when, its file or revert label, rows, and whether it is
-- still loaded; `later_batch` is the newest other loaded batch that wrote one
-- of the same keys after it (a batch can be reverted only while that is NULL).
-- Parameters: none.
WITH keys AS (
    SELECT DISTINCT t.batch_id, t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.scope, t.effective_date
    FROM targets AS t
)
SELECT b.batch_id, b.loaded_at, b.user_name, b.file_name, b.row_count, b.outcome,
       (SELECT max(k2.batch_id)
        FROM keys AS k1
        JOIN keys AS k2 USING (indicator, unit_code, sector_code, year, period, scope, effective_date)
        JOIN load_batches AS b2 ON b2.batch_id = k2.batch_id AND b2.outcome = 'loaded'
        WHERE k1.batch_id = b.batch_id AND k2.batch_id > b.batch_id) AS later_batch
FROM load_batches AS b
WHERE b.kind = 'targets'
ORDER BY b.batch_id DESC;
