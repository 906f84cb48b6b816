-- Version 9: quarter scenarios and targets revised during the year (issue 14). A target's period may be a single
-- quarter (Q2, Q3, Q4; Q1 is both a quarter and the year to date) beside the cumulative ones (H1, 9M, Y); a target
-- carries the day it took effect (1 January of its year for the rows stored before) and may be a range (value is
-- its lower bound, value_high its upper one). DuckDB cannot widen a CHECK in place: the table is rebuilt, its
-- rows copied unchanged.
CREATE TABLE targets_v9 (
    indicator      VARCHAR NOT NULL,
    unit_code      VARCHAR NOT NULL,
    sector_code    VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    period         VARCHAR NOT NULL CHECK (period IN ('Q1', 'Q2', 'Q3', 'Q4', 'H1', '9M', 'Y')),
    value          DOUBLE NOT NULL,
    value_high     DOUBLE CHECK (value_high IS NULL OR value_high >= value),
    scope          VARCHAR NOT NULL CHECK (scope IN ('provincial', 'central')),
    source         VARCHAR,
    effective_date DATE NOT NULL,
    batch_id       INTEGER NOT NULL,
    PRIMARY KEY (indicator, unit_code, sector_code, year, period, scope, effective_date, batch_id)
);
INSERT INTO targets_v9
SELECT indicator, unit_code, sector_code, year, period, value, NULL, scope, source, make_date(year, 1, 1), batch_id
FROM targets;
DROP TABLE targets;
ALTER TABLE targets_v9 RENAME TO targets;

CREATE OR REPLACE MACRO targets_in_force() AS TABLE
SELECT t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.value, t.value_high, t.scope, t.source,
       t.effective_date
FROM targets AS t
JOIN load_batches AS b ON b.batch_id = t.batch_id AND b.outcome = 'loaded'
QUALIFY row_number() OVER (
    PARTITION BY t.indicator, t.unit_code, t.sector_code, t.year, t.period, t.scope, t.effective_date
    ORDER BY t.batch_id DESC
) = 1;
