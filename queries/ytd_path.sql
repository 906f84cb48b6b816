-- One row per year and quarter for the as-of year and the year before: the
-- year-to-date growth of the TOTAL at the end of that quarter (sum of the
-- year's quarters so far over the same quarters of the previous year). Quarters
-- with a gap in the year so far are left out.
-- Parameters: $indicator, $unit, $year, $vintage.
WITH o AS (
    SELECT year, quarter, value
    FROM obs_in_force($vintage)
    WHERE indicator = $indicator AND unit_code = $unit AND sector_code = 'TOTAL'
      AND year BETWEEN $year - 2 AND $year
),
cum AS (
    SELECT year, quarter,
           sum(value) OVER (PARTITION BY year ORDER BY quarter) AS ytd_level,
           count(*) OVER (PARTITION BY year ORDER BY quarter) AS quarters
    FROM o
)
SELECT c.year, c.quarter, c.ytd_level / nullif(p.ytd_level, 0) * 100 - 100 AS ytd_growth_pct
FROM cum AS c
JOIN cum AS p ON p.year = c.year - 1 AND p.quarter = c.quarter
WHERE c.year >= $year - 1 AND c.quarters = c.quarter AND p.quarters = p.quarter
ORDER BY c.year, c.quarter;
