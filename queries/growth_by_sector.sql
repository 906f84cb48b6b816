-- One row per sector that the indicator has for the unit around the as-of quarter:
-- levels of the quarter and of the year to date (this year and the same period of
-- last year), growth, growth of the previous quarter's year to date (for the
-- trend), contribution in percentage points and share of the increase, on the
-- bases the unit's publisher uses (publisher_conventions, data/conventions.csv;
-- the province's default when no row applies): contribution_base 'grdp' = points
-- of GRDP growth (increase over last year's TOTAL; components and TAX add up to
-- growth), 'value_added' = points of the growth of total value added (increase
-- over last year's KV1+KV2+KV3; TAX and TOTAL get NULL); share_base 'value_added'
-- = of the KV1+KV2+KV3 increase (KV1-KV3 and their sections and divisions; TAX and
-- TOTAL get NULL), 'grdp' = of the GRDP increase (TAX included, TOTAL NULL).
-- Every row carries the two bases.
-- Levels come from the period_levels macro (schema.sql): a period with a missing
-- quarter gives NULL, never a partial sum.
-- Parameters: $indicator, $unit, $year, $quarter, $vintage ('latest' | 'first').
WITH levels AS (
    SELECT * EXCLUDE (unit_code)
    FROM period_levels($vintage, $indicator, $year, $quarter)
    WHERE unit_code = $unit
),
tree AS (
    -- the top-level component (KV1, KV2, KV3, TAX) each sector, section or division belongs to
    SELECT s.code, s.parent_code, s.sort_order,
           CASE WHEN s.parent_code = 'TOTAL' THEN s.code
                WHEN p.parent_code = 'TOTAL' THEN p.code
                WHEN g.parent_code = 'TOTAL' THEN g.code END AS component
    FROM sectors AS s LEFT JOIN sectors AS p ON p.code = s.parent_code
    LEFT JOIN sectors AS g ON g.code = p.parent_code
),
convention AS (
    -- the unit's own row, else the indicator's, else '*'; the province's default without any
    SELECT coalesce(max(contribution_base), 'grdp') AS contribution_base,
           coalesce(max(share_base), 'value_added') AS share_base
    FROM (SELECT contribution_base, share_base FROM publisher_conventions
          WHERE indicator IN ($indicator, '*') AND unit_code IN ($unit, '*')
          ORDER BY unit_code = '*', indicator = '*' LIMIT 1)
),
joined AS (
    SELECT t.code AS sector_code, t.parent_code, t.component, t.sort_order, l.*
        EXCLUDE (sector_code),
        l.quarter_level - l.quarter_level_prev AS quarter_increase,
        l.ytd_level - l.ytd_level_prev AS ytd_increase
    FROM levels AS l JOIN tree AS t ON t.code = l.sector_code
),
totals AS (
    -- last year's level and this year's increase of GRDP (TOTAL, or the sum of its
    -- components when the file has no TOTAL row) and of value added (KV1-KV3)
    SELECT
        coalesce(max(quarter_level_prev) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(quarter_level_prev) FILTER (WHERE parent_code = 'TOTAL')) AS grdp_quarter_prev,
        coalesce(max(ytd_level_prev) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(ytd_level_prev) FILTER (WHERE parent_code = 'TOTAL')) AS grdp_ytd_prev,
        coalesce(max(quarter_increase) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(quarter_increase) FILTER (WHERE parent_code = 'TOTAL')) AS grdp_quarter_increase,
        coalesce(max(ytd_increase) FILTER (WHERE sector_code = 'TOTAL'),
                 sum(ytd_increase) FILTER (WHERE parent_code = 'TOTAL')) AS grdp_ytd_increase,
        sum(quarter_level_prev) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_quarter_prev,
        sum(ytd_level_prev) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_ytd_prev,
        sum(quarter_increase) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_quarter_increase,
        sum(ytd_increase) FILTER (WHERE sector_code IN ('KV1', 'KV2', 'KV3')) AS va_ytd_increase
    FROM joined
),
base AS (
    -- the denominators the convention names, and which components they cover
    SELECT c.contribution_base, c.share_base,
           CASE c.contribution_base WHEN 'grdp' THEN t.grdp_quarter_prev ELSE t.va_quarter_prev END
               AS contribution_quarter_base,
           CASE c.contribution_base WHEN 'grdp' THEN t.grdp_ytd_prev ELSE t.va_ytd_prev END AS contribution_ytd_base,
           CASE c.share_base WHEN 'grdp' THEN t.grdp_quarter_increase ELSE t.va_quarter_increase END
               AS share_quarter_base,
           CASE c.share_base WHEN 'grdp' THEN t.grdp_ytd_increase ELSE t.va_ytd_increase END AS share_ytd_base
    FROM totals AS t CROSS JOIN convention AS c
),
covered AS (
    -- whether a row has a contribution (value added: KV1-KV3 and below; GRDP: TAX and TOTAL too) and a share
    -- (value added: KV1-KV3 and below; GRDP: TAX too)
    SELECT j.*, b.*,
           j.component IN ('KV1', 'KV2', 'KV3')
               OR (b.contribution_base = 'grdp' AND (j.component = 'TAX' OR j.sector_code = 'TOTAL'))
               AS has_contribution,
           j.component IN ('KV1', 'KV2', 'KV3') OR (b.share_base = 'grdp' AND j.component = 'TAX') AS has_share
    FROM joined AS j CROSS JOIN base AS b
)
SELECT
    sector_code, parent_code, component, sort_order,
    quarter_level, quarter_level_prev, ytd_level, ytd_level_prev,
    annual_level_prev, annual_level_prev - ytd_level_prev AS rest_level_prev,
    quarter_level / nullif(quarter_level_prev, 0) * 100 - 100 AS quarter_growth_pct,
    ytd_level / nullif(ytd_level_prev, 0) * 100 - 100 AS ytd_growth_pct,
    prev_ytd_level / nullif(prev_ytd_level_prev, 0) * 100 - 100 AS prev_ytd_growth_pct,
    CASE WHEN has_contribution
        THEN quarter_increase / nullif(contribution_quarter_base, 0) * 100 END AS quarter_contribution_pp,
    CASE WHEN has_contribution
        THEN ytd_increase / nullif(contribution_ytd_base, 0) * 100 END AS ytd_contribution_pp,
    CASE WHEN has_share
        THEN quarter_increase / nullif(share_quarter_base, 0) * 100 END AS quarter_share_of_increase_pct,
    CASE WHEN has_share
        THEN ytd_increase / nullif(share_ytd_base, 0) * 100 END AS ytd_share_of_increase_pct,
    contribution_base, share_base
FROM covered
ORDER BY sort_order;
