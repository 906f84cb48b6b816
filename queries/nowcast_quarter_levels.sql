-- One row per quarter with a GRDP level (constant 2010 prices) in force for one unit and sector: year, quarter,
-- value. The nowcast's target series (growth on the same quarter of the year before is computed from these).
-- Parameters: $unit, $sector, $vintage ('latest' | 'first').
SELECT year, quarter, value
FROM obs_in_force($vintage)
WHERE indicator = 'GRDP' AND unit_code = $unit AND sector_code = $sector
ORDER BY year, quarter;
