-- One row per table of the store that the benchmark fills, with its row count.
-- Parameters: none.
SELECT 'units' AS "table", count(*) AS "rows" FROM units
UNION ALL SELECT 'observations', count(*) FROM observations
UNION ALL SELECT 'targets', count(*) FROM targets
UNION ALL SELECT 'load_batches', count(*) FROM load_batches;
