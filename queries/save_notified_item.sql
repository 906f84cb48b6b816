-- Remember an item's status and gap as notified (the next run compares with it).
-- Parameters: $item_kind, $item_code, $year, $quarter, $status, $gap_pp.
INSERT OR REPLACE INTO notified_items VALUES ($item_kind, $item_code, $year, $quarter, $status, $gap_pp);
