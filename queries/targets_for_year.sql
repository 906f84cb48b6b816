-- The targets in force for one indicator and year, every unit, sector, period,
-- scope and effective date (a few hundred rows at most); the engine picks, per
-- key, the one in force at the as-of date.
-- Parameters: $indicator, $year.
SELECT unit_code, sector_code, period, scope, value, value_high, source, effective_date
FROM targets_in_force()
WHERE indicator = $indicator AND year = $year
ORDER BY unit_code, sector_code, scope, period, effective_date;
