-- One row per row of the registered frame "staged_monthly": the monthly figure in force for the same key (highest
-- vintage_rank, newest batch; rolled-back batches invisible) and whether the load adds it (new), changes it
-- (revised), repeats it (unchanged) or brings a lower vintage (downgrade: kept as history).
-- Parameters: none.
WITH current AS (
    SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.month,
           arg_max(o.value, vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id) AS old_value,
           arg_max(o.vintage, vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id) AS old_vintage
    FROM observations_monthly AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE (o.indicator, o.unit_code, o.sector_code) IN (SELECT (indicator, unit_code, sector_code) FROM staged_monthly)
    GROUP BY ALL
)
SELECT s.indicator, s.unit_code, s.sector_code, s.year, s.month, s.vintage, c.old_value, c.old_vintage,
       s.value AS new_value,
       CASE WHEN c.old_value IS NULL THEN 'new'
            WHEN vintage_rank(s.vintage) < vintage_rank(c.old_vintage) THEN 'downgrade'
            WHEN c.old_value = s.value AND c.old_vintage = s.vintage THEN 'unchanged'
            ELSE 'revised' END AS change
FROM staged_monthly AS s
LEFT JOIN current AS c USING (indicator, unit_code, sector_code, year, month)
ORDER BY s.indicator, s.unit_code, s.sector_code, s.year, s.month;
