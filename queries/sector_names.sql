-- The sector tree with names, in display order. Parameters: none.
SELECT code, name_vi, name_en, parent_code, sort_order FROM sectors ORDER BY sort_order;
