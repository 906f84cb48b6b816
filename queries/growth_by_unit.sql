-- One row per member unit ($members: the codes of the units of a level under the parent, from unit_members.sql),
-- for one indicator and sector (usually TOTAL) around the as-of quarter: levels of
-- the quarter and of the year to date, this year and last year, growth, growth of
-- the previous quarter's year to date (for the trend), and the unit's
-- contribution in percentage points to the parent's growth (its increase over
-- the parent's level of the same period last year). Units with no figures in
-- the window are left out; a period with a missing quarter gives NULL.
-- The members come bound as a list, not as a subquery: a constant list is pushed through period_levels into the
-- scan of observations, where the zone maps skip the row groups of every other unit (4x faster at national scale,
-- BENCHMARKS.md finding 2); a subquery is joined only after every unit's levels are summed.
-- Parameters: $indicator, $parent, $members (a list of unit codes), $sector, $year, $quarter, $vintage.
WITH members AS (
    SELECT DISTINCT ON (code) code, name_vi, name_en, main_former_district
    FROM units
    WHERE code IN $members
    ORDER BY code, valid_from DESC
),
levels AS (
    SELECT * EXCLUDE (sector_code)
    FROM period_levels($vintage, $indicator, $year, $quarter)
    WHERE sector_code = $sector AND (unit_code = $parent OR unit_code IN $members)
),
parent AS (
    SELECT quarter_level_prev AS parent_quarter_prev, ytd_level_prev AS parent_ytd_prev
    FROM levels WHERE unit_code = $parent
)
SELECT
    m.code AS unit_code, m.name_vi, m.name_en, m.main_former_district,
    l.quarter_level, l.quarter_level_prev, l.ytd_level, l.ytd_level_prev,
    l.annual_level_prev, l.annual_level_prev - l.ytd_level_prev AS rest_level_prev,
    l.quarter_level / nullif(l.quarter_level_prev, 0) * 100 - 100 AS quarter_growth_pct,
    l.ytd_level / nullif(l.ytd_level_prev, 0) * 100 - 100 AS ytd_growth_pct,
    l.prev_ytd_level / nullif(l.prev_ytd_level_prev, 0) * 100 - 100 AS prev_ytd_growth_pct,
    (l.quarter_level - l.quarter_level_prev) / nullif(p.parent_quarter_prev, 0) * 100 AS quarter_contribution_pp,
    (l.ytd_level - l.ytd_level_prev) / nullif(p.parent_ytd_prev, 0) * 100 AS ytd_contribution_pp
FROM members AS m
JOIN levels AS l ON l.unit_code = m.code
LEFT JOIN parent AS p ON true
ORDER BY m.code;
