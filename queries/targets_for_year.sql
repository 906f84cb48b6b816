-- The targets in force for one indicator and year, every unit, sector, period
-- and scope (a few hundred rows at most).
-- Parameters: $indicator, $year.
SELECT unit_code, sector_code, period, scope, value, source
FROM targets_in_force()
WHERE indicator = $indicator AND year = $year
ORDER BY unit_code, sector_code, scope, period;
