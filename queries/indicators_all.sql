-- Every indicator with its kind and measure unit, in display order. Parameters: none.
SELECT code, name_vi, name_en, kind, measure_unit_vi, measure_unit_en, sort_order
FROM indicators ORDER BY sort_order;
