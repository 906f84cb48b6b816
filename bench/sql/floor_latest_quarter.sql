-- Floor for latest_quarter: the latest year and quarter with a TOTAL figure of
-- the indicator for the unit in a loaded batch (one row), written directly on the
-- raw tables. Parameters: $indicator, $unit.
SELECT o.year, o.quarter
FROM observations AS o
JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.sector_code = 'TOTAL'
ORDER BY o.year DESC, o.quarter DESC
LIMIT 1;
