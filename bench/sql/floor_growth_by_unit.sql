-- Floor for growth_by_unit: one row per unit of a level under a parent, the same
-- growth and contribution figures for one sector, written directly on the raw
-- tables (figure in force by arg_max; no checks for missing quarters).
-- Parameters: $indicator, $parent, $level, $sector, $year, $quarter.
WITH members AS (
    SELECT DISTINCT code FROM units WHERE parent_code = $parent AND level = $level
),
o AS (
    SELECT o.unit_code, o.year, o.quarter,
           arg_max(o.value, CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END
                            * 1000000000::BIGINT + o.batch_id) AS value
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.sector_code = $sector AND o.year BETWEEN $year - 2 AND $year
      AND (o.unit_code = $parent OR o.unit_code IN (SELECT code FROM members))
    GROUP BY o.unit_code, o.year, o.quarter
),
l AS (
    SELECT unit_code,
           sum(value) FILTER (WHERE year = $year AND quarter = $quarter) AS q_now,
           sum(value) FILTER (WHERE year = $year - 1 AND quarter = $quarter) AS q_prev,
           sum(value) FILTER (WHERE year = $year AND quarter <= $quarter) AS y_now,
           sum(value) FILTER (WHERE year = $year - 1 AND quarter <= $quarter) AS y_prev,
           CASE WHEN $quarter > 1 THEN sum(value) FILTER (WHERE year = $year AND quarter < $quarter)
                ELSE sum(value) FILTER (WHERE year = $year - 1) END AS p_now,
           CASE WHEN $quarter > 1 THEN sum(value) FILTER (WHERE year = $year - 1 AND quarter < $quarter)
                ELSE sum(value) FILTER (WHERE year = $year - 2) END AS p_prev
    FROM o GROUP BY unit_code
),
p AS (SELECT q_prev AS parent_q_prev, y_prev AS parent_y_prev FROM l WHERE unit_code = $parent)
SELECT l.unit_code,
       l.q_now / l.q_prev * 100 - 100 AS quarter_growth_pct,
       l.y_now / l.y_prev * 100 - 100 AS ytd_growth_pct,
       l.p_now / l.p_prev * 100 - 100 AS prev_ytd_growth_pct,
       (l.y_now - l.y_prev) / p.parent_y_prev * 100 AS ytd_contribution_pp
FROM l LEFT JOIN p ON true
WHERE l.unit_code <> $parent
ORDER BY l.unit_code;
