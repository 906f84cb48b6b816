-- One row per monthly indicator and month with a figure for one unit (sector TOTAL): the figure in force (mode
-- 'latest': highest vintage_rank, newest batch; 'first': as first published). The nowcast reads its inputs here.
-- Rolled-back batches are invisible. Parameters: $unit, $vintage ('latest' | 'first').
SELECT o.indicator, o.year, o.month,
       arg_max(o.value, CASE WHEN $vintage = 'first' THEN -1 ELSE 1 END
                        * (vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id)) AS value
FROM observations_monthly AS o
JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
WHERE o.unit_code = $unit AND o.sector_code = 'TOTAL'
GROUP BY o.indicator, o.year, o.month
ORDER BY o.indicator, o.year, o.month;
