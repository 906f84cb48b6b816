-- Version 3: the precedence of vintages declared once, as the macro vintage_rank, and
-- obs_in_force ranking with it (the same figures: the rank it wrote in place was the same).
CREATE OR REPLACE MACRO vintage_rank(v) AS CASE v WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 WHEN 'official' THEN 3 END;

CREATE OR REPLACE MACRO obs_in_force(mode) AS TABLE
SELECT indicator, unit_code, sector_code, year, quarter,
       arg_max(value, pick) AS value, arg_max(vintage, pick) AS vintage, arg_max(batch_id, pick) AS batch_id
FROM (
    SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, o.vintage, o.batch_id,
           CASE WHEN mode = 'first' THEN -1 ELSE 1 END
               * (vintage_rank(o.vintage) * 1000000000::BIGINT + o.batch_id) AS pick
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
)
GROUP BY indicator, unit_code, sector_code, year, quarter;
