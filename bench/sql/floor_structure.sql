-- Floor for structure_current_prices: one row per top-level component (KV1, KV2,
-- KV3, TAX) of a unit with its share of the total at current prices, year to date
-- this year and last, written directly on the raw tables (figure in force by
-- arg_max). Parameters: $indicator, $unit, $year, $quarter.
WITH o AS (
    SELECT o.sector_code, o.year, o.quarter,
           arg_max(o.value, CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END
                            * 1000000000::BIGINT + o.batch_id) AS value
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.year BETWEEN $year - 1 AND $year
      AND o.quarter <= $quarter AND o.sector_code IN (SELECT code FROM sectors WHERE parent_code = 'TOTAL')
    GROUP BY o.sector_code, o.year, o.quarter
),
l AS (
    SELECT sector_code, sum(value) FILTER (WHERE year = $year) AS y_now,
           sum(value) FILTER (WHERE year = $year - 1) AS y_prev
    FROM o GROUP BY sector_code
)
SELECT sector_code, y_now / sum(y_now) OVER () * 100 AS share_pct, y_prev / sum(y_prev) OVER () * 100 AS share_prev_pct
FROM l ORDER BY sector_code;
