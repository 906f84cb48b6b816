-- One row per month with a figure for one monthly indicator, unit and sector: the figure in force (mode 'latest':
-- highest vintage_rank, newest batch; 'first': as first published), its vintage and batch, and the change on the
-- same month of the year before in % (NULL without that month). Rolled-back batches are invisible.
-- Parameters: $indicator, $unit, $sector, $vintage ('latest' | 'first'), $since (first year shown).
WITH picked AS (
    SELECT o.year, o.month,
           arg_max(o.value, p.pick) AS value, arg_max(o.vintage, p.pick) AS vintage,
           arg_max(o.batch_id, p.pick) AS batch_id
    FROM observations_monthly AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    CROSS JOIN LATERAL (SELECT CASE WHEN $vintage = 'first' THEN -1 ELSE 1 END
                               * (vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id) AS pick) AS p
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.sector_code = $sector AND o.year >= $since - 1
    GROUP BY o.year, o.month
)
SELECT c.year, c.month, c.value, c.vintage, c.batch_id,
       c.value / nullif(p.value, 0) * 100 - 100 AS yoy_pct
FROM picked AS c
LEFT JOIN picked AS p ON p.year = c.year - 1 AND p.month = c.month
WHERE c.year >= $since
ORDER BY c.year, c.month;
