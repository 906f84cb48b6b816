-- Write the registered frame "staged" (validated targets) as batch $batch_id.
-- Parameters: $batch_id.
INSERT INTO targets (indicator, unit_code, sector_code, year, period, value, value_high, scope, source,
                     effective_date, batch_id)
SELECT indicator, unit_code, sector_code, year, period, value, value_high, scope, source,
       coalesce(CAST(effective_date AS DATE), make_date(year, 1, 1)), $batch_id
FROM staged;
