-- One row per indicator, unit, year and quarter whose year-to-date growth of the
-- TOTAL (sum of the year's quarters so far over the same quarters last year)
-- the registered frame "staged" would change: the growth before and after the
-- load. A staged figure takes force unless its vintage is below the one in
-- force. Level and plan indicators only (rate indicators hold a % already).
-- Parameters: none.
WITH touched AS (
    SELECT DISTINCT s.indicator, s.unit_code FROM staged AS s
    JOIN indicators AS i ON i.code = s.indicator AND i.kind IN ('level', 'plan')
    WHERE s.sector_code = 'TOTAL'
),
before AS (
    SELECT o.indicator, o.unit_code, o.year, o.quarter, o.value, vintage_rank(o.vintage) AS rank
    FROM obs_in_force('latest') AS o
    JOIN touched USING (indicator, unit_code)
    WHERE o.sector_code = 'TOTAL'
),
incoming AS (
    SELECT indicator, unit_code, year, quarter, value, vintage_rank(vintage) AS rank
    FROM staged WHERE sector_code = 'TOTAL'
    QUALIFY row_number() OVER (PARTITION BY indicator, unit_code, year, quarter ORDER BY rank DESC) = 1
),
after AS (
    SELECT coalesce(n.indicator, b.indicator) AS indicator, coalesce(n.unit_code, b.unit_code) AS unit_code,
           coalesce(n.year, b.year) AS year, coalesce(n.quarter, b.quarter) AS quarter,
           CASE WHEN n.value IS NOT NULL AND (b.rank IS NULL OR n.rank >= b.rank) THEN n.value ELSE b.value END
               AS value
    FROM before AS b
    FULL JOIN incoming AS n USING (indicator, unit_code, year, quarter)
),
cum AS (
    SELECT 'before' AS state, indicator, unit_code, year, quarter,
           sum(value) OVER w AS ytd_level, count(*) OVER w AS quarters
    FROM before WINDOW w AS (PARTITION BY indicator, unit_code, year ORDER BY quarter)
    UNION ALL
    SELECT 'after', indicator, unit_code, year, quarter,
           sum(value) OVER w, count(*) OVER w
    FROM after WINDOW w AS (PARTITION BY indicator, unit_code, year ORDER BY quarter)
),
growth AS (
    SELECT c.state, c.indicator, c.unit_code, c.year, c.quarter,
           c.ytd_level / nullif(p.ytd_level, 0) * 100 - 100 AS ytd_growth_pct
    FROM cum AS c
    JOIN cum AS p ON p.state = c.state AND p.indicator = c.indicator AND p.unit_code = c.unit_code
        AND p.year = c.year - 1 AND p.quarter = c.quarter
    WHERE c.quarters = c.quarter AND p.quarters = p.quarter
),
paired AS (
    SELECT coalesce(a.indicator, b.indicator) AS indicator, coalesce(a.unit_code, b.unit_code) AS unit_code,
           coalesce(a.year, b.year) AS year, coalesce(a.quarter, b.quarter) AS quarter,
           b.ytd_growth_pct AS before_pct, a.ytd_growth_pct AS after_pct
    FROM (SELECT * FROM growth WHERE state = 'after') AS a
    FULL JOIN (SELECT * FROM growth WHERE state = 'before') AS b USING (indicator, unit_code, year, quarter)
)
SELECT indicator, unit_code, year, quarter, before_pct, after_pct, after_pct - before_pct AS change_pp
FROM paired
WHERE before_pct IS DISTINCT FROM after_pct
  AND (before_pct IS NULL OR after_pct IS NULL OR abs(after_pct - before_pct) > 1e-9)
ORDER BY indicator, unit_code, year, quarter;
