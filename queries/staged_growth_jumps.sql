-- One row per row of the registered frame "staged" whose change on the same
-- quarter of last year is beyond plus or minus $limit_pct: for level and plan
-- indicators growth against last year's figure (from the file itself, else the
-- figure in force); rate indicators already hold a % change.
-- Parameters: $limit_pct.
WITH file_latest AS (
    SELECT indicator, unit_code, sector_code, year, quarter, value FROM staged
    QUALIFY row_number() OVER (
        PARTITION BY indicator, unit_code, sector_code, year, quarter
        ORDER BY vintage_rank(vintage) DESC) = 1
),
in_force AS (
    SELECT indicator, unit_code, sector_code, year, quarter, value FROM obs_in_force('latest')
    WHERE (indicator, unit_code, sector_code, year + 1, quarter) IN (
        SELECT (indicator, unit_code, sector_code, year, quarter) FROM staged)
),
compared AS (
    SELECT s."row", s.indicator, s.unit_code, s.sector_code, s.year, s.quarter, s.value, i.kind,
           coalesce(f.value, p.value) AS prev_value,
           CASE WHEN i.kind = 'rate' THEN s.value
                ELSE s.value / nullif(coalesce(f.value, p.value), 0) * 100 - 100 END AS change_pct
    FROM staged AS s
    JOIN indicators AS i ON i.code = s.indicator
    LEFT JOIN file_latest AS f ON f.indicator = s.indicator AND f.unit_code = s.unit_code
        AND f.sector_code = s.sector_code AND f.year = s.year - 1 AND f.quarter = s.quarter
    LEFT JOIN in_force AS p ON p.indicator = s.indicator AND p.unit_code = s.unit_code
        AND p.sector_code = s.sector_code AND p.year = s.year - 1 AND p.quarter = s.quarter
)
SELECT "row", indicator, unit_code, sector_code, year, quarter, value, prev_value, kind, change_pct
FROM compared
WHERE abs(change_pct) > $limit_pct
ORDER BY "row";
