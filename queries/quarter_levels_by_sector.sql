-- One row per sector, year and quarter of one indicator and unit, from six years
-- before $year to $year: the level of the quarter in force (latest or first
-- vintage) with the sector's parent and display order. The what-if projection
-- reads the current and last year; the five-year record reads the rest.
-- Parameters: $indicator, $unit, $year, $vintage ('latest' | 'first').
SELECT o.sector_code AS code, s.parent_code, s.sort_order, s.name_vi, s.name_en, o.year, o.quarter, o.value
FROM obs_in_force($vintage) AS o
JOIN sectors AS s ON s.code = o.sector_code
WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.year BETWEEN $year - 6 AND $year
ORDER BY s.sort_order, o.year, o.quarter;
