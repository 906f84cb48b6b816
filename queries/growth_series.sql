-- One row per year and quarter with a figure for one unit and sector: the
-- quarter's level, its growth over the same quarter of the year before, and the
-- year-to-date growth at the end of that quarter. A quarter whose year-to-date
-- window (this year or last) has a gap gives NULL growth, never a partial sum.
-- Parameters: $indicator, $unit, $sector, $vintage ('latest' | 'first'), $since (first year shown).
WITH o AS (
    SELECT year, quarter, value
    FROM obs_in_force($vintage)
    WHERE indicator = $indicator AND unit_code = $unit AND sector_code = $sector AND year >= $since - 1
),
cum AS (
    SELECT year, quarter, value,
           sum(value) OVER (PARTITION BY year ORDER BY quarter) AS ytd_level,
           count(*) OVER (PARTITION BY year ORDER BY quarter) AS quarters
    FROM o
)
SELECT c.year, c.quarter, c.value AS quarter_level,
       c.value / nullif(p.value, 0) * 100 - 100 AS quarter_growth_pct,
       CASE WHEN c.quarters = c.quarter AND p.quarters = p.quarter
            THEN c.ytd_level / nullif(p.ytd_level, 0) * 100 - 100 END AS ytd_growth_pct
FROM cum AS c
LEFT JOIN cum AS p ON p.year = c.year - 1 AND p.quarter = c.quarter
WHERE c.year >= $since
ORDER BY c.year, c.quarter;
