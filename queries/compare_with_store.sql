-- One row per row of the registered frame "staged" (a validated upload): the
-- figure in force for the same indicator, unit, sector, year and quarter, and
-- whether the upload adds it (new), changes it (revised) or repeats it (unchanged).
-- Parameters: none.
WITH current AS (
    SELECT o.* FROM obs_in_force('latest') AS o
    WHERE (o.indicator, o.unit_code, o.sector_code, o.year, o.quarter) IN (
        SELECT (indicator, unit_code, sector_code, year, quarter) FROM staged)
)
SELECT s.indicator, s.unit_code, s.sector_code, s.year, s.quarter, s.vintage,
       c.value AS old_value, c.vintage AS old_vintage, s.value AS new_value,
       CASE WHEN c.value IS NULL THEN 'new'
            WHEN c.value = s.value AND c.vintage = s.vintage THEN 'unchanged'
            ELSE 'revised' END AS change
FROM staged AS s
LEFT JOIN current AS c USING (indicator, unit_code, sector_code, year, quarter);
