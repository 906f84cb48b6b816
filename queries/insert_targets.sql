-- Write the registered frame "staged" (validated targets) as batch $batch_id.
-- Parameters: $batch_id.
INSERT INTO targets (indicator, unit_code, sector_code, year, period, value, scope, source, batch_id)
SELECT indicator, unit_code, sector_code, year, period, value, scope, source, $batch_id
FROM staged;
