-- Floor for growth_series: one row per year and quarter since $since for one unit
-- and sector, with the quarter's growth and the year-to-date growth, written
-- directly on the raw tables (figure in force by arg_max; no gap checks).
-- Parameters: $indicator, $unit, $sector, $since.
WITH o AS (
    SELECT o.year, o.quarter,
           arg_max(o.value, CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END
                            * 1000000000::BIGINT + o.batch_id) AS value
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.sector_code = $sector AND o.year >= $since - 1
    GROUP BY o.year, o.quarter
),
cum AS (
    SELECT year, quarter, value, sum(value) OVER (PARTITION BY year ORDER BY quarter) AS ytd FROM o
)
SELECT c.year, c.quarter, c.value / p.value * 100 - 100 AS quarter_growth_pct,
       c.ytd / p.ytd * 100 - 100 AS ytd_growth_pct
FROM cum AS c LEFT JOIN cum AS p ON p.year = c.year - 1 AND p.quarter = c.quarter
WHERE c.year >= $since
ORDER BY c.year, c.quarter;
