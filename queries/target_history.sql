-- One row per target value a batch wrote (a file, a save from the targets page),
-- newest first: the key, the value in force just before the batch (NULL for a
-- new target) and the value it wrote, the source document, who and when, and
-- whether the batch is still loaded or was reverted (rolled back).
-- Parameters: $indicator, $year.
WITH written AS (
    SELECT t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.scope, t.effective_date, t.value,
           t.value_high, t.source,
           t.batch_id, b.user_name, b.loaded_at, b.file_name, b.outcome
    FROM targets AS t
    JOIN load_batches AS b ON b.batch_id = t.batch_id
    WHERE t.indicator = $indicator AND t.year = $year
)
SELECT batch_id, loaded_at, user_name, file_name, outcome, unit_code, sector_code, scope, period, effective_date,
       last_value(CASE WHEN outcome = 'loaded' THEN value END IGNORE NULLS) OVER (
           PARTITION BY indicator, unit_code, sector_code, year, period, scope, effective_date
           ORDER BY batch_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS old_value,
       value AS new_value, value_high AS new_value_high, source
FROM written
ORDER BY batch_id DESC, unit_code, sector_code, scope, period;
