-- Write the registered frame "staged" (validated observations) as batch $batch_id.
-- Parameters: $batch_id.
INSERT INTO observations (indicator, unit_code, sector_code, year, quarter, value, vintage, batch_id, source)
SELECT indicator, unit_code, sector_code, year, quarter, value, vintage, $batch_id, source
FROM staged;
