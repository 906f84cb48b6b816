-- One row per sector that the indicator has for the unit around the as-of quarter:
-- levels of the quarter and of the year to date (this year and the same period of
-- last year), growth, growth of the previous quarter's year to date (for the
-- trend), contribution in percentage points of total growth and share of the
-- value-added increase (KV1-KV3 and their sections; TAX and TOTAL get NULL).
-- Levels come from the period_levels macro (schema.sql): a period with a missing
-- quarter gives NULL, never a partial sum.
-- Parameters: $indicator, $unit, $year, $quarter, $vintage ('latest' | 'first').
WITH levels AS (
    SELECT * EXCLUDE (unit_code)
    FROM period_levels($vintage, $indicator, $year, $quarter)
    WHERE unit_code = $unit
),
tree AS (
    -- the top-level component (KV1, KV2, KV3, TAX) each sector belongs to
    SELECT s.code, s.parent_code, s.sort_order,
           CASE WHEN s.parent_code = 'TOTAL' THEN s.code
                WHEN p.parent_code = 'TOTAL' THEN p.code END AS component
    FROM sectors AS s LEFT JOIN sectors AS p ON p.code = s.parent_code
),
joined AS (
    SELECT t.code AS sector_code, t.parent_code, t.component, t.sort_order, l.*
        EXCLUDE (sector_code),
        l.quarter_level - l.quarter_level_prev AS quarter_increase,
        l.ytd_level - l.ytd_level_prev AS ytd_increase
    FROM levels AS l JOIN tree AS t ON t.code = l.sector_code
),
base AS (
    -- denominators: last year's TOTAL (or the sum of its components when the
    -- file has no TOTAL row) and the value-added increase of KV1-KV3
    SELECT
        coalesce(max(quarter_level_prev) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(quarter_level_prev) FILTER (WHERE parent_code = 'TOTAL')) AS total_quarter_prev,
        coalesce(max(ytd_level_prev) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(ytd_level_prev) FILTER (WHERE parent_code = 'TOTAL')) AS total_ytd_prev,
        sum(quarter_increase) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_quarter_increase,
        sum(ytd_increase) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_ytd_increase
    FROM joined
)
SELECT
    j.sector_code, j.parent_code, j.component, j.sort_order,
    j.quarter_level, j.quarter_level_prev, j.ytd_level, j.ytd_level_prev,
    j.annual_level_prev, j.annual_level_prev - j.ytd_level_prev AS rest_level_prev,
    j.quarter_level / nullif(j.quarter_level_prev, 0) * 100 - 100 AS quarter_growth_pct,
    j.ytd_level / nullif(j.ytd_level_prev, 0) * 100 - 100 AS ytd_growth_pct,
    j.prev_ytd_level / nullif(j.prev_ytd_level_prev, 0) * 100 - 100 AS prev_ytd_growth_pct,
    j.quarter_increase / nullif(b.total_quarter_prev, 0) * 100 AS quarter_contribution_pp,
    j.ytd_increase / nullif(b.total_ytd_prev, 0) * 100 AS ytd_contribution_pp,
    CASE WHEN j.component IN ('KV1', 'KV2', 'KV3')
        THEN j.quarter_increase / nullif(b.va_quarter_increase, 0) * 100 END AS quarter_share_of_increase_pct,
    CASE WHEN j.component IN ('KV1', 'KV2', 'KV3')
        THEN j.ytd_increase / nullif(b.va_ytd_increase, 0) * 100 END AS ytd_share_of_increase_pct
FROM joined AS j CROSS JOIN base AS b
ORDER BY j.sort_order;
