-- The first $rows observations of level indicators for commune-level units, in the
-- canonical upload columns, ordered so whole units come first (a 1 million-row file
-- for the loader benchmark). One row per indicator, unit, sector, quarter, vintage.
-- Parameters: $rows.
SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, o.vintage, o.source
FROM observations AS o
JOIN indicators AS i ON i.code = o.indicator AND i.kind = 'level'
WHERE o.unit_code IN (SELECT code FROM units WHERE level = 'commune')
ORDER BY o.unit_code, o.indicator, o.sector_code, o.year, o.quarter, o.vintage
LIMIT $rows;
