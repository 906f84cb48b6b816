-- One row per sector with its parent (the sector tree). Parameters: none.
SELECT code, parent_code FROM sectors ORDER BY sort_order;
