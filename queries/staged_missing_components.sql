-- One row per indicator, year, quarter and unit of the registered frame "staged"
-- for which the previous quarter had figures (sectors) that neither the file nor
-- the store hold for this quarter; units that ended before the quarter began are
-- left out. missing_sectors lists the sector codes, comma-separated.
-- Parameters: none.
WITH periods AS (
    SELECT DISTINCT indicator, year, quarter,
           CASE WHEN quarter = 1 THEN year - 1 ELSE year END AS prev_year,
           CASE WHEN quarter = 1 THEN 4 ELSE quarter - 1 END AS prev_quarter
    FROM staged
),
expected AS (
    SELECT p.indicator, p.year, p.quarter, o.unit_code, o.sector_code
    FROM periods AS p
    JOIN obs_in_force('latest') AS o
        ON o.indicator = p.indicator AND o.year = p.prev_year AND o.quarter = p.prev_quarter
    WHERE EXISTS (
        SELECT 1 FROM units AS u
        WHERE u.code = o.unit_code
          AND (u.valid_to IS NULL OR u.valid_to >= make_date(p.year, (p.quarter - 1) * 3 + 1, 1)))
),
missing AS (
    SELECT e.* FROM expected AS e
    WHERE NOT EXISTS (
        SELECT 1 FROM staged AS s
        WHERE s.indicator = e.indicator AND s.year = e.year AND s.quarter = e.quarter
          AND s.unit_code = e.unit_code AND s.sector_code = e.sector_code)
      AND NOT EXISTS (
        SELECT 1 FROM obs_in_force('latest') AS o
        WHERE o.indicator = e.indicator AND o.year = e.year AND o.quarter = e.quarter
          AND o.unit_code = e.unit_code AND o.sector_code = e.sector_code)
)
SELECT m.indicator, m.year, m.quarter, m.unit_code,
       string_agg(m.sector_code, ', ' ORDER BY s.sort_order) AS missing_sectors,
       count(*) AS missing_count
FROM missing AS m
JOIN sectors AS s ON s.code = m.sector_code
GROUP BY m.indicator, m.year, m.quarter, m.unit_code
ORDER BY m.indicator, m.year, m.quarter, m.unit_code;
