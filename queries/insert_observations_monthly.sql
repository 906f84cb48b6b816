-- Write the registered frame "staged_monthly" (checked monthly observations) as batch $batch_id.
-- Parameters: $batch_id.
INSERT INTO observations_monthly (indicator, unit_code, sector_code, year, month, value, vintage, batch_id, source)
SELECT indicator, unit_code, sector_code, year, month, value, vintage, $batch_id, source
FROM staged_monthly;
