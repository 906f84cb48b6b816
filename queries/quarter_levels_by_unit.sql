-- One row per unit, year and quarter: the level in force of one indicator and
-- sector (usually TOTAL) for every unit of a level (commune or former_district)
-- under a parent unit, from six years before $year to $year. Shortfall
-- allocation by locality reads the weights and the five-year record from it.
-- Parameters: $indicator, $parent, $level, $sector, $year, $vintage.
WITH members AS (
    SELECT DISTINCT ON (code) code, name_vi, name_en
    FROM units
    WHERE parent_code = $parent AND level = $level
    ORDER BY code, valid_from DESC
)
SELECT m.code, m.name_vi, m.name_en, o.year, o.quarter, o.value
FROM members AS m
JOIN obs_in_force($vintage) AS o ON o.unit_code = m.code
WHERE o.indicator = $indicator AND o.sector_code = $sector AND o.year BETWEEN $year - 6 AND $year
ORDER BY m.code, o.year, o.quarter;
