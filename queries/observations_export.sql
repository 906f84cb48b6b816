-- One row per figure in force for one quarter (the highest vintage from the newest batch, as the dashboard
-- shows it: obs_in_force('latest')), in the upload format: indicator, unit_code, sector_code, year, quarter,
-- value, vintage, source. A NULL $indicator or $unit means every indicator or every unit. Ordered as the
-- indicators are, the province first, then the units by code, the sectors in the tree's order.
-- Parameters: $year, $quarter, $indicator (or NULL), $unit (or NULL).
SELECT o.indicator, o.unit_code, o.sector_code, o.year, o.quarter, o.value, o.vintage, b.source
FROM obs_in_force('latest') AS o
JOIN observations AS b USING (indicator, unit_code, sector_code, year, quarter, vintage, batch_id)
LEFT JOIN indicators AS i ON i.code = o.indicator
LEFT JOIN sectors AS s ON s.code = o.sector_code
WHERE o.year = $year AND o.quarter = $quarter
  AND ($indicator IS NULL OR o.indicator = $indicator)
  AND ($unit IS NULL OR o.unit_code = $unit)
ORDER BY i.sort_order, o.indicator, o.unit_code != '22', o.unit_code, s.sort_order, o.sector_code;
