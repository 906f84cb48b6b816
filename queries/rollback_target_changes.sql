-- One row per target (indicator, unit, sector, year, period, scope, effective date) whose value
-- in force would change if targets batch $batch_id were rolled back: the value
-- now and after (NULL when the target would disappear). Same precedence as
-- targets_in_force(): the newest batch.
-- Parameters: $batch_id.
WITH live AS (
    SELECT t.* FROM targets AS t
    JOIN load_batches AS b ON b.batch_id = t.batch_id AND b.outcome = 'loaded'
),
now AS (
    SELECT * FROM live
    QUALIFY row_number() OVER (PARTITION BY indicator, unit_code, sector_code, year, period, scope, effective_date
                               ORDER BY batch_id DESC) = 1
),
after AS (
    SELECT * FROM live WHERE batch_id <> $batch_id
    QUALIFY row_number() OVER (PARTITION BY indicator, unit_code, sector_code, year, period, scope, effective_date
                               ORDER BY batch_id DESC) = 1
)
SELECT n.indicator, n.unit_code, n.sector_code, n.year, n.period, n.scope, n.effective_date,
       n.value AS value_now, a.value AS value_after
FROM now AS n
LEFT JOIN after AS a USING (indicator, unit_code, sector_code, year, period, scope, effective_date)
WHERE n.batch_id = $batch_id
ORDER BY n.indicator, n.unit_code, n.year, n.period, n.scope, n.sector_code;
