-- One row per row of the registered frame "staged" (a validated upload): the
-- figure in force for the same indicator, unit, sector, year and quarter, and
-- whether the upload adds it (new), changes it (revised), repeats it (unchanged)
-- or brings a lower vintage than the one in force (downgrade: kept as history,
-- the figure in force stays: vintage_rank, official > preliminary > estimate).
-- Parameters: none.
WITH current AS (
    SELECT o.* FROM obs_in_force('latest') AS o
    WHERE (o.indicator, o.unit_code, o.sector_code, o.year, o.quarter) IN (
        SELECT (indicator, unit_code, sector_code, year, quarter) FROM staged)
),
ranked AS (
    SELECT s.*, c.value AS old_value, c.vintage AS old_vintage,
           vintage_rank(s.vintage) AS new_rank, vintage_rank(c.vintage) AS old_rank
    FROM staged AS s
    LEFT JOIN current AS c USING (indicator, unit_code, sector_code, year, quarter)
)
SELECT "row", indicator, unit_code, sector_code, year, quarter, vintage,
       old_value, old_vintage, value AS new_value,
       CASE WHEN old_value IS NULL THEN 'new'
            WHEN new_rank < old_rank THEN 'downgrade'
            WHEN old_value = value AND old_vintage = vintage THEN 'unchanged'
            ELSE 'revised' END AS change
FROM ranked
ORDER BY "row";
