-- Last year's quarterly levels, the weights that turn quarter scenarios into a
-- cumulative path and back (monitor/core/scenarios.py): one row per unit, sector
-- and quarter of year $year - 1, the level in force (latest or first vintage).
-- With $unit NULL, every unit and sector that has a target of $indicator in
-- $year (the engine's lookups); else the one unit and sector (a file's path is
-- checked before its targets are stored). Only level indicators have quarters to
-- weigh: a plan or a rate target is never converted.
-- Parameters: $indicator, $year, $vintage ('latest' | 'first'), $unit (or NULL), $sector (or NULL).
SELECT o.unit_code, o.sector_code, o.quarter, o.value
FROM obs_in_force($vintage) AS o
WHERE o.indicator = $indicator AND o.year = $year - 1
  AND o.indicator IN (SELECT code FROM indicators WHERE kind = 'level')
  AND CASE WHEN $unit IS NULL
           THEN EXISTS (SELECT 1 FROM targets_in_force() AS t
                        WHERE t.indicator = $indicator AND t.year = $year
                          AND t.unit_code = o.unit_code AND t.sector_code = o.sector_code)
           ELSE o.unit_code = $unit AND o.sector_code = $sector END
ORDER BY o.unit_code, o.sector_code, o.quarter;
