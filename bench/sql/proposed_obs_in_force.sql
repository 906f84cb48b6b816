-- Proposed replacement for the obs_in_force macro of queries/schema.sql, created
-- as a TEMP macro so it shadows the stored one on this connection only: the same
-- rows (per key, the latest vintage from the newest batch, or with mode = 'first'
-- the figure as first published) chosen by arg_max in a GROUP BY instead of a
-- window with row_number(), which sorts every row of the unit before filtering.
-- Parameters: none (mode is the macro's argument).
CREATE OR REPLACE TEMP MACRO obs_in_force(mode) AS TABLE
SELECT indicator, unit_code, sector_code, year, quarter,
       arg_max(value, pick) AS value, arg_max(vintage, pick) AS vintage, arg_max(batch_id, pick) AS batch_id
FROM (
    SELECT o.*,
           CASE WHEN mode = 'first' THEN -1 ELSE 1 END
               * (CASE o.vintage WHEN 'estimate' THEN 1 WHEN 'preliminary' THEN 2 ELSE 3 END * 1000000000::BIGINT
                  + o.batch_id) AS pick
    FROM observations AS o
    JOIN load_batches AS b ON b.batch_id = o.batch_id AND b.outcome = 'loaded'
)
GROUP BY indicator, unit_code, sector_code, year, quarter;
