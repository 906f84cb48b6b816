-- Synthetic observations for the staged units (bench_units: code, weight, growth,
-- seed, last_t) in every staged vintage (bench_vintages: vintage, vrank, factor,
-- batch_id), quarter by quarter from $first_year Q1 to $last_year Q4 (t = 0, 1, ...;
-- a unit gets quarters t <= last_t). One row per indicator, unit, sector, quarter
-- and vintage written: level indicators for every sector of the tree (leaf values
-- in integer tenths, every parent the exact sum of its leaves, so the loader's
-- additivity rule holds), plan and rate indicators for TOTAL only. Deterministic:
-- the noise is integer arithmetic on the unit seed, sector, quarter and vintage.
-- Rows are written in key order (indicator, unit, ...), as a store filled by one
-- upload per province or unit holds them, so DuckDB's zone maps can skip the row
-- groups of other units. Parameters: $first_year, $last_year.
INSERT INTO observations (indicator, unit_code, sector_code, year, quarter, value, vintage, batch_id, source)
WITH RECURSIVE published AS (
    -- the tree down to the VSIC sections: divisions (A01-A03), which few offices publish, get no figures
    SELECT s.code, s.parent_code, s.sort_order
    FROM sectors AS s LEFT JOIN sectors AS p ON p.code = s.parent_code LEFT JOIN sectors AS g ON g.code = p.parent_code
    WHERE g.parent_code IS NULL
),
leaf AS (
    SELECT code, sort_order FROM published
    WHERE code NOT IN (SELECT parent_code FROM published WHERE parent_code IS NOT NULL)
),
anc(leaf, code) AS (
    SELECT code, code FROM leaf
    UNION ALL
    SELECT a.leaf, s.parent_code FROM anc AS a JOIN published AS s ON s.code = a.code
    WHERE s.parent_code IS NOT NULL
),
quarters AS (
    SELECT y.range::INTEGER AS year, q.range::INTEGER AS quarter,
           ((y.range - $first_year) * 4 + q.range - 1)::INTEGER AS t
    FROM range($first_year, $last_year + 1) AS y, range(1, 5) AS q
),
cells AS (
    SELECT i.code AS indicator, u.code AS unit_code, l.code AS leaf, qq.year, qq.quarter, v.vintage, v.batch_id,
           round(10 * u.weight * (1 + l.sort_order % 7)
                 * (1 + (i.sort_order / 10 - 1) * (0.5 + 0.01 * qq.t))
                 * power(1 + u.growth / 100 + (l.sort_order % 5 - 2) / 100, qq.t / 4)
                 * (0.9 + 0.05 * qq.quarter) * v.factor
                 * (1 + 0.04 * (((u.seed::BIGINT * 7919 + l.sort_order::BIGINT * 104729 + qq.t::BIGINT * 1299709 + v.vrank::BIGINT * 15485863
                                  + i.sort_order::BIGINT * 32452843) % 10007) / 10007.0 - 0.5)))::BIGINT AS tenths
    FROM bench_units AS u, quarters AS qq, leaf AS l, indicators AS i, bench_vintages AS v
    WHERE i.kind = 'level' AND qq.t <= u.last_t
),
levels AS (
    SELECT c.indicator, c.unit_code, a.code AS sector_code, c.year, c.quarter, sum(c.tenths) / 10.0 AS value,
           c.vintage, c.batch_id
    FROM cells AS c JOIN anc AS a ON a.leaf = c.leaf
    GROUP BY c.indicator, c.unit_code, a.code, c.year, c.quarter, c.vintage, c.batch_id
),
flows AS (
    SELECT i.code AS indicator, u.code AS unit_code, 'TOTAL' AS sector_code, qq.year, qq.quarter,
           CASE WHEN i.kind = 'plan'
                THEN round(u.weight * 5 * (i.sort_order / 10) * power(1 + u.growth / 100, qq.t / 4) * v.factor, 1)
                ELSE round(u.growth + 4 * (((u.seed::BIGINT * 7919 + qq.t::BIGINT * 1299709 + v.vrank::BIGINT * 15485863
                                             + i.sort_order::BIGINT * 32452843) % 10007) / 10007.0 - 0.5), 2)
           END AS value,
           v.vintage, v.batch_id
    FROM bench_units AS u, quarters AS qq, indicators AS i, bench_vintages AS v
    WHERE i.kind IN ('plan', 'rate') AND qq.t <= u.last_t
)
SELECT indicator, unit_code, sector_code, year, quarter, value, vintage, batch_id, 'synthetic benchmark'
FROM (SELECT * FROM levels UNION ALL SELECT * FROM flows)
ORDER BY indicator, unit_code, sector_code, year, quarter, vintage;
