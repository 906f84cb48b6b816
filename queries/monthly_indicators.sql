-- One row per monthly indicator: code, names, measure units, in display order. Parameters: none.
SELECT code, name_vi, name_en, measure_unit_vi, measure_unit_en, sort_order
FROM monthly_indicators
ORDER BY sort_order, code;
