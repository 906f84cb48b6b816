-- One row per row of the registered frame "staged" of a level or plan indicator, with what its shape is judged
-- against: last year's same quarter (the file's figure, else the one in force), the sum of last year's quarters
-- 1 to this quarter (NULL unless all are there), the sum of this year's quarters before it in force (NULL unless
-- all are there), this quarter's figure in force and the previous quarter's in force (same year).
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
previous_year AS (
    SELECT s."row", max(l.value) FILTER (WHERE l.quarter = s.quarter) AS last_quarter,
           CASE WHEN count(l.value) FILTER (WHERE l.quarter <= s.quarter) = s.quarter
                THEN sum(l.value) FILTER (WHERE l.quarter <= s.quarter) END AS last_cumulative
    FROM staged AS s
    LEFT JOIN last_year AS l ON l.indicator = s.indicator AND l.unit_code = s.unit_code
        AND l.sector_code = s.sector_code AND l.year = s.year - 1
    GROUP BY s."row", s.quarter
),
this_year AS (
    SELECT s."row",
           CASE WHEN s.quarter > 1 AND count(t.value) FILTER (WHERE t.quarter < s.quarter) = s.quarter - 1
                THEN sum(t.value) FILTER (WHERE t.quarter < s.quarter) END AS stored_before,
           max(t.value) FILTER (WHERE t.quarter = s.quarter) AS stored_quarter,
           max(t.value) FILTER (WHERE t.quarter = s.quarter - 1) AS stored_previous
    FROM staged AS s
    LEFT JOIN stored AS t ON t.indicator = s.indicator AND t.unit_code = s.unit_code
        AND t.sector_code = s.sector_code AND t.year = s.year
    GROUP BY s."row", s.quarter
)
SELECT s."row", s.indicator, s.unit_code, s.sector_code, s.year, s.quarter, s.value, i.kind,
       p.last_quarter, p.last_cumulative, t.stored_before, t.stored_quarter, t.stored_previous
FROM staged AS s
JOIN indicators AS i ON i.code = s.indicator AND i.kind IN ('level', 'plan')
JOIN previous_year AS p ON p."row" = s."row"
JOIN this_year AS t ON t."row" = s."row"
ORDER BY s."row";
