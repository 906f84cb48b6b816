-- One row per figure in force (latest vintage, newest batch) of $indicator for a unit and sector listed in the
-- registered frame "wanted" (unit_code, sector_code) and a year from $first_year to $last_year: its quarter and
-- value. An office table's cumulative periods become quarters with them, and its growth columns are checked.
-- Parameters: $indicator, $first_year, $last_year.
SELECT o.unit_code, o.sector_code, o.year, o.quarter, o.value
FROM obs_in_force('latest') AS o
JOIN (SELECT DISTINCT unit_code, sector_code FROM wanted) AS w
    ON w.unit_code = o.unit_code AND w.sector_code = o.sector_code
WHERE o.indicator = $indicator AND o.year BETWEEN $first_year AND $last_year
ORDER BY o.unit_code, o.sector_code, o.year, o.quarter;
