-- One row per figure (indicator, unit, sector, year, quarter) whose value in
-- force would change if batch $batch_id were rolled back: the value and vintage
-- shown now and the one shown after (NULL when the figure would disappear).
-- Same precedence as obs_in_force('latest'): highest vintage, then newest batch.
-- Parameters: $batch_id.
WITH live AS (
    SELECT o.* FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
),
ranked AS (
    SELECT *, vintage_rank(vintage) AS rank FROM live
),
now AS (
    SELECT * FROM ranked
    QUALIFY row_number() OVER (PARTITION BY indicator, unit_code, sector_code, year, quarter
                               ORDER BY rank DESC, batch_id DESC) = 1
),
after AS (
    SELECT * FROM ranked WHERE batch_id <> $batch_id
    QUALIFY row_number() OVER (PARTITION BY indicator, unit_code, sector_code, year, quarter
                               ORDER BY rank DESC, batch_id DESC) = 1
)
SELECT n.indicator, n.unit_code, n.sector_code, n.year, n.quarter,
       n.value AS value_now, n.vintage AS vintage_now, a.value AS value_after, a.vintage AS vintage_after
FROM now AS n
LEFT JOIN after AS a USING (indicator, unit_code, sector_code, year, quarter)
WHERE n.batch_id = $batch_id
ORDER BY n.indicator, n.unit_code, n.year, n.quarter, n.sector_code;
