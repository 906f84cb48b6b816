-- One row per release of a quarter's figure for one indicator, unit and sector: every vintage it was published at,
-- from every batch not rolled back (a later revision of the same vintage is a release of its own), in precedence
-- order (vintage_rank, then batch). Its growth is computed as published: the other figures it needs (the same
-- quarter a year earlier, the earlier quarters of the year and of the year before) are those in force when its
-- batch was loaded (highest vintage_rank, newest batch, among batches up to its own). published is the SDMX
-- message's prepared date (sdmx_files) or else the batch's load time. A window with a gap gives NULL growth.
-- Parameters: $indicator, $unit, $sector, $year, $quarter (NULL for every year or quarter).
WITH live AS (
    SELECT o.year, o.quarter, o.value, o.vintage, o.batch_id,
           vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id AS pick
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
    WHERE o.indicator = $indicator AND o.unit_code = $unit AND o.sector_code = $sector
),
releases AS (
    SELECT * FROM live
    WHERE ($year IS NULL OR year = $year) AND ($quarter IS NULL OR quarter = $quarter)
),
around AS (
    SELECT r.year, r.quarter, r.vintage, r.batch_id, l.year AS y, l.quarter AS q, arg_max(l.value, l.pick) AS value
    FROM releases AS r
    JOIN live AS l ON l.batch_id <= r.batch_id AND l.quarter <= r.quarter
        AND (l.year = r.year - 1 OR (l.year = r.year AND l.quarter < r.quarter))
    GROUP BY r.year, r.quarter, r.vintage, r.batch_id, l.year, l.quarter
),
sums AS (
    SELECT year, quarter, vintage, batch_id,
           max(value) FILTER (WHERE y = year - 1 AND q = quarter) AS quarter_level_prev,
           sum(value) FILTER (WHERE y = year) AS earlier_level,
           count(*) FILTER (WHERE y = year) AS earlier_quarters,
           sum(value) FILTER (WHERE y = year - 1) AS ytd_level_prev,
           count(*) FILTER (WHERE y = year - 1) AS prev_quarters
    FROM around
    GROUP BY year, quarter, vintage, batch_id
)
SELECT r.year, r.quarter, r.vintage, r.batch_id, b.file_name, coalesce(f.prepared, b.loaded_at) AS published,
       b.synthetic, r.value AS quarter_level, s.quarter_level_prev,
       r.value / nullif(s.quarter_level_prev, 0) * 100 - 100 AS quarter_growth_pct,
       CASE WHEN coalesce(s.earlier_quarters, 0) = r.quarter - 1 AND s.prev_quarters = r.quarter
            THEN (r.value + coalesce(s.earlier_level, 0)) / nullif(s.ytd_level_prev, 0) * 100 - 100
       END AS ytd_growth_pct
FROM releases AS r
LEFT JOIN sums AS s USING (year, quarter, vintage, batch_id)
JOIN load_batches AS b ON b.batch_id = r.batch_id
LEFT JOIN sdmx_files AS f ON f.sha256 = b.sha256
ORDER BY r.year, r.quarter, vintage_rank(r.vintage), r.batch_id;
