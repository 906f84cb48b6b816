-- The owner in force of each unit and sector: its newest change. One row per item: item_kind, item_code, owner
-- (the owning body's code), body, leader_title, leader_name, email, synthetic, changed_by, changed_at.
-- Parameters: none.
SELECT item_kind, item_code, owner, body, leader_title, leader_name, email, synthetic, changed_by, changed_at
FROM owner_changes
QUALIFY row_number() OVER (PARTITION BY item_kind, item_code ORDER BY change_id DESC) = 1
ORDER BY item_kind, item_code;
