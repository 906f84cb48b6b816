-- One row for a plan or rate indicator of one unit (sector TOTAL) at an as-of
-- quarter: the value of the quarter, the cumulative value of the year to date
-- and of the same period last year (plan kind: quarterly flows summed), and the
-- reported value of the as-of quarter and of the one before (rate kind: each
-- value already is a year-to-date % change).
-- Parameters: $indicator, $unit, $year, $quarter, $vintage.
WITH o AS (
    SELECT year, quarter, value
    FROM obs_in_force($vintage)
    WHERE indicator = $indicator AND unit_code = $unit AND sector_code = 'TOTAL'
      AND year BETWEEN $year - 1 AND $year
)
SELECT
    max(value) FILTER (WHERE year = $year AND quarter = $quarter) AS quarter_value,
    CASE WHEN count(*) FILTER (WHERE year = $year AND quarter <= $quarter) = $quarter
        THEN sum(value) FILTER (WHERE year = $year AND quarter <= $quarter) END AS ytd_value,
    CASE WHEN count(*) FILTER (WHERE year = $year - 1 AND quarter <= $quarter) = $quarter
        THEN sum(value) FILTER (WHERE year = $year - 1 AND quarter <= $quarter) END AS ytd_value_prev,
    CASE WHEN $quarter > 1
        THEN CASE WHEN count(*) FILTER (WHERE year = $year AND quarter < $quarter) = $quarter - 1
             THEN sum(value) FILTER (WHERE year = $year AND quarter < $quarter) END
    END AS prev_quarter_ytd_value,
    CASE WHEN $quarter > 1
        THEN max(value) FILTER (WHERE year = $year AND quarter = $quarter - 1)
        ELSE max(value) FILTER (WHERE year = $year - 1 AND quarter = 4)
    END AS prev_quarter_value
FROM o;
