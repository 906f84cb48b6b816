-- One row per target in force, in the targets file format of the command line
-- (indicator, unit, sector, year, period, value, scope, source, value_high,
-- effective_date); a NULL parameter means every indicator or every year.
-- Parameters: $indicator (or NULL), $year (or NULL).
SELECT indicator, unit_code, sector_code, year, period, value, scope, source, value_high, effective_date
FROM targets_in_force()
WHERE ($indicator IS NULL OR indicator = $indicator) AND ($year IS NULL OR year = $year)
ORDER BY indicator, year, unit_code != '22', unit_code, sector_code, scope,
         CASE period WHEN 'Q1' THEN 1 WHEN 'Q2' THEN 2 WHEN 'H1' THEN 3 WHEN 'Q3' THEN 4 WHEN '9M' THEN 5
                     WHEN 'Q4' THEN 6 ELSE 7 END,
         effective_date;
