-- Every recorded change of owners, newest first; one row per change (who answered for an item from when, and
-- who recorded it). Parameters: $item_kind, $item_code (NULL for every item).
SELECT change_id, item_kind, item_code, owner, body, leader_title, leader_name, email, synthetic, file_name,
       changed_by, changed_at
FROM owner_changes
WHERE ($item_kind IS NULL OR item_kind = $item_kind) AND ($item_code IS NULL OR item_code = $item_code)
ORDER BY change_id DESC;
