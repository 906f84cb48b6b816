-- Floor for ytd_path: one row per year and quarter of the as-of year and the year
-- before with the year-to-date growth of the unit's TOTAL, written directly on the
-- raw tables (figure in force by arg_max). Parameters: $indicator, $unit, $year.
WITH o AS (
    SELECT o.year, o.quarter,
           arg_max(o.value, CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END
                            * 1000000000::BIGINT + o.batch_id) AS value
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.sector_code = 'TOTAL'
      AND o.year BETWEEN $year - 2 AND $year
    GROUP BY o.year, o.quarter
),
cum AS (
    SELECT year, quarter, sum(value) OVER (PARTITION BY year ORDER BY quarter) AS ytd FROM o
)
SELECT c.year, c.quarter, c.ytd / p.ytd * 100 - 100 AS ytd_growth_pct
FROM cum AS c JOIN cum AS p ON p.year = c.year - 1 AND p.quarter = c.quarter
WHERE c.year >= $year - 1
ORDER BY c.year, c.quarter;
