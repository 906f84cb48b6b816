-- The latest year and quarter for which the indicator has a TOTAL figure for the
-- unit (one row, or none when the store is empty).
-- Parameters: $indicator, $unit.
SELECT year, quarter
FROM obs_in_force('latest')
WHERE indicator = $indicator AND unit_code = $unit AND sector_code = 'TOTAL'
ORDER BY year DESC, quarter DESC
LIMIT 1;
