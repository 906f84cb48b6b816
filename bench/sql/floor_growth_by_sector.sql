-- Floor for growth_by_sector: one row per sector of the unit, the same growth,
-- contribution and share figures, written directly on the raw tables (figure in
-- force = highest vintage, then newest loaded batch, by arg_max; no checks for
-- missing quarters). Parameters: $indicator, $unit, $year, $quarter.
WITH o AS (
    SELECT o.sector_code, o.year, o.quarter,
           arg_max(o.value, CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END
                            * 1000000000::BIGINT + o.batch_id) AS value
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.year BETWEEN $year - 2 AND $year
    GROUP BY o.sector_code, o.year, o.quarter
),
l AS (
    SELECT sector_code,
           sum(value) FILTER (WHERE year = $year AND quarter = $quarter) AS q_now,
           sum(value) FILTER (WHERE year = $year - 1 AND quarter = $quarter) AS q_prev,
           sum(value) FILTER (WHERE year = $year AND quarter <= $quarter) AS y_now,
           sum(value) FILTER (WHERE year = $year - 1 AND quarter <= $quarter) AS y_prev,
           sum(value) FILTER (WHERE year = $year - 1) AS annual_prev,
           CASE WHEN $quarter > 1 THEN sum(value) FILTER (WHERE year = $year AND quarter < $quarter)
                ELSE sum(value) FILTER (WHERE year = $year - 1) END AS p_now,
           CASE WHEN $quarter > 1 THEN sum(value) FILTER (WHERE year = $year - 1 AND quarter < $quarter)
                ELSE sum(value) FILTER (WHERE year = $year - 2) END AS p_prev
    FROM o GROUP BY sector_code
),
va AS (
    SELECT code FROM sectors WHERE code IN ('KV1', 'KV2', 'KV3') OR parent_code IN ('KV1', 'KV2', 'KV3')
),
base AS (
    SELECT max(q_prev) FILTER (WHERE sector_code = 'TOTAL') AS total_q_prev,
           max(y_prev) FILTER (WHERE sector_code = 'TOTAL') AS total_y_prev,
           sum(y_now - y_prev) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_y_increase
    FROM l
)
SELECT l.sector_code, l.annual_prev AS annual_level_prev,
       l.q_now / l.q_prev * 100 - 100 AS quarter_growth_pct,
       l.y_now / l.y_prev * 100 - 100 AS ytd_growth_pct,
       l.p_now / l.p_prev * 100 - 100 AS prev_ytd_growth_pct,
       (l.q_now - l.q_prev) / b.total_q_prev * 100 AS quarter_contribution_pp,
       (l.y_now - l.y_prev) / b.total_y_prev * 100 AS ytd_contribution_pp,
       CASE WHEN l.sector_code IN (SELECT code FROM va)
            THEN (l.y_now - l.y_prev) / b.va_y_increase * 100 END AS ytd_share_of_increase_pct
FROM l CROSS JOIN base AS b
ORDER BY l.sector_code;
