-- One row per row of the registered frame "staged" of a level or plan indicator, with what its shape is judged
-- against: last year's same quarter (the file's figure, else the one in force), the sum of last year's quarters
-- 1 to this quarter (NULL unless all are there), the sum of this year's quarters before it in force (NULL unless
-- all are there), this quarter's figure in force and the previous quarter's in force (same year).
-- Each series' quarters are laid out once per year (q1..q4) and each row picks its own, instead of grouping the
-- figures again for every row of the file.
-- Parameters: none.
WITH file_latest AS (
    SELECT indicator, unit_code, sector_code, year, quarter, value FROM staged
    QUALIFY row_number() OVER (
        PARTITION BY indicator, unit_code, sector_code, year, quarter ORDER BY vintage_rank(vintage) DESC) = 1
),
keys AS (SELECT DISTINCT indicator, unit_code, sector_code, year FROM staged),
stored AS (  -- each figure once, though a file of two years asks for the earlier one twice
    SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value
    FROM obs_in_force('latest') AS o
    WHERE (o.indicator, o.unit_code, o.sector_code, o.year) IN (
        SELECT (indicator, unit_code, sector_code, year) FROM keys
        UNION SELECT (indicator, unit_code, sector_code, year - 1) FROM keys)
),
last_year AS (  -- last year's quarters: the file's where it has them, else in force
    SELECT coalesce(f.indicator, s.indicator) AS indicator, coalesce(f.unit_code, s.unit_code) AS unit_code,
           coalesce(f.sector_code, s.sector_code) AS sector_code, coalesce(f.year, s.year) AS year,
           coalesce(f.quarter, s.quarter) AS quarter, coalesce(f.value, s.value) AS value
    FROM (SELECT * FROM file_latest WHERE (indicator, unit_code, sector_code, year + 1) IN (
              SELECT (indicator, unit_code, sector_code, year) FROM keys)) AS f
    FULL JOIN stored AS s USING (indicator, unit_code, sector_code, year, quarter)
),
last_quarters AS (  -- the year after last_year's year, so a row of the file meets its last year by its own year
    SELECT indicator, unit_code, sector_code, year + 1 AS year,
           max(value) FILTER (WHERE quarter = 1) AS q1, max(value) FILTER (WHERE quarter = 2) AS q2,
           max(value) FILTER (WHERE quarter = 3) AS q3, max(value) FILTER (WHERE quarter = 4) AS q4
    FROM last_year GROUP BY ALL
),
stored_quarters AS (
    SELECT indicator, unit_code, sector_code, year,
           max(value) FILTER (WHERE quarter = 1) AS q1, max(value) FILTER (WHERE quarter = 2) AS q2,
           max(value) FILTER (WHERE quarter = 3) AS q3, max(value) FILTER (WHERE quarter = 4) AS q4
    FROM stored GROUP BY ALL
)
SELECT s."row", s.indicator, s.unit_code, s.sector_code, s.year, s.quarter, s.value, i.kind,
       CASE s.quarter WHEN 1 THEN l.q1 WHEN 2 THEN l.q2 WHEN 3 THEN l.q3 WHEN 4 THEN l.q4 END AS last_quarter,
       CASE s.quarter WHEN 1 THEN l.q1 WHEN 2 THEN l.q1 + l.q2 WHEN 3 THEN l.q1 + l.q2 + l.q3
                      WHEN 4 THEN l.q1 + l.q2 + l.q3 + l.q4 END AS last_cumulative,
       CASE s.quarter WHEN 2 THEN t.q1 WHEN 3 THEN t.q1 + t.q2 WHEN 4 THEN t.q1 + t.q2 + t.q3 END AS stored_before,
       CASE s.quarter WHEN 1 THEN t.q1 WHEN 2 THEN t.q2 WHEN 3 THEN t.q3 WHEN 4 THEN t.q4 END AS stored_quarter,
       CASE s.quarter WHEN 2 THEN t.q1 WHEN 3 THEN t.q2 WHEN 4 THEN t.q3 END AS stored_previous
FROM staged AS s
JOIN indicators AS i ON i.code = s.indicator AND i.kind IN ('level', 'plan')
LEFT JOIN last_quarters AS l ON l.indicator = s.indicator AND l.unit_code = s.unit_code
    AND l.sector_code = s.sector_code AND l.year = s.year
LEFT JOIN stored_quarters AS t ON t.indicator = s.indicator AND t.unit_code = s.unit_code
    AND t.sector_code = s.sector_code AND t.year = s.year
ORDER BY s."row";
