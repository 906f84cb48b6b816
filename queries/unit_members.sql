-- The codes of the units of a level (commune, former_district, province) under a parent unit, in code order: the
-- member list growth_by_unit.sql is given, bound as a list so its filter reaches the scan of observations (DuckDB's
-- zone maps then skip the row groups of other units; BENCHMARKS.md finding 2).
-- Parameters: $parent, $level.
SELECT DISTINCT code
FROM units
WHERE parent_code = $parent AND level = $level
ORDER BY code;
