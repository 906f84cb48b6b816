-- Floor for the loader: DuckDB's own read_csv of an upload file (canonical columns,
-- unit and sector codes kept as text) straight into the observations table as
-- batch $batch_id. Parameters: $path, $batch_id.
INSERT INTO observations (indicator, unit_code, sector_code, year, quarter, value, vintage, batch_id, source)
SELECT indicator, unit_code, sector_code, year, quarter, value, vintage, $batch_id, source
FROM read_csv($path, header = true,
              types = {'indicator': 'VARCHAR', 'unit_code': 'VARCHAR', 'sector_code': 'VARCHAR',
                       'year': 'INTEGER', 'quarter': 'INTEGER', 'value': 'DOUBLE', 'vintage': 'VARCHAR',
                       'source': 'VARCHAR'});
