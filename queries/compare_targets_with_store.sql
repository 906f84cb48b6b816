-- One row per row of the registered frame "staged" (a validated targets file):
-- the target in force for the same indicator, unit, sector, year, period, scope
-- and effective date (1 January of the year when the file gives none), and
-- whether the file adds it (new), changes it (revised) or repeats it
-- (unchanged).
-- Parameters: none.
WITH s AS (
    SELECT "row", indicator, unit_code, sector_code, year, period, scope, value, value_high,
           coalesce(CAST(effective_date AS DATE), make_date(year, 1, 1)) AS effective_date
    FROM staged
)
SELECT s."row", s.indicator, s.unit_code, s.sector_code, s.year, s.period, s.scope, s.effective_date,
       c.value AS old_value, s.value AS new_value, c.value_high AS old_value_high, s.value_high AS new_value_high,
       CASE WHEN c.value IS NULL THEN 'new'
            WHEN c.value = s.value AND c.value_high IS NOT DISTINCT FROM s.value_high THEN 'unchanged'
            ELSE 'revised' END AS change
FROM s
LEFT JOIN targets_in_force() AS c USING (indicator, unit_code, sector_code, year, period, scope, effective_date)
ORDER BY s."row";
