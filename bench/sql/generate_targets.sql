-- Synthetic growth targets for the staged units (bench_units) as batch $batch_id:
-- for the country and provinces, TOTAL and the top-level components (KV1-KV3, TAX)
-- in $last_year, annual (Y) provincial and central targets plus the provincial
-- scenario for Q1, H1 and 9M; for communes an annual provincial TOTAL target in
-- $last_year; for former districts one in $last_year - 1 (they end in mid-$last_year); each in force from
-- 1 January of its year.
-- Parameters: $batch_id, $last_year.
INSERT INTO targets (indicator, unit_code, sector_code, year, period, value, scope, source, batch_id,
                     effective_date)
WITH top AS (
    SELECT code FROM sectors WHERE code = 'TOTAL' OR parent_code = 'TOTAL'
),
periods(period, step) AS (VALUES ('Q1', 0.5), ('H1', 1.0), ('9M', 1.5), ('Y', 2.0))
SELECT 'GRDP', u.code, s.code, $last_year, p.period, round(u.growth + p.step, 2), 'provincial',
       'synthetic benchmark', $batch_id, make_date($last_year, 1, 1)
FROM bench_units AS u JOIN units AS x ON x.code = u.code AND x.level IN ('country', 'province'), top AS s, periods AS p
UNION ALL
SELECT 'GRDP', u.code, 'TOTAL', $last_year, 'Y', round(u.growth + 0.5, 2), 'central', 'synthetic benchmark', $batch_id,
       make_date($last_year, 1, 1)
FROM bench_units AS u JOIN units AS x ON x.code = u.code AND x.level IN ('country', 'province')
UNION ALL
SELECT DISTINCT 'GRDP', u.code, 'TOTAL', CASE WHEN x.level = 'commune' THEN $last_year ELSE $last_year - 1 END, 'Y',
       round(u.growth + 1, 2), 'provincial', 'synthetic benchmark', $batch_id,
       make_date(CASE WHEN x.level = 'commune' THEN $last_year ELSE $last_year - 1 END, 1, 1)
FROM bench_units AS u JOIN units AS x ON x.code = u.code AND x.level IN ('commune', 'former_district');
