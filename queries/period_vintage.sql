-- The least final vintage among the figures in force for a period to date (quarters 1..$quarter of $year) of one
-- indicator, unit and sector: 'estimate' while any of them is an estimate, then 'preliminary', then 'official'
-- (vintage_rank); NULL without figures. A release's verb follows it (ước đạt, sơ bộ đạt, đạt).
-- Parameters: $indicator, $unit, $sector, $year, $quarter, $vintage ('latest' | 'first').
SELECT arg_min(vintage, vintage_rank(vintage)) AS vintage
FROM obs_in_force($vintage)
WHERE indicator = $indicator AND unit_code = $unit AND sector_code = $sector
  AND year = $year AND quarter BETWEEN 1 AND $quarter;
