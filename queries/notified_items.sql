-- The status and gap each flagged-or-not item was last notified at (the baseline a load is compared with).
-- One row per item: item_kind, item_code, year, quarter, status, gap_pp. Parameters: none.
SELECT item_kind, item_code, year, quarter, status, gap_pp FROM notified_items ORDER BY item_kind, item_code;
