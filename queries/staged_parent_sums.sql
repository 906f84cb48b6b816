-- One row per parent sector (TOTAL, KV1..KV3: a sector with parts in the tree), unit, year and quarter of a level
-- or plan indicator where the registered frame "staged" holds the parent or some of its parts but not all of them,
-- and where, once the file is loaded (a staged figure takes force unless its vintage is below the one in force),
-- the parent and every part have a figure and the parent differs from the sum of its parts by more than
-- $tolerance_pct percent: the parent's figure, the sum of the parts, whether the file holds the parent, the file
-- row of the parent (or of the first part the file changes), the parts the file changes, and the highest vintage
-- among them. Parameters: $tolerance_pct.
WITH touched AS (
    SELECT DISTINCT s.indicator, s.unit_code, s.year, s.quarter
    FROM staged AS s JOIN indicators AS i ON i.code = s.indicator AND i.kind IN ('level', 'plan')
),
current AS (
    SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, vintage_rank(o.vintage) AS rank
    FROM obs_in_force('latest') AS o JOIN touched USING (indicator, unit_code, year, quarter)
),
incoming AS (
    SELECT s.indicator, s.unit_code, s.sector_code, s.year, s.quarter, s.value, s.vintage, s."row",
           vintage_rank(s.vintage) AS rank
    FROM staged AS s JOIN touched USING (indicator, unit_code, year, quarter)
    QUALIFY row_number() OVER (
        PARTITION BY s.indicator, s.unit_code, s.sector_code, s.year, s.quarter
        ORDER BY vintage_rank(s.vintage) DESC) = 1
),
after AS (
    SELECT indicator, unit_code, sector_code, year, quarter,
           CASE WHEN n.value IS NOT NULL AND (c.rank IS NULL OR n.rank >= c.rank) THEN n.value ELSE c.value END
               AS value,
           n.value IS NOT NULL AS in_file, n.vintage AS file_vintage, n."row"
    FROM current AS c FULL JOIN incoming AS n USING (indicator, unit_code, sector_code, year, quarter)
),
tree AS (SELECT code AS part, parent_code AS parent FROM sectors WHERE parent_code IS NOT NULL),
sizes AS (SELECT parent, count(*) AS parts FROM tree GROUP BY parent),
sums AS (
    SELECT a.indicator, a.unit_code, a.year, a.quarter, t.parent, sum(a.value) AS parts_sum,
           count(*) AS parts, count(*) FILTER (WHERE a.in_file) AS parts_in_file,
           min(a."row") FILTER (WHERE a.in_file) AS first_row,
           string_agg(a.sector_code, ', ' ORDER BY a.sector_code) FILTER (WHERE a.in_file) AS changed,
           arg_max(a.file_vintage, vintage_rank(a.file_vintage)) FILTER (WHERE a.in_file) AS vintage
    FROM after AS a JOIN tree AS t ON t.part = a.sector_code
    GROUP BY ALL
)
SELECT s.indicator, s.unit_code, s.year, s.quarter, s.parent AS sector_code, p.value AS parent_value,
       s.parts_sum, p.in_file AS parent_in_file, coalesce(p."row", s.first_row) AS "row", s.changed,
       coalesce(s.vintage, p.file_vintage) AS vintage
FROM sums AS s
JOIN sizes AS z ON z.parent = s.parent AND z.parts = s.parts
JOIN after AS p ON p.indicator = s.indicator AND p.unit_code = s.unit_code AND p.year = s.year
    AND p.quarter = s.quarter AND p.sector_code = s.parent
WHERE (p.in_file OR s.parts_in_file > 0) AND NOT (p.in_file AND s.parts_in_file = s.parts)
  AND abs(p.value - s.parts_sum) > $tolerance_pct / 100 * abs(p.value)
ORDER BY s.indicator, s.unit_code, s.year, s.quarter, s.parent;
