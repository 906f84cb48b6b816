-- Where the figure in force for one indicator, unit, sector, year and quarter comes from: its vintage and batch,
-- the batch's file, whether it is synthetic, the row's source note and, for an SDMX-ML message, its id and the
-- date it was prepared (sdmx_files by the file's sha256). No row without a figure.
-- Parameters: $indicator, $unit, $sector, $year, $quarter, $vintage ('latest' | 'first').
SELECT f.vintage, f.batch_id, b.file_name, b.synthetic, b.loaded_at, o.source, s.message_id, s.prepared
FROM obs_in_force($vintage) AS f
JOIN load_batches AS b ON b.batch_id = f.batch_id
JOIN observations AS o ON o.indicator = f.indicator AND o.unit_code = f.unit_code AND o.sector_code = f.sector_code
    AND o.year = f.year AND o.quarter = f.quarter AND o.vintage = f.vintage AND o.batch_id = f.batch_id
LEFT JOIN sdmx_files AS s ON s.sha256 = b.sha256
WHERE f.indicator = $indicator AND f.unit_code = $unit AND f.sector_code = $sector
  AND f.year = $year AND f.quarter = $quarter;
