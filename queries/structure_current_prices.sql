-- One row per top-level component (KV1, KV2, KV3, TAX) of a unit: its level at
-- current prices for the year to date of the as-of quarter and the same period
-- of last year, and its share of the total in each (the economy's structure).
-- A component missing a quarter of the period gives NULL.
-- Parameters: $indicator (a current-price indicator, e.g. GRDP_CURRENT), $unit, $year, $quarter, $vintage.
WITH l AS (
    SELECT p.sector_code, s.sort_order, p.ytd_level, p.ytd_level_prev
    FROM period_levels($vintage, $indicator, $year, $quarter) AS p
    JOIN sectors AS s ON s.code = p.sector_code
    WHERE p.unit_code = $unit AND s.parent_code = 'TOTAL'
)
SELECT sector_code, ytd_level, ytd_level_prev,
       ytd_level / nullif(sum(ytd_level) OVER (), 0) * 100 AS share_pct,
       ytd_level_prev / nullif(sum(ytd_level_prev) OVER (), 0) * 100 AS share_prev_pct
FROM l
ORDER BY sort_order;
