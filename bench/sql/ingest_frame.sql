-- The pandas path of the loader benchmark: the registered frame "bench_frame"
-- (pandas.read_csv of the upload file) into the observations table as batch
-- $batch_id. Parameters: $batch_id.
INSERT INTO observations (indicator, unit_code, sector_code, year, quarter, value, vintage, batch_id, source)
SELECT indicator, unit_code, sector_code, year, quarter, value, vintage, $batch_id, source
FROM bench_frame;
