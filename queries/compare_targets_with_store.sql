-- One row per row of the registered frame "staged" (a validated targets file):
-- the target in force for the same indicator, unit, sector, year, period and
-- scope, and whether the file adds it (new), changes it (revised) or repeats it
-- (unchanged).
-- Parameters: none.
SELECT s."row", s.indicator, s.unit_code, s.sector_code, s.year, s.period, s.scope,
       c.value AS old_value, s.value AS new_value,
       CASE WHEN c.value IS NULL THEN 'new' WHEN c.value = s.value THEN 'unchanged' ELSE 'revised' END AS change
FROM staged AS s
LEFT JOIN targets_in_force() AS c USING (indicator, unit_code, sector_code, year, period, scope)
ORDER BY s."row";
